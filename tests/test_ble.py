"""Bluetooth LE end to end, without hardware: bleak's real BlueZ backend talks over a private
D-Bus to an emulated BlueZ serving emulated sensors of each family (tests/bluez_emulator.py).
Every process a test starts is stopped by the test (the emulated_bluez context)."""

import time

import numpy as np
import pytest
from ble_env import emulated_bluez, emulated_signal
from cli_helpers import add_patients

from devices.ble import BleHub, NoAdapterError

pytestmark = pytest.mark.ble

FAMILIES = {
    "witmotion": ("WT901BLE68", 100.0), "metawear": ("MetaWear", 100.0),
    "movella_dot": ("Movella DOT", 60.0), "movesense": ("Movesense 201830000123", 104.0),
    "thingy52": ("Thingy", 50.0), "polar": ("Polar Sense B1234567", 52.0),
}


def devices(*families):
    return [{"family": f, "address": f"C1:00:00:00:00:{k + 1:02X}", "name": FAMILIES[f][0]}
            for k, f in enumerate(families)]


def collect(link, seconds):
    batches = []
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds:
        b = link.drain()
        if b is not None:
            batches.append(b)
        time.sleep(0.02)
    return batches


@pytest.fixture
def hub():
    h = BleHub()
    yield h
    h.close()


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_scan_identifies_the_family_and_streams_at_the_configured_rate(family, hub):
    name, rate = FAMILIES[family]
    with emulated_bluez(devices(family)):
        found = hub.scan(1.0)
        assert [(f.family, f.name) for f in found] == [(family, name)]
        link = hub.connect(found[0], "right_shank", rate)
        assert link.status == "connected"
        batches = collect(link, 2.5)
        t = np.concatenate([b.time_s for b in batches])
        acc = np.concatenate([b.acc_m_s2 for b in batches])
        assert np.all(np.diff(t) > 0)
        effective = (len(t) - 1) / (t[-1] - t[0])
        assert effective == pytest.approx(rate, rel=0.15)
        gyr = np.concatenate([b.gyr_rad_s for b in batches])
        # A shank sensor sees gravity (|acc| about 9.8 m/s^2) and, during a seated knee
        # extension, angular rates of about one radian per second (units and scale right).
        assert np.median(np.linalg.norm(acc, axis=1)) == pytest.approx(9.8, abs=1.0)
        assert 0.5 < np.abs(gyr).max() < 3.0
        assert link.bad_packets == 0


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_link_dropped_by_the_sensor_reconnects_and_marks_the_gap(family, hub):
    _name, rate = FAMILIES[family]
    with emulated_bluez(devices(family)) as env:
        found = hub.scan(1.0)
        link = hub.connect(found[0], "right_shank", rate)
        before = collect(link, 1.0)
        n_before = sum(len(b) for b in before)
        env.control("DropLink", found[0].address)
        t0 = time.monotonic()
        while link.status == "connected" and time.monotonic() - t0 < 5:
            time.sleep(0.02)
        while link.status != "connected" and time.monotonic() - t0 < 20:
            time.sleep(0.05)
        assert link.status == "connected" and link.reconnects == 1
        after = collect(link, 1.5)
        t = np.concatenate([b.time_s for b in before + after])
        assert n_before > 0.5 * rate
        assert sum(len(b) for b in after) > 0.5 * rate       # streaming again
        assert np.all(np.diff(t) > 0)                         # nothing doubled
        assert link.aligner.stats.gaps >= 1                   # the gap is reported


def test_stalled_sensor_is_restarted_by_the_watchdog(hub):
    with emulated_bluez(devices("metawear")) as env:
        found = hub.scan(1.0)
        link = hub.connect(found[0], "right_thigh", 100)
        collect(link, 0.5)
        env.control("Stall", found[0].address, 3.5)
        t0 = time.monotonic()
        while link.reconnects == 0 and time.monotonic() - t0 < 10:
            time.sleep(0.05)
        assert link.reconnects >= 1                 # the watchdog noticed the silence
        time.sleep(1.0)
        assert sum(len(b) for b in collect(link, 2.0)) > 50


