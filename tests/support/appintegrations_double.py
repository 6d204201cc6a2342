"""A faithful AppIntegrations double: the rest-json protocol on loopback, in memory.

moto has no AppIntegrations backend. This double answers the operations the handler
uses the way the service does: it enforces every constraint of the botocore model
server-side (InvalidRequestException), name uniqueness (DuplicateResourceException),
ClientToken idempotency, ResourceNotFoundException, tag rules, and the refusal to
delete a DataIntegration that still has an association, which ListDataIntegrationAssociations lists.

On the same port it serves CloudFormation's DescribeStackResource too (cloudformation_double.py).

moto 5.2.5 has no AppFlow backend either. On the same port the double answers the one AppFlow call of the
handler, DescribeConnectorProfiles, by botocore's appflow model (ValidationException for a broken
constraint), from connector profiles of its own: `AppFlow`, with the tests' default profile in it.
"""

import json
import re
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import botocore.session
from botocore import xform_name
from botocore.model import ServiceModel, StructureShape
from cloudformation_double import StackResources
from constants import ACCOUNT, PROFILE, REGION

from cdk_appintegrations.model import Step, Violation, service_model, violations

PAGE_SIZE = 10  # the List operations answer in pages
# The longest a gated call waits: a test that forgets to open its gate fails instead of hanging.
GATE_LIMIT_S = 30.0

APPINTEGRATIONS, APPFLOW = "appintegrations", "appflow"
# (service, HTTP method, path pattern) -> operation; path labels are named groups.
ROUTES = [
    (APPINTEGRATIONS, "POST", r"/dataIntegrations", "CreateDataIntegration"),
    (APPINTEGRATIONS, "GET", r"/dataIntegrations", "ListDataIntegrations"),
    (APPINTEGRATIONS, "GET", r"/dataIntegrations/(?P<Identifier>[^/]*)", "GetDataIntegration"),
    (
        APPINTEGRATIONS,
        "GET",
        r"/dataIntegrations/(?P<Identifier>[^/]*)/associations",
        "ListDataIntegrationAssociations",
    ),
    (APPINTEGRATIONS, "PATCH", r"/dataIntegrations/(?P<Identifier>[^/]*)", "UpdateDataIntegration"),
    (APPINTEGRATIONS, "DELETE", r"/dataIntegrations/(?P<Identifier>[^/]*)", "DeleteDataIntegration"),
    (APPINTEGRATIONS, "POST", r"/tags/(?P<resourceArn>.*)", "TagResource"),
    (APPINTEGRATIONS, "DELETE", r"/tags/(?P<resourceArn>.*)", "UntagResource"),
    (APPINTEGRATIONS, "GET", r"/tags/(?P<resourceArn>.*)", "ListTagsForResource"),
    (APPFLOW, "POST", r"/describe-connector-profiles", "DescribeConnectorProfiles"),
]
# How each service answers a request that breaks its model's constraints.
INVALID = {APPINTEGRATIONS: "InvalidRequestException", APPFLOW: "ValidationException"}


