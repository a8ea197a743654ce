"""Pure decoders: notification bytes -> samples in SI units, one per sensor family.

Protocol facts from the vendors' public SDKs and specifications (see the project's
SENSORS.md); each decoder says where a fact is unverified. Decoders keep only the state the
protocol needs (a byte buffer for split frames, the previous counter for unwrapping) and
never raise on bad input: a malformed notification is counted in ``bad`` and dropped.

Output: :class:`Decoded` with acc (m/s^2), gyr (rad/s), optional mag (microtesla) and the
sensor's own time in seconds where the protocol has one (``sensor_time_s``), else None.
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

    def __len__(self) -> int:
        return len(self.acc)


EMPTY = Decoded(np.empty((0, 3)), np.empty((0, 3)))


@dataclass
class DecoderStats:
    packets: int = 0
    bad: int = 0


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


def witmotion_commands(rate_hz: float) -> list[bytes]:
    """Unlock, set the output rate, save (write without response)."""
    codes = {1: 0x03, 5: 0x05, 10: 0x06, 50: 0x08, 100: 0x09, 200: 0x0B}
    rate = min(codes, key=lambda r: abs(r - rate_hz))
    return [bytes([0xFF, 0xAA, 0x69, 0x88, 0xB5]), bytes([0xFF, 0xAA, 0x03, codes[rate], 0x00]),
            bytes([0xFF, 0xAA, 0x00, 0x00, 0x00])]


# ---------------------------------------------------------------------------------------
# MbientLab MetaWear: [module, register, payload]. Accelerometer 03 04 (+ packed 03 1C /
# 03 05), gyro 13 05 (+ packed 13 07). Acc and gyro arrive separately and are paired in
# order of arrival. BMI270 gyro registers are unverified.
# ---------------------------------------------------------------------------------------
ACC_LSB_PER_G = {2: 16384.0, 4: 8192.0, 8: 4096.0, 16: 2048.0}
GYR_LSB_PER_DPS = {2000: 16.4, 1000: 32.8, 500: 65.6, 250: 131.2, 125: 262.4}


@dataclass
class MetaWearDecoder:
    """Accelerometer and gyroscope data, plain or wrapped by data-processor accounters.

    Accounter output (``09 03 <id> <u32> <data>``, unverified layout from the SDK's test
    vectors) carries a tick clock (48/32768 s per tick) that becomes the sample time; the
    processor ids come from the ``09 02 <id>`` replies, in the order the accounters for the
    accelerometer and the gyroscope were created.
    """

    acc_range_g: int = 16
    gyr_range_dps: int = 2000
    stats: DecoderStats = field(default_factory=DecoderStats)
    _acc: list = field(default_factory=list)
    _gyr: list = field(default_factory=list)
    _acc_t: list = field(default_factory=list)
    accounters: list = field(default_factory=list)    # processor ids: [acc id, gyro id]
    _ticks_last: int | None = None
    _wraps: int = 0

    def feed(self, data: bytes) -> Decoded:
        self.stats.packets += 1
        if len(data) < 2:
            self.stats.bad += 1
            return EMPTY
        module, reg = data[0], data[1]
        body = data[2:]
        if module == 0x09 and reg == 0x02 and len(body) == 1:
            self.accounters.append(body[0])           # a processor was created
            return EMPTY
        if module == 0x09 and reg == 0x03:
            return self._accounter(body)
        try:
            if module == 0x03 and reg == 0x04 and len(body) == 6:
                self._acc += self._vectors(body, 1, ACC_LSB_PER_G[self.acc_range_g] / G)
            elif module == 0x03 and reg in (0x1C, 0x05) and len(body) == 18:
                self._acc += self._vectors(body, 3, ACC_LSB_PER_G[self.acc_range_g] / G)
            elif module == 0x13 and reg == 0x05 and len(body) == 6:
                self._gyr += self._vectors(body, 1, GYR_LSB_PER_DPS[self.gyr_range_dps] / DEG)
            elif module == 0x13 and reg == 0x07 and len(body) == 18:
                self._gyr += self._vectors(body, 3, GYR_LSB_PER_DPS[self.gyr_range_dps] / DEG)
            elif (module, reg) in ((0x03, 0x04), (0x03, 0x1C), (0x03, 0x05), (0x13, 0x05),
                                   (0x13, 0x07)):
                self.stats.bad += 1
                return EMPTY
            else:
                return EMPTY                    # a command reply or another module
        except (struct.error, KeyError):
            self.stats.bad += 1
            return EMPTY
        return self._pair()

    def _accounter(self, body: bytes) -> Decoded:
        if len(body) != 11 or body[0] not in self.accounters[:2]:
            self.stats.bad += 1
            return EMPTY
        ticks = struct.unpack_from("<I", body, 1)[0]
        vec = struct.unpack_from("<3h", body, 5)
        if body[0] == self.accounters[0]:
            if self._ticks_last is not None and ticks < self._ticks_last and \
                    self._ticks_last - ticks > 2**31:
                self._wraps += 1
            self._ticks_last = ticks
            lsb = ACC_LSB_PER_G[self.acc_range_g] / G
            self._acc.append([v / lsb for v in vec])
            self._acc_t.append((ticks + self._wraps * 2**32) * 48.0 / 32768.0)
        else:
            lsb = GYR_LSB_PER_DPS[self.gyr_range_dps] / DEG
            self._gyr.append([v / lsb for v in vec])
        return self._pair()

    def _pair(self) -> Decoded:
        n = min(len(self._acc), len(self._gyr))
        if n == 0:
            return EMPTY
        acc, gyr = self._acc[:n], self._gyr[:n]
        times = self._acc_t[:n] if len(self._acc_t) >= n else None
        del self._acc[:n], self._gyr[:n]
        if times is not None:
            del self._acc_t[:n]
        if len(self._acc) > 64 or len(self._gyr) > 64:   # one stream stopped: do not hoard
            self._acc.clear()
            self._gyr.clear()
            self._acc_t.clear()
            self.stats.bad += 1
        return Decoded(np.array(acc), np.array(gyr), None,
                       None if times is None else np.array(times))

    @staticmethod
    def _vectors(body: bytes, n: int, lsb: float) -> list[list[float]]:
        vals = struct.unpack(f"<{3 * n}h", body)
        return [[v / lsb for v in vals[3 * i:3 * i + 3]] for i in range(n)]


def metawear_acc_range_code(range_g: int, bmi270: bool) -> int:
    return {2: 0, 4: 1, 8: 2, 16: 3}[range_g] if bmi270 else {2: 0x03, 4: 0x05, 8: 0x08,
                                                                16: 0x0C}[range_g]


def metawear_start_commands(rate_hz: float, bmi270: bool = False) -> list[bytes]:
    """Configure, subscribe and start accelerometer + gyroscope (packed above 100 Hz)."""
    odr_codes = {12.5: 0x05, 25: 0x06, 50: 0x07, 100: 0x08, 200: 0x09}
    rate = min(odr_codes, key=lambda r: abs(r - rate_hz))
    acc_odr = (0xA0 if bmi270 else 0x20) | odr_codes[rate]
    packed = rate > 100
    acc_sub = (0x05 if bmi270 else 0x1C) if packed else 0x04
    gyr_sub = 0x07 if packed else 0x05
    gyr_odr = {25: 6, 50: 7, 100: 8, 200: 9}.get(int(rate), 8) | 0x20
    return [bytes([0x03, 0x03, acc_odr, metawear_acc_range_code(16, bmi270)]),
            bytes([0x13, 0x03, gyr_odr, 0x00]),
            bytes([0x03, acc_sub, 0x01]), bytes([0x13, gyr_sub, 0x01]),
            bytes([0x03, 0x02, 0x01, 0x00]), bytes([0x13, 0x02, 0x01, 0x00]),
            bytes([0x03, 0x01, 0x01]), bytes([0x13, 0x01, 0x01])]


def metawear_accounter_commands() -> list[bytes]:
    """Accounters in tick mode on the accelerometer and gyroscope data signals (<= 100 Hz):
    every sample then carries the sensor's clock (48/32768 s per tick)."""
    return [bytes([0x09, 0x02, 0x03, 0x04, 0xFF, 0xA0, 0x11, 0x31, 0x03]),
            bytes([0x09, 0x02, 0x13, 0x05, 0xFF, 0xA0, 0x11, 0x31, 0x03]),
            bytes([0x09, 0x03, 0x01])]


