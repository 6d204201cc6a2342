"""Failure reasons: the cause and the property, within CloudFormation's 256 characters."""

import pytest
from cdk_appintegrations_handler.reasons import REASON_MAX, cut, reason

CREATE = ("create_data_integration", {"Name": "articles"})


@pytest.mark.parametrize(
    ("code", "start"),
    [
        ("DuplicateResourceException", "Name: a data integration named 'articles' already exists"),
        ("InvalidRequestException", "InvalidRequest on CreateDataIntegration: bad"),
        ("ResourceQuotaExceededException", "ResourceQuotaExceeded: the account's data integration quota is reached"),
        ("ThrottlingException", "Throttling: CreateDataIntegration was still throttled after retries"),
        (
            "AccessDeniedException",
            "AccessDenied on CreateDataIntegration: the handler role, or the KmsKey or SourceURI",
        ),
        ("InternalServiceError", "InternalServiceError: CreateDataIntegration failed after retries"),
        ("ConflictException", "ConflictException on CreateDataIntegration: bad"),
    ],
)
def test_each_error_names_its_cause(code: str, start: str) -> None:
    assert reason(*CREATE, code, "bad").startswith(start)


def test_an_association_is_named_with_what_to_do() -> None:
    text = reason("delete_data_integration", {}, "InvalidRequestException", "DI x has associations")
    assert text.startswith("DeleteDataIntegration refused: the data integration is still associated")
    assert "delete that association first" in text


def test_long_reasons_keep_their_start() -> None:
    text = reason(*CREATE, "InvalidRequestException", "x" * 1000)
    assert len(text) == REASON_MAX and text.startswith("InvalidRequest on") and text.endswith("...")
    assert cut("short") == "short"
