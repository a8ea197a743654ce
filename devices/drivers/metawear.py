"""MbientLab MetaMotionRL / MetaMotionS (MetaWear protocol; SENSORS.md §2).

Commands and replies as the MetaWear C++ SDK sends and reads them
(mbientlab/MetaWear-SDK-Cpp: sensor/cpp/accelerometer_bosch.cpp, gyro_bosch.cpp,
processor/cpp/dataprocessor.cpp, core/cpp/datasignal.cpp and the byte vectors of test/*.py;
tests/data/vendor_vectors/metawear.json):
- the board's inertial chip is read first (module info ``03 80`` / ``13 80``): a MetaMotionS
  (accelerometer implementation 4, gyroscope 1) has a BMI270, whose configuration byte and
  gyroscope registers differ from the BMI160's;
- up to 100 Hz each accelerometer and gyroscope sample is wrapped by a data-processor
  accounter in tick mode (the board's clock, 48/32768 s per tick); the processor ids come
  back in ``09 02 <id>`` and each processor's output is switched on with ``09 07 <id> 01``
  and ``09 03 01``; the two streams are paired by that clock (the gyroscope's lowest rate
  is 25 Hz, the accelerometer's 12.5 Hz);
- above 100 Hz packed notifications (3 samples) without a clock are used and time comes
  from arrival.
"""

from devices.decoders import (
    METAWEAR_DISCOVER,
    METAWEAR_REMOVE_PROCESSORS,
    METAWEAR_START,
    METAWEAR_STOP,
    MetaWearDecoder,
    metawear_accounter_create,
    metawear_bmi270,
    metawear_config_commands,
    metawear_packed_subscribe,
    metawear_processor_subscribe,
    metawear_rates,
    metawear_registers,
)
from devices.drivers.base import ReplyWaiter, SensorDriver, SensorProtocolError, register
from devices.families import METAWEAR_CMD, METAWEAR_NOTIFY, METAWEAR_SERVICE

REPLY_TIMEOUT_S = 3.0        # the board answers within a few connection intervals


@register
class MetaWearDriver(SensorDriver):
    family = "metawear"
    display_name = "MbientLab MetaMotion"
    manufacturer = "MbientLab"
    model = "MetaMotion"
    notify_uuids = [METAWEAR_NOTIFY]
    default_rate_hz = 100.0

    def __init__(self, rate_hz=None):
        super().__init__(rate_hz)
        acc, gyr = metawear_rates(self.rate_hz)
        self.rate_hz = acc
        self.gyr_rate_hz = gyr
        self.decoder = self.make_decoder()
        self.bmi270 = False

    @classmethod
    def matches(cls, name, uuids, manufacturer):
        return METAWEAR_SERVICE in uuids or (name or "").startswith("MetaWear")

    def make_decoder(self):
        acc, gyr = metawear_rates(self.rate_hz)
        return MetaWearDecoder(acc_range_g=16, gyr_range_dps=2000, rate_hz=acc, gyr_rate_hz=gyr)

    @property
    def has_sensor_time(self):
        return self.rate_hz <= 100

    async def _write(self, client, cmd: bytes) -> None:
        await client.write_gatt_char(METAWEAR_CMD, cmd, response=False)

    async def _ask(self, client, waiter: ReplyWaiter, cmd: bytes, reply_prefix: bytes
                   ) -> bytes | None:
        fut = waiter.expect(lambda uuid, data: data[:len(reply_prefix)] == reply_prefix)
        await self._write(client, cmd)
        return await waiter.wait(fut, REPLY_TIMEOUT_S)

    async def start(self, client, on_notify):
        waiter = ReplyWaiter(on_notify)
        await super().start(client, waiter)
        reply = await self._ask(client, waiter, METAWEAR_DISCOVER["acc"], bytes([0x03, 0x80]))
        if reply is None:
            raise SensorProtocolError("the MetaWear board did not say which accelerometer it "
                                      "has")
        chip = metawear_bmi270(reply)
        if chip is None:
            raise SensorProtocolError(f"unknown MetaWear accelerometer (module info "
                                      f"{reply.hex(' ')})")
        self.bmi270 = chip
        stats = self.decoder.stats                   # counts go on across reconnects
        self.decoder = self.make_decoder()
        self.decoder.stats = stats
        self.decoder.bmi270 = chip
        await self._write(client, METAWEAR_REMOVE_PROCESSORS)
        for cmd in metawear_config_commands(self.rate_hz, chip):
            await self._write(client, cmd)
        if self.rate_hz <= 100:
            regs = metawear_registers(chip)
            ids = []
            for signal in (regs["acc"], regs["gyro"]):
                reply = await self._ask(client, waiter, metawear_accounter_create(signal),
                                        bytes([0x09, 0x02]))
                if reply is None or len(reply) != 3:
                    raise SensorProtocolError("the MetaWear board did not create its data "
                                              "processor (no free slot?)")
                ids.append(reply[2])
            self.decoder.set_accounters(*ids)
            for pid in ids:
                for cmd in metawear_processor_subscribe(pid):
                    await self._write(client, cmd)
        else:
            for cmd in metawear_packed_subscribe(chip):
                await self._write(client, cmd)
        for cmd in METAWEAR_START:
            await self._write(client, cmd)

    async def stop(self, client):
        for cmd in [*METAWEAR_STOP, METAWEAR_REMOVE_PROCESSORS]:
            try:
                await self._write(client, cmd)
            except Exception:
                break
        await super().stop(client)
