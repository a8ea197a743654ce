"""One driver per sensor family behind :class:`devices.drivers.base.SensorDriver`."""
