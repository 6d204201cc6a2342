"""Synth-time checks of a DataIntegration's literal properties; tokens are skipped."""

import re
from collections.abc import Mapping
from typing import Any

from botocore import xform_name

from cdk_appintegrations_handler import contract
from cdk_appintegrations_handler.source_uri import parse

from .model import Step, input_shape, violations
from .tokens import is_unresolved

# API member name -> construct property name, from the contract's table of members.
PROPERTY_NAMES = contract.PROPERTY_NAMES
RESERVED_TAG_PREFIX = "aws:"
_NOT_FOR_S3 = (contract.SCHEDULE_CONFIG, contract.FILE_CONFIGURATION, contract.OBJECT_CONFIGURATION)
_SHOWN_CHARS = 60
# AppIntegrations documents ScheduleExpression only as "How often the data should be pulled from data source"
# (CreateDataIntegration, botocore's appintegrations model) and hands it to the AppFlow flow it creates, whose
# ScheduledTriggerProperties.scheduleExpression is "for example rate(5minutes)" (botocore's appflow model;
# https://docs.aws.amazon.com/appflow/1.0/APIReference/API_ScheduledTriggerProperties.html). Rates are taken with
# or without the blank, in the units of AppFlow's schedule frequencies (ScheduleFrequencyType: BYMINUTE, HOURLY,
# DAILY, WEEKLY, MONTHLY); cron(...) with EventBridge's six fields, which the AppFlow model does not mention, is left
# to the service.
SCHEDULE_SYNTAX = "rate(<n> <minutes|hours|days|weeks|months>) or cron(<6 fields>)"
_SCHEDULE = re.compile(r"rate\( *[1-9][0-9]* *(minute|hour|day|week|month)s? *\)|cron\( *(\S+ +){5}\S+ *\)")


def problems(properties: Mapping[str, Any]) -> list[str]:
    """Every rule the properties break, each naming the construct property."""
    request = input_shape("CreateDataIntegration")
    tags = properties.get(contract.TAGS) or {}
    found = [
        f"{property_path(v.path)}: {v.rule}, got {_shown(v.value)}"
        for member, value in properties.items()
        for v in violations(request.members[member], value, (member,), is_unresolved)
        # tag_problems states the count limit with the handler's owner tag counted: one message for one rule.
        if not (v.path == (contract.TAGS,) and len(tags) > contract.USER_TAGS_MAX)
    ]
    found += tag_problems(tags)
    found += _schedule_problems(properties.get(contract.SCHEDULE_CONFIG))
    found += _empty_object_problems(properties.get(contract.OBJECT_CONFIGURATION))
    source = properties.get(contract.SOURCE_URI)
    # A URI through AppFlow whose profile name is empty, as in Salesforce://AppFlow/.
    if isinstance(source, str) and parse(source).no_profile:
        found.append(f"source_uri: names no AppFlow connector profile, got {source!r}")
    return found


def source_problems(connector: str, properties: Mapping[str, Any]) -> list[str]:
    """The rules of Amazon Q in Connect knowledge-base sources: S3 takes no schedule, file or object
    configuration; SharePoint needs a file configuration."""
    kind = connector.lower()
    if kind == "s3":
        return [
            f"{PROPERTY_NAMES[member]}: an S3 source takes no {PROPERTY_NAMES[member]}"
            for member in _NOT_FOR_S3
            if properties.get(member) is not None
        ]
    if kind.startswith("sharepoint") and properties.get(contract.FILE_CONFIGURATION) is None:
        return ["file_configuration: a SharePoint source needs one, naming the folders to pull"]
    return []


def schedule_warnings(schedule: Mapping[str, Any] | None, object_configuration: Any) -> list[str]:
    """A schedule object that object_configuration does not name, when both are literal.

    A warning, not an error: neither the AppIntegrations API reference nor its model says CreateDataIntegration
    refuses it (ScheduleConfiguration.Object is "The name of the object to pull from the data source").
    """
    name = (schedule or {}).get("Object")
    if not isinstance(name, str) or is_unresolved(name) or not isinstance(object_configuration, Mapping):
        return []
    if name in object_configuration or any(is_unresolved(key) for key in object_configuration):
        return []
    return [
        f"schedule_config.object: {name!r} is not an object of object_configuration "
        f"({', '.join(map(str, object_configuration))}), which configures no field of what the schedule pulls"
    ]


def tag_problems(tags: Mapping[str, Any]) -> list[str]:
    """Tag rules beyond the model's: keys are not in the aws: namespace nor the handler's, and the handler's
    owner tag takes one of the model's 200 places."""
    found = [
        f"tags[{key!r}]: key must not start with {RESERVED_TAG_PREFIX}"
        for key in tags
        if isinstance(key, str) and key.lower().startswith(RESERVED_TAG_PREFIX)
    ]
    found += [f"tags[{key!r}]: the handler writes this tag itself" for key in contract.HANDLER_TAGS if key in tags]
    if len(tags) > contract.USER_TAGS_MAX:
        found.append(f"tags: must have at most {contract.USER_TAGS_MAX} entries, besides the handler's owner tag")
    return found


def _schedule_problems(schedule: Mapping[str, Any] | None) -> list[str]:
    expression = (schedule or {}).get("ScheduleExpression")
    if not isinstance(expression, str) or is_unresolved(expression) or _SCHEDULE.fullmatch(expression):
        return []
    return [f"schedule_config.schedule_expression: must be {SCHEDULE_SYNTAX}, got {_shown(expression)}"]


def _empty_object_problems(object_configuration: Mapping[str, Any] | None) -> list[str]:
    """An object configuration, or an object of it, that names nothing to pull: the model's maps have no minimum."""
    if object_configuration is None:
        return []
    if not object_configuration:
        return ["object_configuration: names no object; name at least one, or leave it out"]
    return [
        f"object_configuration[{name!r}]: names no field; give it at least one key with its fields"
        for name, fields in object_configuration.items()
        if isinstance(fields, Mapping) and not fields
    ]


def read_tag_problems(tags: Mapping[str, Any]) -> list[str]:
    """The tag budget of a DataIntegration a knowledge base reads: the handler writes two tags on it.

    Only the one tag more than this budget allows: beyond USER_TAGS_MAX, the rule of every DataIntegration says so.
    """
    if not contract.READ_USER_TAGS_MAX < len(tags) <= contract.USER_TAGS_MAX:
        return []
    return [
        f"tags: must have at most {contract.READ_USER_TAGS_MAX} entries when a KnowledgeBase reads the "
        f"DataIntegration, besides the handler's {' and '.join(contract.HANDLER_TAGS)} tags, got {len(tags)}"
    ]


def property_path(path: tuple[Step, ...]) -> str:
    """The construct property a model path points at, e.g. schedule_config.object."""
    head, *rest = path
    text = PROPERTY_NAMES[str(head)]
    for step in rest:
        if isinstance(step, int):
            text += f"[{step}]"
        elif isinstance(step, tuple):
            text += f"[{step[0]!r}]"
        else:
            text += "." + xform_name(step)
    return text


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 3] + "..."