def test_garbage_packets_are_counted_and_dropped(hub):
    with emulated_bluez(devices("thingy52")) as env:
        found = hub.scan(1.0)
        link = hub.connect(found[0], "right_shank", 50)
        collect(link, 0.5)
        env.control("Garbage", found[0].address, 5)
        batches = collect(link, 1.5)
        assert link.bad_packets == 5
        assert sum(len(b) for b in batches) > 40


def test_two_sensors_on_one_clock(hub):
    with emulated_bluez(devices("movella_dot", "witmotion")):
        found = {f.family: f for f in hub.scan(1.0)}
        dot = hub.connect(found["movella_dot"], "right_thigh", 60)
        wit = hub.connect(found["witmotion"], "right_shank", 100)
        a, b = [], []
        seen = []                   # (now, latest DOT sample, latest WitMotion sample)
        t0 = time.monotonic()
        while time.monotonic() - t0 < 2.0:
            for link, out in ((dot, a), (wit, b)):
                batch = link.drain()
                if batch is not None:
                    out.append(batch)
            if a and b:
                seen.append((time.monotonic() - hub.session_start, a[-1].time_s[-1],
                             b[-1].time_s[-1]))
            time.sleep(0.02)
        now, ta, tb = np.array(seen).T
        # Both on the session clock (the sensor clock of the DOT is mapped, the WitMotion
        # has no clock of its own and is timed by arrival): no sample is timed after it was
        # taken from its link, and whenever the host keeps up with the notifications, their
        # latest samples are within a fraction of a second of each other and of now. (A
        # host too busy to take the notifications for a while delays what the WitMotion's
        # arrival times say; the moments it keeps up are the ones compared.)
        assert np.all(ta <= now + 0.02) and np.all(tb <= now + 0.02)
        assert np.min(np.abs(ta - tb)) < 0.15
        assert np.min(now - ta) < 0.3 and np.min(now - tb) < 0.3


def test_no_adapter_is_a_clear_error(hub):
    with emulated_bluez(devices("witmotion")) as env:
        env.control("RemoveAdapter")
        with pytest.raises(NoAdapterError, match="No Bluetooth adapter"):
            hub.scan(0.5)


def test_monitor_scan_lists_sensors_with_family_and_battery():
    import json
    import subprocess
    import sys

    with emulated_bluez(devices("metawear", "thingy52")):
        r = subprocess.run([sys.executable, "-m", "monitor", "scan", "--seconds", "1",
                            "--battery", "--json"], capture_output=True, text=True,
                           timeout=120)
    assert r.returncode == 0, r.stderr
    rows = {s["family"]: s for s in json.loads(r.stdout)["sensors"]}
    assert set(rows) == {"metawear", "thingy52"}
    assert rows["metawear"]["battery_pct"] == 77 and rows["thingy52"]["rssi"] < 0


def test_monitor_scan_without_adapter_says_what_to_do():
    import subprocess
    import sys

    with emulated_bluez([], start_emulator=False):
        r = subprocess.run([sys.executable, "-m", "monitor", "scan", "--seconds", "0.5"],
                           capture_output=True, text=True, timeout=120)
    assert r.returncode != 0
    assert "Bluetooth" in r.stderr and "Traceback" not in r.stderr


