"""Sensor-to-segment calibration: which way each sensor sits on its segment.

Gives each sensor a :class:`calibration.mounting.Mounting` (movement axis and long axis in
the sensor frame) so that segment and joint angles do not depend on how the strap landed.
"""

import logging

# The entry points (command line, app) attach the handlers; a library stays silent.
logging.getLogger(__name__).addHandler(logging.NullHandler())
