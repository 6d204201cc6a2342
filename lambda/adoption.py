"""Adopting an existing DataIntegration of the requested name (opt-in: AdoptExisting "true")."""

from collections.abc import Iterable, Mapping
from typing import Any

from . import contract
from .plan import Call, Event, Plan, PlanError, Response, tag_calls

# Create-only members, and where GetDataIntegration answers with each.
_DESCRIBED_AS = {
    contract.KMS_KEY: contract.KMS_KEY,
    contract.SOURCE_URI: contract.SOURCE_URI,
    contract.SCHEDULE_CONFIG: "ScheduleConfiguration",
    contract.FILE_CONFIGURATION: contract.FILE_CONFIGURATION,
    contract.OBJECT_CONFIGURATION: contract.OBJECT_CONFIGURATION,
}


def named(summaries: Iterable[Mapping[str, Any]], name: str) -> str | None:
    """The Id of the listed DataIntegration with this name, if any."""
    for summary in summaries:
        if summary.get(contract.NAME) == name:
            return str(summary["Arn"]).rsplit("/", 1)[1]
    return None


def adoption(event: Event, existing: Mapping[str, Any]) -> Plan:
    """Adopt the existing DataIntegration when its create-only properties are the requested ones.

    Adopting applies the requested Description and Tags; otherwise it fails naming what differs.
    """
    props = event["ResourceProperties"]
    name, description = existing[contract.NAME], props.get(contract.DESCRIPTION, "")
    differing = [member for member, described in _DESCRIBED_AS.items() if props.get(member) != existing.get(described)]
    if differing:
        raise PlanError(
            f"adopt_existing: the data integration named {name!r} differs in {', '.join(differing)}, "
            "which cannot change; adopt one that matches, or choose another data_integration_name"
        )
    calls: list[Call] = []
    if description != existing.get(contract.DESCRIPTION, ""):
        params = {"Identifier": existing["Id"], contract.NAME: name, contract.DESCRIPTION: description}
        calls.append(Call("update_data_integration", params))
    calls.extend(tag_calls(existing["Arn"], existing.get(contract.TAGS) or {}, props.get(contract.TAGS) or {}))
    data = {contract.ATTR_ARN: existing["Arn"], contract.ATTR_ID: existing["Id"], contract.ATTR_NAME: name}
    return Plan(tuple(calls), Response(existing["Id"], data))
