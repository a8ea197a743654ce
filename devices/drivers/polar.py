"""Polar Verity Sense (PMD service, ACC + GYRO, delta frames; SENSORS.md §6).

Commands, responses and frames as Polar's SDK writes and reads them (polarofficial/
polar-ble-sdk, Android library pmd/*.kt and its unit tests; tests/data/vendor_vectors/
polar.json). The start response's parameters carry the stream's scale FACTOR as a tagged
setting; compressed ACC frames of type 0 are in g / FACTOR. Sensor timestamps (ns since
2000, of the last sample of each frame). The Verity Sense streams at 52 Hz; other rates
(26, 104, 208, 416 Hz) need its SDK mode (documentation/products/PolarVeritySense.md),
which the driver switches on for them and off again at stop.
"""

from devices.decoders import (
    EMPTY,
    PMD_ACC,
    PMD_GYRO,
    PMD_SDK_MODE_START,
    PMD_SDK_MODE_STOP,
    PolarDecoder,
    pmd_response,
    pmd_start,
    pmd_stop,
)
from devices.drivers.base import ReplyWaiter, SensorDriver, SensorProtocolError, register
from devices.families import POLAR_CONTROL, POLAR_DATA

RATES = (26, 52, 104, 208, 416)
DEFAULT_RATE = 52                 # without SDK mode the only rate
ACC_RANGE_G = 8
GYR_RANGE_DPS = 2000
REPLY_TIMEOUT_S = 5.0
NAMES = {PMD_ACC: "accelerometer", PMD_GYRO: "gyroscope", 9: "SDK mode"}


@register
class PolarDriver(SensorDriver):
    family = "polar"
    display_name = "Polar Verity Sense"
    manufacturer = "Polar Electro"
    model = "Verity Sense"
    notify_uuids = [POLAR_CONTROL, POLAR_DATA]
    has_sensor_time = True
    default_rate_hz = 52.0

    def __init__(self, rate_hz=None):
        super().__init__(rate_hz)
        self.rate_hz = float(min(RATES, key=lambda r: abs(r - self.rate_hz)))
        # Until a start response says otherwise: FACTOR 1 (SDK: getFactor's default).
        self.decoder = PolarDecoder(rate_hz=self.rate_hz)
        self.sdk_mode = False

    @classmethod
    def matches(cls, name, uuids, manufacturer):
        return 0x006B in manufacturer or bool(name and name.startswith("Polar Sense"))

    def make_decoder(self):
        return PolarDecoder()

    def decode(self, uuid, data):
        if uuid == POLAR_CONTROL:
            self.decoder.response(data)
            return EMPTY                 # control point responses carry no samples
        return self.decoder.feed(data)

    async def _command(self, client, waiter: ReplyWaiter, cmd: bytes) -> None:
        """Write a control-point command and check the sensor's response to it."""
        fut = waiter.expect(lambda uuid, data: uuid == POLAR_CONTROL and data[:1] == b"\xf0"
                            and data[1:3] == cmd[:2])
        await client.write_gatt_char(POLAR_CONTROL, cmd, response=True)
        reply = await waiter.wait(fut, REPLY_TIMEOUT_S)
        r = pmd_response(reply) if reply is not None else None
        if r is not None and not r.ok and r.error != "already in state":
            raise SensorProtocolError(f"the Polar sensor refused to start its "
                                      f"{NAMES.get(cmd[1], cmd[1])} ({r.error})")

    async def start(self, client, on_notify):
        waiter = ReplyWaiter(on_notify)
        await super().start(client, waiter)
        self.decoder.restart()
        rate = int(self.rate_hz)
        self.sdk_mode = rate != DEFAULT_RATE
        if self.sdk_mode:
            await self._command(client, waiter, PMD_SDK_MODE_START)
        await self._command(client, waiter, pmd_start(PMD_ACC, rate, ACC_RANGE_G))
        await self._command(client, waiter, pmd_start(PMD_GYRO, rate, GYR_RANGE_DPS))

    async def stop(self, client):
        cmds = [pmd_stop(PMD_ACC), pmd_stop(PMD_GYRO)]
        if self.sdk_mode:
            cmds.append(PMD_SDK_MODE_STOP)
        for cmd in cmds:
            try:
                await client.write_gatt_char(POLAR_CONTROL, cmd, response=True)
            except Exception:
                break
        await super().stop(client)
