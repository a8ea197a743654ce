"""Decoders and the command bytes each driver writes, against the vendors' own test vectors
and documented byte layouts (tests/data/vendor_vectors, sources named per vector)."""

import asyncio
import json
import math
import struct
from pathlib import Path

import numpy as np
import pytest

from devices.decoders import (
    DEG,
    PMD_ACC,
    PMD_GYRO,
    PMD_SDK_MODE_START,
    PMD_SDK_MODE_STOP,
    G,
    MetaWearDecoder,
    MovellaDotDecoder,
    MovesenseDecoder,
    PolarDecoder,
    ThingyDecoder,
    WitMotionDecoder,
    decode_pmd_frame,
    dot_output_rate,
    dot_start,
    dot_stop,
    metawear_bmi270,
    movesense_status,
    movesense_subscribe,
    movesense_unsubscribe,
    pmd_delta_samples,
    pmd_response,
    pmd_sample_times_ns,
    pmd_start,
    pmd_stop,
    thingy_config,
    witmotion_commands,
)

VECTORS = Path(__file__).parent / "data" / "vendor_vectors"


def load(family):
    return json.loads((VECTORS / f"{family}.json").read_text())


def h(text):
    return bytes.fromhex(text)


def test_every_vector_names_its_source():
    for path in VECTORS.glob("*.json"):
        text = path.read_text()
        data = json.loads(text)
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                if "bytes" in node:
                    assert node.get("source"), (path.name, node)
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)


# -- Polar ------------------------------------------------------------------------------
POLAR = load("polar")


@pytest.mark.parametrize("v", POLAR["control_responses"], ids=lambda v: v["name"])
def test_polar_control_responses(v):
    r = pmd_response(h(v["bytes"]))
    assert (r.op, r.mtype, r.status) == (v["op"], v["type"], v["status"])
    if v["factor"] is None:
        assert r.factor is None
    else:
        assert r.factor == pytest.approx(v["factor"], rel=1e-6)


def test_polar_start_response_sets_the_stream_factor():
    dec = PolarDecoder()
    dec.response(h("f002020000050140da7f39"))
    assert dec.acc_factor == pytest.approx(2.44e-4, rel=1e-6)
    dec.response(h("f002050000050100002040"))
    assert dec.gyr_factor == pytest.approx(2.5)
    dec.response(h("f002020000"))                     # a start without FACTOR: 1
    assert dec.acc_factor == 1.0


@pytest.mark.parametrize("v", POLAR["frames"], ids=lambda v: v["name"])
def test_polar_frames(v):
    f = decode_pmd_frame(h(v["bytes"]), v["factor"])
    assert f.timestamp_ns == v["timestamp_ns"]
    assert len(f.values) == v["samples"]
    first = np.array(v["first"], float)
    got = f.values[:len(first)]
    if v["truncated_by_sdk"]:
        # The SDK truncates mG to an Int; the decoder keeps the fraction.
        np.testing.assert_array_equal(np.trunc(got), first)
    else:
        np.testing.assert_allclose(got, first, rtol=1e-6)
    if "max_abs" in v:
        assert np.abs(f.values).max() <= v["max_abs"]


def test_polar_sample_times_spread_between_frames():
    v = next(x for x in POLAR["frames"] if "first_sample_timestamp_ns" in x)
    n, ts, prev = v["samples"], v["timestamp_ns"], v["previous_timestamp_ns"]
    rate = n / ((ts - prev) * 1e-9)                     # the rate the two timestamps show
    t = pmd_sample_times_ns(ts, prev, n, rate)
    assert t[0] == pytest.approx(v["first_sample_timestamp_ns"], abs=1)
    assert t[-1] == ts
    # A previous timestamp from another stretch of time (a lost frame, a restart): the
    # nominal rate backwards from the frame's timestamp, as the SDK does for a first frame.
    t = pmd_sample_times_ns(ts, prev, n, rate * 3)
    np.testing.assert_allclose(np.diff(t), 1e9 / (rate * 3))


@pytest.mark.parametrize("v", POLAR["delta_bodies"], ids=lambda v: v["name"])
def test_polar_delta_bodies(v):
    s = pmd_delta_samples(h(v["bytes"]), v["channels"], v["resolution"])
    assert len(s) == v["samples"]
    if "first_u32" in v:
        assert [[x & 0xFFFFFFFF for x in row] for row in s[:2]] == v["first_u32"]
    else:
        assert s[:2] == v["first"]


