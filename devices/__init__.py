"""Sensors: Bluetooth LE transport, one driver per sensor family, simulated sensors.

Drivers turn notification bytes into :class:`monitor.core.samples.ImuBatch` objects.
"""

import logging

# The entry points (command line, app) attach the handlers; a library stays silent.
logging.getLogger(__name__).addHandler(logging.NullHandler())
