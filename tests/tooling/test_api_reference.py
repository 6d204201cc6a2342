"""docs/api.md: generated from the docstrings, current, and with nothing public left undocumented."""

import importlib.util
import inspect
import pydoc
from types import ModuleType

import pytest
from tools import ROOT

from cdk_appintegrations import DataIntegration

API_MD = ROOT / "docs" / "api.md"
PROPS = (
    "kms_key",
    "source_uri",
    "data_integration_name",
    "description",
    "schedule_config",
    "file_configuration",
    "object_configuration",
    "tags",
    "client_token",
    "removal_policy",
    "adopt_existing",
)


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    """docs/generate_api.py, which `make docs` runs."""
    spec = importlib.util.spec_from_file_location("generate_api", ROOT / "docs" / "generate_api.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_api_md_is_what_make_docs_writes(generator: ModuleType) -> None:
    text = generator.render()
    assert str(ROOT) not in text and " at 0x" not in text, "the reference depends on the machine or the run"
    assert API_MD.read_text() == text, "docs/api.md is stale: run make docs"


def test_every_public_class_member_and_parameter_is_documented(generator: ModuleType) -> None:
    assert generator.undocumented() == []


def test_the_check_finds_each_kind_of_gap(generator: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    class Bare:
        def __init__(self, size: int) -> None:
            self.size = size

        @property
        def area(self) -> int:
            return self.size**2

        def grow(self, by: int) -> None:
            """Grow, with by left unsaid."""

    Bare.__module__ = "cdk_appintegrations.bare"
    monkeypatch.setattr(generator, "public_classes", lambda: [Bare])
    assert generator.undocumented() == ["Bare", "Bare(size)", "Bare.area", "Bare.grow(by)"]


def test_help_shows_every_prop_of_data_integration() -> None:
    parameters = inspect.signature(DataIntegration.__init__).parameters.values()
    keywords = [p.name for p in parameters if p.kind is p.KEYWORD_ONLY]
    assert tuple(keywords) == PROPS
    shown = pydoc.render_doc(DataIntegration, renderer=pydoc.plaintext)
    assert [prop for prop in PROPS if f":param {prop}: " not in shown] == []


def test_help_and_the_reference_show_no_private_base_class() -> None:
    shown = pydoc.render_doc(DataIntegration, renderer=pydoc.plaintext)
    assert [cls.__name__ for cls in DataIntegration.__mro__ if cls.__name__.startswith("_")] == []
    assert "DataIntegrationBase" in shown and "_DataIntegrationBase" not in shown
    assert "*class*, extends `DataIntegrationBase`" in API_MD.read_text()
