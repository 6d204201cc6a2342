"""The one parser of a SourceURI: its connector, its kind, and the bucket or profile it names.

Pure text, no CDK: the construct reads it at synth (on text in which a token may sit, as in
``s3://${Token[...]}``) and the pre-flight at deploy, so both sides agree on what a URI names.
"""

import re
from dataclasses import dataclass
from enum import Enum

# A scheme, in a literal URI or in the literal text before a token.
_SCHEME = re.compile(r"^(?P<connector>\w+)://(?P<rest>.*)$", re.DOTALL)
_APPFLOW = "appflow"


class SourceKind(Enum):
    """How AppIntegrations reaches a source: ``S3`` directly, ``APPFLOW`` for any other connector, through AppFlow."""

    S3 = "S3"
    APPFLOW = "AppFlow"


@dataclass(frozen=True)
class SourceUri:
    """A SourceURI, parsed.

    :param uri: The text parsed.
    :param connector: The scheme, such as ``Salesforce`` or ``s3``; empty for text that is not a URI.
    :param kind: ``SourceKind.S3`` for the ``s3`` scheme in any case, else ``SourceKind.APPFLOW``.
    :param bucket: An S3 source's bucket, the first segment after the scheme (empty when there is none).
    :param profile: The connector profile after ``AppFlow/``, in any case; None when there is none or it is empty.
    :param no_profile: Whether the URI is ``<word>://AppFlow`` or ``<word>://AppFlow/``, naming no profile.
    """

    uri: str
    connector: str
    kind: SourceKind
    bucket: str | None = None
    profile: str | None = None
    no_profile: bool = False


def parse(uri: str) -> SourceUri:
    """The connector, kind, bucket and profile of a SourceURI; text without a scheme is an AppFlow kind of nothing."""
    scheme = _SCHEME.match(uri)
    if scheme is None:
        return SourceUri(uri, "", SourceKind.APPFLOW)  # not a URI: the model's pattern refuses it
    connector, rest = scheme["connector"], scheme["rest"]
    # The empty-profile rule reads the text after any scheme, s3 too, as it always has.
    no_profile = rest.lower() in (_APPFLOW, f"{_APPFLOW}/")
    if connector.upper() == SourceKind.S3.value:
        return SourceUri(uri, connector, SourceKind.S3, bucket=rest.split("/", 1)[0], no_profile=no_profile)
    prefix = f"{_APPFLOW}/"
    profile = rest[len(prefix) :] if rest.lower().startswith(prefix) else None
    return SourceUri(uri, connector, SourceKind.APPFLOW, profile=profile or None, no_profile=no_profile)
