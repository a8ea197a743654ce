"""Pure decoders: notification bytes -> samples in SI units, one per sensor family.

Protocol facts from the vendors' public SDKs, firmware and specifications (see the project's
SENSORS.md); each section names its sources, and the vendors' own test vectors are the tests
(tests/data/vendor_vectors). Decoders keep only the state the protocol needs (a byte buffer
for split frames, the previous counter for unwrapping, samples waiting for their partner
stream) and never raise on bad input: a malformed notification is counted in ``bad`` and
dropped.

Output: :class:`Decoded` with acc (m/s^2), gyr (rad/s), optional mag (microtesla; or
``mag_au`` where the sensor gives arbitrary units) and the sensor's own time in seconds
where the protocol has one (``sensor_time_s``), else None.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass, field

import numpy as np

G = 9.80665
DEG = math.pi / 180.0


@dataclass
class Decoded:
    acc: np.ndarray                        # (N, 3) m/s^2
    gyr: np.ndarray                        # (N, 3) rad/s
    mag: np.ndarray | None = None          # (N, 3) microtesla
    sensor_time_s: np.ndarray | None = None
    mag_au: np.ndarray | None = None       # (N, 3) arbitrary units (Movella DOT: earth field = 1)

    def __len__(self) -> int:
        return len(self.acc)


EMPTY = Decoded(np.empty((0, 3)), np.empty((0, 3)))


@dataclass
class DecoderStats:
    packets: int = 0
    bad: int = 0
    # Samples of one stream left without a partner from the other (accelerometer and
    # gyroscope sent separately): a lost notification or a stream that stopped, not garbage.
    unpaired: int = 0


class TimePairer:
    """Pairs accelerometer and gyroscope samples that the sensor sends separately, by time.

    Each accelerometer sample takes the gyroscope sample nearest to it in time, once a
    gyroscope sample at or after it has arrived (so the nearest one is known). The two
    streams may run at different rates (MetaWear: the gyroscope's lowest rate is 25 Hz, the
    accelerometer's 12.5 Hz) and lose notifications independently; pairing in arrival order
    would then hand each accelerometer sample a gyroscope sample from another moment.
    """

    def __init__(self, acc_period_s: float, gyr_period_s: float) -> None:
        # Farther apart than this, two samples are not of the same moment.
        self.tolerance_s = 0.75 * max(acc_period_s, gyr_period_s) + 1e-6
        # An accelerometer sample waits this long (sensor time) for its gyroscope partner.
        self.max_wait_s = max(0.5, 8 * max(acc_period_s, gyr_period_s))
        self._acc: list[tuple[float, list[float]]] = []
        self._gyr: list[tuple[float, list[float]]] = []
        self.unpaired = 0

    def add_acc(self, t: float, v: list[float]) -> None:
        self._acc.append((t, v))

    def add_gyr(self, t: float, v: list[float]) -> None:
        self._gyr.append((t, v))

    def reset(self) -> None:
        self.unpaired += len(self._acc)
        self._acc.clear()
        self._gyr.clear()

    def pop(self) -> tuple[list[float], list[list[float]], list[list[float]]]:
        times, acc, gyr = [], [], []
        while self._acc:
            ta, va = self._acc[0]
            decidable = bool(self._gyr) and self._gyr[-1][0] >= ta
            stalled = self._acc[-1][0] - ta > self.max_wait_s
            if not decidable and not stalled:
                break
            self._acc.pop(0)
            k = self._nearest(ta)
            if k is None or abs(self._gyr[k][0] - ta) > self.tolerance_s:
                self.unpaired += 1
                continue
            times.append(ta)
            acc.append(va)
            gyr.append(self._gyr[k][1])
            del self._gyr[:k]                 # older gyroscope samples have no partner left
        # A gyroscope sample far older than every waiting accelerometer sample is of no use.
        newest = self._acc[-1][0] if self._acc else None
        while len(self._gyr) > 1 and newest is not None and \
                newest - self._gyr[1][0] > self.max_wait_s:
            self._gyr.pop(0)
        if len(self._gyr) > 4096:
            del self._gyr[:-1]
        return times, acc, gyr

    def _nearest(self, t: float) -> int | None:
        if not self._gyr:
            return None
        best, best_dt = None, math.inf
        for k, (tg, _) in enumerate(self._gyr):
            dt = abs(tg - t)
            if dt < best_dt:
                best, best_dt = k, dt
            elif tg > t:
                break
        return best


class _Unwrap:
    """Unwraps an unsigned counter of ``bits`` bits that wraps around: to the value nearest
    the last one (so a packet that comes late across the wrap is not taken for a wrap of
    its own)."""

    def __init__(self, bits: int) -> None:
        self.modulus = 1 << bits
        self.last: int | None = None           # unwrapped

    def __call__(self, value: int) -> int:
        last = self.last
        if last is not None:
            base = last - last % self.modulus
            value = min((value + base + k * self.modulus for k in (-1, 0, 1)),
                        key=lambda c: abs(c - last))
        self.last = value
        return value


# ---------------------------------------------------------------------------------------
# WitMotion WT901BLE: 20-byte frames 55 61 + 9 x int16 (acc, gyro, angles); frames may be
# split or joined across notifications. Register replies 55 71 are not samples.
# ---------------------------------------------------------------------------------------
class WitMotionDecoder:
    """Frames out of a byte stream whose notifications may split, join or lose bytes.

    A frame has no checksum, so it is taken only where the stream shows where it ends: the
    next frame's header (``55 61`` / ``55 71``) right after its 20 bytes, or the end of a
    notification exactly there; and not where a notification inside its 20 bytes starts
    with a header. A notification cut short (bytes lost on the way) leaves a frame start
    whose 20 bytes would run into the next frame: those bytes are dropped (a bad packet) and
    reading resumes at the next header, so a cut frame is never spliced with the next one
    into a garbage sample (before: 20-30 rad/s and up to 16 g out of nothing). A frame whose
    end is not known yet (a notification that ends one byte after it) waits for the next
    notification. (Notifications carry whole frames, joined or split in two; a loss whose
    gap happens to end exactly on a frame boundary mid-frame cannot be seen without a
    checksum.)
    """

    FRAME = 20

    def __init__(self) -> None:
        self.buf = bytearray()
        self.stats = DecoderStats()
        self.registers: dict[int, list[int]] = {}
        self._starts: list[int] = []        # where notifications start in ``buf``
        # Sample frames (55 61) begun and cut short: samples the sensor sent and that are
        # lost (the time alignment counts them, and leaves their place in time).
        self.samples_dropped = 0

    def new_connection(self) -> None:
        """A frame cut off by a dropped link never gets its end: forget it."""
        self.buf.clear()
        self._starts.clear()

    def feed(self, data: bytes) -> Decoded:
        self.stats.packets += 1
        if self.buf:
            self._starts.append(len(self.buf))
        self.buf += data
        acc, gyr = [], []
        dropped = False
        n = self.FRAME
        while len(self.buf) >= 2:
            if not self._header(0):
                self._skip_to_header()
                dropped = True
                continue
            if len(self.buf) < n:
                break                                   # the rest of the frame is to come
            if self.buf[-1] == 0x55 and len(self.buf) - 1 in (n, *self._starts):
                break                                   # a header may start there: wait
            if (len(self.buf) > n and not self._header(n)) or any(
                    b < n and b + 1 < len(self.buf) and self._header(b) for b in self._starts):
                # The 20 bytes run into something that is not a frame start, or contain a
                # notification that starts with one: this frame was cut short. Drop up to
                # the next header (which may lie inside those bytes).
                self.samples_dropped += self.buf[1] == 0x61
                self._skip_to_header()
                dropped = True
                continue
            frame = bytes(self.buf[:n])
            self._drop(n)
            values = struct.unpack_from("<9h", frame, 2)
            if frame[1] == 0x61:
                acc.append([v / 32768.0 * 16.0 * G for v in values[0:3]])
                gyr.append([v / 32768.0 * 2000.0 * DEG for v in values[3:6]])
            else:
                reg = values[0] & 0xFFFF
                self.registers[reg] = list(struct.unpack_from("<8h", frame, 4))
        if len(self.buf) > 4 * n:                       # cannot happen; never hoard
            self._drop(len(self.buf))
            dropped = True
        if dropped:
            self.stats.bad += 1
        if not acc:
            return EMPTY
        return Decoded(np.array(acc), np.array(gyr))

    def _header(self, i: int) -> bool:
        return self.buf[i] == 0x55 and self.buf[i + 1] in (0x61, 0x71)

    def _next_start(self, start: int) -> int:
        for i in range(start, len(self.buf) - 1):
            if self._header(i):
                return i
        return -1

    def _skip_to_header(self) -> None:
        """Drop bytes up to the next header after the first byte; keep a last 0x55, which
        may be the first half of a header."""
        nxt = self._next_start(1)
        if nxt < 0:
            nxt = len(self.buf) - 1 if self.buf[-1] == 0x55 else len(self.buf)
        self._drop(nxt)

    def _drop(self, k: int) -> None:
        del self.buf[:k]
        self._starts = [b - k for b in self._starts if b > k]

    @staticmethod
    def battery_volts(registers: dict[int, list[int]]) -> float | None:
        """Battery register 0x64 (raw / 100 V), from a register read reply."""
        vals = registers.get(0x64)
        return None if vals is None else (vals[0] & 0xFFFF) / 100.0


# Output rates (Hz) and their codes for register 0x03.
WITMOTION_RATE_CODES = {1: 0x03, 5: 0x05, 10: 0x06, 50: 0x08, 100: 0x09, 200: 0x0B}


def witmotion_rate(rate_hz: float) -> float:
    """The output rate the sensor offers nearest ``rate_hz`` (the lower one of two as near)."""
    return float(min(WITMOTION_RATE_CODES, key=lambda r: abs(r - rate_hz)))


def witmotion_commands(rate_hz: float) -> list[bytes]:
    """Unlock, set the output rate, save (write without response)."""
    codes = WITMOTION_RATE_CODES
    rate = int(witmotion_rate(rate_hz))
    return [bytes([0xFF, 0xAA, 0x69, 0x88, 0xB5]), bytes([0xFF, 0xAA, 0x03, codes[rate], 0x00]),
            bytes([0xFF, 0xAA, 0x00, 0x00, 0x00])]


# ---------------------------------------------------------------------------------------
# MbientLab MetaWear: [module, register, payload]. Sources: mbientlab/MetaWear-SDK-Cpp,
# src/metawear/sensor/cpp/{accelerometer_bosch,gyro_bosch}.cpp and *_register.h,
# src/metawear/processor/cpp/dataprocessor.cpp and the byte vectors of its test/*.py.
# Accelerometer data 03 04 on both chips; packed (3 samples) 03 1C on the BMI160, 03 05 on
# the BMI270. Gyroscope data 13 05 / packed 13 07 on the BMI160, 13 04 / 13 05 on the
# BMI270 (MetaMotionS). Accelerometer and gyroscope arrive as separate notifications.
# ---------------------------------------------------------------------------------------
ACC_LSB_PER_G = {2: 16384.0, 4: 8192.0, 8: 4096.0, 16: 2048.0}
GYR_LSB_PER_DPS = {2000: 16.4, 1000: 32.8, 500: 65.6, 250: 131.2, 125: 262.4}
METAWEAR_TICK_S = 48.0 / 32768.0        # accounter clock (SDK: dataprocessor.cpp)


def metawear_registers(bmi270: bool) -> dict[str, tuple[int, int]]:
    """(module, register) of each data signal for the board's inertial chip."""
    if bmi270:
        return {"acc": (0x03, 0x04), "acc_packed": (0x03, 0x05),
                "gyro": (0x13, 0x04), "gyro_packed": (0x13, 0x05)}
    return {"acc": (0x03, 0x04), "acc_packed": (0x03, 0x1C),
            "gyro": (0x13, 0x05), "gyro_packed": (0x13, 0x07)}


@dataclass
class MetaWearDecoder:
    """Accelerometer and gyroscope data, plain, packed or wrapped by accounters.

    Accounter output (``09 03 <id> <u32 ticks> <data>``; the SDK's TestAccounter vector)
    carries the board's tick clock (48/32768 s per tick): both streams then have the
    sensor's time and are paired by it (:class:`TimePairer`), whatever their rates. The
    driver tells which processor id belongs to which stream (``accounters``); without it
    the ids are learnt from the ``09 02 <id>`` replies, accelerometer first. Plain and packed
    notifications carry no time and come at equal rates: they are paired in order.
    """

    acc_range_g: int = 16
    gyr_range_dps: int = 2000
    bmi270: bool = False
    rate_hz: float = 100.0
    gyr_rate_hz: float = 100.0
    stats: DecoderStats = field(default_factory=DecoderStats)
    accounters: dict = field(default_factory=dict)    # processor id -> "acc" | "gyro"
    _acc: list = field(default_factory=list)
    _gyr: list = field(default_factory=list)
    _pairer: TimePairer | None = None
    _unwrap: dict = field(default_factory=dict)

    def set_accounters(self, acc_id: int, gyr_id: int) -> None:
        self.accounters = {acc_id: "acc", gyr_id: "gyro"}
        self._unwrap = {}
        self._pairer = None

    def feed(self, data: bytes) -> Decoded:
        self.stats.packets += 1
        if len(data) < 2:
            self.stats.bad += 1
            return EMPTY
        module, reg = data[0], data[1]
        body = data[2:]
        if module == 0x09 and reg == 0x02 and len(body) == 1:
            if len(self.accounters) < 2 and body[0] not in self.accounters:
                kinds = set(self.accounters.values())
                self.accounters[body[0]] = "acc" if "acc" not in kinds else "gyro"
            return EMPTY                              # a processor was created
        if module == 0x09 and reg == 0x03:
            return self._accounter(body)
        regs = metawear_registers(self.bmi270)
        kind = {v: k for k, v in regs.items()}.get((module, reg))
        if kind is None:
            return EMPTY                              # a command reply or another module
        n = 3 if kind.endswith("_packed") else 1
        if len(body) != 6 * n:
            self.stats.bad += 1
            return EMPTY
        if kind.startswith("acc"):
            self._acc += self._vectors(body, n, ACC_LSB_PER_G[self.acc_range_g] / G)
        else:
            self._gyr += self._vectors(body, n, GYR_LSB_PER_DPS[self.gyr_range_dps] / DEG)
        return self._pair_in_order()

    def _accounter(self, body: bytes) -> Decoded:
        kind = self.accounters.get(body[0]) if body else None
        if len(body) != 11 or kind is None:
            self.stats.bad += 1
            return EMPTY
        ticks = struct.unpack_from("<I", body, 1)[0]
        unwrap = self._unwrap.setdefault(kind, _Unwrap(32))
        t = unwrap(ticks) * METAWEAR_TICK_S
        if self._pairer is None:
            self._pairer = TimePairer(1.0 / self.rate_hz, 1.0 / self.gyr_rate_hz)
        if kind == "acc":
            self._pairer.add_acc(t, self._vectors(body[5:], 1,
                                                  ACC_LSB_PER_G[self.acc_range_g] / G)[0])
        else:
            self._pairer.add_gyr(t, self._vectors(body[5:], 1,
                                                  GYR_LSB_PER_DPS[self.gyr_range_dps] / DEG)[0])
        before = self._pairer.unpaired
        times, acc, gyr = self._pairer.pop()
        self.stats.unpaired += self._pairer.unpaired - before
        if not times:
            return EMPTY
        return Decoded(np.array(acc), np.array(gyr), None, np.array(times))

    def _pair_in_order(self) -> Decoded:
        n = min(len(self._acc), len(self._gyr))
        if len(self._acc) > 64 or len(self._gyr) > 64:   # one stream stopped: do not hoard
            extra = max(len(self._acc), len(self._gyr)) - n
            self.stats.unpaired += extra
            del self._acc[n:], self._gyr[n:]
        if n == 0:
            return EMPTY
        acc, gyr = self._acc[:n], self._gyr[:n]
        del self._acc[:n], self._gyr[:n]
        return Decoded(np.array(acc), np.array(gyr))

    @staticmethod
    def _vectors(body: bytes, n: int, lsb: float) -> list[list[float]]:
        vals = struct.unpack(f"<{3 * n}h", body)
        return [[v / lsb for v in vals[3 * i:3 * i + 3]] for i in range(n)]


# Accelerometer output data rate codes (low nibble of the config byte) and the gyroscope's
# (BMI160/BMI270 data sheets, as the SDK sets them). The gyroscope's lowest rate is 25 Hz.
METAWEAR_ODR_CODES = {12.5: 0x05, 25: 0x06, 50: 0x07, 100: 0x08, 200: 0x09}
METAWEAR_GYR_ODR_CODES = {25: 0x06, 50: 0x07, 100: 0x08, 200: 0x09}
METAWEAR_ACC_RANGE_G = 16
METAWEAR_GYR_RANGE_CODE = {2000: 0, 1000: 1, 500: 2, 250: 3, 125: 4}


def metawear_rates(rate_hz: float) -> tuple[float, float]:
    """The accelerometer rate nearest the request and the gyroscope rate that goes with it
    (the same, or the gyroscope's lowest, 25 Hz)."""
    acc = min(METAWEAR_ODR_CODES, key=lambda r: abs(r - rate_hz))
    gyr = min(METAWEAR_GYR_ODR_CODES, key=lambda r: abs(r - max(acc, 25)))
    return float(acc), float(gyr)


def metawear_acc_range_code(range_g: int, bmi270: bool) -> int:
    return {2: 0, 4: 1, 8: 2, 16: 3}[range_g] if bmi270 else {2: 0x03, 4: 0x05, 8: 0x08,
                                                                16: 0x0C}[range_g]


def metawear_config_commands(rate_hz: float, bmi270: bool = False) -> list[bytes]:
    """Accelerometer and gyroscope configuration (rate, range).

    Accelerometer ``03 03 <odr> <range>``: odr byte = rate code | bandwidth 2 << 4, with the
    BMI270's filter-performance bit 0x80 (SDK vectors: BMI160 100 Hz 16 g ``03 03 28 0c``,
    BMI270 ``03 03 a8 03``). Gyroscope ``13 03 <rate code | 0x20> <range>`` (SDK vector:
    200 Hz ``13 03 29 00``), the same layout on both chips.
    """
    acc, gyr = metawear_rates(rate_hz)
    acc_odr = (0xA0 if bmi270 else 0x20) | METAWEAR_ODR_CODES[acc]
    gyr_odr = 0x20 | METAWEAR_GYR_ODR_CODES[int(gyr)]
    return [bytes([0x03, 0x03, acc_odr, metawear_acc_range_code(METAWEAR_ACC_RANGE_G, bmi270)]),
            bytes([0x13, 0x03, gyr_odr, METAWEAR_GYR_RANGE_CODE[2000]])]


def metawear_packed_subscribe(bmi270: bool = False) -> list[bytes]:
    """Subscribe to the packed accelerometer and gyroscope signals (above 100 Hz)."""
    regs = metawear_registers(bmi270)
    return [bytes([*regs["acc_packed"], 0x01]), bytes([*regs["gyro_packed"], 0x01])]


def metawear_accounter_create(signal: tuple[int, int]) -> bytes:
    """An accounter in tick mode on a 6-byte data signal (SDK TestAccounter vector for the
    accelerometer: ``09 02 03 04 ff a0 11 31 03``): source module, register, data id 0xff,
    (length - 1) << 5, then the accounter's type 0x11, mode|length 0x31 and prescale 3."""
    return bytes([0x09, 0x02, signal[0], signal[1], 0xFF, 0xA0, 0x11, 0x31, 0x03])


def metawear_processor_subscribe(processor_id: int) -> list[bytes]:
    """The SDK subscribes to a processor's output with ``09 07 <id> 01`` (notify enable for
    that processor) then ``09 03 01`` (dataprocessor.cpp; test_dataprocessor.py vectors)."""
    return [bytes([0x09, 0x07, processor_id, 0x01]), bytes([0x09, 0x03, 0x01])]


METAWEAR_START = [bytes([0x03, 0x02, 0x01, 0x00]), bytes([0x13, 0x02, 0x01, 0x00]),
                  bytes([0x03, 0x01, 0x01]), bytes([0x13, 0x01, 0x01])]
METAWEAR_STOP = [bytes([0x03, 0x01, 0x00]), bytes([0x13, 0x01, 0x00]),
                 bytes([0x03, 0x02, 0x00, 0x01]), bytes([0x13, 0x02, 0x00, 0x01])]
# Remove every data processor (the SDK's tear-down sends it first): processors of a
# connection that dropped would otherwise stay on the board and use up its slots.
METAWEAR_REMOVE_PROCESSORS = bytes([0x09, 0x08])
METAWEAR_DISCOVER = {"acc": bytes([0x03, 0x80]), "gyro": bytes([0x13, 0x80])}


def metawear_bmi270(reply: bytes) -> bool | None:
    """From a module-info reply ``[module, 0x80, implementation, revision, ...]``: True for
    the BMI270 (accelerometer implementation 4, gyroscope implementation 1), False for the
    BMI160 (1 / 0); None when the reply is not one (SDK test/common.py board descriptions)."""
    if len(reply) < 3 or reply[1] != 0x80:
        return None
    if reply[0] == 0x03:
        return {1: False, 4: True}.get(reply[2])
    if reply[0] == 0x13:
        return {0: False, 1: True}.get(reply[2])
    return None


# ---------------------------------------------------------------------------------------
# Movella DOT. Sources: "Xsens DOT BLE Services Specifications" rev F (Tables 7, 13, 15, 17),
# the Xsens DOT User Manual (Table 8), xsens/xsens_dot_server bleHandler.js. Payload "rate
# quantities" (mode 21, 28 B) = u32 timestamp (us), acc 3 x f32 (m/s^2), gyro 3 x f32
# (deg/s); mode 20 adds the magnetic field, 3 x int16 / 2^12 in arbitrary units normalised
# to the earth field (not microtesla). The timestamp wraps after about 71.6 min: unwrapped
# to the value nearest the last one (a packet late across the wrap is not a wrap of its own).
# ---------------------------------------------------------------------------------------
DOT_STREAM_RATES_HZ = (1, 4, 10, 12, 15, 20, 30, 60)   # spec Table 7 (120 Hz: recording only)


class MovellaDotDecoder:
    def __init__(self, mode: int = 21) -> None:
        self.mode = mode
        self.stats = DecoderStats()
        self._unwrap = _Unwrap(32)

    def feed(self, data: bytes) -> Decoded:
        self.stats.packets += 1
        size = 28 if self.mode == 21 else 34
        if len(data) != size:
            self.stats.bad += 1
            return EMPTY
        ts = struct.unpack_from("<I", data, 0)[0]
        vals = struct.unpack_from("<6f", data, 4)
        if not all(math.isfinite(v) for v in vals):
            self.stats.bad += 1
            return EMPTY
        t = self._unwrap(ts) * 1e-6
        mag_au = None
        if self.mode == 20:
            mag_au = np.array([[v / 4096.0 for v in struct.unpack_from("<3h", data, 28)]])
        return Decoded(np.array([vals[0:3]]), np.radians(np.array([vals[3:6]])), None,
                       np.array([t]), mag_au)


def dot_start(mode: int = 21) -> bytes:
    """Control characteristic 0x2001: type 1 (measurement), action 1 (start), payload mode."""
    return bytes([0x01, 0x01, mode])


def dot_stop(mode: int = 21) -> bytes:
    return bytes([0x01, 0x00, mode])


def dot_output_rate(rate_hz: int) -> bytes:
    """Device control characteristic 0x1002 (32 B): visit index b4 (0x10) = output rate,
    the rate u16 at offset 24; fields whose visit bit is 0 are ignored (spec Table 7)."""
    if rate_hz not in DOT_STREAM_RATES_HZ:
        raise ValueError(f"the DOT streams at {DOT_STREAM_RATES_HZ} Hz, not {rate_hz}")
    out = bytearray(32)
    out[0] = 0x10
    out[24:26] = int(rate_hz).to_bytes(2, "little")
    return bytes(out)


DOT_BASE = "1517{:04x}-4947-11e9-8646-d663bd873d93"


def dot_uuid(short: int) -> str:
    return DOT_BASE.format(short)


# ---------------------------------------------------------------------------------------
# Movesense (gatt_sensordata_app). Sources: the Movesense device-lib sample
# GATTSensorDataClient.cpp and its Python client (commands, reference 99, the path without a
# terminating NUL); sokolmarek/movesense-commander docs/gsp-protocol.md, framing.ts and
# layouts.hardware.test.ts (captures from a real sensor). Result ``01 <ref> <status u16>``;
# data ``02 <ref>`` + payload; a payload larger than a notification continues in
# ``03 <ref>`` (and ``04 <ref>``) + the rest. IMU6 payload: u32 timestamp (ms, of the first
# sample), N acc vectors 3 x f32 (m/s^2), then N gyro vectors 3 x f32 (deg/s), array-major,
# no counts (hardware-verified at 52 Hz: 100 B, N = 4).
# ---------------------------------------------------------------------------------------
HTTP_STATUS = {100, 200, 201, 202, 204, 400, 401, 403, 404, 405, 408, 409, 413, 429, 500,
               501, 503, 504, 507}


def movesense_status(two: bytes) -> int | None:
    """The status of a command result. Current firmware sends it little-endian (``c8 00`` =
    200, movesense-commander's hardware-checked framing); the sample firmware's own "no free
    subscription slot" reply is written ``01 fb`` (507, big-endian). Read little-endian, and
    big-endian only where that alone gives an HTTP status."""
    if len(two) < 2:
        return None
    le, be = two[0] | two[1] << 8, two[0] << 8 | two[1]
    if le in HTTP_STATUS or be not in HTTP_STATUS:
        return le
    return be


class MovesenseDecoder:
    """IMU6 (or IMU9) packets, reassembled from their parts.

    Where a packet is split depends on the connection's MTU, so a first part alone can look
    like a whole packet (4 + 24k bytes). The packet length is constant for a subscription
    and is learnt from the first packet: a split packet ends with a part shorter than its
    first; an unsplit one ends when the next packet begins (that first packet is then not
    used: its samples would come a packet late). From then on a packet is complete when it
    reaches that length.
    """

    def __init__(self, rate_hz: float = 104.0, ref: int = 1, imu9: bool = False) -> None:
        self.rate_hz = rate_hz
        self.ref = ref
        self.blocks = 3 if imu9 else 2          # acc, gyro (, magnetometer)
        self.stats = DecoderStats()
        self._pending: bytearray | None = None
        self._first_part = 0
        self.packet_len: int | None = None
        self.status: int | None = None

    def restart(self) -> None:
        """A new subscription: its packets may be of another length."""
        self._pending = None
        self.packet_len = None
        self.status = None

    def feed(self, data: bytes) -> Decoded:
        self.stats.packets += 1
        if len(data) < 2:
            self.stats.bad += 1
            return EMPTY
        kind, ref = data[0], data[1]
        if kind == 0x01:
            if ref == self.ref and len(data) >= 4:
                self.status = movesense_status(data[2:4])
            return EMPTY
        if ref != self.ref:
            return EMPTY
        if kind == 0x02:
            if self._pending is not None:                  # the previous packet has ended
                if self.packet_len is None and self._valid(len(self._pending)):
                    self.packet_len = len(self._pending)
                else:
                    self.stats.bad += 1                    # a part was lost
            self._pending = bytearray(data[2:])
            self._first_part = len(data) - 2
            return self._complete()
        if kind in (0x03, 0x04):
            if self._pending is None:
                self.stats.bad += 1                        # a continuation without its start
                return EMPTY
            self._pending += data[2:]
            if self.packet_len is None and len(data) - 2 < self._first_part:
                if not self._valid(len(self._pending)):
                    self._pending = None
                    self.stats.bad += 1
                    return EMPTY
                self.packet_len = len(self._pending)       # a short last part: complete
            return self._complete()
        self.stats.bad += 1
        return EMPTY

    def _complete(self) -> Decoded:
        if self._pending is None or self.packet_len is None:
            return EMPTY
        if len(self._pending) < self.packet_len:
            return EMPTY
        body, self._pending = bytes(self._pending), None
        if len(body) != self.packet_len:
            self.stats.bad += 1
            return EMPTY
        return self._decode(body)

    def _valid(self, n: int) -> bool:
        size = 12 * self.blocks
        return n >= 4 + size and (n - 4) % size == 0

    def _decode(self, body: bytes) -> Decoded:
        if not self._valid(len(body)):
            self.stats.bad += 1
            return EMPTY
        n = (len(body) - 4) // (12 * self.blocks)
        ts = struct.unpack_from("<I", body, 0)[0]
        vals = np.array(struct.unpack_from(f"<{3 * self.blocks * n}f", body, 4)).reshape(-1, 3)
        if not np.isfinite(vals).all():
            self.stats.bad += 1
            return EMPTY
        t = ts * 1e-3 + np.arange(n) / self.rate_hz
        mag = vals[2 * n:] if self.blocks == 3 else None
        return Decoded(vals[:n], np.radians(vals[n:2 * n]), mag, t)


def movesense_subscribe(ref: int, rate_hz: int) -> bytes:
    return bytes([0x01, ref]) + f"/Meas/IMU6/{rate_hz}".encode()


def movesense_unsubscribe(ref: int) -> bytes:
    return bytes([0x02, ref])


# ---------------------------------------------------------------------------------------
# Nordic Thingy:52 raw motion (18 B): acc raw / 1024 g... as int16 triplets: acc / 1024 g,
# gyro / 32 deg/s, compass / 16 microtesla. No counter.
# ---------------------------------------------------------------------------------------
class ThingyDecoder:
    def __init__(self) -> None:
        self.stats = DecoderStats()

    def feed(self, data: bytes) -> Decoded:
        self.stats.packets += 1
        if len(data) != 18:
            self.stats.bad += 1
            return EMPTY
        v = struct.unpack("<9h", data)
        acc = np.array([[x / 1024.0 * G for x in v[0:3]]])
        gyr = np.array([[x / 32.0 * DEG for x in v[3:6]]])
        mag = np.array([[x / 16.0 for x in v[6:9]]])
        return Decoded(acc, gyr, mag)


def thingy_config(rate_hz: int) -> bytes:
    """Pedometer, temperature, compass intervals (ms), motion rate (Hz), wake-on-motion."""
    return struct.pack("<HHHHB", 1000, 1000, 100, int(max(5, min(200, rate_hz))), 1)


THINGY_BASE = "ef68{:04x}-9b35-4933-9b10-52ffa9740042"


def thingy_uuid(short: int) -> str:
    return THINGY_BASE.format(short)


# ---------------------------------------------------------------------------------------
# Polar PMD. Sources: polarofficial/polar-ble-sdk, Android library
# (api/ble/model/gatt/client/pmd: BlePMDClient.kt, PmdControlPointResponse.kt, PmdSetting.kt,
# PmdDataFrame.kt, model/AccData.kt, GyrData.kt, PmdTimeStampUtils.kt) and its unit tests.
# Frame: measurement type u8 (low 6 bits), timestamp u64 ns (of the last sample, since
# 2000-01-01), frame type u8 (bit 7 = delta compressed, low 7 bits = type). Delta frames:
# reference sample (full bytes per channel), then blocks [bit width][count][packed bits, LSB
# first, channel-interleaved, two's complement], each added to the previous sample.
#   ACC raw 0/1/2: int8/16/24 mG.  ACC 0x80: int16 in g / factor (mG = v * factor * 1000).
#   ACC 0x81: int16 mG (times the factor when it is not 1).
#   GYRO 0x80: int16 deg/s times the factor.  GYRO 0x81: float32 deg/s whose bit patterns
#   are the reference and the running sum of 32-bit deltas, times the factor.
# ---------------------------------------------------------------------------------------
PMD_ACC, PMD_GYRO, PMD_MAG, PMD_SDK_MODE = 2, 5, 6, 9
PMD_SETTING_SIZE = {0: 2, 1: 2, 2: 2, 3: 4, 4: 1, 5: 4, 6: 16}   # PmdSetting.typeToFieldSize
PMD_FACTOR = 5
PMD_ERRORS = {1: "invalid op code", 2: "invalid measurement type", 3: "not supported",
              4: "invalid length", 5: "invalid parameter", 6: "already in state",
              7: "invalid resolution", 8: "invalid sample rate", 9: "invalid range",
              10: "invalid MTU", 11: "invalid number of channels", 12: "invalid state",
              13: "device in charger", 14: "disk full"}


@dataclass
class PmdResponse:
    """A control-point response ``F0 <op> <type> <status> <more> [parameters]``."""

    op: int
    mtype: int
    status: int
    more: bool
    settings: dict[int, list[int]]

    @property
    def ok(self) -> bool:
        return self.status == 0

    @property
    def factor(self) -> float | None:
        """The FACTOR setting (tag 5, a float32) of a start response, if any."""
        vals = self.settings.get(PMD_FACTOR)
        if not vals:
            return None
        f = struct.unpack("<f", (vals[0] & 0xFFFFFFFF).to_bytes(4, "little"))[0]
        return f if math.isfinite(f) and f > 0 else None

    @property
    def error(self) -> str:
        return PMD_ERRORS.get(self.status, f"error {self.status}")


def pmd_response(data: bytes) -> PmdResponse | None:
    """Parse a control-point response; None if ``data`` is not one. The parameters are a
    tagged record (PmdSetting.kt): [type u8][count u8][count values of the type's size]."""
    if len(data) < 4 or data[0] != 0xF0:
        return None
    op, mtype, status = data[1], data[2], data[3]
    more = status == 0 and len(data) > 4 and data[4] != 0
    settings: dict[int, list[int]] = {}
    params = data[5:] if status == 0 else b""
    pos = 0
    while pos + 2 <= len(params):
        tag, count = params[pos], params[pos + 1]
        size = PMD_SETTING_SIZE.get(tag)
        pos += 2
        if size is None or pos + count * size > len(params):
            break                                   # not a settings record: ignore the rest
        settings[tag] = [int.from_bytes(params[pos + k * size:pos + (k + 1) * size], "little",
                                        signed=True) for k in range(count)]
        pos += count * size
    return PmdResponse(op, mtype, status, more, settings)


def _signed(value: int, bits: int) -> int:
    return value - (1 << bits) if value & (1 << (bits - 1)) else value


def _unpack_bits(data: bytes, width: int, count: int) -> list[int]:
    """``count`` two's-complement fields of ``width`` bits, LSB first. A 1-bit field is 0 or
    -1 (the SDK's sign extension, Int.MAX_VALUE shl (width - 1), sets every bit above the
    field's top bit; at width 1 that arithmetic drops bit 31 and gives 2^31 - 1 instead)."""
    value = int.from_bytes(data, "little")
    mask = (1 << width) - 1
    return [_signed((value >> (k * width)) & mask, width) for k in range(count)]


def pmd_delta_samples(body: bytes, channels: int, resolution_bits: int) -> list[list[int]]:
    """Reference sample then the accumulated delta blocks of a compressed frame's body.
    32-bit channels (float bit patterns) add modulo 2^32, as the SDK's Int arithmetic does."""
    ref_bytes = (resolution_bits + 7) // 8
    if len(body) < channels * ref_bytes:
        raise ValueError("PMD delta frame without reference sample")
    ref = [_signed(int.from_bytes(body[i * ref_bytes:(i + 1) * ref_bytes], "little"),
                   8 * ref_bytes) for i in range(channels)]
    samples = [ref]
    pos = channels * ref_bytes
    while pos < len(body):
        if pos + 2 > len(body):
            raise ValueError("PMD delta block header cut short")
        width, count = body[pos], body[pos + 1]
        pos += 2
        if width == 0 or width > 32:
            raise ValueError("bad delta bit width")
        nbytes = (width * count * channels + 7) // 8
        if pos + nbytes > len(body):
            raise ValueError("delta block shorter than announced")
        deltas = _unpack_bits(body[pos:pos + nbytes], width, count * channels)
        pos += nbytes
        for k in range(count):
            prev = samples[-1]
            row = [prev[c] + deltas[k * channels + c] for c in range(channels)]
            if resolution_bits == 32:
                row = [_signed(v & 0xFFFFFFFF, 32) for v in row]
            samples.append(row)
    return samples


def _bits_to_float(v: int) -> float:
    return struct.unpack("<f", (v & 0xFFFFFFFF).to_bytes(4, "little"))[0]


@dataclass
class PmdFrame:
    mtype: int
    timestamp_ns: int
    frame_type: int                  # the byte as sent (bit 7 = compressed)
    values: np.ndarray               # (N, 3): ACC mG, GYRO deg/s


def decode_pmd_frame(data: bytes, factor: float = 1.0) -> PmdFrame:
    """One ACC or GYRO data frame in the SDK's output units (AccData.kt, GyrData.kt)."""
    if len(data) < 10:
        raise ValueError("PMD frame too short")
    mtype = data[0] & 0x3F
    ts = int.from_bytes(data[1:9], "little")
    ftype = data[9]
    body = data[10:]
    compressed, kind = bool(ftype & 0x80), ftype & 0x7F
    if mtype == PMD_ACC and not compressed and kind in (0, 1, 2):
        size = kind + 1
        n = len(body) // (3 * size)
        if n == 0 or len(body) % (3 * size):
            raise ValueError("PMD raw frame length")
        vals = [_signed(int.from_bytes(body[i * size:(i + 1) * size], "little"), 8 * size)
                for i in range(3 * n)]
        values = np.array(vals, float).reshape(n, 3)
    elif mtype == PMD_ACC and compressed and kind == 0:
        values = np.array(pmd_delta_samples(body, 3, 16), float) * (factor * 1000.0)
    elif compressed and (mtype, kind) in ((PMD_ACC, 1), (PMD_GYRO, 0)):
        values = np.array(pmd_delta_samples(body, 3, 16), float) * factor
    elif mtype == PMD_GYRO and compressed and kind == 1:
        bits = pmd_delta_samples(body, 3, 32)
        values = np.array([[_bits_to_float(v) for v in row] for row in bits]) * factor
    else:
        raise ValueError(f"PMD frame type {ftype:#04x} of measurement {mtype} not supported")
    return PmdFrame(mtype, ts, ftype, values)


def pmd_sample_times_ns(ts_ns: int, prev_ts_ns: int | None, n: int, rate_hz: float
                        ) -> np.ndarray:
    """Times of a frame's ``n`` samples, the last at the frame's timestamp.

    As the SDK (PmdTimeStampUtils.kt) does, the samples are spread evenly between the
    previous frame's timestamp (same measurement and frame type) and this one's, which
    follows the sensor's real rate. Unlike the SDK, that is done only where the spacing is
    within 25 % of the nominal rate: after a lost frame or a restart the previous timestamp
    belongs to another stretch of time, and the nominal rate is used backwards from the
    frame's timestamp instead (the SDK's rule for a first frame).
    """
    nominal = 1e9 / rate_hz
    step = nominal
    if prev_ts_ns is not None and ts_ns > prev_ts_ns:
        spread = (ts_ns - prev_ts_ns) / n
        if abs(spread - nominal) <= 0.25 * nominal:
            step = spread
    return ts_ns - step * np.arange(n - 1, -1, -1, dtype=float)


class PolarDecoder:
    """ACC (mG) and GYRO (deg/s) frames to samples, paired by their sensor time."""

    def __init__(self, rate_hz: float = 52.0, acc_factor: float = 1.0,
                 gyr_factor: float = 1.0) -> None:
        self.rate_hz = rate_hz
        self.acc_factor = acc_factor
        self.gyr_factor = gyr_factor
        self.stats = DecoderStats()
        self._prev_ts: dict[tuple[int, int], int] = {}
        self._pairer = TimePairer(1.0 / rate_hz, 1.0 / rate_hz)

    def restart(self) -> None:
        """A new stream (SDK: stopMeasurement clears the previous timestamps)."""
        self._prev_ts.clear()
        self._pairer.reset()

    def response(self, data: bytes) -> PmdResponse | None:
        """A control-point response: a start response's FACTOR applies to its stream."""
        r = pmd_response(data)
        if r is not None and r.ok and r.op == 0x02:
            factor = r.factor if r.factor is not None else 1.0
            if r.mtype & 0x3F == PMD_ACC:
                self.acc_factor = factor
            elif r.mtype & 0x3F == PMD_GYRO:
                self.gyr_factor = factor
        return r

    def feed(self, data: bytes) -> Decoded:
        self.stats.packets += 1
        try:
            mtype = data[0] & 0x3F if data else -1
            factor = self.acc_factor if mtype == PMD_ACC else self.gyr_factor
            frame = decode_pmd_frame(data, factor)
        except (ValueError, IndexError, struct.error):
            self.stats.bad += 1
            return EMPTY
        if not np.isfinite(frame.values).all():
            self.stats.bad += 1
            return EMPTY
        key = (frame.mtype, frame.frame_type & 0x7F)
        times = pmd_sample_times_ns(frame.timestamp_ns, self._prev_ts.get(key),
                                    len(frame.values), self.rate_hz) * 1e-9
        self._prev_ts[key] = frame.timestamp_ns
        if frame.mtype == PMD_ACC:
            for t, v in zip(times, frame.values * (1e-3 * G), strict=True):
                self._pairer.add_acc(float(t), list(v))
        else:
            for t, v in zip(times, frame.values * DEG, strict=True):
                self._pairer.add_gyr(float(t), list(v))
        before = self._pairer.unpaired
        t, acc, gyr = self._pairer.pop()
        self.stats.unpaired += self._pairer.unpaired - before
        if not t:
            return EMPTY
        return Decoded(np.array(acc), np.array(gyr), None, np.array(t))


PMD_SETTING_RATE, PMD_SETTING_RESOLUTION, PMD_SETTING_RANGE, PMD_SETTING_CHANNELS = 0, 1, 2, 4


def pmd_start(mtype: int, rate_hz: int, range_value: int, resolution: int = 16,
              channels: int | None = 3) -> bytes:
    """``02 <type>`` then the selected settings as [type][count 1][value LE] (PmdSetting.kt
    serializeSelected: sample rate, resolution, range 2 bytes each, channels 1 byte). A real
    Verity Sense accepted ``02 02 00 01 34 00 01 01 10 00 02 01 08 00 04 01 03``."""
    out = bytes([0x02, mtype, PMD_SETTING_RATE, 0x01]) + rate_hz.to_bytes(2, "little")
    out += bytes([PMD_SETTING_RESOLUTION, 0x01]) + resolution.to_bytes(2, "little")
    out += bytes([PMD_SETTING_RANGE, 0x01]) + range_value.to_bytes(2, "little")
    if channels is not None:
        out += bytes([PMD_SETTING_CHANNELS, 0x01, channels])
    return out


def pmd_stop(mtype: int) -> bytes:
    return bytes([0x03, mtype])


PMD_SDK_MODE_START = bytes([0x02, PMD_SDK_MODE])
PMD_SDK_MODE_STOP = bytes([0x03, PMD_SDK_MODE])