def test_polar_one_bit_deltas_are_twos_complement():
    # Reference (0, 0, 0), one block of width 1 with two samples: bits 1,0,1 then 1,1,0.
    body = struct.pack("<3h", 0, 0, 0) + bytes([1, 2, 0b011101])
    assert pmd_delta_samples(body, 3, 16) == [[0, 0, 0], [-1, 0, -1], [-2, -1, -1]]


def test_polar_commands():
    calls = {"pmd_start": pmd_start, "pmd_stop": pmd_stop,
             "PMD_SDK_MODE_START": lambda: PMD_SDK_MODE_START,
             "PMD_SDK_MODE_STOP": lambda: PMD_SDK_MODE_STOP}
    for v in POLAR["commands"]:
        name, *args = v["call"]
        assert calls[name](*args).hex() == v["bytes"], v["name"]


def test_polar_driver_writes_the_vendor_commands():
    from devices.drivers.polar import PolarDriver

    writes = asyncio.run(drive(PolarDriver(52), polar_reply))
    assert writes == [h("0202000134000101100002010800040103"),
                      h("020500013400010110000201d007040103"), h("0302"), h("0305")]
    writes = asyncio.run(drive(PolarDriver(104), polar_reply))
    assert writes[0] == h("0209") and writes[-1] == h("0309")      # SDK mode for 104 Hz


def test_polar_driver_says_when_the_sensor_refuses():
    from devices.drivers.base import SensorProtocolError
    from devices.drivers.polar import PolarDriver

    def refuse(cmd):
        return [bytes([0xF0, cmd[0], cmd[1], 8, 0])] if cmd[0] == 2 else []

    with pytest.raises(SensorProtocolError, match="invalid sample rate"):
        asyncio.run(drive(PolarDriver(52), refuse))


# -- MetaWear ---------------------------------------------------------------------------
MW = load("metawear")


@pytest.mark.parametrize("v", MW["data"], ids=lambda v: v["name"])
def test_metawear_data(v):
    dec = MetaWearDecoder(acc_range_g=v.get("acc_range_g", 16),
                          gyr_range_dps=v.get("gyr_range_dps", 2000), bmi270=v["chip"] == "bmi270")
    data = h(v["bytes"])
    if "acc_g" in v:
        if "accounter_id" in v:
            dec.set_accounters(v["accounter_id"], 99)
            dec.feed(data)
            # The accounter sample waits for its gyroscope partner of the same tick.
            d = dec.feed(bytes([0x09, 0x03, 99]) + data[3:7] + b"\0" * 6)
            assert d.sensor_time_s[0] == pytest.approx(v["ticks"] * MW["tick_s"])
        else:
            dec.feed(data)
            n = len(v["acc_g"])
            d = dec.feed(bytes(metawear_gyro_register(dec, n)) + b"\0" * 6 * n)
        np.testing.assert_allclose(d.acc / G, v["acc_g"], atol=v["tolerance"])
    else:
        n = len(v["gyr_dps"])
        dec.feed(bytes([0x03, 0x04 if n == 1 else 0x1C]) + b"\0" * 6 * n)
        d = dec.feed(data)
        np.testing.assert_allclose(d.gyr / DEG, v["gyr_dps"], atol=v["tolerance"])


def metawear_gyro_register(dec, n):
    regs = {False: (0x13, 0x05, 0x07), True: (0x13, 0x04, 0x05)}[dec.bmi270]
    return [regs[0], regs[1] if n == 1 else regs[2]]


def test_metawear_bmi270_gyro_registers():
    regs = MW["gyro_registers"]
    for chip, bmi270 in (("bmi160", False), ("bmi270", True)):
        dec = MetaWearDecoder(bmi270=bmi270)
        dec.feed(bytes([0x03, 0x04]) + struct.pack("<3h", 0, 0, 2048))
        d = dec.feed(bytes([0x13, regs[chip]["data"]]) + struct.pack("<3h", 164, 0, 0))
        assert d.gyr[0, 0] / DEG == pytest.approx(10.0)
        dec.feed(bytes([0x03, 0x05 if bmi270 else 0x1C]) + struct.pack("<9h", *[0] * 9))
        d = dec.feed(bytes([0x13, regs[chip]["packed"]]) + struct.pack("<9h", *[0, 0, 164] * 3))
        assert len(d) == 3 and d.gyr[2, 2] / DEG == pytest.approx(10.0)


