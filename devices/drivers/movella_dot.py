"""Movella (Xsens) DOT, payload "rate quantities" (SENSORS.md §3). Sensor timestamps (us)."""

import contextlib

from devices.decoders import MovellaDotDecoder
from devices.drivers.base import SensorDriver, register
from devices.families import DOT_BATTERY, DOT_CONTROL, DOT_MEDIUM


@register
class MovellaDotDriver(SensorDriver):
    family = "movella_dot"
    display_name = "Movella DOT"
    notify_uuids = [DOT_MEDIUM]
    has_sensor_time = True
    default_rate_hz = 60.0

    @classmethod
    def matches(cls, name, uuids, manufacturer):
        return 0x0886 in manufacturer or bool(name and ("Xsens DOT" in name
                                                        or "Movella DOT" in name))

    def make_decoder(self):
        return MovellaDotDecoder(mode=21)

    async def start(self, client, on_notify):
        await super().start(client, on_notify)
        await client.write_gatt_char(DOT_CONTROL, bytes([0x01, 0x01, 21]), response=True)

    async def stop(self, client):
        with contextlib.suppress(Exception):
            await client.write_gatt_char(DOT_CONTROL, bytes([0x01, 0x00, 21]), response=True)
        await super().stop(client)

    async def battery(self, client):
        try:
            return int((await client.read_gatt_char(DOT_BATTERY))[0])
        except Exception:
            return None