METAWEAR_STOP = [bytes([0x03, 0x01, 0x00]), bytes([0x13, 0x01, 0x00]),
                 bytes([0x03, 0x02, 0x00, 0x01]), bytes([0x13, 0x02, 0x00, 0x01])]


# ---------------------------------------------------------------------------------------
# Movella DOT: payload "rate quantities" (mode 21, 28 B) = u32 timestamp (us), acc 3 x f32
# (m/s^2), gyro 3 x f32 (deg/s); mode 20 adds mag 3 x int16 / 4096 (34 B). The timestamp
# wraps after about 71.6 min: unwrapped here, to the value nearest the last one (so a packet
# that comes late across the wrap is not taken for a wrap of its own).
# ---------------------------------------------------------------------------------------
class MovellaDotDecoder:
    def __init__(self, mode: int = 21) -> None:
        self.mode = mode
        self.stats = DecoderStats()
        self._last_us: int | None = None        # unwrapped

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
        if self._last_us is not None:
            base = self._last_us - self._last_us % 2**32
            ts = min((ts + base + k * 2**32 for k in (-1, 0, 1)),
                     key=lambda c: abs(c - self._last_us))
        self._last_us = ts
        t = ts * 1e-6
        mag = None
        if self.mode == 20:
            mag = np.array([[v / 4096.0 for v in struct.unpack_from("<3h", data, 28)]])
        return Decoded(np.array([vals[0:3]]), np.radians(np.array([vals[3:6]])), mag,
                       np.array([t]))