@pytest.mark.parametrize("v", MW["module_info"], ids=lambda v: v["board"])
def test_metawear_module_info(v):
    assert [metawear_bmi270(h(b)) for b in v["bytes"]] == [v["bmi270"]] * 2


def test_metawear_commands_are_the_sdks():
    from devices.decoders import (
        METAWEAR_REMOVE_PROCESSORS,
        METAWEAR_START,
        METAWEAR_STOP,
        metawear_accounter_create,
        metawear_config_commands,
        metawear_packed_subscribe,
        metawear_processor_subscribe,
    )

    sdk = {v["bytes"] for v in MW["commands"]}
    ours = [*metawear_config_commands(100, False), *metawear_config_commands(100, True),
            *metawear_packed_subscribe(False), *metawear_packed_subscribe(True),
            metawear_accounter_create((0x03, 0x04)), *metawear_processor_subscribe(0),
            *METAWEAR_START, *METAWEAR_STOP, METAWEAR_REMOVE_PROCESSORS]
    for cmd in ours:
        if cmd[:2] == b"\x13\x03":
            assert cmd.hex() == "13032800"      # 100 Hz, 2000 deg/s (layout of 13 03 29 00)
        else:
            assert cmd.hex() in sdk, cmd.hex()
    assert metawear_config_commands(100, True)[0].hex() == "0303a803"
    assert metawear_config_commands(12.5, False) == [h("0303250c"),
                                                     h("13032600")]   # gyro at its 25 Hz
    assert metawear_config_commands(200, False)[1].hex() == "13032900"


@pytest.mark.parametrize("board, bmi270", [("MetaMotionRL", False), ("MetaMotionS", True)])
def test_metawear_driver_writes_the_sdk_sequence(board, bmi270):
    from devices.drivers.metawear import MetaWearDriver

    info = next(v for v in MW["module_info"] if v["board"] == board)["bytes"]

    def reply(cmd):
        if cmd in (b"\x03\x80", b"\x13\x80"):
            return [h(info[0 if cmd[0] == 3 else 1])]
        if cmd[:2] == b"\x09\x02":
            reply.next_id += 1
            return [bytes([0x09, 0x02, reply.next_id])]
        return []
    reply.next_id = 4

    driver = MetaWearDriver(100)
    writes = asyncio.run(drive(driver, reply))
    gyro = "1304" if bmi270 else "1305"
    assert [w.hex() for w in writes] == [
        "0380", "0908", "0303a803" if bmi270 else "0303280c", "13032800",
        "09020304ffa0113103", f"0902{gyro}ffa0113103",
        "09070501", "090301", "09070601", "090301",
        "03020100", "13020100", "030101", "130101",
        "030100", "130100", "03020001", "13020001", "0908"]
    assert driver.bmi270 is bmi270 and driver.decoder.accounters == {5: "acc", 6: "gyro"}


def test_metawear_pairs_by_time_at_12_5_hz():
    """Accelerometer at 12.5 Hz, gyroscope at 25 Hz (its lowest): each accelerometer
    sample gets the gyroscope sample of its own tick, none is counted bad."""
    dec = MetaWearDecoder(rate_hz=12.5, gyr_rate_hz=25.0)
    dec.set_accounters(1, 2)
    out = []
    for k in range(200):                                     # 25-Hz ticks
        ticks = round(k / 25.0 * 32768 / 48)
        gyr = struct.pack("<3h", k, 0, 0)
        if k % 2 == 0:
            out.append(dec.feed(bytes([0x09, 0x03, 1]) + struct.pack("<I3h", ticks, k, 0, 0)))
        out.append(dec.feed(bytes([0x09, 0x03, 2]) + struct.pack("<I", ticks) + gyr))
    acc = np.concatenate([o.acc for o in out if len(o)])
    gyr = np.concatenate([o.gyr for o in out if len(o)])
    assert len(acc) >= 99
    np.testing.assert_allclose(acc[:, 0] * 2048 / G, gyr[:, 0] * 16.4 / DEG, atol=1e-6)
    assert dec.stats.bad == 0 and dec.stats.unpaired == 0


