"""Small groups: each participant's own sensors, programme, calibration and record."""

from __future__ import annotations

import itertools
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from cli_helpers import add_patients, cli

from monitor.group import (
    MAX_PARTICIPANTS,
    GroupError,
    GroupSession,
    demo_group,
    motion_energy,
    picked_sensor,
)
from recordings.store import Store
from recordings.treatment import prescribe

pytestmark = pytest.mark.group


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def run(group: GroupSession, clock: Clock, step: float = 1 / 30) -> None:
    for _ in range(100000):
        if group.demo_finished:
            return
        clock.t += step
        group.poll()
    raise AssertionError("the demo sets did not end")


def test_demo_group_counts_each_participant_and_stores_in_their_own_record(capsys, tmp_path):
    db = tmp_path / "g.db"
    code, out, err = cli(capsys, "group", "--demo", "--participants", "3", "--reps", "5",
                         "--fast", "--json", "--db", str(db))
    assert code == 0, err
    parts = out["participants"]
    assert [p["patient"] for p in parts] == ["DEMO01", "DEMO02", "DEMO03"]
    assert len({p["exercise"] for p in parts}) == 3          # each their own exercise
    store = Store(db)
    sessions = {s.id: s for s in store.sessions()}
    for p in parts:
        # The count of each participant is the simulator's truth of their set.
        assert p["rep_count"] == p["simulated_reps"] == 5
        # Their set is in their own record: their session, their patient.
        s = sessions[p["session"]]
        assert s.patient == p["patient"] and s.rep_count == 5
        (stored,) = store.sets(p["session"])
        assert stored["exercise"] == p["exercise"]
        assert stored["summary"]["rep_count"] == 5
        assert len(store.reps(stored["id"])) == 5
        assert set(store.set_samples(stored["id"])) == {"thigh", "shank"}
        # Their own calibration, stored with their record.
        own = "00:00:00:00:%02X:" % (parts.index(p) + 1)
        assert any(store.latest_calibration(p["patient"], f"right_{seg}", own + k)
                   for seg, k in (("thigh", "01"), ("shank", "02")))
    members = store.group_members(out["group"])
    assert [m["session"] for m in members] == [p["session"] for p in parts]
    assert [m["shown_as"] for m in members] == ["Anna", "Bram", "Carla"]
    assert store.groups_of(parts[0]["session"]) == [out["group"]]


def test_a_demo_group_stopped_early_compares_with_the_repetitions_it_simulated(capsys,
                                                                               tmp_path):
    # Stopped by --seconds before the sets end: the truth printed beside each count is the
    # simulated repetitions completed until then, not the whole simulated set. The stop is
    # placed where every participant rests between two repetitions (from the simulation's
    # own truth: the demo is seeded), so that no repetition is cut half-way.
    group = demo_group(Store(tmp_path / "probe.db"), 2, clock=Clock(), reps=10)
    group.start()                       # the same sets as the command's (a new store)
    rests = []
    for p in group.participants:
        reps = p.controller.source.sim.reps
        rests.append([(a.end_s, b.start_s) for a, b in itertools.pairwise(reps)])
    group.end()
    stop = next(t for t in np.arange(5.0, 60.0, 0.5)
                if all(any(a + 0.3 < t < b - 0.3 for a, b in r) for r in rests))
    code, out, err = cli(capsys, "group", "--demo", "--participants", "2", "--reps", "10",
                         "--seconds", str(stop), "--fast", "--json", "--db",
                         str(tmp_path / "g.db"))
    assert code == 0, err
    for p, r in zip(out["participants"], rests, strict=True):
        assert p["simulated_reps"] == sum(a < stop for a, _ in r) < 10
        assert p["rep_count"] == p["simulated_reps"]


def test_demo_group_speaks_dutch(capsys, tmp_path):
    code, out, err = cli(capsys, "group", "--demo", "--participants", "2", "--reps", "3",
                         "--fast", "--db", str(tmp_path / "g.db"), "--lang", "nl")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Groepssessie")
    assert "Anna (DEMO01): " in lines[1] and "3 herhalingen in 1 serie, sessie" in lines[1]


