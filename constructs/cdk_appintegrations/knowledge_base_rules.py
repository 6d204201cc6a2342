"""What CloudFormation accepts in a knowledge base's, an assistant's and an integration association's properties.

Mirrored from the registry schemas of AWS::Wisdom::KnowledgeBase, AWS::Wisdom::Assistant and
AWS::Connect::IntegrationAssociation; tests/unit/test_knowledge_base.py checks the mirror against the schemas
that cfn-lint bundles. Also the fields a knowledge base needs of a DataIntegration's objects, warned of at the
DataIntegration. Literal values only: tokens are skipped.
"""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from .environment import Environment
from .tokens import is_unresolved

# Name and Description of a Wisdom KnowledgeBase and Assistant: 1 to 255 characters, the first one of these.
TEXT_MIN = 1
TEXT_MAX = 255
TEXT_PATTERN = r"^[a-zA-Z0-9\s_.,-]+"
# ObjectFields of a knowledge base's AppIntegrations source.
OBJECT_FIELDS_MIN = 1
OBJECT_FIELDS_MAX = 100
OBJECT_FIELD_MAX = 4096
# InstanceId of a Connect IntegrationAssociation: the instance's ARN.
INSTANCE_ARN_MAX = 100
INSTANCE_ARN_PATTERN = r"^arn:aws[-a-z0-9]*:connect:[-a-z0-9]*:[0-9]{12}:instance/[-a-zA-Z0-9]*$"
# Tags of a Wisdom KnowledgeBase and Assistant.
TAG_KEY_MAX = 128
TAG_KEY_PATTERN = r"^(?!aws:)[a-zA-Z+-=._:/]+$"
TAG_VALUE_MAX = 256
# The fields an Amazon Q in Connect knowledge base requires of each connector's objects.
KNOWLEDGE_BASE_FIELDS = {
    "salesforce": ("Id", "ArticleNumber", "VersionNumber", "Title", "PublishStatus", "IsDeleted"),
    "servicenow": ("number", "short_description", "sys_mod_count", "workflow_state", "active"),
    "zendesk": ("id", "title", "updated_at", "draft"),
}
# The region and account of a literal AppIntegrations data-integration ARN.
_DATA_INTEGRATION_ARN = re.compile(r"^arn:[\w-]+:app-integrations:(?P<region>[\w-]+):(?P<account>\d{12}):")


def text_problems(prop: str, value: str | None) -> list[str]:
    """Why a Wisdom Name or Description is refused, naming the construct property."""
    if value is None or is_unresolved(value):
        return []
    if not TEXT_MIN <= len(value) <= TEXT_MAX:
        return [f"{prop}: must be {TEXT_MIN} to {TEXT_MAX} characters, got {len(value)}"]
    if not re.search(TEXT_PATTERN, value):
        return [f"{prop}: must match {TEXT_PATTERN}, got {value!r}"]
    return []


def object_fields_problems(fields: Sequence[str] | None) -> list[str]:
    """Why a knowledge base's object fields are refused."""
    if fields is None or is_unresolved(fields):
        return []
    if not OBJECT_FIELDS_MIN <= len(fields) <= OBJECT_FIELDS_MAX:
        return [f"object_fields: must be {OBJECT_FIELDS_MIN} to {OBJECT_FIELDS_MAX} fields, got {len(fields)}"]
    return [
        f"object_fields[{i}]: must be 1 to {OBJECT_FIELD_MAX} characters, got {len(field)}"
        for i, field in enumerate(fields)
        if not is_unresolved(field) and not 1 <= len(field) <= OBJECT_FIELD_MAX
    ]


def instance_arn_problems(arn: str | None) -> list[str]:
    """Why an Amazon Connect instance ARN is refused."""
    if arn is None or is_unresolved(arn):
        return []
    if len(arn) > INSTANCE_ARN_MAX or not re.search(INSTANCE_ARN_PATTERN, arn):
        return [f"connect_instance_arn: must be an instance ARN of at most {INSTANCE_ARN_MAX} characters, got {arn!r}"]
    return []


def tag_problems(tags: Mapping[str, str] | None) -> list[str]:
    """Why a knowledge base's or an assistant's tag is refused."""
    found = []
    for key, value in (tags or {}).items():
        if is_unresolved(key):
            continue
        if not 1 <= len(key) <= TAG_KEY_MAX or not re.search(TAG_KEY_PATTERN, key):
            found.append(f"tags[{key!r}]: key must be 1 to {TAG_KEY_MAX} characters matching {TAG_KEY_PATTERN}")
        if not is_unresolved(value) and not 1 <= len(value) <= TAG_VALUE_MAX:
            found.append(f"tags[{key!r}]: value must be 1 to {TAG_VALUE_MAX} characters, got {len(value)}")
    return found


def object_fields_warnings(fields: Sequence[str] | None, pulled: Sequence[str] | None, source: str) -> list[str]:
    """Object fields that the DataIntegration does not pull, when both are literal."""
    if fields is None or pulled is None or is_unresolved(fields):
        return []
    missing = [field for field in fields if not is_unresolved(field) and field not in pulled]
    if not missing:
        return []
    return [
        f"object_fields: the DataIntegration {source} does not pull {', '.join(missing)}; its object_configuration "
        f"has {', '.join(pulled)}"
    ]


def environment_warnings(arn: str, data_integration: Environment, knowledge_base: Environment) -> list[str]:
    """A DataIntegration of another literal account or region than the knowledge base's.

    A warning, not an error: the Amazon Q in Connect API reference and its model say nothing of where the
    AppIntegrations DataIntegration of appIntegrationArn may be.
    """
    literal = None if is_unresolved(arn) else _DATA_INTEGRATION_ARN.match(arn)
    source = Environment(literal["account"], literal["region"]) if literal else data_integration
    if source.may_be(knowledge_base):
        return []
    return [
        f"data_integration: it is in account {source.account or 'any'}, region {source.region or 'any'}, the "
        f"knowledge base in account {knowledge_base.account or 'any'}, region {knowledge_base.region or 'any'}; "
        "the Amazon Q in Connect documentation does not say a knowledge base may read a DataIntegration of another "
        "account or region"
    ]


def knowledge_base_warnings(connector: str, object_configuration: Mapping[str, Any] | None) -> list[str]:
    """Fields a Q in Connect knowledge base needs from each object of this connector, where they are missing."""
    needed = KNOWLEDGE_BASE_FIELDS.get(connector.lower())
    if not needed or not object_configuration or is_unresolved(object_configuration):
        return []
    warnings = []
    for name, fields in object_configuration.items():
        listed = {field for values in fields.values() for field in values}
        missing = [field for field in needed if field not in listed]
        if missing:
            warnings.append(
                f"object_configuration[{name!r}]: a {connector} knowledge base needs the fields "
                f"{', '.join(needed)}; missing {', '.join(missing)}"
            )
    return warnings