class ServiceError(Exception):
    """An error the service answers with: its code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Fault:
    """An error to answer instead of the next `times` calls of an operation (any when None)."""

    code: str
    times: int
    operation: str | None = None


@dataclass
class Hold:
    """An answer held back this long after the operation took effect (of one operation, or any when None)."""

    seconds: float
    operation: str | None = None


@dataclass
class Gate:
    """Calls of an operation wait here before they take effect, until it opens: by hand, or once a call of
    another operation (until) has been answered."""

    operation: str
    until: str | None = None
    opened: threading.Event = field(default_factory=threading.Event)
    waiting: int = 0


@dataclass
class TokenBucket:
    """The service's request rate: rate tokens a second, up to burst; a call without a token is throttled."""

    rate: float
    burst: int
    tokens: float = 0.0
    at: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.tokens = float(self.burst)

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(float(self.burst), self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


@dataclass
class State:
    """What the double holds: DataIntegrations by Id, tokens, associations by DataIntegration Id, calls, faults."""

    integrations: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens: dict[str, tuple[str, str]] = field(default_factory=dict)
    associations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    bucket: TokenBucket | None = None
    throttled: int = 0
    stalls: list[float] = field(default_factory=list)
    holds: list[Hold] = field(default_factory=list)
    gates: list[Gate] = field(default_factory=list)


class AppFlow:
    """AppFlow's DescribeConnectorProfiles over connector profiles by name; its calls and faults apart."""

    def __init__(self) -> None:
        self.profiles: dict[str, dict[str, Any]] = {}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.faults: list[Fault] = []
        self._lock = threading.Lock()
        self.profile(PROFILE, "Salesforce")

    def profile(self, name: str, connector_type: str, label: str | None = None) -> dict[str, Any]:
        """A connector profile, as DescribeConnectorProfiles describes it."""
        created = time.time()
        record = {
            "connectorProfileArn": f"arn:aws:appflow:{REGION}:{ACCOUNT}:connectorprofile/{name}",
            "connectorProfileName": name,
            "connectorType": connector_type,
            **({"connectorLabel": label} if label else {}),
            "connectionMode": "Public",
            "createdAt": created,
            "lastUpdatedAt": created,
        }
        self.profiles[name] = record
        return record

    def fail(self, code: str, times: int = 1) -> None:
        """Answer the next `times` calls with this error."""
        self.faults.append(Fault(code, times))

    def call(self, name: str, request: dict[str, Any]) -> dict[str, Any]:
        """Answer one operation, or raise ServiceError."""
        with self._lock:
            self.calls.append((name, request))
            _injected(self.faults, name)
            found = list(violations(operation_input(APPFLOW, name), request))
            if found:
                raise ServiceError(INVALID[APPFLOW], validation_message(found))
            names, label = request.get("connectorProfileNames"), request.get("connectorLabel")
            profiles = [
                p
                for p in self.profiles.values()
                if (not names or p["connectorProfileName"] in names)
                and request.get("connectorType") in (None, p["connectorType"])
                and label in (None, p.get("connectorLabel"))
            ]
            return _page("connectorProfileDetails", profiles, request, "nextToken", "maxResults", INVALID[APPFLOW])


class AppIntegrationsDouble:
    """The service's behaviour over a State, and AppFlow's over its profiles; `serve()` puts both on loopback."""

    def __init__(self) -> None:
        self.state = State()
        self.appflow = AppFlow()
        self.stacks = StackResources()
        self._lock = threading.Lock()

    # --- what tests look at and arrange -------------------------------------------------------
    def operations(self) -> list[str]:
        """The operations called so far, in order."""
        return [name for name, _ in self.state.calls]

    def associate(
        self, data_integration_id: str, client_id: str | None = None, destination_uri: str | None = None
    ) -> dict[str, Any]:
        """Give a DataIntegration an association, as a knowledge base would: its summary, as the service lists it.

        The client id names who holds it; by default a Q in Connect knowledge base of its own. With a destination
        URI and no client id it is an export's, such as a Customer Profiles bulk export: the model's
        DataIntegrationAssociationSummary has a DestinationURI beside the ClientId, and no operation of the API
        deletes an association.
        """
        with self._lock:
            holder = client_id or f"arn:aws:wisdom:{REGION}:{ACCOUNT}:knowledge-base/{uuid.uuid4()}"
            summary = {
                "DataIntegrationAssociationArn": (
                    f"arn:aws:app-integrations:{REGION}:{ACCOUNT}:data-integration-association/"
                    f"{data_integration_id}/{uuid.uuid4()}"
                ),
                "DataIntegrationArn": arn(data_integration_id),
                **({"DestinationURI": destination_uri} if destination_uri else {"ClientId": holder}),
            }
            self.state.associations.setdefault(data_integration_id, []).append(summary)
            return summary

    def dissociate(self, data_integration_id: str, client_id: str) -> None:
        """Remove the associations a holder has with a DataIntegration, as deleting a knowledge base does."""
        with self._lock:
            held = self.state.associations.get(data_integration_id, [])
            held[:] = [summary for summary in held if summary["ClientId"] != client_id]

    def fail(self, code: str, times: int = 1, operation_name: str | None = None) -> None:
        """Answer the next `times` calls (of one operation, or any) with this error."""
        self.state.faults.append(Fault(code, times, operation_name))

    def existing(self, **request: Any) -> dict[str, Any]:
        """A DataIntegration made before, outside the test: its record."""
        with self._lock:
            return self._create_data_integration(request)

    def throttle(self, rate: float, burst: int) -> None:
        """Throttle every operation beyond rate calls a second, with bursts of up to burst."""
        self.state.bucket = TokenBucket(rate, burst)

    def stall(self, seconds: float, times: int = 1) -> None:
        """Hold the next `times` calls this long before answering them."""
        self.state.stalls.extend([seconds] * times)

    def hold(self, seconds: float, operation_name: str | None = None) -> None:
        """Carry out the next call (of one operation, or any), then hold its answer this long.

        The operation takes effect; the caller hears of it only after its deadline, if at all.
        """
        self.state.holds.append(Hold(seconds, operation_name))

    def gate(self, operation_name: str, until: str | None = None) -> Gate:
        """Hold the calls of an operation before they take effect until the gate opens: by hand
        (``gate.opened.set()``), or once a call of the operation named until has been answered."""
        gate = Gate(operation_name, until)
        self.state.gates.append(gate)
        return gate

    def tag_as_another(self, data_integration_id: str, tags: dict[str, str]) -> None:
        """Tag a DataIntegration as another principal does, outside the handler's calls.

        Amazon Connect tags what a knowledge base attaches (AmazonConnectEnabled), and organisations tag
        through tag policies: the handler is not the only writer of a DataIntegration's tags.
        """
        with self._lock:
            self.state.integrations[data_integration_id]["Tags"].update(tags)

    # --- the service ----------------------------------------------------------------------------
    def call(self, name: str, request: dict[str, Any]) -> dict[str, Any]:
        """Answer one operation, or raise ServiceError."""
        with self._lock:
            delay = self.state.stalls.pop(0) if self.state.stalls else 0.0
            gates = [g for g in self.state.gates if g.operation == name and not g.opened.is_set()]
            for gate in gates:
                gate.waiting += 1
        time.sleep(delay)
        for gate in gates:
            gate.opened.wait(GATE_LIMIT_S)
        try:
            return self._carry_out(name, request)
        finally:
            for gate in self.state.gates:
                if gate.until == name:
                    gate.opened.set()

    def _carry_out(self, name: str, request: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self.state.calls.append((name, request))
            if self.state.bucket is not None and not self.state.bucket.take():
                self.state.throttled += 1
                raise ServiceError("ThrottlingException", "Rate exceeded")
            _injected(self.state.faults, name)
            found = list(violations(operation_input(APPINTEGRATIONS, name), request))
            if found:
                raise ServiceError(INVALID[APPINTEGRATIONS], validation_message(found))
            result: dict[str, Any] = getattr(self, "_" + xform_name(name))(request)
            held = next((h for h in self.state.holds if h.operation in (None, name)), None)
            if held is not None:
                self.state.holds.remove(held)
        time.sleep(held.seconds if held else 0.0)
        return result

    def _create_data_integration(self, request: dict[str, Any]) -> dict[str, Any]:
        _check_tags(request.get("Tags") or {})
        token = request.get("ClientToken")
        fingerprint = json.dumps({k: v for k, v in request.items() if k != "ClientToken"}, sort_keys=True)
        # The API reference is silent on a token whose DataIntegration was deleted since; the double assumes the
        # worst for the caller, a second DataIntegration, as if the token were new.
        if token and token in self.state.tokens and self.state.tokens[token][1] in self.state.integrations:
            seen, existing = self.state.tokens[token]
            if seen != fingerprint:
                raise ServiceError("InvalidRequestException", "ClientToken was already used with other parameters")
            return _described(self.state.integrations[existing], token)
        if any(di["Name"] == request["Name"] for di in self.state.integrations.values()):
            raise ServiceError("DuplicateResourceException", f"Data integration {request['Name']} already exists")
        new_id = str(uuid.uuid4())
        record = {k: v for k, v in request.items() if k not in ("ClientToken", "ScheduleConfig")}
        if "ScheduleConfig" in request:
            record["ScheduleConfiguration"] = request["ScheduleConfig"]
        record.update(Id=new_id, Arn=arn(new_id), Tags=dict(request.get("Tags") or {}))
        self.state.integrations[new_id] = record
        if token:
            self.state.tokens[token] = (fingerprint, new_id)
        return _described(record, token)

    def _get_data_integration(self, request: dict[str, Any]) -> dict[str, Any]:
        return _described(self._find(request["Identifier"]), None)

    def _list_data_integrations(self, request: dict[str, Any]) -> dict[str, Any]:
        summaries = [
            {k: di[k] for k in ("Arn", "Name", "SourceURI") if k in di} for di in self.state.integrations.values()
        ]
        return _page("DataIntegrations", summaries, request)

    def _list_data_integration_associations(self, request: dict[str, Any]) -> dict[str, Any]:
        record = self._find(request["DataIntegrationIdentifier"])
        return _page("DataIntegrationAssociations", self.state.associations.get(record["Id"], []), request)

    def _update_data_integration(self, request: dict[str, Any]) -> dict[str, Any]:
        record = self._find(request["Identifier"])
        name = request.get("Name")
        if name and any(di["Name"] == name and di is not record for di in self.state.integrations.values()):
            raise ServiceError("InvalidRequestException", f"Data integration {name} already exists")
        for key in ("Name", "Description"):
            if key in request:
                record[key] = request[key]
        return {}

    def _delete_data_integration(self, request: dict[str, Any]) -> dict[str, Any]:
        record = self._find(request["DataIntegrationIdentifier"])
        if self.state.associations.get(record["Id"]):
            raise ServiceError(
                "InvalidRequestException",
                f"Data integration {record['Id']} has associations and cannot be deleted",
            )
        del self.state.integrations[record["Id"]]
        return {}

    def _tag_resource(self, request: dict[str, Any]) -> dict[str, Any]:
        record = self._by_arn(request["resourceArn"])
        _check_tags(request["tags"])
        if len({**record["Tags"], **request["tags"]}) > 200:
            raise ServiceError("InvalidRequestException", "A resource can have at most 200 tags")
        record["Tags"].update(request["tags"])
        return {}

    def _untag_resource(self, request: dict[str, Any]) -> dict[str, Any]:
        record = self._by_arn(request["resourceArn"])
        for key in request["tagKeys"]:
            record["Tags"].pop(key, None)
        return {}

    def _list_tags_for_resource(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"tags": dict(self._by_arn(request["resourceArn"])["Tags"])}

    def _find(self, identifier: str) -> dict[str, Any]:
        for di in self.state.integrations.values():
            if identifier in (di["Id"], di["Arn"], di["Name"]):
                return di
        raise ServiceError("ResourceNotFoundException", f"Data integration {identifier} not found")

    def _by_arn(self, resource_arn: str) -> dict[str, Any]:
        for di in self.state.integrations.values():
            if di["Arn"] == resource_arn:
                return di
        raise ServiceError("ResourceNotFoundException", f"Resource {resource_arn} not found")

    # --- the wire ---------------------------------------------------------------------------------
    @contextmanager
    def serve(self) -> Iterator[str]:
        """Serve on a free loopback port; yields the endpoint URL."""
        server = _Server(
            ("127.0.0.1", 0),
            _handler_for({APPINTEGRATIONS: self.call, APPFLOW: self.appflow.call}, self.stacks.answer),
        )
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A caller that hung up before a held answer came is no error of the double's."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def arn(data_integration_id: str) -> str:
    """The ARN the double gives a DataIntegration."""
    return f"arn:aws:app-integrations:{REGION}:{ACCOUNT}:data-integration/{data_integration_id}"


def validation_message(found: list[Violation]) -> str:
    """The service's wording for failed constraints."""
    details = "; ".join(f"Value at '{_wire_path(v.path)}' failed to satisfy constraint: Member {v.rule}" for v in found)
    return f"{len(found)} validation error{'s' if len(found) > 1 else ''} detected: {details}"


def status_of(code: str, service: str = APPINTEGRATIONS) -> int:
    """The HTTP status the service's model gives an error code; 400 for one it does not model."""
    model = model_of(service)
    if code not in model.shape_names:
        return 400
    status: int = model.shape_for(code).metadata.get("error", {}).get("httpStatusCode", 400)
    return status


@cache
def model_of(service: str) -> ServiceModel:
    """The botocore model of AppIntegrations or AppFlow."""
    return service_model() if service == APPINTEGRATIONS else botocore.session.get_session().get_service_model(service)


def operation_input(service: str, operation: str) -> StructureShape:
    """The request shape of one operation of the service."""
    shape = model_of(service).operation_model(operation).input_shape
    assert shape is not None, operation
    return shape


def _injected(faults: list[Fault], name: str) -> None:
    """Raise the first pending fault for this operation, if any."""
    for fault in faults:
        if fault.times > 0 and fault.operation in (None, name):
            fault.times -= 1
            raise ServiceError(fault.code, f"Injected {fault.code}")


def _check_tags(tags: dict[str, str]) -> None:
    reserved = [k for k in tags if k.lower().startswith("aws:")]
    if reserved:
        raise ServiceError("InvalidRequestException", f"Tag keys must not start with aws: {reserved}")


def _page(
    key: str,
    items: list[dict[str, Any]],
    request: dict[str, Any],
    token_member: str = "NextToken",
    size_member: str = "MaxResults",
    invalid: str = INVALID[APPINTEGRATIONS],
) -> dict[str, Any]:
    """One page of a List answer: so many items from where the token points, and the next token if more."""
    token = request.get(token_member)
    if token is not None and not str(token).isdigit():
        raise ServiceError(invalid, f"Invalid {token_member}")
    start = int(token or 0)
    end = start + int(request.get(size_member) or PAGE_SIZE)
    return {key: items[start:end], **({token_member: str(end)} if end < len(items) else {})}


def _described(record: dict[str, Any], token: str | None) -> dict[str, Any]:
    return {**record, **({"ClientToken": token} if token else {})}


def _wire_path(path: tuple[Step, ...]) -> str:
    parts = [str(step[0]) if isinstance(step, tuple) else str(step) for step in path]
    return ".".join(p[:1].lower() + p[1:] for p in parts)


def _request_of(
    shape: StructureShape, labels: dict[str, str], query: dict[str, list[str]], body: bytes
) -> dict[str, Any]:
    """The operation's input, gathered from path labels, query string and JSON body."""
    request: dict[str, Any] = json.loads(body) if body else {}
    for member_name, member in shape.members.items():
        location = member.serialization.get("location")
        wire = member.serialization.get("name", member_name)
        if location == "uri" and labels.get(wire):  # an empty label is how an absent member goes on the wire
            request[member_name] = unquote(labels[wire])
        elif location == "querystring" and wire in query:
            values = query[wire]
            request[member_name] = values if member.type_name == "list" else _scalar(member.type_name, values[0])
    return request


def _scalar(type_name: str, text: str) -> Any:
    return int(text) if type_name == "integer" and text.lstrip("-").isdigit() else text


def _handler_for(
    calls: dict[str, Callable[[str, dict[str, Any]], dict[str, Any]]], answer: Callable[[bytes], tuple[int, bytes]]
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _answer(self) -> None:
            url = urlsplit(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.command == "POST" and url.path == "/":  # the query protocol: CloudFormation's
                self._reply(*answer(body), "text/xml")
                return
            for service, method, pattern, name in ROUTES:
                match = re.fullmatch(pattern, url.path)
                if method == self.command and match:
                    query = parse_qs(url.query, keep_blank_values=True)
                    try:
                        request = _request_of(operation_input(service, name), match.groupdict(), query, body)
                        self._send(200, calls[service](name, request), None)
                    except ServiceError as error:
                        self._send(status_of(error.code, service), {"Message": error.message}, error.code)
                    return
            self._send(404, {"Message": f"No route for {self.command} {url.path}"}, "UnknownOperationException")

        def _send(self, status: int, payload: dict[str, Any], error_code: str | None) -> None:
            self._reply(status, json.dumps(payload).encode(), "application/json", error_code)

        def _reply(self, status: int, data: bytes, content_type: str, error_code: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            if error_code:
                self.send_header("x-amzn-ErrorType", error_code)
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = do_DELETE = _answer  # noqa: N815 - http.server names them

    return Handler