def test_app_scans_assigns_connects_and_records_over_bluetooth(qapp, qtbot, tmp_path,
                                                               monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    import json

    from monitor.ui.app import make_app
    from monitor.ui.main_window import MainWindow
    from recordings.store import Store

    make_app(lang="en")
    store = Store(tmp_path / "m.db")
    with emulated_bluez(devices("movella_dot", "witmotion")):
        win = MainWindow(store)
        qtbot.addWidget(win)
        win.patient_edit.setText("P0100")
        assert win.open_patient()
        win.scan()
        qtbot.waitUntil(lambda: not win.connect_btn.isHidden(), timeout=60000)
        found = {f.family: f.address for f, _, _ in win._placement_boxes}
        win.assign(found["movella_dot"], "right_thigh")
        win.assign(found["witmotion"], "right_shank")
        win.connect_selected()
        qtbot.waitUntil(lambda: len(win.controller.sensors) == 2, timeout=30000)
        assert "Movella DOT" in win.sensor_list.text() and "connected" in win.sensor_list.text()
        # Guided calibration from the live sensors (the emulated leg is still at first).
        win.calibrate()
        assert win.controller.state == "calibrating"
        qtbot.waitUntil(lambda: "Recording" in win.calib_steps.text(), timeout=60000)
        win.calibrate()                     # Done: too little movement -> refused, advice
        assert win.controller.state == "idle" and not win.controller.calibration.accepted
        assert "Bend and stretch" in win.calib_steps.text()
        win.start_set()
        c = win.controller
        start = {lab: s.samples for lab, s in c.sensors.items()}
        # 2.5 s of the set (the shank sensor at 100 Hz, the thigh's at 60 Hz), as they come.
        qtbot.waitUntil(lambda: c.sensors["right_shank"].samples >= start["right_shank"] + 250
                        and c.sensors["right_thigh"].samples >= start["right_thigh"] + 150,
                        timeout=60000)
        counted = len(c.reps)
        win.stop_set()
        win.close()
    (session,) = store.sessions("P0100")
    # The emulated leg does knee extensions, one every 5-6 s: a set this short usually ends
    # before a repetition does, and is kept but marked empty (left out of the history). On
    # a busy machine the set can be longer and hold one: then it is an ordinary set.
    (st,) = store.sets(session.id, include_empty=True)
    if counted == 0:
        assert st["status"] == "empty" and store.sets(session.id) == []
    else:
        assert st["status"] == "done" and [s["id"] for s in store.sets(session.id)] == [st["id"]]
    samples = store.set_samples(st["id"])
    assert set(samples) == {"right_thigh", "right_shank"}
    assert len(samples["right_shank"]) > 150 and len(samples["right_thigh"]) > 90
    assert st["placements"] == {"right_thigh": "right_thigh", "right_shank": "right_shank"}
    # The set keeps the sensors' make for the exports (the app's own path: live.py).
    stored = json.loads(store.set_config(st["id"])[1])["sensors"]
    assert {lab: (s["family"], s["manufacturer"]) for lab, s in stored.items()} == {
        "right_thigh": ("movella_dot", "Movella"), "right_shank": ("witmotion", "WitMotion")}


def test_headless_recording_from_bluetooth_sensors(tmp_path):
    import json
    import subprocess
    import sys

    from recordings.store import Store

    db = add_patients(tmp_path / "m.db", "P9")
    with emulated_bluez(devices("witmotion", "movella_dot")):
        r = subprocess.run([sys.executable, "-m", "monitor", "record", "--exercise",
                            "knee_extension_seated", "--sensor", "C1:00:00:00:00:01=right_shank",
                            "--sensor", "C1:00:00:00:00:02=right_thigh", "--seconds", "3",
                            "--patient", "P9", "--db", str(db)],
                           capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["sensors"]["right_shank"]["effective_rate_hz"] > 80
    store = Store(db)
    samples = store.set_samples(out["set"])
    assert len(samples["right_shank"]) > 200 and len(samples["right_thigh"]) > 120
    # The set keeps which sensors made it, for the exports (BIDS Manufacturer).
    stored = json.loads(store.set_config(out["set"])[1])["sensors"]
    assert {p: (s["family"], s["manufacturer"], s["model"]) for p, s in stored.items()} == {
        "right_shank": ("witmotion", "WitMotion", "WT901BLE"),
        "right_thigh": ("movella_dot", "Movella", "DOT")}


def test_bluetooth_switched_off_is_a_clear_error(hub):
    from devices.ble import BluetoothOffError

    with emulated_bluez(devices("witmotion")) as env:
        env.control("PowerOff")
        with pytest.raises(BluetoothOffError, match="switched off"):
            hub.scan(0.5)


# -- the samples are the ones the sensor measured --------------------------------------
# Each case is a sensor as its maker's SDK sees it (tests/data/vendor_vectors): a Polar
# start response whose FACTOR is a tagged setting and compressed ACC frames in g / FACTOR, a
# MetaWear board that acknowledges its data processors and sends their output only once
# switched on, a MetaMotionS with a BMI270, a MetaWear accelerometer at 12.5 Hz beside its
# gyroscope's lowest 25 Hz, Movesense packets split after 100 bytes, a DOT at 30 Hz.
TRUTH_CASES = {
    "polar-52": ("polar", 52.0, {}),
    "polar-104-sdk-mode": ("polar", 104.0, {}),
    "metamotion-rl-100": ("metawear", 100.0, {}),
    "metamotion-s-100": ("metawear", 100.0, {"board": "MetaMotionS"}),
    "metamotion-s-200-packed": ("metawear", 200.0, {"board": "MetaMotionS"}),
    "metamotion-12.5": ("metawear", 12.5, {}),
    "movesense-104": ("movesense", 104.0, {}),
    "movella-dot-30": ("movella_dot", 30.0, {}),
}


def emulated_truth(seed):
    """The shank signals the emulated sensor with this seed streams (tests/bluez_emulator.py)."""
    acc, gyr, _ = emulated_signal(seed)
    return acc, gyr


@pytest.mark.parametrize("case", sorted(TRUTH_CASES))
def test_decoded_samples_are_what_the_sensor_measured(case, hub):
    family, rate, options = TRUTH_CASES[case]
    dev = devices(family)
    dev[0].update(options)
    with emulated_bluez(dev):
        found = hub.scan(1.0)
        link = hub.connect(found[0], "right_shank", rate)
        batches = collect(link, 2.0)
        assert link.bad_packets == 0 and link.driver.decoder.stats.unpaired == 0
    t = np.concatenate([b.time_s for b in batches])
    acc = np.concatenate([b.acc_m_s2 for b in batches])
    gyr = np.concatenate([b.gyr_rad_s for b in batches])
    assert np.all(np.diff(t) > 0)
    # Spaced at the rate asked: the typical step between samples. (Not the samples over the
    # time they span: a busy host that takes the first notifications late has the session
    # time catch up by closing up the next ones, and a reconnection leaves a gap; the
    # sensor's own rate is checked against its signal below, sample by sample.)
    assert np.median(np.diff(t)) == pytest.approx(1.0 / rate, rel=0.15)
    acc_true, gyr_true = emulated_truth(seed=1)
    # The emulated sensor steps through its 200-Hz signal, round(200 / rate) samples at a
    # time. Where the decoded stream sits in it is found from the accelerations (the most
    # common offset of each sample's nearest match), then every sample is compared with the
    # signal at its own moment: acceleration and angular rate both.
    step = round(200.0 / rate)
    k = np.arange(len(acc))
    nearest = np.array([np.argmin(np.sum((acc_true - a) ** 2, axis=1)) for a in acc])
    offsets, counts = np.unique((nearest - k * step) % len(acc_true), return_counts=True)
    assert counts.max() > 0.5 * len(acc)
    idx = (offsets[np.argmax(counts)] + k * step) % len(acc_true)
    acc_err = np.linalg.norm(acc_true[idx] - acc, axis=1)
    gyr_err = np.linalg.norm(gyr_true[idx] - gyr, axis=1)
    assert np.max(acc_err) < 0.05                    # m/s^2: only the wire's resolution
    assert np.max(gyr_err) < 0.01                    # rad/s
    assert np.abs(gyr).max() > 0.5                   # the leg moved meanwhile
