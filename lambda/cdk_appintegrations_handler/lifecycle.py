"""One event, reconciled with what exists: the reads the plans need, then the calls they make.

Before any CreateDataIntegration, the pre-flight checks describe its key and source (preflight.py).
A Create creates, and on a taken name looks the name up and reuses what this resource owns; one that
created asks CloudFormation whether it still waits, and deletes what it made if not (stack.py). An
Update reads the DataIntegration behind its physical id first: when that one already has the
requested create-only values (a rollback answers with it), the Update is in place; otherwise the
requested name is looked up, and reused or created. A Delete goes by physical id, or for a failed
Create's placeholder, by the name and request the placeholder records, and for an id CloudFormation made up,
by the name the properties ask for; one refused for its associations lists them, to name who holds them.
"""

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from .calls import (
    Call,
    Described,
    Plan,
    Response,
    associations_call,
    create_call,
    created,
    delete_call,
    get_call,
    list_call,
)
from .errors import ApiError, PlanError
from .event import Event, Props, is_data_integration_id, properties, request_type
from .naming import name_of
from .ownership import parse_placeholder, placeholder
from .plan import (
    Holders,
    check_replaceable,
    claim,
    held_id,
    holders,
    other_names,
    placeholder_delete,
    rollback_names,
    sweep,
    taken,
    update_in_place,
)
from .preflight import checks
from .reasons import held_by, still_associated
from .stack import GAVE_UP_REASON, gave_up, made_up_delete, stack_resource_call

logger = logging.getLogger(__name__)

# Runs one call and returns its result, or raises ApiError.
Run = Callable[[Call], Any]


def fallback_id(event: Event) -> str:
    """The physical id a failure or a time-out answers: the event's own, or a Create's placeholder."""
    physical_id = event.get("PhysicalResourceId")
    if event.get("RequestType") != "Create" and isinstance(physical_id, str) and physical_id:
        return physical_id
    try:
        return placeholder(event, name_of(event, properties(event)))
    except (PlanError, KeyError, IndexError, TypeError):
        return placeholder(event, None)


def respond(event: Event, run: Run) -> Response:
    """Make the calls the event needs, reading what exists first where a plan depends on it."""
    kind = request_type(event)
    if kind == "Create":
        return _create(event, run)
    if kind == "Update":
        return _update(event, run)
    return _delete(event, run)


def _create(event: Event, run: Run) -> Response:
    props = properties(event)
    _preflight(event, props, run)
    try:
        response = created(run(create_call(event, props)))
    except ApiError as error:
        if error.code != "DuplicateResourceException":
            raise
    else:
        return _unless_given_up(event, response, run)
    return _carried_out(taken(event, props, _named(name_of(event, props), run)), run)


def _update(event: Event, run: Run) -> Response:
    props, old = properties(event), properties(event, "OldResourceProperties")
    physical_id = str(event.get("PhysicalResourceId", ""))
    current = _get(physical_id, run) if is_data_integration_id(physical_id) else None
    if current is not None and (plan := update_in_place(event, props, current)) is not None:
        response = _carried_out(plan, run)
        # A rollback: what a failed attempt at the old properties may have made holds one of their names.
        _run_all(sweep(event, current, _first_named(rollback_names(event, old, current), run)), run)
        return response
    check_replaceable(event, props, current)
    # The replacement is never the resource it replaces, which may hold one of these names (the one
    # without the binding, when only the knowledge base changed).
    existing = _first_named(other_names(event, props, current), run)
    if existing is not None:
        return _carried_out(claim(event, props, existing), run)
    _preflight(event, props, run)
    return created(run(create_call(event, props)))


def _delete(event: Event, run: Run) -> Response:
    physical_id = str(event.get("PhysicalResourceId", ""))
    if is_data_integration_id(physical_id):
        try:
            run(delete_call(physical_id))
        except ApiError as error:
            if not still_associated(error.code, error.message):
                raise
            raise PlanError(held_by(*_holders(physical_id, run, error))) from error
    elif (pending := parse_placeholder(physical_id)) is not None:
        if pending.name:
            _run_all(placeholder_delete(event, _named(pending.name, run)), run)
    else:
        _made_up(event, run)
    return Response(physical_id, {})


def _unless_given_up(event: Event, response: Response, run: Run) -> Response:
    """The Create's response, unless CloudFormation gave up on it meanwhile: then what it made is deleted."""
    described = _stack_resource(event, run)
    if described is not None and gave_up(described):
        logger.warning("CloudFormation gave up on this Create: deleting %s", response.physical_id)
        run(delete_call(response.physical_id))
        raise PlanError(GAVE_UP_REASON)
    return response


def _made_up(event: Event, run: Run) -> None:
    """A Delete of a physical id CloudFormation made up, for a Create it stopped waiting for."""
    props = event.get("ResourceProperties")
    if not isinstance(props, Mapping):
        return
    found = _named(name_of(event, props), run)
    if found is None:
        return
    described = _stack_resource(event, run)
    if described is None:  # unknown whether CloudFormation holds it: it stays
        return
    calls = made_up_delete(event, props, found, described)
    logger.info("Delete of a physical id CloudFormation made up: %d DataIntegration(s) of this resource", len(calls))
    _run_all(calls, run)


def _stack_resource(event: Event, run: Run) -> Mapping[str, Any] | None:
    """What CloudFormation says of the event's logical resource, or None when it cannot be read."""
    try:
        described: Mapping[str, Any] = run(stack_resource_call(event))
    except ApiError as error:
        logger.warning("DescribeStackResource not read, so nothing is decided by it: %s", error)
        return None
    return described


def _preflight(event: Event, props: Props, run: Run) -> None:
    """Fail, before anything is created, on what the checks find; a check whose call fails is left to the service."""
    for check in checks(event, props):
        try:
            described = run(check.call)
        except ApiError as error:
            logger.warning("Pre-flight %s not checked, the service will judge: %s", check.call.operation, error)
            continue
        problem = check.judge(described)
        if problem is not None:
            raise PlanError(problem)


def _carried_out(plan: Plan, run: Run) -> Response:
    _run_all(plan.calls, run)
    return plan.response


def _run_all(calls: Iterable[Call], run: Run) -> None:
    for call in calls:
        run(call)


def _get(data_integration_id: str, run: Run) -> Described | None:
    """The DataIntegration with this Id, or None if it is gone."""
    found: Described = run(get_call(data_integration_id))
    return found or None


def _holders(data_integration_id: str, run: Run, refusal: ApiError) -> Holders:
    """Who holds the DataIntegration's associations; when none can be listed, the refusal stands."""
    try:
        found = holders(run(associations_call(data_integration_id)))
    except ApiError:
        raise refusal from None
    if not (found.clients or found.destinations):
        raise refusal
    return found


def _named(name: str, run: Run) -> Described | None:
    """The DataIntegration with this name, as GetDataIntegration describes it, or None."""
    return _first_named((name,), run)


def _first_named(names: Sequence[str], run: Run) -> Described | None:
    """The DataIntegration holding the first of these names that one holds, or None; no call for no names."""
    if not names:
        return None
    found = held_id(names, run(list_call()))
    return None if found is None else _get(found, run)
