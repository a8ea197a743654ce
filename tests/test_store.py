"""The session store: real SQLite files, crash safety, migrations, bad files, full disk,
replay identity and the progress queries."""

import hashlib
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
from sim_helpers import known_mountings

from devices.simulated import stream_batches
from monitor.signal.simulate import simulate_session
from recordings.progress import overlay, progress
from recordings.recorder import open_live_set
from recordings.replay import flagged, replay_set
from recordings.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Store,
    StoreError,
    StoreFullError,
    open_store,
)


def record(store, exercise="knee_extension_seated", reps=6, seed=1, patient="P01",
           label="intake", rate=50.0, batch_size=5, low_amplitude=0, calibrated=True):
    sim = simulate_session(exercise, reps=reps, rate_hz=rate, seed=seed,
                           low_amplitude_reps=low_amplitude)
    session = store.new_session(patient, label)
    sensors = {lab: {"placement": f"right_{lab}", "segment": lab, "rate_hz": rate}
               for lab in sim.recording.sensors}
    live, set_id = open_live_set(store, session, exercise, sensors, sim.exercise.primary,
                                 known_mountings(sim) if calibrated else None)
    for lab, batch, arrival in stream_batches(sim, batch_size=batch_size):
        live.feed(lab, batch, arrival)
    live.finish()
    return sim, session, set_id, live