def test_demo_group_without_db_keeps_out_of_the_practice_history(capsys):
    # The conftest gives each test its own data folder: the default store lives there.
    from recordings.store import default_db_path

    code, _, err = cli(capsys, "group", "--demo", "--participants", "2", "--reps", "2",
                       "--fast")
    assert code == 0, err
    assert not default_db_path().exists()
    demo = Store(default_db_path().with_name("demo.db"))
    assert sorted({s.patient for s in demo.sessions()}) == ["DEMO01", "DEMO02"]
    demo.close()


def test_group_size_and_bad_sensor_arguments_are_refused_in_words(capsys, tmp_path):
    db = str(tmp_path / "g.db")
    code, _, err = cli(capsys, "group", "--demo", "--participants", "9", "--fast",
                       "--db", db)
    assert code == 2 and "2 to 8 participants, not 9" in err and "Traceback" not in err
    code, _, err = cli(capsys, "group", "--sensor", "AA:BB=P1", "--seconds", "5",
                       "--db", db)
    assert code == 2 and "ADDRESS=CODE:PLACEMENT" in err
    code, _, err = cli(capsys, "group", "--db", db)
    assert code == 2 and "--sensor" in err
    # Found by a new user: nonsense was taken (or crashed the demo). Each is one line now.
    for args, words in ((["--rate", "0"], "--rate must be 20-400 Hz"),
                        (["--rate", "nan"], "--rate must be 20-400 Hz"),
                        (["--rate", "-50"], "--rate must be 20-400 Hz"),
                        (["--reps", "0"], "--reps must be 1-1000"),
                        (["--seconds", "-5"], "--seconds must be more than 0")):
        code, _, err = cli(capsys, "group", "--demo", "--participants", "2", "--fast",
                           "--db", db, *args)
        assert code == 2 and words in err and "Traceback" not in err, (args, err)
        assert len(err.strip().splitlines()) == 1
    add_patients(tmp_path / "g.db", "P1", "P2")
    for sensors, words in (
            (["nonsense=P1:right_shank", "C3:00:00:00:00:02=P2:right_shank"],
             "is not a Bluetooth address"),
            (["C3:00:00:00:00:01=P1:right_shank", "C3:00:00:00:00:02=P1:right_shank",
              "C3:00:00:00:00:03=P2:right_shank"], "P1 has a sensor at that place already"),
            (["C3:00:00:00:00:01=P1:right_shank", "C3:00:00:00:00:02=P1:right_thigh"],
             "A group needs at least 2 participants")):
        argv = [a for x in sensors for a in ("--sensor", x)]
        code, _, err = cli(capsys, "group", *argv, "--seconds", "2", "--db", db)
        assert code == 2 and words in err and "Traceback" not in err, (sensors, err)
    two = ["--sensor", "C3:00:00:00:00:01=P1:right_shank",
           "--sensor", "C3:00:00:00:00:02=P2:right_shank"]
    for exercise, words in (("P1=flying", "expected CODE=EXERCISE"),
                            ("P9=squat", "P9 wears no sensor in this group")):
        code, _, err = cli(capsys, "group", *two, "--exercise", exercise, "--seconds", "2",
                           "--db", db)
        assert code == 2 and words in err and "Traceback" not in err, (exercise, err)
    # Refused before anything was stored: no group, no session, no remembered sensor.
    refused = Store(tmp_path / "g.db")
    assert refused.db.execute("SELECT count(*) FROM group_sessions").fetchone()[0] == 0
    assert refused.sessions() == [] and refused.assignments() == {}
    refused.close()
    store = Store(tmp_path / "h.db")
    group = GroupSession(store)
    for i in range(MAX_PARTICIPANTS):
        group.add(f"P{i}")
    with pytest.raises(GroupError):
        group.add("P99")
    g2 = GroupSession(store)
    g2.add("P1")
    with pytest.raises(GroupError):
        g2.add("P1")
    with pytest.raises(GroupError):
        g2.check_size()


