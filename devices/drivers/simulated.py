"""The simulated sensor family (demo mode, tests): the leg-motion simulator's samples sent in
the WitMotion wire format, so the demo runs the same decode path as a real sensor."""

from devices.decoders import WitMotionDecoder
from devices.drivers.base import SensorDriver, register


@register
class SimulatedDriver(SensorDriver):
    family = "simulated"
    display_name = "Simulated sensor"
    # Who makes it, for exports (empty: samples made by this program).
    manufacturer = ""
    model = "simulated sensor"
    notify_uuids = []
    default_rate_hz = 50.0

    @classmethod
    def matches(cls, name, uuids, manufacturer):
        return bool(name and name.startswith("Demo sensor"))

    def make_decoder(self):
        return WitMotionDecoder()
