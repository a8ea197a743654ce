"""Polar Verity Sense (PMD service, ACC + GYRO, delta frames; SENSORS.md §6).

Sensor timestamps (ns since 2000, of the last sample of each frame).
"""

import math
import struct

from devices.decoders import EMPTY, PMD_ACC, PMD_GYRO, PolarDecoder, pmd_start
from devices.drivers.base import SensorDriver, register
from devices.families import POLAR_CONTROL, POLAR_DATA

RATES = (26, 52, 104, 208)


@register
class PolarDriver(SensorDriver):
    family = "polar"
    display_name = "Polar Verity Sense"
    notify_uuids = [POLAR_CONTROL, POLAR_DATA]
    has_sensor_time = True
    default_rate_hz = 52.0

    def __init__(self, rate_hz=None):
        super().__init__(rate_hz)
        self.rate_hz = float(min(RATES, key=lambda r: abs(r - self.rate_hz)))
        # Until the sensor's start response says otherwise: ACC in mG, GYRO in deg/s.
        self.decoder = PolarDecoder(rate_hz=self.rate_hz, acc_factor=1.0, gyr_factor=1.0)

    @classmethod
    def matches(cls, name, uuids, manufacturer):
        return 0x006B in manufacturer or bool(name and name.startswith("Polar Sense"))

    def make_decoder(self):
        return PolarDecoder()

    def decode(self, uuid, data):
        if uuid == POLAR_CONTROL:
            self._control_response(data)
            return EMPTY                 # control point responses carry no samples
        return self.decoder.feed(data)

    def _control_response(self, data: bytes) -> None:
        """``F0 <op> <type> <status> <more> [FACTOR float32]``: take the scale factor."""
        if len(data) >= 9 and data[0] == 0xF0 and data[1] == 0x02 and data[3] == 0:
            factor = struct.unpack_from("<f", data, 5)[0]
            if math.isfinite(factor) and factor > 0:
                if data[2] == PMD_ACC:
                    self.decoder.acc_factor = factor
                elif data[2] == PMD_GYRO:
                    self.decoder.gyr_factor = factor

    async def start(self, client, on_notify):
        await super().start(client, on_notify)
        rate = int(self.rate_hz)
        await client.write_gatt_char(POLAR_CONTROL, pmd_start(PMD_ACC, rate, 8), response=True)
        await client.write_gatt_char(POLAR_CONTROL, pmd_start(PMD_GYRO, rate, 2000),
                                     response=True)

    async def stop(self, client):
        for t in (PMD_ACC, PMD_GYRO):
            try:
                await client.write_gatt_char(POLAR_CONTROL, bytes([0x03, t]), response=True)
            except Exception:
                break
        await super().stop(client)