DOT_BASE = "1517{:04x}-4947-11e9-8646-d663bd873d93"


def dot_uuid(short: int) -> str:
    return DOT_BASE.format(short)


# ---------------------------------------------------------------------------------------
# Movesense (gatt_sensordata_app): data 02 <ref> + payload, continuation 03 <ref> + rest.
# IMU6 payload (unverified, third-party): u32 timestamp (ms), N acc vectors 3 x f32 (m/s^2),
# N gyro vectors 3 x f32 (deg/s). The timestamp is that of the first sample.
# ---------------------------------------------------------------------------------------
class MovesenseDecoder:
    def __init__(self, rate_hz: float = 104.0, ref: int = 1) -> None:
        self.rate_hz = rate_hz
        self.ref = ref
        self.stats = DecoderStats()
        self._pending = bytearray()
        self.status: int | None = None

    def feed(self, data: bytes) -> Decoded:
        self.stats.packets += 1
        if len(data) < 2:
            self.stats.bad += 1
            return EMPTY
        kind, ref = data[0], data[1]
        if kind == 0x01 and len(data) >= 4:
            self.status = int.from_bytes(data[2:4], "big")
            return EMPTY
        if ref != self.ref:
            return EMPTY
        if kind == 0x02:
            self._pending = bytearray(data[2:])
        elif kind == 0x03:
            self._pending += data[2:]
        else:
            self.stats.bad += 1
            return EMPTY
        body = bytes(self._pending)
        if (len(body) - 4) % 24 != 0 or len(body) < 28:
            return EMPTY                 # wait for the continuation
        self._pending = bytearray()
        n = (len(body) - 4) // 24
        ts = struct.unpack_from("<I", body, 0)[0]
        vals = np.array(struct.unpack_from(f"<{6 * n}f", body, 4)).reshape(2 * n, 3)
        if not np.isfinite(vals).all():
            self.stats.bad += 1
            return EMPTY
        t = ts * 1e-3 + np.arange(n) / self.rate_hz
        return Decoded(vals[:n], np.radians(vals[n:]), None, t)


def movesense_subscribe(ref: int, rate_hz: int) -> bytes:
    return bytes([0x01, ref]) + f"/Meas/IMU6/{rate_hz}".encode()


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
# Polar PMD: type u8, timestamp u64 ns (of the last sample, since 2000-01-01), frame type
# u8 (bit 7 = delta compressed). Raw frames 0/1/2 = int8/int16/int24 per axis. Delta frames:
# reference sample, then blocks [bit width][count][packed bits, LSB first, interleaved,
# two's complement], accumulated. ACC in mG, GYRO in deg/s (times the factor).
# ---------------------------------------------------------------------------------------
PMD_ACC, PMD_GYRO, PMD_MAG = 2, 5, 6


