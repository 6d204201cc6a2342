"""Typed settings of a DataIntegration, rendered with the API's member names."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aws_cdk import Duration, Token

from . import prop_types as types

_UNITS = (("day", 86_400), ("hour", 3_600), ("minute", 60))


@dataclass(frozen=True)
class ScheduleConfig:
    r"""How often, and from when, the source object is pulled: a DataIntegration's ``schedule_config``.

    Create-only, like all of it: changing it replaces the DataIntegration. Not with an S3 source.
    ``ScheduleConfig.rate(...)`` builds one from a ``Duration`` and a ``datetime``.

    :param schedule_expression: The schedule (``ScheduleExpression``), 1 to 255 characters: ``rate(<n> <unit>)``,
        the unit minutes, hours, days, weeks or months (``rate(1 hour)``, ``rate(5minutes)``), or ``cron(...)`` with
        six fields; anything else is refused at synth. AppFlow runs it, and documents rates only.
    :param object: The source object to pull (``Object``), 1 to 255 characters matching ``^[a-zA-Z0-9/\._\-]+$``;
        one that the DataIntegration's ``object_configuration`` does not name gets a warning. Default: none.
    :param first_execution_from: When the first execution pulls from (``FirstExecutionFrom``), in epoch
        milliseconds, 1 to 255 characters. Default: none.
    """

    schedule_expression: str
    object: str | None = None
    first_execution_from: str | None = None

    def __post_init__(self) -> None:
        _raise_for(_SCHEDULE_TYPES, self, "schedule_config.")

    @classmethod
    def rate(
        cls, every: Duration, *, object: str | None = None, first_execution_from: datetime | None = None
    ) -> "ScheduleConfig":
        """A rate schedule, e.g. ``ScheduleConfig.rate(Duration.hours(1), object="Account")``.

        :param every: How often: a whole number of minutes, hours or days, at least one minute, known at synth.
            It is written in the largest unit that divides it: ``Duration.minutes(90)`` is ``rate(90 minutes)``,
            ``Duration.hours(24)`` is ``rate(1 day)``.
        :param object: The source object to pull. Default: none.
        :param first_execution_from: When the first execution pulls from, a timezone-aware datetime, rendered as
            epoch milliseconds. Default: none.
        """
        _raise_for(_RATE_TYPES, {"every": every, "first_execution_from": first_execution_from}, "schedule_config.")
        return cls(_rate_expression(every), object, _epoch_ms(first_execution_from))

    def render(self) -> dict[str, Any]:
        """The ``ScheduleConfig`` property, with the API's member names; members not set are left out."""
        rendered = {
            "ScheduleExpression": self.schedule_expression,
            "Object": self.object,
            "FirstExecutionFrom": self.first_execution_from,
        }
        return {k: v for k, v in rendered.items() if v is not None}


@dataclass(frozen=True)
class FileConfiguration:
    r"""The folders to pull files from, recursively, and filters: a DataIntegration's ``file_configuration``.

    Create-only: changing it replaces the DataIntegration. Not with an S3 source; a SharePoint source needs one.

    :param folders: The folders (``Folders``): 1 to 10, each of 1 to 200 characters.
    :param filters: Which files to pull (``Filters``), as ``{key: [field, ...]}``: keys of 1 to 255 characters,
        1 to 2048 fields each, matching ``^[a-zA-Z0-9/\._\-]+$``. Default: none.
    """

    folders: Sequence[str]
    filters: Mapping[str, Sequence[str]] | None = None

    def __post_init__(self) -> None:
        _raise_for(_FILE_TYPES, self, "file_configuration.")

    def render(self) -> dict[str, Any]:
        """The ``FileConfiguration`` property, with the API's member names."""
        rendered: dict[str, Any] = {"Folders": list(self.folders)}
        if self.filters is not None:
            rendered["Filters"] = {k: list(v) for k, v in self.filters.items()}
        return rendered


_SCHEDULE_TYPES: dict[str, types.Check] = {
    "schedule_expression": types.text,
    "object": types.optional(types.text),
    "first_execution_from": types.optional(types.text),
}
_RATE_TYPES: dict[str, types.Check] = {
    "every": types.instance_of(Duration),
    "first_execution_from": types.optional(types.instance_of(datetime)),
}
_FILE_TYPES: dict[str, types.Check] = {"folders": types.texts, "filters": types.optional(types.fields_map)}


def _raise_for(checks: Mapping[str, types.Check], values: Any, prefix: str) -> None:
    """A TypeError naming every prop of the wrong type; values is a mapping or a dataclass."""
    found = types.problems(checks, values if isinstance(values, Mapping) else vars(values), prefix)
    if found:
        raise TypeError("; ".join(found))


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
