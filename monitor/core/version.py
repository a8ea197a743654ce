"""The product's version: one source, ``version`` in pyproject.toml.

Installed (also as an editable install), the distribution's metadata carries it; run from a
source tree that was never installed, it is read from the pyproject.toml beside the packages.
"""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path
from typing import Final

DISTRIBUTION: Final = "legimu-monitor"
PYPROJECT: Final = Path(__file__).resolve().parents[2] / "pyproject.toml"
UNKNOWN: Final = "0+unknown"


def distribution_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return source_tree_version(PYPROJECT)


def source_tree_version(pyproject: Path) -> str:
    """The version in ``pyproject``, or ``0+unknown`` when there is none to read."""
    try:
        with open(pyproject, "rb") as fh:
            project = tomllib.load(fh).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return UNKNOWN
    if project.get("name") != DISTRIBUTION or not isinstance(project.get("version"), str):
        return UNKNOWN
    return project["version"]


VERSION: Final = distribution_version()


# The product's top-level packages: generic names the design fixes, which another
# distribution could also install (README, "Package names").
PACKAGES: Final = ("monitor", "devices", "calibration", "recordings")


def other_providers() -> dict[str, list[str]]:
    """The product's package names that another installed distribution provides too (and
    which ones): such a distribution can overwrite or shadow the product's files. Reads every
    installed distribution's file list, so it is asked for (``monitor --version``), not run
    at every start."""
    provided = metadata.packages_distributions()
    return {name: sorted(set(provided[name]) - {DISTRIBUTION})
            for name in PACKAGES if set(provided.get(name, ())) - {DISTRIBUTION}}
