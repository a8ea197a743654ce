"""Movella (Xsens) DOT, payload "rate quantities" (SENSORS.md §3). Sensor timestamps (us).

Commands from the "Xsens DOT BLE Services Specifications" rev F (Tables 7 and 13) and
xsens/xsens_dot_server: the output rate is set in the device control characteristic
(0x1002) before the measurement starts (1, 4, 10, 12, 15, 20, 30 or 60 Hz for streaming);
start and stop are ``01 01 <mode>`` / ``01 00 <mode>`` on the control characteristic.
"""

import contextlib

from devices.decoders import (
    DOT_STREAM_RATES_HZ,
    MovellaDotDecoder,
    dot_output_rate,
    dot_start,
    dot_stop,
)
from devices.drivers.base import SensorDriver, register
from devices.families import DOT_BATTERY, DOT_CONTROL, DOT_DEVICE_CONTROL, DOT_MEDIUM

MODE = 21                         # rate quantities: acceleration and angular velocity


@register
class MovellaDotDriver(SensorDriver):
    family = "movella_dot"
    display_name = "Movella DOT"
    manufacturer = "Movella"
    model = "DOT"
    notify_uuids = [DOT_MEDIUM]
    has_sensor_time = True
    default_rate_hz = 60.0

    def __init__(self, rate_hz=None):
        super().__init__(rate_hz)
        self.rate_hz = float(min(DOT_STREAM_RATES_HZ, key=lambda r: abs(r - self.rate_hz)))

    @classmethod
    def matches(cls, name, uuids, manufacturer):
        return 0x0886 in manufacturer or bool(name and ("Xsens DOT" in name
                                                        or "Movella DOT" in name))

    def make_decoder(self):
        return MovellaDotDecoder(mode=MODE)

    async def configure(self, client):
        await client.write_gatt_char(DOT_DEVICE_CONTROL, dot_output_rate(int(self.rate_hz)),
                                     response=True)

    async def start(self, client, on_notify):
        await super().start(client, on_notify)
        await client.write_gatt_char(DOT_CONTROL, dot_start(MODE), response=True)

    async def stop(self, client):
        with contextlib.suppress(Exception):
            await client.write_gatt_char(DOT_CONTROL, dot_stop(MODE), response=True)
        await super().stop(client)

    async def battery(self, client):
        try:
            return int((await client.read_gatt_char(DOT_BATTERY))[0])
        except Exception:
            return None
