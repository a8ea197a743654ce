"""Sensors: Bluetooth LE transport, one driver per sensor family, simulated sensors.

Drivers turn notification bytes into :class:`monitor.core.samples.ImuBatch` objects.
"""
