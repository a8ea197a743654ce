"""MbientLab MetaMotionRL / MetaMotionS (MetaWear protocol; SENSORS.md §2).

Raw accelerometer + gyroscope, packed (3 samples per notification) above 100 Hz. No sample
counter in the streamed packets: time comes from arrival.
"""

from devices.decoders import METAWEAR_STOP, MetaWearDecoder, metawear_start_commands
from devices.drivers.base import SensorDriver, register
from devices.families import METAWEAR_CMD, METAWEAR_NOTIFY, METAWEAR_SERVICE


@register
class MetaWearDriver(SensorDriver):
    family = "metawear"
    display_name = "MbientLab MetaMotion"
    notify_uuids = [METAWEAR_NOTIFY]
    default_rate_hz = 100.0

    @classmethod
    def matches(cls, name, uuids, manufacturer):
        return METAWEAR_SERVICE in uuids or (name or "").startswith("MetaWear")

    def make_decoder(self):
        return MetaWearDecoder(acc_range_g=16, gyr_range_dps=2000)

    async def start(self, client, on_notify):
        await super().start(client, on_notify)
        for cmd in metawear_start_commands(self.rate_hz):
            await client.write_gatt_char(METAWEAR_CMD, cmd, response=False)

    async def stop(self, client):
        for cmd in METAWEAR_STOP:
            try:
                await client.write_gatt_char(METAWEAR_CMD, cmd, response=False)
            except Exception:
                break
        await super().stop(client)
