"""Failure reasons: the cause and the property, within CloudFormation's 256 characters."""

import pytest

from cdk_appintegrations_handler.reasons import REASON_MAX, cut, held_by, reason

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


def test_a_held_delete_names_the_holders_and_keeps_what_to_do_when_cut() -> None:
    short = held_by(["kb-1", "app-2"])
    assert short == (
        "DeleteDataIntegration refused: still associated with kb-1, app-2; delete those associations "
        "(or the knowledge bases or applications holding them) first, then retry"
    )
    long = held_by([f"arn:aws:wisdom:us-east-1:123456789012:knowledge-base/{i:036d}" for i in range(5)])
    assert len(long) == REASON_MAX and "knowledge-base/" + "0" * 36 in long
    assert long.endswith(
        "...; delete those associations (or the knowledge bases or applications holding them) first, then retry"
    )


def test_an_export_refusal_names_the_destination_and_says_to_retain() -> None:
    text = held_by(["kb-1"], ["s3://profiles-exports/domain"])
    assert text == (
        "DeleteDataIntegration refused: it exports to s3://profiles-exports/domain, an association that cannot be "
        "deleted or cancelled; keep the data integration: set removal_policy=RemovalPolicy.RETAIN, deploy, then "
        "remove it"
    )
    assert "delete those associations" not in text
    long = held_by([], [f"s3://exports-{i}/" + "x" * 60 for i in range(5)])
    assert len(long) == REASON_MAX and long.startswith("DeleteDataIntegration refused: it exports to s3://exports-0/")
    assert long.endswith("..." + text.split("/domain", 1)[1])


def test_long_reasons_keep_their_start() -> None:
    text = reason(*CREATE, "InvalidRequestException", "x" * 1000)
    assert len(text) == REASON_MAX and text.startswith("InvalidRequest on") and text.endswith("...")
    assert cut("short") == "short"
