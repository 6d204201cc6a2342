"""The handler's Lambda asset, staged at synth from installed packages: no Docker, no network."""

import atexit
import importlib.util
import shutil
import tempfile
from functools import cache
from pathlib import Path

from cdk_appintegrations_handler.contract import ASSET_PACKAGE

# The installed packages the asset holds, under their own names.
PACKAGES = (ASSET_PACKAGE, "crhelper")


@cache
def handler_asset_dir() -> Path:
    """A directory holding the handler and crhelper, staged once per process.

    Only ``.py`` files are copied, in sorted order, so the asset hash depends on
    their content alone and no ``__pycache__`` rides along.
    """
    stage = Path(tempfile.mkdtemp(prefix="cdk-appintegrations-asset-"))
    atexit.register(shutil.rmtree, stage, True)
    for module in PACKAGES:
        destination = stage / module
        destination.mkdir()
        for source in sorted(package_dir(module).glob("*.py")):
            shutil.copyfile(source, destination / source.name)
    return stage


def package_dir(module: str) -> Path:
    """Where an installed package's modules are, editable installs included."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{module} is not an installed package")
    return Path(next(iter(spec.submodule_search_locations)))