def test_participants_follow_their_own_programme(tmp_path):
    store = Store(tmp_path / "g.db")
    add_patients(tmp_path / "g.db", "P1", "P2")
    prescribe(store, "P1", "sit_to_stand", sets=2, reps=6)
    prescribe(store, "P2", "straight_leg_raise", sets=3, reps=4, target_deg=(0, 40))
    clock = Clock()
    group = GroupSession(store, clock=clock)
    a, b = group.add("P1", "Ann"), group.add("P2")
    assert a.controller.exercise.id == "sit_to_stand"
    assert b.controller.exercise.id == "straight_leg_raise"
    group.connect_demo(reps=4)
    reports = group.calibrate_demo()
    assert all(r.accepted for r in reports.values())
    tiles = {t.code: t for t in group.tiles()}
    assert (tiles["P1"].set_number, tiles["P1"].sets, tiles["P1"].reps_target) == (1, 2, 6)
    assert (tiles["P2"].set_number, tiles["P2"].sets, tiles["P2"].reps_target) == (1, 3, 4)
    assert tiles["P2"].band_deg == (0, 40) and tiles["P1"].shown_as == "Ann"
    group.start()
    run(group, clock)
    truth = {p.code: len(p.controller.source.sim.reps) for p in group.participants}
    assert {t.code: t.rep_count for t in group.tiles()} == truth
    done = group.stop()
    assert {c: s["rep_count"] for c, s in done.items()} == truth
    # The next set of each is their second.
    assert [t.set_number for t in group.tiles()] == [2, 2]
    # Stored against their programme: the prescription of each set is their own.
    for p in group.participants:
        (s,) = store.sets(p.session_id)
        assert s["prescription"]["dose"]["reps"] == (6 if p.code == "P1" else 4)


def test_flags_make_a_participant_stand_out(tmp_path):
    store = Store(tmp_path / "g.db")
    clock = Clock()
    group = demo_group(store, 2, clock=clock, reps=4)
    hip = group.participants[0].controller              # knee extension, the hip helps
    hip.demo_hip_helps_deg = 15.0
    group.start()
    quiet = group.participants[1]
    for _ in range(60):                                 # 2 s: everyone streams
        clock.t += 1 / 30
        group.poll()
    assert not group.tile(quiet).attention
    # The second participant's sensors go silent (their source stops delivering).
    quiet.controller.source.poll = lambda now: []
    for _ in range(45):
        clock.t += 1 / 30
        group.poll()
    assert group.tile(quiet).flags == ("sensor_silent",) and group.tile(quiet).attention
    run_until = 100000
    while not hip.source.finished and run_until:
        clock.t += 1 / 30
        group.poll()
        run_until -= 1
    assert "hip_helping" in group.tile(group.participants[0]).flags
    quiet.controller.sensors["thigh"].battery_pct = 6
    assert "low_battery" in group.tile(quiet).flags
    group.end()


def test_shaken_sensor_is_picked_out_of_the_list():
    rng = np.random.default_rng(3)
    still = {f"S{i}": (rng.normal(0, 0.01, (100, 3)),
                       rng.normal(0, 0.05, (100, 3)) + np.array([0, 0, 9.81])) for i in range(6)}
    energies = {k: motion_energy(g, a) for k, (g, a) in still.items()}
    assert picked_sensor(energies) is None            # nothing stands out: none picked
    t = np.arange(100) / 50
    shaken_gyr = np.c_[4 * np.sin(2 * np.pi * 3 * t), np.zeros(100), np.zeros(100)]
    shaken_acc = np.c_[6 * np.sin(2 * np.pi * 3 * t), np.zeros(100), np.full(100, 9.81)]
    energies["S4"] = motion_energy(shaken_gyr, shaken_acc)
    assert picked_sensor(energies) == "S4"
    # Two sensors shaken at once: ambiguous, none picked.
    energies["S1"] = energies["S4"] * 0.8
    assert picked_sensor(energies) is None


