"""Nordic Thingy:52 raw motion (SENSORS.md §5). Streams when notifications are on."""

from devices.decoders import ThingyDecoder, thingy_config, thingy_uuid
from devices.drivers.base import SensorDriver, register
from devices.families import THINGY_CONFIG, THINGY_RAW


@register
class ThingyDriver(SensorDriver):
    family = "thingy52"
    display_name = "Nordic Thingy:52"
    manufacturer = "Nordic Semiconductor"
    model = "Thingy:52"
    notify_uuids = [THINGY_RAW]
    default_rate_hz = 50.0

    @classmethod
    def matches(cls, name, uuids, manufacturer):
        return thingy_uuid(0x0100) in uuids or bool(name and name.startswith("Thingy"))

    def make_decoder(self):
        return ThingyDecoder()

    async def configure(self, client):
        await client.write_gatt_char(THINGY_CONFIG, thingy_config(int(self.rate_hz)),
                                     response=True)