# -- Movesense --------------------------------------------------------------------------
MS = load("movesense")


@pytest.mark.parametrize("v", MS["status"], ids=lambda v: v["bytes"])
def test_movesense_status(v):
    assert movesense_status(h(v["bytes"])) == v["status"]


def test_movesense_command_result_and_commands():
    r = MS["responses"][0]
    dec = MovesenseDecoder(ref=r["ref"])
    dec.feed(h(r["bytes"]))
    assert dec.status == r["status"]
    sub, unsub = MS["commands"]
    assert (bytes([0x01, 99]) + b"/Meas/Acc/13").hex() == sub["bytes"]
    assert movesense_subscribe(99, 104) == bytes([0x01, 99]) + b"/Meas/IMU6/104"
    assert movesense_unsubscribe(99).hex() == unsub["bytes"]


def test_movesense_imu9_capture_from_a_real_sensor():
    v = MS["payloads"][0]
    dec = MovesenseDecoder(rate_hz=52, ref=5, imu9=True)
    body = h(v["bytes"])
    assert len(dec.feed(bytes([0x02, 5]) + body)) == 0      # its end is not known yet
    d = dec.feed(bytes([0x02, 5]) + body)
    assert len(d) == v["samples"]
    assert d.sensor_time_s[0] == pytest.approx(v["timestamp_ms"] / 1000)
    assert d.acc[0, 2] == pytest.approx(v["acc0_z"], abs=v["acc0_z_tolerance"])
    assert np.abs(d.acc[:, :2]).max() < v["acc_xy_below"]
    assert np.abs(d.gyr / DEG).max() < v["gyro_below_dps"]
    lo, hi = v["mag_z_between_uT"]
    assert lo < abs(d.mag[0, 2]) < hi


@pytest.mark.parametrize("split", [100, 54, 150, 196])
def test_movesense_packets_split_anywhere(split):
    n = 8
    body = struct.pack("<I", 1000) + struct.pack(f"<{6 * n}f", *[0, 0, 9.81] * n,
                                                 *[k for k in range(n) for k in (k, 0, 0)])
    dec = MovesenseDecoder(rate_hz=104, ref=9)
    out = []
    for _ in range(3):
        parts = [body[i:i + split] for i in range(0, len(body), split)]
        for k, part in enumerate(parts):
            out.append(dec.feed(bytes([0x02 if k == 0 else 0x03, 9]) + part))
    got = [o for o in out if len(o)]
    assert sum(len(o) for o in got) >= 2 * n and dec.stats.bad == 0
    for o in got:
        np.testing.assert_allclose(o.gyr[:, 0] / DEG, np.arange(n), atol=1e-5)


# -- Movella DOT ------------------------------------------------------------------------
DOT = load("movella_dot")


@pytest.mark.parametrize("v", DOT["payloads"], ids=lambda v: v["name"])
def test_dot_payloads(v):
    d = MovellaDotDecoder(mode=v["mode"]).feed(h(v["bytes"]))
    assert len(h(v["bytes"])) == DOT["payload_sizes"][str(v["mode"])]
    assert d.sensor_time_s[0] == pytest.approx(v["timestamp_us"] * 1e-6)
    np.testing.assert_allclose(d.acc[0], v["acc_m_s2"], rtol=1e-6)
    np.testing.assert_allclose(d.gyr[0] / DEG, v["gyr_dps"], rtol=1e-6)
    if "mag_au" in v:
        np.testing.assert_allclose(d.mag_au[0], v["mag_au"])
        assert d.mag is None                       # arbitrary units, not microtesla


def test_dot_commands():
    start, stop, rate = DOT["commands"]
    assert dot_start(21).hex() == start["bytes"] and dot_stop(21).hex() == stop["bytes"]
    assert dot_output_rate(rate["rate_hz"]).hex() == rate["bytes"]
    with pytest.raises(ValueError):
        dot_output_rate(120)                       # recording only


