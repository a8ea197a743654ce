"""MbientLab MetaMotionRL / MetaMotionS (MetaWear protocol; SENSORS.md §2).

Raw accelerometer + gyroscope. Up to 100 Hz each sample is wrapped by a data-processor
accounter in tick mode, which gives the sensor's own clock; above 100 Hz packed notifications
(3 samples) without a counter are used and time comes from arrival.
"""

from devices.decoders import (
    METAWEAR_STOP,
    MetaWearDecoder,
    metawear_accounter_commands,
    metawear_start_commands,
)
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

    @property
    def has_sensor_time(self):
        return self.rate_hz <= 100

    async def start(self, client, on_notify):
        await super().start(client, on_notify)
        self.decoder.accounters.clear()
        cmds = metawear_start_commands(self.rate_hz)
        if self.rate_hz <= 100:
            cmds = cmds[:2] + metawear_accounter_commands() + cmds[4:]
        for cmd in cmds:
            await client.write_gatt_char(METAWEAR_CMD, cmd, response=False)

    async def stop(self, client):
        for cmd in METAWEAR_STOP:
            try:
                await client.write_gatt_char(METAWEAR_CMD, cmd, response=False)
            except Exception:
                break
        await super().stop(client)