def test_new_database_is_private_wal_and_tagged(tmp_path):
    path = tmp_path / "m.db"
    store = Store(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    store.close()


def test_replay_gives_exactly_the_live_repetitions(db_target):
    store = open_store(db_target)
    sim, _, set_id, live = record(store, reps=6, low_amplitude=2)
    stored = store.reps(set_id)
    assert len(stored) == 6 == len(sim.reps)
    assert stored == [r.to_json() for r in live.reps]
    pipe = replay_set(store, set_id)
    replayed = flagged(store, set_id, pipe, pipe.events)
    assert [r.to_json() for r in replayed] == stored
    # The flags are stored with the repetitions (the two low-amplitude ones fall short),
    # and the set's summary counts the same ones.
    short = {r["index"] for r in stored if "below_target_range" in r["flags"]}
    smallest = sorted(stored, key=lambda r: r["rom_deg"])[:2]
    assert {r["index"] for r in smallest} <= short
    summary = store.sets(store.sessions("P01")[0].id)[0]["summary"]
    assert summary["reps_below_target"] == len(short)
    # Also at another batching of the same samples (as when replaying at another speed).
    assert json.loads(store.db.execute("SELECT summary FROM sets WHERE id=?",
                                       (set_id,)).fetchone()[0])["rep_count"] == 6


@pytest.mark.parametrize("calibrated", [True, False])
def test_any_movement_is_counted_stored_and_replayed_alike(db_target, calibrated):
    # An exercise not in the catalogue: the lower leg's movement is counted, calibrated or
    # not (then its axis is learnt from the first repetitions), and replays the same.
    store = open_store(db_target)
    sim, _, set_id, live = record(store, exercise="any_movement", reps=6, low_amplitude=2,
                                  calibrated=calibrated)
    assert len(live.reps) == 6 == len(sim.reps)
    for got, want in zip(live.reps, sim.reps, strict=True):
        assert abs(got.rom_deg - want.rom_deg) < 2.0
    pipe = replay_set(store, set_id)
    assert [r.to_json() for r in flagged(store, set_id, pipe, pipe.events)] == \
        store.reps(set_id)
    (row,) = progress(store, "P01", "any_movement")
    assert row.reps == 6


def test_raw_samples_are_kept_for_reanalysis(db_target):
    store = open_store(db_target)
    sim, _, set_id, _ = record(store, reps=3)
    samples = store.set_samples(set_id)
    for lab, b in sim.recording.sensors.items():
        np.testing.assert_array_equal(samples[lab].time_s, b.time_s)
        np.testing.assert_allclose(samples[lab].gyr_rad_s, b.gyr_rad_s, rtol=1e-6, atol=1e-7)


def test_killed_recording_loses_at_most_half_a_second(tmp_path):
    db = tmp_path / "crash.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "record", "--demo", "--exercise",
         "knee_extension_seated", "--reps", "30", "--db", str(db), "--progress"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    fed = {}
    first = None
    try:
        for line in proc.stderr:
            if line.startswith("fed "):
                _, lab, t = line.split()
                fed[lab] = float(t)
                first = first or time.monotonic()
                if time.monotonic() - first > 3.0:
                    proc.send_signal(signal.SIGKILL)
                    break
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    store = Store(db)                      # opens cleanly after the kill
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    (set_id,) = store.db.execute("SELECT id FROM sets").fetchone()
    samples = store.set_samples(set_id)
    for lab, t_fed in fed.items():
        assert samples[lab].time_s[-1] >= t_fed - 0.5


def test_old_database_is_upgraded_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("INSERT INTO patients(code, created_at) VALUES ('OLD1', 1.0)")
    db.execute("INSERT INTO sessions(patient_id, started_at, label) VALUES (1, 2.0, 'intake')")
    db.execute("PRAGMA user_version=1")
    db.execute("PRAGMA application_id=1279872341")
    db.commit()
    db.close()
    store = Store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [s.patient for s in store.sessions()] == ["OLD1"]
    store.save_calibration("OLD1", "right_shank", "AA:BB", {"axis": [0, 1, 0]}, 0.9)
    assert store.latest_calibration("OLD1", "right_shank", "AA:BB") == {"axis": [0, 1, 0]}


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_foreign_and_corrupt_files_are_refused_and_untouched(tmp_path):
    foreign = tmp_path / "other.db"
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE notes(x)")
    db.commit()
    db.close()
    text = tmp_path / "text.db"
    text.write_text("these are my notes, not a database\n")
    newer = tmp_path / "newer.db"
    db = sqlite3.connect(newer)
    db.execute("PRAGMA application_id=1279872341")
    db.execute("PRAGMA user_version=99")
    db.commit()
    db.close()
    for path, words in [(foreign, "another program"), (text, "not an SQLite"),
                        (newer, "newer version")]:
        before = _digest(path)
        with pytest.raises(StoreError, match=words):
            Store(path)
        assert _digest(path) == before


def test_full_disk_stops_recording_and_keeps_what_was_saved(tmp_path):
    path = tmp_path / "small.db"
    Store(path).close()
    # Room for the schema (about 90 kB) and some seconds of samples, not for the set.
    store = Store(path, max_size_bytes=250_000)
    errors = []
    sim = simulate_session("knee_extension_seated", reps=30, rate_hz=100, seed=2)
    session = store.new_session("P02")
    sensors = {lab: {"placement": f"right_{lab}", "segment": lab, "rate_hz": 100.0}
               for lab in sim.recording.sensors}
    live, set_id = open_live_set(store, session, sim.exercise.id, sensors, "shank",
                                 known_mountings(sim), on_error=errors.append)
    for lab, batch, arrival in stream_batches(sim, batch_size=10):
        live.feed(lab, batch, arrival)
    live.finish()
    assert errors and isinstance(errors[0], StoreFullError)
    assert "full" in str(errors[0]) and "saved" in str(errors[0])
    store.close()
    again = Store(path)
    assert again.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = again.set_samples(set_id)
    assert kept and min(len(b) for b in kept.values()) > 100


def _two_rep_set(store, patient):
    """A live set of two simulated knee extensions, opened for ``patient``."""
    sim = simulate_session("knee_extension_seated", reps=2, rate_hz=50, seed=3)
    session = store.new_session(patient)
    sensors = {lab: {"placement": f"right_{lab}", "segment": lab, "rate_hz": 50.0}
               for lab in sim.recording.sensors}
    live, set_id = open_live_set(store, session, sim.exercise.id, sensors, "shank",
                                 known_mountings(sim))
    return sim, live, set_id


def test_recording_does_not_block_the_caller(db_target):
    store = open_store(db_target)
    sim, live, set_id = _two_rep_set(store, "P03")
    done = threading.Event()
    store.lock.acquire()                  # the database is busy (e.g. a slow disk)
    releaser = threading.Timer(20.0, store.lock.release)
    releaser.start()
    try:
        for lab, batch, arrival in stream_batches(sim, batch_size=5):
            live.feed(lab, batch, arrival)
        done.set()                        # every batch went through while the store was busy
    finally:
        if releaser.is_alive():
            releaser.cancel()
            store.lock.release()
    assert done.is_set()
    live.finish()
    assert len(store.reps(set_id)) == 2


def test_a_silent_sensor_costs_the_recorder_no_processor(tmp_path):
    """While no samples come (a sensor silent, a set paused), the recorder's thread sleeps
    until something does, instead of waking again and again to find nothing to write."""
    store = Store(tmp_path / "s.db")
    sim, live, set_id = _two_rep_set(store, "P04")
    batches = list(stream_batches(sim, batch_size=5))
    for lab, batch, arrival in batches[:40]:
        live.feed(lab, batch, arrival)
    live.recorder.wait_written()
    before = live.recorder.passes
    time.sleep(1.0)                      # four flush intervals with nothing to write
    assert live.recorder.passes - before <= 1
    for lab, batch, arrival in batches[40:]:
        live.feed(lab, batch, arrival)
    live.finish()
    assert len(store.reps(set_id)) == 2
    assert sum(len(b) for b in store.set_samples(set_id).values()) == sum(
        len(b) for _, b, _ in batches)


def test_progress_over_measurement_moments(db_target):
    store = open_store(db_target)
    _, _, set_a, _ = record(store, reps=5, seed=1, label="intake", low_amplitude=5)
    _, _, set_b, _ = record(store, reps=8, seed=2, label="week 6")
    rows = progress(store, "P01", "knee_extension_seated")
    assert [r.label for r in rows] == ["intake", "week 6"]
    assert [r.reps for r in rows] == [5, 8]
    assert rows[1].change_reps == 3
    assert rows[1].best_rom_deg > rows[0].best_rom_deg
    # The change between the numbers as shown (whole degrees); none at the first moment.
    assert rows[1].change_best_rom_deg == round(rows[1].best_rom_deg) - round(
        rows[0].best_rom_deg)
    assert rows[0].change_best_rom_deg is None and rows[0].change_reps is None
    curves = overlay(store, set_a, set_b)
    assert set(curves) == {set_a, set_b}
    assert all(len(t) == len(d) > 100 for t, d in curves.values())


def test_replayer_plays_pauses_and_seeks_to_the_same_repetitions(db_target):
    from recordings.replay import Replayer

    store = open_store(db_target)
    _, _, set_id, _ = record(store, reps=4)
    rp = Replayer(store, set_id)
    rp.speed = 4.0
    got = []
    got += rp.advance(2.0)                # 8 s of the set
    rp.paused = True
    assert rp.advance(5.0) == []
    rp.paused = False
    while not rp.finished:
        got += rp.advance(1.0)
    assert [r.to_json() for r in got] == store.reps(set_id)
    again = rp.seek(0.0) + rp.seek(rp.end_s)      # back to the start, then to the end
    assert [r.to_json() for r in again] == store.reps(set_id)


def test_timed_test_results_appear_in_progress(db_target):
    store = open_store(db_target)
    sim, _, _, _ = record(store, exercise="five_times_sit_to_stand", reps=5, label="intake")
    rows = progress(store, "P01", "five_times_sit_to_stand")
    (result,) = rows[0].test_results
    # Timed to the fifth full stand (Guralnik 1994), as stored when the set ended.
    fifth = sim.reps[4]
    truth = fifth.peak_s - fifth.hold_s / 2 - sim.reps[0].start_s
    assert result["completed"] and result["time_s"] == pytest.approx(truth, abs=0.3)


def test_reanalysis_is_stored_under_the_algorithm_version(db_target, monkeypatch):
    import recordings.replay as replay
    from monitor.signal.reps import ALGORITHM_VERSION

    store = open_store(db_target)
    _, _, set_id, _ = record(store, reps=3)
    monkeypatch.setattr(replay, "ALGORITHM_VERSION", "reps-next")
    new = replay.reanalyse_set(store, set_id)
    assert len(new) == 3
    assert len(store.reps(set_id, algorithm="reps-next")) == 3
    assert len(store.reps(set_id, algorithm=ALGORITHM_VERSION)) == 3   # the live ones stay