def test_killed_group_loses_at_most_half_a_second_of_anyone(tmp_path):
    db = tmp_path / "crash.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "group", "--demo", "--participants", "3",
         "--reps", "30", "--db", str(db), "--progress"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    # Per participant: (when, last sample time handed to their recorder, committed).
    fed: dict[str, list[tuple[float, float, float]]] = {}
    first = None
    try:
        for line in proc.stderr:
            if line.startswith("fed "):
                _, code, t, _, c, _, at = line.split()
                fed.setdefault(code, []).append((float(at), float(t), float(c)))
                first = first or time.monotonic()
                if time.monotonic() - first > 3.0 and len(fed) == 3:
                    proc.send_signal(signal.SIGKILL)
                    killed_at = time.monotonic()
                    break
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    store = Store(db)
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for code, lines in fed.items():
        (session,) = list(store.sessions(code))
        (stored,) = store.sets(session.id, include_empty=True)
        samples = store.set_samples(stored["id"])
        kept = max(b.time_s[-1] for b in samples.values())
        # Everything each participant's recorder had committed is there after the kill
        # (the kill came after the last line read: at least that), and a second of their
        # set at least.
        assert kept >= lines[-1][2] and kept >= 1.0
        # At most the last half second is lost: every sample handed to their recorder half
        # a second or more before the kill is stored (it commits every 0.25 s). Counted in
        # the time the samples reached the recorder, as a sensor's reach the app: a machine
        # that stalls the app delivers what a sensor sent meanwhile at once, late.
        due = [t for at, t, _ in lines if at <= killed_at - 0.5]
        assert due and kept >= due[-1], (code, due[-1], lines[-1], kept)


def test_a_group_with_more_sensors_than_bluetooth_carries_is_slowed_to_what_it_carries():
    """Eight sensors on two adapters are four per adapter: more than the 300 samples a second
    one adapter carries at 100 Hz, so each streams at a rate the sensor offers that fits (at
    least 50 Hz); up to three per adapter nothing is lowered."""
    from devices.ble import ADAPTER_BUDGET_HZ, MIN_GROUP_RATE_HZ, BleHub
    from devices.drivers.base import driver_for_family

    hub = BleHub(["hci0", "hci1"])
    try:
        for family in ("witmotion", "metawear", "movesense", "movella_dot", "polar",
                       "thingy52"):
            own = driver_for_family(family)(None).rate_hz
            for n in (2, 6, 7, 8, 12, 16):
                rate = hub.planned_rate_hz(family, n)
                per_adapter = -(-n // 2)
                carried = own * per_adapter <= ADAPTER_BUDGET_HZ * 1.05
                if rate is None:
                    # Its own rate is carried, or nothing it offers lies lower above 50 Hz.
                    lower = driver_for_family(family)(MIN_GROUP_RATE_HZ).rate_hz
                    assert carried or lower >= own, (family, n)
                    continue
                assert not carried, (family, n)
                # A rate the sensor really offers (the driver keeps it as it is), lower
                # than its own, within the budget or at the floor.
                assert driver_for_family(family)(rate).rate_hz == rate
                assert rate < own
                within = rate * per_adapter <= ADAPTER_BUDGET_HZ
                assert within or rate <= MIN_GROUP_RATE_HZ * 1.25, (family, n, rate)
        assert hub.planned_rate_hz("witmotion", 8) == 50.0
        assert hub.planned_rate_hz("movesense", 8) == 52.0
        assert hub.planned_rate_hz("witmotion", 4) is None         # two on each adapter
    finally:
        hub.close()
    one = BleHub(["hci0"])
    try:
        assert one.planned_rate_hz("witmotion", 4) == 50.0
        assert one.planned_rate_hz("witmotion", 3) is None
    finally:
        one.close()


def test_witmotion_is_timed_at_the_rate_it_is_set_to():
    """The WitMotion has no clock: its samples are timed at the driver's rate, which must be
    one the sensor offers (asked for 75 Hz it is set to 50 Hz, and timed so)."""
    from devices.decoders import witmotion_commands
    from devices.drivers.base import driver_for_family

    d = driver_for_family("witmotion")(75.0)
    assert d.rate_hz == 50.0
    assert witmotion_commands(75.0)[1] == bytes([0xFF, 0xAA, 0x03, 0x08, 0x00])
    assert driver_for_family("witmotion")(None).rate_hz == 100.0
