"""Movesense with the gatt_sensordata_app firmware, IMU6 (SENSORS.md §4). Sensor timestamps (ms).

Commands as the firmware sample's own Python client writes them (reference 99, the path
without a terminating NUL); the IMU6 payload layout as captured from a real sensor by
movesense-commander (see devices/decoders.py). Unverified: how many samples a packet holds
at rates other than 52 Hz (the decoder reads it from the length).
"""

import contextlib

from devices.decoders import MovesenseDecoder, movesense_subscribe, movesense_unsubscribe
from devices.drivers.base import SensorDriver, register
from devices.families import MOVESENSE_NOTIFY, MOVESENSE_SERVICE, MOVESENSE_WRITE

RATES = (13, 26, 52, 104, 208)
REF = 99


@register
class MovesenseDriver(SensorDriver):
    family = "movesense"
    display_name = "Movesense"
    manufacturer = "Movesense"
    model = "Movesense"
    notify_uuids = [MOVESENSE_NOTIFY]
    has_sensor_time = True
    default_rate_hz = 104.0

    def __init__(self, rate_hz=None):
        super().__init__(rate_hz)
        self.rate_hz = float(min(RATES, key=lambda r: abs(r - self.rate_hz)))
        self.decoder.rate_hz = self.rate_hz

    @classmethod
    def matches(cls, name, uuids, manufacturer):
        return MOVESENSE_SERVICE in uuids or bool(name and name.startswith("Movesense"))

    def make_decoder(self):
        return MovesenseDecoder(ref=REF)

    async def start(self, client, on_notify):
        self.decoder.restart()
        await super().start(client, on_notify)
        await client.write_gatt_char(MOVESENSE_WRITE, movesense_subscribe(REF,
                                                                          int(self.rate_hz)),
                                     response=True)

    async def stop(self, client):
        with contextlib.suppress(Exception):
            await client.write_gatt_char(MOVESENSE_WRITE, movesense_unsubscribe(REF),
                                         response=True)
        await super().stop(client)
