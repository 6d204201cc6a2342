"""Short failure reasons for CloudFormation: the cause, and the property to look at."""

from collections.abc import Mapping, Sequence
from typing import Any

from .contract import KMS_KEY, NAME, PROPERTY_NAMES, SOURCE_URI

REASON_MAX = 256
TIMED_OUT = (
    "Timed out: AppIntegrations did not answer before the handler's time ran out; retry the deployment. "
    "The rollback removes what this attempt may have made"
)
_API_NAMES = {
    "create_data_integration": "CreateDataIntegration",
    "update_data_integration": "UpdateDataIntegration",
    "delete_data_integration": "DeleteDataIntegration",
    "tag_resource": "TagResource",
    "untag_resource": "UntagResource",
    "list_data_integrations": "ListDataIntegrations",
    "get_data_integration": "GetDataIntegration",
    "list_data_integration_associations": "ListDataIntegrationAssociations",
    "describe_key": "DescribeKey",
    "get_bucket_location": "GetBucketLocation",
    "describe_connector_profiles": "DescribeConnectorProfiles",
    "describe_stack_resource": "DescribeStackResource",
}
_HELD_HEAD = "DeleteDataIntegration refused: still associated with "
_HELD_TAIL = "; delete those associations (or the knowledge bases or applications holding them) first, then retry"
_EXPORTED_HEAD = "DeleteDataIntegration refused: it exports to "
_EXPORTED_TAIL = (
    ", an association that cannot be deleted or cancelled; keep the data integration: "
    "set removal_policy=RemovalPolicy.RETAIN, deploy, then remove it"
)


def reason(operation: str, params: Mapping[str, Any], code: str, message: str) -> str:
    """The reason for an API error, cut to what CloudFormation shows."""
    api = _API_NAMES.get(operation, operation)
    if code == "DuplicateResourceException":
        text = name_taken(str(params.get(NAME)))
    elif still_associated(code, message):
        text = (
            f"{api} refused: the data integration is still associated (for example with a Q in Connect "
            f"knowledge base); delete that association first, then retry. {message}"
        )
    elif code == "InvalidRequestException":
        text = f"InvalidRequest on {api}: {message}"
    elif code == "ResourceQuotaExceededException":
        text = (
            "ResourceQuotaExceeded: the account's data integration quota is reached; "
            f"delete unused data integrations or ask for a higher quota. {message}"
        )
    elif code == "AccessDeniedException":
        text = (
            f"AccessDenied on {api}: the handler role, or the {KMS_KEY} or {SOURCE_URI} "
            f"it names, does not allow it. {message}"
        )
    elif code == "ThrottlingException":
        text = f"Throttling: {api} was still throttled after retries; retry the deployment. {message}"
    elif code == "InternalServiceError":
        text = f"InternalServiceError: {api} failed after retries; retry the deployment. {message}"
    elif code == "ResourceNotFoundException":
        text = f"ResourceNotFound on {api}: the data integration no longer exists. {message}"
    else:
        text = f"{code} on {api}: {message}"
    return cut(text)


def name_taken(name: str) -> str:
    """The reason a name held by a DataIntegration this resource may not take fails the request."""
    return (
        f"{NAME}: a data integration named {name!r} already exists in this account and region; "
        f"set another {PROPERTY_NAMES[NAME]} or leave it unset"
    )


def still_associated(code: str, message: str) -> bool:
    """True when the service refused because the DataIntegration still has an association."""
    return code == "InvalidRequestException" and "association" in message.lower()


def held_by(clients: Sequence[str], destinations: Sequence[str] = ()) -> str:
    """The reason a Delete is refused, naming who holds the associations: the list is cut, the advice kept.

    An association with a destination and no client (a Customer Profiles export) has no client that could end
    it, and the AppIntegrations API has no call that deletes an association: the data integration can only stay.
    """
    if destinations:
        return _listed(_EXPORTED_HEAD, destinations, _EXPORTED_TAIL)
    return _listed(_HELD_HEAD, clients, _HELD_TAIL)


def _listed(head: str, names: Sequence[str], tail: str) -> str:
    listed = ", ".join(names)
    room = REASON_MAX - len(head) - len(tail)
    return head + (listed if len(listed) <= room else listed[: room - 3] + "...") + tail


def cut(text: str) -> str:
    """Keep the start of a reason, where the cause is, within CloudFormation's limit."""
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 3] + "..."
