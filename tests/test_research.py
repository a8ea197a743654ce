"""The read-only research API: DataFrames that hold what the store holds, read without
writing, creating or migrating anything, also while the app is recording."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

pd = pytest.importorskip("pandas", reason="pandas is in the test extra (and the research "
                                          "extra): pip install 'legimu-monitor[research]'")

from devices.simulated import stream_batches  # noqa: E402
from monitor.core.exercises import get_exercise  # noqa: E402
from monitor.signal.simulate import simulate_session  # noqa: E402
from recordings.recorder import open_live_set  # noqa: E402
from recordings.research import open_research  # noqa: E402
from recordings.store import Store, StoreDamagedError, StoreMissingError  # noqa: E402

DATA = Path(__file__).parent / "data"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    from monitor.cli import main

    db = tmp_path_factory.mktemp("research") / "m.db"
    for args in (["patient", "add", "P1", "--birth-year", "1950", "--sex", "m"],
                 ["record", "--demo", "--exercise", "knee_extension_seated", "--reps", "5",
                  "--fast", "--patient", "P1", "--label", "intake"],
                 ["record", "--demo", "--exercise", "squat", "--reps", "3", "--fast",
                  "--patient", "P1", "--label", "week 6"],
                 ["tests", "P1", "--label", "week 6", "--add", "timed_up_and_go=9.5"]):
        assert main([*args, "--db", str(db)]) == 0, args
    # The store as the app left it (its write-ahead log folded in), to compare bytes with.
    Store(db).close()
    return db


def test_the_frames_hold_what_the_store_holds(recorded):
    store = Store(recorded)
    before = digest(recorded)
    with open_research(recorded) as r:
        patients = r.patients()
        sessions = r.sessions()
        sets = r.set_summaries(patient="P1")
        reps = r.repetitions(patient="P1")
        results = r.test_results()
        samples = r.samples(int(sets["set_id"].iloc[0]))
    assert digest(recorded) == before                 # nothing written
    assert patients.loc[0, ["code", "birth_year", "sex"]].tolist() == ["P1", 1950, "m"]
    assert sessions["label"].tolist() == ["intake", "week 6"]
    assert str(sessions["started_at"].dt.tz) == "UTC"
    assert sets["exercise"].tolist() == ["knee_extension_seated", "squat"]
    assert sets["rep_count"].tolist() == [5, 3]
    stored = [rep for st in store.sets(int(sessions["session_id"].iloc[0]))
              for rep in store.reps(st["id"])]
    first = reps[reps["label"] == "intake"]
    assert len(first) == 5 and len(reps) == 8
    np.testing.assert_allclose(first["rom_deg"], [rep["rom_deg"] for rep in stored])
    np.testing.assert_allclose(first["start_s"], [rep["start_s"] for rep in stored])
    assert reps.groupby("exercise")["angle"].unique().map(list).to_dict() == {
        ex: [get_exercise(ex).angle] for ex in ("knee_extension_seated", "squat")}
    assert sets.loc[0, "rom_mean_deg"] == pytest.approx(first["rom_deg"].mean(), abs=1e-3)
    (tug,) = results.itertuples()
    assert (tug.test, tug.value, tug.unit, tug.source, tug.label) == (
        "timed_up_and_go", 9.5, "s", "manual", "week 6")
    raw = store.set_samples(int(sets["set_id"].iloc[0]))
    assert set(samples["sensor"]) == set(raw)
    for label, b in raw.items():
        mine = samples[samples["sensor"] == label]
        assert len(mine) == len(b)
        np.testing.assert_array_equal(mine["time_s"], b.time_s)
        np.testing.assert_array_equal(mine[["gyr_x_rad_s", "gyr_y_rad_s", "gyr_z_rad_s"]],
                                      b.gyr_rad_s)
        assert set(mine["placement"]) == {f"right_{label}"}
    store.close()


def test_an_older_store_is_read_without_being_migrated(tmp_path):
    old = tmp_path / "v2.db"
    shutil.copy(DATA / "store_v2.db", old)
    before = digest(old)
    with open_research(old) as r:
        sessions = r.sessions()
        reps = r.repetitions()
        sets = r.set_summaries()
    assert digest(old) == before
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 2
    # What `monitor sessions` shows of it after the app migrated a copy.
    migrated = tmp_path / "copy.db"
    shutil.copy(DATA / "store_v2.db", migrated)
    with _closing(Store(migrated)) as store:
        want = store.sessions()
    assert sessions["session_id"].tolist() == [s.id for s in want]
    assert sessions["rep_count"].tolist() == [s.rep_count for s in want]
    assert len(reps) == sum(sets["rep_count"]) > 0


class _closing:
    def __init__(self, store):
        self.store = store

    def __enter__(self):
        return self.store

    def __exit__(self, *exc):
        self.store.close()


def test_a_newer_store_and_a_missing_one_are_refused_in_words(tmp_path, recorded):
    newer = tmp_path / "newer.db"
    shutil.copy(recorded, newer)
    con = sqlite3.connect(newer)
    con.execute("PRAGMA user_version=99")
    con.close()
    before = digest(newer)
    with pytest.raises(StoreDamagedError, match=r"newer version of the monitor \(schema 99"):
        open_research(newer)
    assert digest(newer) == before
    with pytest.raises(StoreMissingError):
        open_research(tmp_path / "nothing.db")
    assert not (tmp_path / "nothing.db").exists()


def test_a_store_being_recorded_into_is_read_and_the_recording_goes_on(tmp_path):
    store = Store(tmp_path / "m.db")
    sim = simulate_session("knee_extension_seated", reps=4, rate_hz=50.0, seed=2)
    session = store.new_session("P2", "intake")
    sensors = {lab: {"placement": f"right_{lab}", "segment": lab, "rate_hz": 50.0}
               for lab in sim.recording.sensors}
    live, set_id = open_live_set(store, session, "knee_extension_seated", sensors,
                                 sim.exercise.primary)
    batches = list(stream_batches(sim, batch_size=5))
    half = len(batches) // 2
    for lab, batch, arrival in batches[:half]:
        live.feed(lab, batch, arrival)
    live.recorder.wait_written()
    with open_research(tmp_path / "m.db") as r:
        first = r.samples(set_id)
        assert len(first) == sum(len(b) for _, b, _ in batches[:half])
        # A reader in the middle of a read does not hold the recording up.
        r.store.db.execute("BEGIN")
        r.store.db.execute("SELECT count(*) FROM chunks").fetchone()
        for lab, batch, arrival in batches[half:]:
            live.feed(lab, batch, arrival)
        live.recorder.wait_written()
        assert live.recorder.error is None
        r.store.db.execute("COMMIT")
        later = r.samples(set_id)
    summary = live.finish()
    assert len(later) == sum(len(b) for _, b, _ in batches)
    assert live.recorder.error is None and summary["rep_count"] == 4
    store.close()


def test_every_table_and_column_is_described_in_the_docs(tmp_path):
    text = (Path(__file__).parent.parent / "docs" / "schema.md").read_text()
    sections = {}
    for part in text.split("\n## ")[1:]:
        title, _, body = part.partition("\n")
        sections[title.split(" ")[0].rstrip(",")] = body
        for line in body.splitlines():              # a table of tables: | name | columns |
            cells = [c.strip() for c in line.split("|")]
            if len(cells) > 3 and cells[1].isidentifier():
                sections.setdefault(cells[1], cells[2])
    store = Store(tmp_path / "m.db")
    tables = [r[0] for r in store.db.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    missing = []
    for table in tables:
        if table not in sections:
            missing.append(table)
            continue
        for (_, column, *_rest) in store.db.execute(f"PRAGMA table_info({table})"):
            if not re.search(rf"(^|[^a-z_]){column}([^a-z_]|$)", sections[table], re.M):
                missing.append(f"{table}.{column}")
    store.close()
    assert missing == []
