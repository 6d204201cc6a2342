"""Typed settings of a DataIntegration, rendered with the API's member names."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aws_cdk import Duration, Token

_UNITS = (("day", 86_400), ("hour", 3_600), ("minute", 60))


@dataclass(frozen=True)
class ScheduleConfig:
    """How often, and from when, the source object is pulled."""

    schedule_expression: str
    object: str | None = None
    first_execution_from: str | None = None

    @classmethod
    def rate(
        cls, every: Duration, *, object: str | None = None, first_execution_from: datetime | None = None
    ) -> "ScheduleConfig":
        """A rate schedule, e.g. ``ScheduleConfig.rate(Duration.hours(1), object="Account")``.

        The rate is a whole number of minutes, hours or days, at least one minute; the first
        execution is a timezone-aware datetime, rendered as epoch milliseconds.
        """
        return cls(_rate_expression(every), object, _epoch_ms(first_execution_from))

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


def _rate_expression(every: Duration) -> str:
    """rate(N unit), in the largest unit that divides the duration exactly."""
    if Token.is_unresolved(every):
        raise ValueError("schedule_config: the rate must be known at synth, not a token")
    seconds = every.to_milliseconds() / 1000
    if seconds < 60 or seconds % 60:
        raise ValueError(
            f"schedule_config: a rate is a whole number of minutes, hours or days, at least 1 minute; "
            f"got {every.to_human_string()}"
        )
    unit, size = next((unit, size) for unit, size in _UNITS if seconds % size == 0)
    count = int(seconds // size)
    return f"rate({count} {unit}{'s' if count > 1 else ''})"


def _epoch_ms(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"schedule_config.first_execution_from: give a timezone-aware datetime, got {moment!r}")
    return str(int(moment.timestamp() * 1000))
