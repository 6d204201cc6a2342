"""Typed settings of a DataIntegration, rendered with the API's member names."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ScheduleConfig:
    """How often, and from when, the source object is pulled."""

    schedule_expression: str
    object: str | None = None
    first_execution_from: str | None = None

    def render(self) -> dict[str, Any]:
        """The ScheduleConfig property."""
        rendered = {
            "ScheduleExpression": self.schedule_expression,
            "Object": self.object,
            "FirstExecutionFrom": self.first_execution_from,
        }
        return {k: v for k, v in rendered.items() if v is not None}


@dataclass(frozen=True)
class FileConfiguration:
    """The folders to pull files from, recursively, and optional filters."""

    folders: Sequence[str]
    filters: Mapping[str, Sequence[str]] | None = None

    def render(self) -> dict[str, Any]:
        """The FileConfiguration property."""
        rendered: dict[str, Any] = {"Folders": list(self.folders)}
        if self.filters is not None:
            rendered["Filters"] = {k: list(v) for k, v in self.filters.items()}
        return rendered
