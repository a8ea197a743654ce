"""The treatment record in the store and on the command line: migration, one session per
measurement moment, the dated programme, adherence, pain and effort, progression advice."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import time

import pytest
from cli_helpers import cli

from monitor.cli import main
from monitor.core.dosing import Dose, Load
from recordings.replay import flagged, replay_set
from recordings.store import MIGRATIONS, Store, open_store
from recordings.treatment import (
    adherence,
    advice,
    exercise_visits,
    goal_status,
    prescribe,
    programme,
)

DAY = 86400.0


def _chunks_digest(path) -> tuple[int, str]:
    db = sqlite3.connect(path)
    h = hashlib.sha256()
    n = 0
    for row in db.execute("SELECT set_id, sensor, t0, n, time, imu FROM chunks ORDER BY id"):
        h.update(repr(row[:4]).encode())
        h.update(row[4])
        h.update(row[5])
        n += 1
    db.close()
    return n, h.hexdigest()


def test_a_database_of_schema_2_migrates_with_nothing_lost(tmp_path, data_dir):
    path = tmp_path / "old.db"
    shutil.copy(data_dir / "store_v2.db", path)
    old = sqlite3.connect(path)
    old_sets = old.execute("SELECT id, exercise FROM sets ORDER BY id").fetchall()
    old_reps = old.execute("SELECT set_id, idx, data FROM reps ORDER BY id").fetchall()
    assert old.execute("PRAGMA user_version").fetchone()[0] == 2
    # That version opened "intake" twice for P-OLD1: two sessions for one moment.
    assert old.execute("SELECT count(*) FROM sessions WHERE label='intake'").fetchone()[0] == 2
    old.close()
    before = _chunks_digest(path)

    store = Store(path)
    assert _chunks_digest(path) == before                      # every raw sample kept
    assert store.db.execute("SELECT id, exercise FROM sets ORDER BY id").fetchall() == old_sets
    assert store.db.execute("SELECT set_id, idx, data FROM reps ORDER BY id").fetchall() == \
        old_reps
    sessions = store.sessions("P-OLD1")
    assert [s.label for s in sessions] == ["intake", "week 6"]
    intake = store.sets(sessions[0].id)
    assert [s["exercise"] for s in intake] == ["knee_extension_seated", "sit_to_stand"]
    assert sessions[0].rep_count == 5 and sessions[1].rep_count == 4
    # The stored samples still replay (as many repetitions as were stored then).
    for s in intake:
        assert len(replay_set(store, s["id"]).events) == len(store.reps(s["id"]))
    # The old sets are done sets without a prescription; the patients have no details yet.
    assert all(s["status"] == "done" and s["prescription"] is None for s in intake)
    assert store.patient("P-OLD1")["birth_year"] is None
    # Reopening the moment finds its one session.
    assert store.new_session("P-OLD1", "Intake ") == sessions[0].id
    store.close()


def test_a_database_of_schema_1_migrates_too(tmp_path):
    path = tmp_path / "v1.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("INSERT INTO patients(code, created_at) VALUES ('P9', 1)")
    for label in ("intake", "intake", None):
        db.execute("INSERT INTO sessions(patient_id, started_at, label) VALUES (1, 2, ?)",
                   (label,))
    for session in (1, 2, 3):
        db.execute("INSERT INTO sets(session_id, exercise, started_at) VALUES (?, 'squat', 3)",
                   (session,))
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()
    store = Store(path)
    assert [s.label for s in store.sessions("P9")] == ["intake", None]
    assert sum(len(store.sets(s.id)) for s in store.sessions("P9")) == 3
    store.close()


def test_one_measurement_moment_is_one_session(db_target, capsys):
    store = open_store(db_target)
    a = store.new_session("P1", "week 6")
    assert store.new_session("P1", "Week  6") == a == store.new_session("P1", " week 6 ")
    assert store.new_session("P2", "week 6") != a                  # another patient
    today = store.new_session("P1")
    assert store.new_session("P1", "") == today                    # a visit on the same day
    tomorrow = store.new_session("P1", started_at=time.time() + DAY)
    assert tomorrow != today
    store.close()
    db = db_target
    cli(capsys, "patient", "add", "P3", "--db", db)
    for _ in range(2):
        code, out, err = cli(capsys, "record", "--demo", "--fast", "--reps", "3", "--patient",
                             "P3", "--label", "week 6", "--exercise", "squat", "--db", db)
        assert code == 0, err
    code, out, _ = cli(capsys, "sessions", "--patient", "P3", "--json", "--db", db)
    assert [s["label"] for s in out["sessions"]] == ["week 6"]
    assert out["sessions"][0]["rep_count"] == 6


def test_programme_changes_are_dated_and_kept(db_target):
    store = open_store(db_target)
    store.save_patient("P1", joint="knee", side="right", birth_year=1955, sex="f")
    t0 = time.time() - 30 * DAY
    prescribe(store, "P1", "knee_extension_seated", sets=3, reps=10, load=Load("kg", 5),
              when=t0)
    prescribe(store, "P1", "squat", when=t0)
    prescribe(store, "P1", "knee_extension_seated", load=Load("kg", 6), reason="increase",
              when=t0 + 14 * DAY)
    prescribe(store, "P1", "knee_extension_seated", load=Load("kg", 6), when=t0 + 15 * DAY)
    now = programme(store, "P1")
    assert [(p.exercise, p.dose.load) for p in now] == [
        ("knee_extension_seated", Load("kg", 6)), ("squat", Load())]
    assert now[0].dose.sets == 3 and now[0].position == 0      # the rest of the dose stays
    then = programme(store, "P1", at=t0 + DAY)
    assert then[0].dose.load == Load("kg", 5)
    history = store.programme_history("P1")
    assert len(history) == 3                                  # no version for no change
    old = history[0]
    assert old["valid_to"] == pytest.approx(t0 + 14 * DAY)
    store.remove_programme_item("P1", "squat")
    assert [p.exercise for p in programme(store, "P1")] == ["knee_extension_seated"]
    store.close()


def _record(capsys, db, *extra):
    code, out, err = cli(capsys, "record", "--demo", "--fast", "--patient", "P1",
                         "--exercise", "knee_extension_seated", "--db", db, *extra)
    assert code == 0, err
    return out


def test_a_visit_against_the_programme_and_the_advice_after_it(db_target, capsys):
    db = db_target
    code, out, _ = cli(capsys, "patient", "add", "P1", "--joint", "knee", "--side", "right",
                       "--birth-year", "1956", "--sex", "f", "--goal",
                       "rom:knee_extension_seated >= 75", "--goal", "walk to the market",
                       "--json", "--db", db)
    assert code == 0 and out["patient"]["birth_year"] == 1956
    assert out["patient"]["intake_date"] == time.strftime("%Y-%m-%d")
    code, out, _ = cli(capsys, "programme", "P1", "--exercise", "knee_extension_seated",
                       "--sets", "2", "--reps", "10", "--load", "8 kg", "--tempo", "2/1/2/1",
                       "--range", "10,90", "--json", "--db", db)
    assert code == 0
    (item,) = out["exercises"]
    assert item["dose"]["load"] == {"kind": "kg", "value": 8.0}
    assert (item["dose"]["sets"], item["dose"]["reps"]) == (2, 10)

    # Visit 1: two sets of 10 as prescribed, effort 5, pain 2.
    first = _record(capsys, db, "--label", "intake", "--pain-before", "2", "--effort", "5",
                    "--pain", "2")
    assert first["prescription"]["set"] == 1 and first["prescription"]["of"] == 2
    second = _record(capsys, db, "--label", "intake", "--effort", "6", "--pain", "2")
    assert second["prescription"]["set"] == 2
    assert second["session"] == first["session"]
    store = open_store(db)
    assert adherence(store, "P1", first["session"]) == [{
        "exercise": "knee_extension_seated",
        "prescribed": {"sets": 2, "reps": 10, "load": {"kind": "kg", "value": 8.0}},
        "done": {"sets": 2, "reps": [10, 10], "loads": [{"kind": "kg", "value": 8.0}] * 2,
                 "efforts": [5, 6]}}]
    assert store.adherence(first["session"])["exercises"][0]["done"]["sets"] == 2
    store.close()
    code, out, _ = cli(capsys, "advise", "P1", "--json", "--db", db)
    (adv,) = out["exercises"]
    assert adv["suggestion"] == "hold"             # met once: once more at this dose
    assert any("1 of 2 visits in a row" in r for r in adv["reasons"])

    # Visit 2 (another day): the next-morning pain of visit 1 settled; met again.
    store = open_store(db)
    store.db.execute("UPDATE sessions SET started_at = started_at - 3 * 86400")
    store.close()
    _record(capsys, db, "--pain-next-morning", "2", "--pain-before", "2", "--effort", "5",
            "--pain", "1")
    _record(capsys, db, "--effort", "5", "--pain", "2")
    code, out, _ = cli(capsys, "advise", "P1", "--json", "--db", db)
    (adv,) = out["exercises"]
    assert out["patient"] == "P1" and out["pain_model"] == []
    assert adv["suggestion"] == "increase"
    assert adv["current"]["load"]["value"] == 8.0 and adv["proposed"]["load"]["value"] == 8.5
    code, out, _ = cli(capsys, "advise", "P1", "--accept", "--json", "--db", db)
    assert out["accepted"]
    code, out, _ = cli(capsys, "programme", "P1", "--history", "--json", "--db", db)
    assert out["exercises"][0]["dose"]["load"]["value"] == 8.5
    assert out["exercises"][0]["reason"].startswith("increase: both sets of 10")
    assert [h["dose"]["load"]["value"] for h in out["history"]] == [8.0, 8.5]

    store = open_store(db)
    goals = goal_status(store, "P1")
    assert goals[0]["measure"] == "rom:knee_extension_seated" and goals[0]["met"] is True
    assert len(goals[0]["moments"]) == 2
    assert goals[1]["measure"] is None and goals[1]["met"] is None
    store.close()


def test_pain_outside_the_model_turns_the_advice_down(tmp_path, capsys):
    db = str(tmp_path / "m.db")
    cli(capsys, "patient", "add", "P1", "--db", db)
    cli(capsys, "programme", "P1", "--exercise", "knee_extension_seated", "--sets", "1",
        "--load", "band green", "--db", db)
    _record(capsys, db, "--effort", "5", "--pain", "7")
    _code, out, _ = cli(capsys, "advise", "P1", "--json", "--db", db)
    (adv,) = out["exercises"]
    assert adv["suggestion"] == "decrease"
    assert adv["proposed"]["load"] == {"kind": "band", "value": "red"}
    _code, text, _ = cli(capsys, "patient", "show", "P1", "--db", db)
    assert "outside the pain-monitoring model: pain after the exercise 7/10" in text


def test_sets_without_a_repetition_are_kept_but_not_shown(db_target):
    from devices.simulated import stream_batches
    from monitor.signal.simulate import simulate_session
    from recordings.progress import progress
    from recordings.recorder import open_live_set

    store = open_store(db_target)
    session = store.new_session("P1", "intake")
    sim = simulate_session("squat", reps=3, rate_hz=50, seed=1)
    sensors = {lab: {"placement": f"right_{lab}", "segment": lab, "rate_hz": 50.0}
               for lab in sim.recording.sensors}
    live, empty_id = open_live_set(store, session, "squat", sensors, "thigh")
    for lab, batch, arrival in stream_batches(sim, seconds=1.0):   # stopped at once
        live.feed(lab, batch, arrival)
    assert live.finish()["rep_count"] == 0
    live, set_id = open_live_set(store, session, "squat", sensors, "thigh")
    for lab, batch, arrival in stream_batches(sim):
        live.feed(lab, batch, arrival)
    live.finish()
    assert [s["id"] for s in store.sets(session)] == [set_id]
    kept = store.sets(session, include_empty=True)
    assert [(s["id"], s["status"]) for s in kept] == [(empty_id, "empty"), (set_id, "done")]
    assert store.set_samples(empty_id)                            # its samples are kept
    assert progress(store, "P1", "squat")[0].sets == 1
    pipe = replay_set(store, set_id)
    assert len(flagged(store, set_id, pipe, pipe.events)) == 3
    store.close()


def test_command_line_errors_are_one_line(tmp_path, capsys):
    db = str(tmp_path / "m.db")
    cli(capsys, "patient", "add", "P1", "--db", db)
    cases = [
        (("advise", "NOPE", "--db", db), "no patient 'NOPE'"),
        (("programme", "P1", "--exercise", "squat", "--load", "heavy", "--db", db),
         "load 'heavy' is not understood"),
        (("programme", "P1", "--exercise", "squat", "--tempo", "2/2", "--db", db),
         "tempo '2/2' is not understood"),
        (("programme", "P1", "--exercise", "chair_stand_30s", "--db", db),
         "measurement test, not a training exercise"),
        (("programme", "P1", "--sets", "3", "--db", db), "--exercise ID"),
        (("programme", "P1", "--exercise", "no_such", "--db", db), "unknown exercise"),
        (("patient", "add", "P2", "--birth-year", "1850", "--db", db), "--birth-year 1850"),
        (("patient", "add", "P2", "--goal", "test:nothing >= 3", "--db", db),
         "unknown test 'nothing'"),
        (("patient", "add", "P2", "--goal", "rom:squat >= lots", "--db", db),
         "a measurable goal is"),
    ]
    for args, words in cases:
        code, _, err = cli(capsys, *args)
        assert code == 2, (args, err)
        assert words in err and "Traceback" not in err and err.count("\n") == 1, err
    for args in (("record", "--demo", "--exercise", "squat", "--pain", "11", "--db", db),
                 ("record", "--demo", "--exercise", "squat", "--effort", "x", "--db", db),
                 ("programme", "P1", "--exercise", "squat", "--sets", "0", "--db", db)):
        with pytest.raises(SystemExit) as exc:
            main(list(args))
        assert exc.value.code == 2
        assert "must be" in capsys.readouterr().err
    code, out, _ = cli(capsys, "patients", "--json", "--db", db)
    assert [p["code"] for p in out["patients"]] == ["P1"]
    code, out, _ = cli(capsys, "patients", "--search", "Q", "--json", "--db", db)
    assert out["patients"] == []


def test_visits_carry_the_dose_they_were_done_against(db_target, capsys):
    db = db_target
    cli(capsys, "patient", "add", "P1", "--db", db)
    cli(capsys, "programme", "P1", "--exercise", "knee_extension_seated", "--sets", "1",
        "--load", "5", "--db", db)
    _record(capsys, db, "--label", "intake")
    cli(capsys, "programme", "P1", "--exercise", "knee_extension_seated", "--load", "6",
        "--db", db)
    _record(capsys, db, "--label", "week 6", "--load", "5.5")
    store = open_store(db)
    visits = exercise_visits(store, "P1", "knee_extension_seated")
    assert [v.dose.load for v in visits] == [Load("kg", 5), Load("kg", 6)]
    assert visits[1].sets[0].load == Load("kg", 5.5)              # done lighter than asked
    (adv,) = advice(store, "P1")
    assert adv.suggestion == "hold"
    assert any("done with 5.5 kg instead of 6 kg" in r for r in adv.reasons)
    assert isinstance(adv.current, Dose)
    store.close()


def test_one_session_one_repetition_in_the_singular(tmp_path, capsys):
    db = str(tmp_path / "m.db")
    cli(capsys, "patient", "add", "P1", "--db", db)
    code, rec, err = cli(capsys, "record", "--demo", "--fast", "--reps", "1", "--patient",
                         "P1", "--exercise", "knee_extension_seated", "--db", db)
    assert code == 0 and rec["rep_count"] == 1, err
    _c, text, _e = cli(capsys, "patients", "--db", db)
    assert " 1 session " in text and "sessions" not in text
    _c, text, _e = cli(capsys, "sessions", "--db", db)
    assert " 1 rep" in text and "1 reps" not in text
    _c, text, _e = cli(capsys, "analyze", db, "--session", str(rec["session"]))
    assert "1 repetition of" in text
    cli(capsys, "patient", "add", "P2", "--db", db)
    code, text, err = cli(capsys, "patients", "--db", db)
    assert " 0 sessions " in text, err
    code, text, err = cli(capsys, "simulate", "--exercise", "squat", "--reps", "1", "--out",
                          str(tmp_path / "one"))
    assert code == 0 and "(1 repetition," in text, err
    code, text, err = cli(capsys, "analyze", str(tmp_path / "one.csv"))
    assert code == 0 and "1 repetition of" in text and "repetitions" not in text, err


def test_a_code_not_added_is_refused_not_made_a_new_patient(tmp_path, capsys):
    """A typo in a patient code must not silently become a second patient: `monitor record`
    and `monitor import` refuse a code that was not added, naming `monitor patient add`."""
    db = str(tmp_path / "m.db")
    code, _o, err = cli(capsys, "record", "--demo", "--exercise", "knee_extension_seated",
                        "--patient", "NOPE", "--fast", "--reps", "2", "--db", db)
    assert code == 2 and "monitor patient add NOPE" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "m.db").exists()               # nothing created
    cli(capsys, "patient", "add", "P1", "--db", db)
    code, _o, err = cli(capsys, "record", "--demo", "--exercise", "knee_extension_seated",
                        "--patient", "P1x", "--fast", "--reps", "2", "--db", db)
    assert code == 2 and "no patient 'P1x'" in err and "monitor patient add P1x" in err
    cli(capsys, "simulate", "--exercise", "squat", "--reps", "2", "--out",
        str(tmp_path / "f"))
    code, _o, err = cli(capsys, "import", str(tmp_path / "f.csv"), "--patient", "GHOST",
                        "--db", db)
    assert code == 2 and "monitor patient add GHOST" in err
    _c, out, _e = cli(capsys, "patients", "--json", "--db", db)
    assert [p["code"] for p in out["patients"]] == ["P1"]
    _c, out, _e = cli(capsys, "sessions", "--json", "--db", db)
    assert out["sessions"] == []
    # The added patient records; without --patient the set is the demo patient's.
    code, rec, err = cli(capsys, "record", "--demo", "--exercise", "knee_extension_seated",
                         "--patient", "P1", "--fast", "--reps", "2", "--db", db)
    assert code == 0 and rec["rep_count"] == 2, err
    code, rec, err = cli(capsys, "record", "--demo", "--exercise", "knee_extension_seated",
                         "--fast", "--reps", "2", "--db", db)
    assert code == 0, err
    _c, out, _e = cli(capsys, "patients", "--json", "--db", db)
    assert [p["code"] for p in out["patients"]] == ["DEMO", "P1"]


def test_a_next_morning_pain_on_a_first_visit_loses_nothing(db_target, capsys):
    """The set is recorded before the ratings are stored: a next-morning pain that has no
    earlier visit to belong to is said, and the set, its pain and effort are all kept."""
    db = db_target
    cli(capsys, "patient", "add", "P1", "--db", db)
    code, rec, err = cli(capsys, "record", "--demo", "--fast", "--reps", "3", "--patient",
                         "P1", "--label", "intake", "--exercise", "knee_extension_seated",
                         "--pain-before", "2", "--pain", "3", "--pain-next-morning", "2",
                         "--effort", "5", "--db", db)
    assert code == 0, err
    assert "--pain-next-morning left out" in err and rec["rep_count"] == 3
    store = open_store(db)
    kinds = {(e["kind"], e["value"]) for e in store.pain("P1")}
    assert kinds == {("before", 2), ("after", 3)}
    assert store.sets(rec["session"])[0]["effort"] == 5
