"""Leg-IMU exercise monitor: repetitions, range of motion and tempo for physiotherapy.

Packages: ``monitor.core`` is the pure signal core (no Qt), ``monitor.ui`` the Qt
application, ``monitor.cli`` the command line. Sensors live in ``devices``, sensor-to-segment
calibration in ``calibration`` and the session store and file formats in ``recordings``.
"""

__version__ = "0.1.0"
