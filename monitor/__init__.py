"""Leg-IMU exercise monitor: repetitions, range of motion and tempo for physiotherapy.

Packages: ``monitor.core`` is the pure signal core (no Qt), ``monitor.ui`` the Qt
application, ``monitor.cli`` the command line. Sensors live in ``devices``, sensor-to-segment
calibration in ``calibration`` and the session store and file formats in ``recordings``.
"""

import logging

from monitor.core.version import VERSION as __version__

# The entry points (command line, app) attach the handlers; a library stays silent.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["__version__"]
