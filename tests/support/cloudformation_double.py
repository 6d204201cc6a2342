"""CloudFormation's DescribeStackResource, answered from what CloudFormation's side of the tests holds.

The handler asks CloudFormation about its own logical resource: a Create that lands after its stack gave up on it
removes what it made, and a Delete of a made-up physical id leaves the DataIntegration the stack holds. botocore's
cloudformation model speaks the query protocol: a form-encoded POST to /, answered in XML.

What a resource shows follows CloudFormation's documented resource statuses
(https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackResourceDetail.html); when another
resource fails while a Create runs, CloudFormation marks it CREATE_FAILED ("Resource creation cancelled"), then
DELETE_IN_PROGRESS, and sends a Delete with a physical id it made up (aws-cloudformation/cloudformation-coverage-
roadmap issue 1814; aws/aws-cdk PR 36951). A resource the model never touched is CREATE_IN_PROGRESS with no
physical id: CloudFormation invokes the handler only while an operation on the resource runs, and a test that
invokes a Create directly stands for one.
"""

import threading
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/"
RESOURCE_TYPE = "Custom::AppIntegrationsDataIntegration"


@dataclass
class StackResource:
    """What DescribeStackResource says of one logical resource."""

    status: str
    physical_id: str | None = None


class StackResources:
    """Resource statuses by stack id and logical id; DescribeStackResource over them, and its calls."""

    def __init__(self) -> None:
        self.resources: dict[tuple[str, str], StackResource] = {}
        self.calls: list[dict[str, str]] = []
        self.denied = False
        self._lock = threading.Lock()

    def show(self, stack_id: str, logical_id: str, status: str, physical_id: str | None = None) -> None:
        """Set what the resource shows from now on."""
        with self._lock:
            self.resources[stack_id, logical_id] = StackResource(status, physical_id)

    def status(self, stack_id: str, logical_id: str) -> StackResource:
        """What the resource shows now."""
        with self._lock:
            return self.resources.get((stack_id, logical_id), StackResource("CREATE_IN_PROGRESS"))

    def answer(self, body: bytes) -> tuple[int, bytes]:
        """One query-protocol request: the HTTP status and the XML answer."""
        request = {key: values[0] for key, values in parse_qs(body.decode()).items()}
        with self._lock:
            self.calls.append(request)
        if request.get("Action") != "DescribeStackResource":
            return _error(400, "InvalidAction", f"{request.get('Action')} is not served here")
        if self.denied:
            return _error(403, "AccessDenied", "not authorized to perform cloudformation:DescribeStackResource")
        stack_id, logical_id = request["StackName"], request["LogicalResourceId"]
        resource = self.status(stack_id, logical_id)
        physical = (
            f"<PhysicalResourceId>{escape(resource.physical_id)}</PhysicalResourceId>" if resource.physical_id else ""
        )
        detail = (
            f"<StackId>{escape(stack_id)}</StackId><StackName>{escape(stack_id.split('/')[1])}</StackName>"
            f"<LogicalResourceId>{escape(logical_id)}</LogicalResourceId>{physical}"
            f"<ResourceType>{RESOURCE_TYPE}</ResourceType>"
            f"<LastUpdatedTimestamp>2026-12-01T00:00:00.000Z</LastUpdatedTimestamp>"
            f"<ResourceStatus>{resource.status}</ResourceStatus>"
        )
        return 200, _document(
            "DescribeStackResourceResponse",
            f"<DescribeStackResourceResult><StackResourceDetail>{detail}</StackResourceDetail>"
            f"</DescribeStackResourceResult>",
        )


def _document(root: str, inner: str) -> bytes:
    metadata = f"<ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId></ResponseMetadata>"
    return f'<{root} xmlns="{NAMESPACE}">{inner}{metadata}</{root}>'.encode()


def _error(status: int, code: str, message: str) -> tuple[int, bytes]:
    error = f"<Error><Type>Sender</Type><Code>{code}</Code><Message>{escape(message)}</Message></Error>"
    return status, _document("ErrorResponse", error)