def _signed(value: int, bits: int) -> int:
    return value - (1 << bits) if value & (1 << (bits - 1)) else value


def _unpack_bits(data: bytes, width: int, count: int) -> list[int]:
    out, acc, nbits, pos = [], 0, 0, 0
    for _ in range(count):
        while nbits < width:
            if pos >= len(data):
                raise ValueError("delta block shorter than announced")
            acc |= data[pos] << nbits
            nbits += 8
            pos += 1
        out.append(_signed(acc & ((1 << width) - 1), width))
        acc >>= width
        nbits -= width
    return out


def decode_pmd_frame(data: bytes, resolution_bits: int = 16, channels: int = 3
                     ) -> tuple[int, int, list[list[int]]]:
    """Returns (measurement type, timestamp ns, samples as raw integers)."""
    if len(data) < 10:
        raise ValueError("PMD frame too short")
    mtype = data[0]
    ts = int.from_bytes(data[1:9], "little")
    ftype = data[9]
    body = data[10:]
    if ftype & 0x80:
        ref_bytes = (resolution_bits + 7) // 8
        if len(body) < channels * ref_bytes:
            raise ValueError("PMD delta frame without reference sample")
        ref = [_signed(int.from_bytes(body[i * ref_bytes:(i + 1) * ref_bytes], "little"),
                       8 * ref_bytes) for i in range(channels)]
        samples = [ref]
        pos = channels * ref_bytes
        while pos + 2 <= len(body):
            width, count = body[pos], body[pos + 1]
            pos += 2
            nbytes = (width * count * channels + 7) // 8
            if width == 0 or width > 32:
                raise ValueError("bad delta bit width")
            deltas = _unpack_bits(body[pos:pos + nbytes], width, count * channels)
            pos += nbytes
            for k in range(count):
                prev = samples[-1]
                samples.append([prev[c] + deltas[k * channels + c] for c in range(channels)])
        return mtype, ts, samples
    size = {0: 1, 1: 2, 2: 3}.get(ftype)
    if size is None:
        raise ValueError(f"unknown PMD frame type {ftype}")
    n = len(body) // (size * channels)
    if n == 0 or len(body) % (size * channels):
        raise ValueError("PMD raw frame length")
    samples = []
    for k in range(n):
        row = []
        for c in range(channels):
            off = (k * channels + c) * size
            row.append(_signed(int.from_bytes(body[off:off + size], "little"), 8 * size))
        samples.append(row)
    return mtype, ts, samples


class PolarDecoder:
    """Pairs ACC (mG) and GYRO (deg/s) frames of the same length into samples."""

    def __init__(self, rate_hz: float = 52.0, acc_factor: float = 1.0,
                 gyr_factor: float = 1.0) -> None:
        self.rate_hz = rate_hz
        self.acc_factor = acc_factor
        self.gyr_factor = gyr_factor
        self.stats = DecoderStats()
        self._acc: list = []
        self._gyr: list = []
        self._t_acc: list = []

    def feed(self, data: bytes) -> Decoded:
        self.stats.packets += 1
        try:
            mtype, ts, samples = decode_pmd_frame(data)
        except ValueError:
            self.stats.bad += 1
            return EMPTY
        n = len(samples)
        times = [ts * 1e-9 - (n - 1 - k) / self.rate_hz for k in range(n)]
        if mtype == PMD_ACC:
            self._acc += [[v * self.acc_factor * 1e-3 * G for v in s] for s in samples]
            self._t_acc += times
        elif mtype == PMD_GYRO:
            self._gyr += [[v * self.gyr_factor * DEG for v in s] for s in samples]
        else:
            return EMPTY
        m = min(len(self._acc), len(self._gyr))
        if m == 0:
            return EMPTY
        out = Decoded(np.array(self._acc[:m]), np.array(self._gyr[:m]), None,
                      np.array(self._t_acc[:m]))
        del self._acc[:m], self._gyr[:m], self._t_acc[:m]
        return out


def pmd_start(mtype: int, rate_hz: int, range_value: int, resolution: int = 16) -> bytes:
    return bytes([0x02, mtype, 0x00, 0x01]) + rate_hz.to_bytes(2, "little") + bytes(
        [0x01, 0x01]) + resolution.to_bytes(2, "little") + bytes([0x02, 0x01]) + \
        range_value.to_bytes(2, "little")
