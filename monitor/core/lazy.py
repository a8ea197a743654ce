"""Libraries imported on first use (scipy: about a second each), one import at a time.

The live session starts importing scipy.signal in the background when a patient's session
opens (monitor.live.warm_up_imports), so that the first repetition does not freeze the live
view while it loads. Two threads importing parts of scipy at the same moment can fail:
scipy's modules import each other in a circle, and the second thread then finds one of them
half initialised ("cannot import name 'LinearOperator' from partially initialized module
'scipy.sparse.linalg'", seen with scipy 1.11 while a calibration fitted the knee axis). Every
import of scipy after start-up therefore goes through :func:`load`, which lets one thread
import at a time; the others wait until it is done (a module already imported is returned at
once).
"""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType

_LOCK = threading.RLock()


def load(name: str) -> ModuleType:
    """The module ``name``, imported now if it is not yet (safely from any thread)."""
    module = sys.modules.get(name)
    spec = getattr(module, "__spec__", None)
    if module is not None and not getattr(spec, "_initializing", False):
        return module
    with _LOCK:
        return importlib.import_module(name)
