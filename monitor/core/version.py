"""The product's version: one source, ``version`` in pyproject.toml.

Installed (also as an editable install), the distribution's metadata carries it; run from a
source tree that was never installed, it is read from the pyproject.toml beside the packages.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Final

DISTRIBUTION: Final = "legimu-monitor"
PYPROJECT: Final = Path(__file__).resolve().parents[2] / "pyproject.toml"
UNKNOWN: Final = "0+unknown"


def distribution_version() -> str:
    found = _dist_info_version()
    if found is not None:
        return found
    # Installed some other way (an egg, a zip): importlib.metadata finds it. Not imported
    # at every start: it takes longer to import (50 ms) than a command to start.
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return source_tree_version(PYPROJECT)


def _dist_info_version() -> str | None:
    """The ``Version`` field of the distribution's ``.dist-info/METADATA``, found as
    importlib.metadata finds it (the first entry of sys.path that holds it; the folder's
    name normalised), or None when there is no such folder."""
    want = DISTRIBUTION.replace("-", "_")
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if not name.endswith(".dist-info"):
                continue
            project = name.partition("-")[0].lower().replace(".", "_").replace("-", "_")
            if project != want:
                continue
            try:
                with open(os.path.join(entry or ".", name, "METADATA"), encoding="utf-8") as fh:
                    for line in fh:
                        if not line.strip():
                            break                    # the end of the headers
                        key, sep, value = line.partition(":")
                        if sep and key.strip().lower() == "version":
                            return value.strip()
            except OSError:
                pass
            return None
    return None


def source_tree_version(pyproject: Path) -> str:
    """The version in ``pyproject``, or ``0+unknown`` when there is none to read."""
    import tomllib

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
    from importlib import metadata

    provided = metadata.packages_distributions()
    return {name: sorted(set(provided[name]) - {DISTRIBUTION})
            for name in PACKAGES if set(provided.get(name, ())) - {DISTRIBUTION}}