def test_dot_timestamp_rollover():
    dec = MovellaDotDecoder()
    roll = DOT["timestamp_rollover"]
    t = [dec.feed(struct.pack("<I6f", ts, 0, 0, 9.8, 0, 0, 0)).sensor_time_s[0]
         for ts in (roll - 5000, 11666)]
    assert t[1] - t[0] == pytest.approx(0.016667, abs=1e-6)


# -- Thingy:52 --------------------------------------------------------------------------
TH = load("thingy52")


def test_thingy_raw_and_config():
    v = TH["raw"][0]
    d = ThingyDecoder().feed(h(v["bytes"]))
    np.testing.assert_allclose(d.acc[0] / G, v["acc_g"])
    np.testing.assert_allclose(d.gyr[0] / DEG, v["gyr_dps"])
    np.testing.assert_allclose(d.mag[0], v["mag_uT"])
    cfg = TH["config"]
    default = struct.unpack("<HHHHB", h(cfg["default"]))
    assert list(default) == cfg["default_values"]
    lim = cfg["limits"]
    for rate in (5, 50, 200, 1, 500):
        pedo, temp, compass, motion, wom = struct.unpack("<HHHHB", thingy_config(rate))
        assert lim["pedometer_ms"][0] <= pedo <= lim["pedometer_ms"][1]
        assert lim["temperature_ms"][0] <= temp <= lim["temperature_ms"][1]
        assert lim["compass_ms"][0] <= compass <= lim["compass_ms"][1]
        assert lim["motion_hz"][0] <= motion <= lim["motion_hz"][1]
        assert lim["wake_on_motion"][0] <= wom <= lim["wake_on_motion"][1]


# -- WitMotion --------------------------------------------------------------------------
WM = load("witmotion")


def test_witmotion_frames_and_commands():
    v = WM["frames"][0]
    d = WitMotionDecoder().feed(h(v["bytes"]))
    np.testing.assert_allclose(d.acc[0] / G, v["acc_g"], rtol=1e-6)
    np.testing.assert_allclose(d.gyr[0] / DEG, v["gyr_dps"], rtol=1e-6)
    dec = WitMotionDecoder()
    dec.feed(h(WM["register_reply"]["bytes"]))
    assert dec.registers[WM["register_reply"]["register"]][0] == \
        WM["register_reply"]["first_value"]
    cmds = {c["name"]: c["bytes"] for c in WM["commands"]}
    for rate, code in WM["rate_codes"].items():
        if not rate.isdigit():
            continue
        unlock, set_rate, save = witmotion_commands(int(rate))
        assert unlock.hex() == cmds["unlock"] and save.hex() == cmds["save"]
        assert set_rate == bytes([0xFF, 0xAA, 0x03, code, 0x00])
    assert witmotion_commands(50)[1].hex() == cmds["rate 50 Hz"]
    assert witmotion_commands(10)[1].hex() == cmds["rate 10 Hz"]


# -- a driver against a scripted sensor -------------------------------------------------
class ScriptedClient:
    """Records the writes; answers each with the notifications ``reply(cmd)`` gives."""

    def __init__(self, reply):
        self.reply = reply
        self.writes = []
        self.callbacks = {}

    async def start_notify(self, uuid, callback):
        self.callbacks[uuid] = callback

    async def stop_notify(self, uuid):
        self.callbacks.pop(uuid, None)

    async def write_gatt_char(self, uuid, data, response):
        self.writes.append(bytes(data))
        for note in self.reply(bytes(data)):
            loop = asyncio.get_running_loop()
            for cb in list(self.callbacks.values()):
                loop.call_soon(cb, None, bytearray(note))


def polar_reply(cmd):
    if cmd[0] in (2, 3):
        params = b"\x05\x01" + struct.pack("<f", 1.0) if cmd[0] == 2 and cmd[1] != 9 else b""
        return [bytes([0xF0, cmd[0], cmd[1], 0, 0]) + params]
    return []


async def drive(driver, reply):
    client = ScriptedClient(reply)
    await driver.configure(client)
    await driver.start(client, lambda uuid, data: None)
    await driver.stop(client)
    return client.writes


def test_units_constants():
    assert math.isclose(G, 9.80665) and PMD_ACC == 2 and PMD_GYRO == 5
