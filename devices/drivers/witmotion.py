"""WitMotion WT901BLECL / BWT901BLECL (source: WitMotion's public BLE SDK; SENSORS.md §1).

Streams once notifications are on (default about 10 Hz, unverified); the rate is set with
unlock / write register 0x03 / save. No counter: time comes from arrival.
"""

from devices.decoders import WitMotionDecoder, witmotion_commands, witmotion_rate
from devices.drivers.base import SensorDriver, register
from devices.families import WIT_NOTIFY, WIT_SERVICE, WIT_WRITE


@register
class WitMotionDriver(SensorDriver):
    family = "witmotion"
    display_name = "WitMotion WT901BLE"
    manufacturer = "WitMotion"
    model = "WT901BLE"
    notify_uuids = [WIT_NOTIFY]
    default_rate_hz = 100.0

    def __init__(self, rate_hz=None):
        super().__init__(rate_hz)
        # No clock in the stream: the samples are timed at this rate, so it must be the
        # one the sensor is set to.
        self.rate_hz = witmotion_rate(self.rate_hz)

    @classmethod
    def matches(cls, name, uuids, manufacturer):
        return bool(name and "WT" in name) or WIT_SERVICE in uuids

    def make_decoder(self):
        return WitMotionDecoder()

    async def configure(self, client):
        for cmd in witmotion_commands(self.rate_hz):
            await client.write_gatt_char(WIT_WRITE, cmd, response=False)

    async def battery(self, client):
        # The reply comes as a 55 71 notification: see battery_from_stream.
        await client.write_gatt_char(WIT_WRITE, bytes([0xFF, 0xAA, 0x27, 0x64, 0x00]),
                                     response=False)
        return None

    def battery_from_stream(self):
        volts = WitMotionDecoder.battery_volts(self.decoder.registers)
        if volts is None:
            return None
        # Single Li-ion cell: 3.4 V empty, 4.2 V full (approximate, linear).
        return int(max(0, min(100, (volts - 3.4) / (4.2 - 3.4) * 100)))
