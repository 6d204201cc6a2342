"""The contract's table of API members, against botocore's AppIntegrations model and the construct's props."""

import inspect

import botocore.session
from events import create_event, properties

from cdk_appintegrations import DataIntegration
from cdk_appintegrations_handler import contract
from cdk_appintegrations_handler.naming import generated_names

MODEL = botocore.session.get_session().get_service_model("appintegrations")


def members(operation: str, output: bool = False) -> set[str]:
    shape = MODEL.operation_model(operation)
    return set((shape.output_shape if output else shape.input_shape).members)


def test_the_table_holds_every_create_member_once() -> None:
    names = [member.name for member in contract.MEMBERS]
    assert sorted(names) == sorted(members("CreateDataIntegration")) and len(set(names)) == len(names)


def test_updatable_members_are_what_update_takes() -> None:
    assert set(contract.UPDATABLE) == members("UpdateDataIntegration") - {"Identifier"}


def test_described_keys_are_in_what_get_answers() -> None:
    described = {member.described_as for member in contract.MEMBERS if member.described_as}
    assert described <= members("GetDataIntegration", output=True)
    assert contract.CREATE_ONLY_DESCRIBED_AS["ScheduleConfig"] == "ScheduleConfiguration"


def test_create_only_members_are_neither_updatable_nor_tags() -> None:
    assert contract.CREATE_ONLY == ("KmsKey", "SourceURI", "ScheduleConfig", "FileConfiguration", "ObjectConfiguration")
    assert not set(contract.CREATE_ONLY) & {*contract.UPDATABLE, contract.TAGS}


def test_each_prop_name_is_a_parameter_of_the_construct() -> None:
    parameters = inspect.signature(DataIntegration.__init__).parameters
    assert {member.prop for member in contract.MEMBERS} <= set(parameters)


def test_the_name_digest_is_frozen_apart_from_the_table() -> None:
    """A new create-only member must not rename deployed DataIntegrations: its value stays out of the digest."""
    assert contract.NAME_DIGEST_MEMBERS == (
        "KmsKey",
        "SourceURI",
        "ScheduleConfig",
        "FileConfiguration",
        "ObjectConfiguration",
    )
    event = create_event(properties())
    props = event["ResourceProperties"]
    assert generated_names(event, {**props, "AFutureCreateOnlyMember": "x"}) == generated_names(event, props)
