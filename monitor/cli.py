"""Command line: ``monitor`` (the app), ``monitor analyze``, ``monitor simulate``.

Every error a user can cause is reported in one line on stderr with a non-zero exit code,
never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import math
import os
import sqlite3
import sys
from pathlib import Path

from monitor import group_commands, treatment_commands
from monitor.core.errors import (
    ConfigurationError,
    InputFileError,
    MonitorError,
    SystemRefusedError,
)
from monitor.core.i18n import (
    LANGUAGES,
    QT_TRANSLATE_NOOP,
    choose_language,
    decimals,
    language,
    say,
    say_error,
    set_language,
    translate,
)
from monitor.core.messages import Message
from monitor.core.version import VERSION
from monitor.treatment_commands import counted, warn

EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_SYSTEM = 4      # the system refused (disk full, no permission, device gone)
EXIT_DEFECT = 70     # a defect of the program (crash report written)

log = logging.getLogger(__name__)


def _parse_placements(items: list[str] | None) -> dict[str, str]:
    from monitor.core.samples import PLACEMENTS

    out = {}
    for item in items or []:
        label, sep, placement = item.partition("=")
        if not sep or not label or placement not in PLACEMENTS:
            raise ConfigurationError(Message(
                "--placement {item}: expected LABEL=PLACEMENT with PLACEMENT one of {known}",
                item=repr(item), known=", ".join(sorted(PLACEMENTS))))
        out[label] = placement
    return out


def _read_with_axes(path: Path, items: list[str] | None):
    """Read an IMU CSV file and read each sensor's gyroscope as ``--axes LABEL=MAPPING``
    says (e.g. ``right_shank=x,y,-z``: its x and y as recorded, its z inverted). Only the
    gyroscope columns change; the accelerometer (and magnetometer) define the sensor frame
    and stay as recorded. Applied before anything else looks at the samples, so the
    consistency checks, the analysis and an imported set all see the corrected gyroscope."""
    from dataclasses import replace

    from calibration.quality import parse_axes
    from recordings.imu_csv import read_imu_csv

    mappings = {}
    for item in items or []:
        label, sep, text = item.rpartition("=")
        if not sep or not label:
            raise ConfigurationError(Message("--axes {item}: expected LABEL=MAPPING, e.g. "
                                             "right_shank=x,y,-z", item=repr(item)))
        try:
            mappings[label] = parse_axes(text)
        except ValueError as exc:
            raise ConfigurationError(f"--axes {item!r}: {exc}") from None
    rec = read_imu_csv(path)
    for label, m in mappings.items():
        if label not in rec.sensors:
            raise ConfigurationError(Message("--axes: no sensor {label} in {path} (sensors: "
                                             "{sensors})", label=repr(label), path=path,
                                             sensors=", ".join(rec.sensors)))
        b = rec.sensors[label]
        rec.sensors[label] = replace(b, gyr_rad_s=b.gyr_rad_s @ m.T)
    return rec


def cmd_analyze(args: argparse.Namespace) -> int:
    from monitor.signal.analysis import analyze_recording
    from recordings.imu_csv import same_placement

    path = Path(args.file)
    if _is_server(args.file) or _is_sqlite(path):
        if args.axes:
            raise ConfigurationError("--axes applies to an IMU CSV file; a session's samples "
                                     "were stored as they were analysed")
        return _analyze_db(args.file if _is_server(args.file) else path, args)
    if args.session is not None:
        if not path.exists():
            raise InputFileError(str(path), Message("file not found"))
        raise ConfigurationError(f"--session needs a session database, and {path} is an "
                                 "IMU CSV file")
    rec = _read_with_axes(path, args.axes)
    placements = _parse_placements(args.placement)
    for label in placements:
        if label not in rec.sensors:
            raise ConfigurationError(Message("--placement: no sensor {label} in {path} "
                                             "(sensors: {sensors})", label=repr(label),
                                             path=path, sensors=", ".join(rec.sensors)))
    rec.placements.update(placements)
    problem = same_placement(rec.placements)
    if problem:
        raise ConfigurationError(Message("{path}: {problem} (--placement LABEL=PLACEMENT)",
                                         path=path, problem=problem))
    result = analyze_recording(rec, exercise_id=args.exercise, keep_series=args.angle_series)
    if args.json:
        print(json.dumps(result.to_json(angle_series=args.angle_series)))
        return 0
    lang = language()
    ex = (result.exercise.display_name(lang) if result.exercise else
          translate("cli", "any movement"))
    seconds = decimals(f"{result.duration_s:.1f}")
    if result.exercise is not None and result.exercise.kind in ("walk", "stairs"):
        print(translate("cli", "{file}: {exercise}, a recording of {seconds} s").format(
            file=path.name, exercise=ex, seconds=seconds))
    else:
        angle = result.angle_name if result.calibrated else translate(
            "cli", "{angle}, uncalibrated").format(angle=result.angle_name)
        print(translate("cli", "{file}: {count} of {exercise} in {seconds} s ({angle})").format(
            file=path.name, count=counted(len(result.reps), "repetition"), exercise=ex,
            seconds=seconds, angle=angle))
    if result.assumption:
        print(translate("cli", "  angle: {what}").format(
            what=_assumption_words(result.exercise, result.assumption)))
    for note in result.notes:
        print(translate("cli", "  note: {what}").format(what=say(note)))
    walking = result.exercise is not None and result.exercise.kind in ("walk", "stairs")
    for r in [] if walking else result.reps:       # a walk's "repetitions" are its steps
        flags = "  [" + ", ".join(translate("cli", f) for f in r.flags) + "]" if r.flags else ""
        rise = (decimals(translate("cli", "  rise {cm} cm").format(cm=f"{r.rise_cm:.1f}"))
                if r.rise_cm is not None else "")
        print(decimals(translate("cli", "  #{i} {start}-{end} s  ROM {rom} deg ({lo}..{hi})  "
                                 "tempo {up}-{hold}-{down} s  rest {rest} s").format(
            i=f"{r.index:2d}", start=f"{r.start_s:7.2f}", end=f"{r.end_s:7.2f}",
            rom=f"{r.rom_deg:5.1f}", lo=f"{r.min_deg:5.1f}", hi=f"{r.max_deg:5.1f}",
            up=f"{r.concentric_s:.1f}", hold=f"{r.hold_s:.1f}", down=f"{r.eccentric_s:.1f}",
            rest=f"{r.rest_s:.1f}")) + rise + flags)
    if result.test_result:
        print(translate("cli", "  test result: {result}").format(
            result=_result_words(result.exercise.id, result.test_result)))
    return 0


# The flags of a repetition and the phases of a timed test (monitor.signal), marked for
# translation.
WORDS = (QT_TRANSLATE_NOOP("cli", "below_target_range"),
         QT_TRANSLATE_NOOP("cli", "faster_than_prescribed"),
         QT_TRANSLATE_NOOP("cli", "sensor_moved"), QT_TRANSLATE_NOOP("cli", "thigh_missing"),
         QT_TRANSLATE_NOOP("cli", "shank_missing"), QT_TRANSLATE_NOOP("cli", "pelvis_missing"),
         QT_TRANSLATE_NOOP("cli", "sensor_missing"), QT_TRANSLATE_NOOP("cli", "thigh_moved"),
         QT_TRANSLATE_NOOP("cli", "shank_moved"), QT_TRANSLATE_NOOP("cli", "pelvis_moved"),
         QT_TRANSLATE_NOOP("cli", "rise"), QT_TRANSLATE_NOOP("cli", "walk out"),
         QT_TRANSLATE_NOOP("cli", "turn"), QT_TRANSLATE_NOOP("cli", "walk back"),
         QT_TRANSLATE_NOOP("cli", "turn sit"))


def _assumption_words(ex, text: str) -> str:
    """The angle's assumption in the current language (the catalogue's words have their
    Dutch; others are as the analysis wrote them)."""
    if ex is None:
        return say(text)
    lang = language()
    for words in (ex.single_sensor, getattr(ex.start_posture, "supported_text", None)):
        if isinstance(words, dict) and words.get("en") == text:
            return words.get(lang, text)
    return say(text)


def _is_sqlite(path: Path) -> bool:
    """Is ``path`` a session database (SQLite)? Only a regular file is opened to look: a
    pipe would block, a device never end (the IMU CSV reader says what it is)."""
    import stat

    from recordings.store import SQLITE_MAGIC

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


# The database a command opened (for the words of an error raised outside the store).
_OPENED: dict[str, str] = {}
# Stores opened by the command, closed when it ends (the last connection to close folds the
# write-ahead log back into the database file).
_STORES: list = []


def _is_server(db: str | None) -> bool:
    from recordings.store import is_server_target

    return is_server_target(db)


def _open_store(db: str | None, create: bool = True, must_exist: bool | None = None):
    """The session database; ``create=False`` (or ``must_exist=True``) for commands that
    only read (nothing is created: a path that does not exist is an error). A PostgreSQL
    URL opens the practice's server; what this computer recorded while it could not reach
    it is uploaded first (said on stderr)."""
    from recordings.store import Store, default_db_path

    if must_exist is not None:
        create = not must_exist
    if _is_server(db):
        from recordings.spool import upload_waiting
        from recordings.store import open_store

        store = open_store(db, create=create)
        _OPENED["db"] = str(store.path)
        _STORES.append(store)
        upload_waiting(store, say=lambda text: print(f"monitor: {say(text)}", file=sys.stderr,
                                                     flush=True))
        return store
    path = Path(db) if db else default_db_path()
    _OPENED["db"] = str(path)
    store = Store(path, create=create)
    _STORES.append(store)
    return store


def _session_id(text: str) -> int:
    """A session (or set) id as the user typed it."""
    value = text.strip()
    if not value.isdigit() or len(value) > 18 or int(value) < 1:
        shown = value if len(value) <= 30 else value[:30] + "..."
        raise ConfigurationError(translate("cli", "{text} is not a session id: give the number "
                                           "'monitor sessions' lists").format(text=repr(shown)))
    return int(value)


def _set_result_json(store, set_id: int, angle_series: bool) -> dict:
    from monitor.signal.reps import summarize
    from recordings.replay import flagged, replay_set

    pipe = replay_set(store, set_id, keep_series=True)
    ex = pipe.exercise
    reps = flagged(store, set_id, pipe, pipe.events)
    t, deg = pipe.angle_series()
    out = {"set": set_id, "rep_count": len(reps),
           "duration_s": round(store.set_duration(set_id), 3),
           "sample_rate_hz": pipe.rate_hz, "exercise": ex.id if ex else None,
           "angle_name": pipe.model.name, "calibrated": pipe.model.calibrated,
           "assumption": pipe.model.assumption,
           "summary": summarize(reps).to_json(), "reps": [r.to_json() for r in reps],
           "stored_reps": store.reps(set_id)}
    if ex is not None and ex.kind != "repetitions":
        from monitor.signal.analysis import timed_result
        from recordings.measurements import moment_result
        from recordings.recorder import timed_test_start

        first = store.db.execute("SELECT min(t0) FROM chunks WHERE set_id=?",
                                 (set_id,)).fetchone()[0]
        start = timed_test_start(first, reps)
        if ex.kind in ("walk", "stairs") or ex.id == "timed_up_and_go":
            from monitor.core.samples import ImuRecording
            from monitor.signal.analysis import protocol_result

            info = next(x for x in store.sets(store.set_info(set_id)["session"],
                                               include_empty=True) if x["id"] == set_id)
            rec = ImuRecording(store.set_samples(set_id), dict(info["placements"]), ex.id)
            out["test_result"] = protocol_result(ex, rec, reps, pipe, start)
        else:
            out["test_result"] = timed_result(ex, reps, pipe, start)
        if out["test_result"] is not None:
            out["test_result"]["timed_from"] = "go" if start is not None else "first_movement"
        stored = moment_result(store, set_id)
        if stored is not None:
            # The moment's result as stored (and shown everywhere: a result entered by hand
            # replaces the sensor's); the re-analysis beside it.
            out["stored_test_result"] = {"value": stored["value"], **stored["data"],
                                         "source": stored["source"], "set": stored["set_id"]}
    if angle_series:
        out["angle_series"] = {"time_s": [round(float(v), 4) for v in t],
                               "deg": [round(float(v), 3) for v in deg]}
    return out


def _analyze_db(path: Path | str, args: argparse.Namespace) -> int:
    if args.session is None:
        raise ConfigurationError(translate("cli", "{path} is a session database: give "
                                           "--session ID (see 'monitor sessions')").format(
            path=path))
    session = _session_id(args.session)
    store = _open_store(str(path), create=False)
    sets = store.sets(session)
    if not sets:
        raise ConfigurationError(translate("cli", "session {session} has no recorded sets in "
                                           "{path}").format(session=session, path=path))
    results = [_set_result_json(store, s["id"], args.angle_series) for s in sets]
    if args.json:
        out = results[0] if len(results) == 1 else {"session": session, "sets": results}
        print(json.dumps(out))
        return 0
    from monitor.core.battery import value_text
    from monitor.core.exercises import get_exercise

    lang = language()
    for r in results:
        ex = get_exercise(r["exercise"]) if r["exercise"] else None
        name = ex.display_name(lang) if ex is not None else translate("cli", "movement")
        seconds = decimals(f"{r['duration_s']:.1f}")
        if ex is not None and not ex.counts_repetitions:       # a walk's bends are steps
            print(translate("cli", "set {set}: {exercise}, a recording of {seconds} s").format(
                set=r["set"], exercise=name, seconds=seconds))
        else:
            print(translate("cli", "set {set}: {count} of {exercise} in {seconds} s").format(
                set=r["set"], count=counted(r["rep_count"], "repetition"),
                exercise=name, seconds=seconds))
        if r.get("test_result") is not None:
            stored = r.get("stored_test_result")
            value = value_text(r["exercise"], stored["value"], lang) if stored else ""
            if not stored or stored["set"] == r["set"]:
                shown = ""
            elif stored["source"] == "manual":
                shown = translate("cli", "; the moment's result is {value}, entered by hand in "
                                  "its place, which every view shows").format(value=value)
            else:
                shown = translate("cli", "; the moment's result is {value}, from set {set}, "
                                  "which every view shows").format(value=value,
                                                                   set=stored["set"])
            print(translate("cli", "  test result: {result}").format(
                result=_result_words(r["exercise"], r["test_result"])) + shown)
    return 0


def _result_words(exercise: str, result: dict | None) -> str:
    """A timed test's result in words (the same number as everywhere else)."""
    from monitor.core.battery import is_test, result_value, value_text

    if not result:
        return translate("cli", "not measured")
    if not is_test(exercise):
        return json.dumps(result)
    text = value_text(exercise, result_value(exercise, result), language())
    if result.get("speed_m_s") is not None:
        text += decimals(f", {result['speed_m_s']:.2f} m/s")
    if result.get("steps") is not None and result.get("time_s") is not None:
        cadence = result.get("cadence_steps_min")
        text += f", {counted(result['steps'], 'step')}" + (
            translate("cli", " ({n} per minute)").format(n=f"{cadence:.0f}") if cadence else "")
    if result.get("phases"):
        text += translate("cli", "; phases ") + ", ".join(
            translate("cli", k.replace("_", " ")) + decimals(f" {v:.1f} s")
            for k, v in result["phases"].items() if v is not None)
    if result.get("completed") is False:
        text = translate("cli", "not completed ({count})").format(
            count=counted(result.get("count", 0), "stand"))
    extra = []
    if result.get("timed_from"):
        extra.append(translate("cli", "timed from go") if result["timed_from"] == "go" else
                     translate("cli", "timed from first movement"))
    if result.get("last_counted_halfway"):
        extra.append(translate("cli", "the last stand counted halfway up"))
    if result.get("extension_deg") is not None:
        extra.append(translate("cli", "extension {deg}°").format(
            deg=f"{result['extension_deg']:.0f}"))
    return text + (f" ({', '.join(extra)})" if extra else "")


def cmd_sessions(args: argparse.Namespace) -> int:
    from monitor.core.battery import battery_test, value_text
    from monitor.core.exercises import catalogue
    from recordings.measurements import sessions_tests
    from recordings.store import default_db_path

    db = args.db
    if db is None and not default_db_path().exists():
        sessions, tests = [], {}       # nothing recorded on this computer yet
    else:
        store = _open_store(db, create=False)
        sessions = store.sessions(args.patient)
        tests = sessions_tests(store, args.patient)
    if args.json:
        print(json.dumps({"sessions": [{**s.to_json(), "tests": tests.get(s.id, {})}
                                       for s in sessions]}))
        return 0
    if not sessions:
        print(translate("cli", "no sessions recorded yet"))
    lang = language()

    def test_name(name: str) -> str:             # "Knee range of motion test (left)"
        test, _, side = name.partition(":")
        words = battery_test(test)["name"]["nl" if lang == "nl" else "en"]
        return words + (f" ({translate('cli', side)})" if side else "")

    for s in sessions:
        j = s.to_json()
        # Exercises and tests by the names the app gives them, in the chosen language.
        exercises = ", ".join(catalogue()[e].display_name(lang) if e in catalogue() else e
                              for e in (j["exercise"] or "").split(",") if e)
        results = "  ".join(f"{test_name(name)}: "
                            f"{value_text(name.split(':')[0], t['value'], lang)}"
                            for name, t in tests.get(s.id, {}).items())
        print(f"#{j['id']:4d}  {j['patient']:10s} {j['started_at']}  {j['label'] or '':10s} "
              f"{decimals(format(j['duration_s'], '7.1f'))} s  "
              f"{counted(j['rep_count'], 'rep'):>8s}  {exercises}"
              + (f"  {results}" if results else ""))
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    from calibration.mounting import Mounting
    from devices.drivers.base import sensor_identity
    from devices.simulated import stream_batches
    from monitor.core.exercises import get_exercise
    from monitor.live import watch_test_end
    from monitor.signal.simulate import simulate_session
    from recordings.recorder import open_live_set

    ex = get_exercise(args.exercise)
    if args.load is not None:
        from monitor.core.dosing import Load

        Load.parse(args.load)             # refused before anything is written
    _warn_patient_code(args.patient)
    if not args.demo:
        return _record_ble(args, ex)
    store = _patient_store(args.db, args.patient)
    from monitor.signal.simulate_gait import GAIT_PROTOCOLS, simulate_protocol

    if ex.id in GAIT_PROTOCOLS:
        # A walking test: a simulated walk (TUG, flight of stairs) of the right leg.
        sim = simulate_protocol(ex.id, rate_hz=args.rate, seed=args.seed)
    else:
        sim = simulate_session(ex.id, reps=args.reps, rate_hz=args.rate, seed=args.seed)
    session_id = store.new_session(args.patient, args.label)
    targets, prescription = treatment_commands.set_context(store, args.patient, session_id,
                                                           ex.id, args.load)
    sensors = {lab: {"placement": sim.recording.placements[lab],
                     "segment": lab.rsplit("_", 1)[-1], "rate_hz": args.rate,
                     **sensor_identity("simulated")}
               for lab in sim.recording.sensors}
    mountings = {lab: Mounting.from_rotation(m, ex.plane) for lab, m in sim.mountings.items()}
    primary = next((lab for lab, s in sensors.items() if s["segment"] == ex.primary),
                   next(iter(sensors)))
    live, set_id = open_live_set(store, session_id, ex.id, sensors, primary, mountings,
                                 targets=targets, prescription=prescription)
    watch = StoreWatch(live.recorder)
    test_done = watch_test_end(live)      # a test ends where its protocol does, as in the app
    seconds = args.seconds if args.seconds is not None else None
    for label, batch, arrival in stream_batches(sim, realtime=not args.fast, speed=args.speed,
                                                seconds=seconds):
        if not watch.check() or test_done():
            break
        for rep in live.feed(label, batch, arrival):
            if ex.counts_repetitions:
                print(rep_line(rep), file=sys.stderr, flush=True)
        if args.progress:
            print(f"fed {label} {batch.time_s[-1]:.3f}", file=sys.stderr, flush=True)
    summary = finish_recording(live, watch)
    treatment_commands.after_set(store, args.patient, session_id, set_id, ex.id,
                                 args.pain_before, args.pain, args.effort,
                                 args.pain_next_morning)
    say_test_result(ex.id, summary)
    print(json.dumps({"session": session_id, "set": set_id, **summary,
                      **_set_extra(prescription, args)}))
    return 0


def _demo_speed(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        v = math.nan
    if not (math.isfinite(v) and v > 0):
        raise argparse.ArgumentTypeError(translate(
            "cli", "the demo speed is a number above 0, not {text}").format(text=text))
    return v


def say_test_result(exercise: str, summary: dict) -> None:
    """A test's result in words after its set (stderr), as the live view shows it large:
    "Timed Up and Go: 14.3 s"; a test the sensors could not measure says so."""
    from monitor.core.battery import battery_test, is_test, result_value, value_text

    if not is_test(exercise):
        return
    lang = language()
    name = battery_test(exercise)["name"]["nl" if lang == "nl" else "en"]
    value = result_value(exercise, summary.get("test_result"))
    if value is None:
        print(translate("cli", "{test}: not measured (the sensors did not see the test "
                               "completed)").format(test=name), file=sys.stderr)
    else:
        print(f"{name}: {value_text(exercise, value, lang)}", file=sys.stderr)


def rep_line(rep) -> str:
    """A repetition as it is counted during a recording (stderr)."""
    return translate("cli", "rep {n}: ROM {rom} deg").format(n=rep.index,
                                                            rom=f"{rep.rom_deg:.0f}")


class StoreWatch:
    """Says on stderr when another program holds the database during a recording (the
    samples wait in memory) and when it is free again; ``check`` is False once storing
    failed for good (then the recording stops)."""

    def __init__(self, recorder) -> None:
        self.recorder = recorder
        self.waiting = False
        self.offline = False

    def check(self) -> bool:
        rec = self.recorder
        if rec.error is not None:
            return False
        if (rec.offline_since is not None) != self.offline:
            self.offline = not self.offline
            if self.offline:
                warn(translate("cli", "the database server {path} cannot be reached: the "
                               "recording goes on into this computer's spool ({spool})"
                               ).format(path=rec.store.path, spool=rec.spool_path))
            else:
                print(translate("cli", "monitor: the database server {path} is back: "
                                "everything recorded meanwhile is uploaded").format(
                    path=rec.store.path), file=sys.stderr, flush=True)
        if rec.waiting_since is not None and not self.waiting:
            self.waiting = True
            warn(translate("cli", "{path} is in use by another program: the recording goes "
                           "on and its samples wait in memory until they can be saved").format(
                path=rec.store.path))
        elif rec.waiting_since is None and self.waiting:
            self.waiting = False
            print(translate("cli", "monitor: {path} is free again: every sample recorded so "
                            "far is saved").format(path=rec.store.path),
                  file=sys.stderr, flush=True)
        return True


def finish_recording(live, watch: StoreWatch, extra: dict | None = None) -> dict:
    """End the set (``extra`` stored with its summary) and wait until all of it is written,
    however long another program holds the database; raise the storage error that stopped
    the recording, if any."""
    import time

    summary = live.finish(extra, timeout_s=1.0)
    while not live.recorder.wait(0.0):
        watch.check()
        time.sleep(0.1)
    watch.check()
    if live.recorder.error is not None:
        raise live.recorder.error
    if live.recorder.offline_since is not None:
        from recordings.store import StoreOfflineError

        raise StoreOfflineError(translate(
            "cli", "the database server {path} could not be reached: the set is kept on this "
            "computer ({n} commits waiting in {spool}) and uploaded the next time monitor "
            "reaches the server").format(path=live.recorder.store.path,
                                         n=live.recorder.spooled,
                                         spool=live.recorder.spool_path))
    return summary


# The patient `monitor record` records without --patient (as the app's demo does): created
# the first time. Every other code must have been added (a typo must not become a patient).
DEMO_PATIENT = "DEMO"


def _patient_store(db: str | None, code: str):
    """The session database, for recording a set of the patient ``code``, who must have
    been added (``monitor patient add``) unless it is the demo patient; refused before
    anything is written (a database that does not exist yet is not created)."""
    from recordings.store import default_db_path

    path = Path(db) if db else default_db_path()
    if code != DEMO_PATIENT and not _is_server(db) and not path.exists():
        raise ConfigurationError(translate(
            "cli", "no patient {code} in {path}; add it with 'monitor patient add {name}'"
        ).format(code=repr(code), path=path, name=code))
    store = _open_store(db if _is_server(db) else str(path))
    if code != DEMO_PATIENT:
        treatment_commands.known_patient(store, code)
    return store


def _warn_patient_code(code: str | None) -> None:
    from recordings.privacy import patient_code_concern

    concern = patient_code_concern(code or "")
    if concern is not None:
        warn(concern)


def _set_extra(prescription: dict | None, args: argparse.Namespace) -> dict:
    """What a recorded set adds to its JSON line: the prescription it was done against,
    pain and effort entered."""
    out: dict = {}
    if prescription is not None:
        out["prescription"] = prescription
    for key in ("pain_before", "pain", "pain_next_morning", "effort"):
        if getattr(args, key, None) is not None:
            out[key] = getattr(args, key)
    return out


def _record_ble(args: argparse.Namespace, ex) -> int:
    """Headless recording from Bluetooth sensors: scan, connect, record, stop.

    What happens to the sensors is said on stderr the moment it happens (an adapter pulled
    out, Bluetooth switched off, a sensor that stops sending, each coming back), a low
    battery before the set starts. Ctrl-C (or SIGTERM) ends the set early and saves it. The
    set always keeps what was recorded; the JSON says per sensor what its link delivered
    (samples lost, gaps, duplicates, clock restarts). Exit code 4 when the set ended without
    an adapter (or with Bluetooth off): it holds only what came before.
    """
    import signal
    import time

    from devices.ble import BleHub, LinkWatcher, SensorNotFoundError
    from devices.drivers.base import sensor_identity
    from monitor.live import watch_test_end
    from recordings.recorder import open_live_set

    wanted = _parse_placements(args.sensor)
    if not wanted:
        raise ConfigurationError(translate("cli", "give the sensors with --sensor "
                                           "ADDRESS=PLACEMENT (see 'monitor scan'), or use "
                                           "--demo"))
    if args.seconds is None:
        raise ConfigurationError(translate("cli", "give the recording length with --seconds S"))
    store = _patient_store(args.db, args.patient)
    hub = BleHub()
    stop: list[int] = []
    handlers = {}
    try:
        found = {f.address.upper(): f for f in hub.scan(10.0, list(wanted))}
        links = {}
        for address, placement in wanted.items():
            f = found.get(address.upper())
            if f is None:
                raise SensorNotFoundError(address)
            links[placement] = hub.connect(f, placement)
        _wait_for_batteries(links)
        for link in links.values():
            warning = link.battery_warning()
            if warning is not None:
                warn(warning)
        session_id = store.new_session(args.patient, args.label)
        targets, prescription = treatment_commands.set_context(store, args.patient,
                                                               session_id, ex.id, args.load)
        sensors = {p: {"placement": p, "segment": p.split("_")[-1], "rate_hz": link.rate_hz,
                       **sensor_identity(link.found.family)} for p, link in links.items()}
        primary = next((p for p in sensors if sensors[p]["segment"] == ex.primary),
                       next(iter(sensors)))
        live, set_id = open_live_set(store, session_id, ex.id, sensors, primary,
                                     targets=targets, prescription=prescription)
        watch = StoreWatch(live.recorder)
        test_done = watch_test_end(live)     # a test ends where its protocol does

        def feed(placement: str, batch) -> None:
            for rep in live.feed(placement, batch):
                if ex.counts_repetitions:
                    print(rep_line(rep), file=sys.stderr, flush=True)
            if args.progress:
                print(f"fed {placement} {batch.time_s[-1]:.3f}", file=sys.stderr, flush=True)

        def tell(watcher: LinkWatcher, start: float) -> None:
            for msg in watcher.changes():
                at = decimals(f"[{time.monotonic() - start:.1f} s]")
                if watcher.adapter_down or "stopped" in msg:
                    warn(f"{at} {say(msg)}")
                else:
                    print(f"monitor: {at} {say(msg)}", file=sys.stderr, flush=True)

        for sig in (signal.SIGINT, signal.SIGTERM):
            handlers[sig] = signal.signal(sig, lambda s, f: stop.append(s))
        watcher = LinkWatcher(links)
        start = time.monotonic()
        for link in links.values():
            link.start_set(start)
        end = start + args.seconds
        while time.monotonic() < end and watch.check() and not stop and not test_done():
            time.sleep(0.05)
            tell(watcher, start)
            for placement, link in links.items():
                batch = link.drain()
                if batch is not None:
                    feed(placement, batch)
        tell(watcher, start)
        now = time.monotonic()
        for placement, link in links.items():
            batch = link.finish_set(now)
            if batch is not None:
                feed(placement, batch)
        stats = {p: link.set_stats() for p, link in links.items()}
        summary = finish_recording(live, watch, {"sensors": stats})
        if stop:
            print(translate("cli", "monitor: stopped after {seconds} s: the set is saved"
                            ).format(seconds=decimals(f"{now - start:.1f}")),
                  file=sys.stderr, flush=True)
        adapter_down = watcher.adapter_down
        held = store.set_duration(set_id)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        hub.close()
    treatment_commands.after_set(store, args.patient, session_id, set_id, ex.id,
                                 args.pain_before, args.pain, args.effort,
                                 args.pain_next_morning)
    say_test_result(ex.id, summary)
    print(json.dumps({"session": session_id, "set": set_id, **summary,
                      **_set_extra(prescription, args)}))
    if adapter_down is not None:
        what = (translate("cli", "the Bluetooth adapter was removed")
                if adapter_down == "adapter_removed" else
                translate("cli", "Bluetooth was switched off"))
        print(translate("cli", "monitor: error: {what} and did not come back before the set "
                        "ended: the set is saved with the {held} s recorded (of {total} s)"
                        ).format(what=what, held=decimals(f"{held:.1f}"),
                                 total=decimals(f"{now - start:.1f}")),
              file=sys.stderr, flush=True)
        return EXIT_SYSTEM
    return 0


def _wait_for_batteries(links: dict, seconds: float = 1.0) -> None:
    """Some sensors report their battery in the data stream (WitMotion): give it a moment."""
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end and any(link.battery_pct is None for link in links.values()):
        time.sleep(0.05)
        for link in links.values():
            link.drain()


def cmd_export(args: argparse.Namespace) -> int:
    from recordings.export import export_session

    session = _session_id(args.session)
    store = _open_store(args.db, create=False)
    written = export_session(store, session, args.format, Path(args.out))
    for p in written:
        print(p)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from recordings.export import import_recording

    rec = _read_with_axes(Path(args.file), args.axes)
    _warn_patient_code(args.patient)
    store = _patient_store(args.db, args.patient)
    session_id, set_id, n = import_recording(store, rec, args.patient, args.label,
                                             args.exercise)
    print(json.dumps({"session": session_id, "set": set_id, "rep_count": n}))
    return 0


def cmd_db_copy(args: argparse.Namespace) -> int:
    """Copy a practice's history between stores (SQLite <-> PostgreSQL), verified."""
    from recordings.copy import copy_store

    if not _is_server(args.src) and not Path(args.src).exists():
        raise ConfigurationError(translate("cli", "no session database at {path}: check the "
                                           "path").format(path=args.src))
    src = _open_store(args.src, create=False)
    dst = _open_store(args.dst)
    report = copy_store(src, dst, merge=args.merge)
    print(translate("cli", "copied {src} into {dst}:").format(src=src.path, dst=dst.path))
    for table, n in report.rows.items():
        merged = report.merged.get(table)
        extra = translate("cli", " ({n} matched to rows already there)").format(n=merged) \
            if merged else ""
        print(f"  {table:16s} {n:9d}{extra}")
    print(translate("cli", "  raw samples: {n}, SHA-256 {digest} in both (verified)").format(
        n=report.samples, digest=report.copy_sha256))
    return 0


def cmd_db_recover(args: argparse.Namespace) -> int:
    from recordings.store import recover_database

    kept = recover_database(args.damaged, args.out)
    # The nouns, marked for translation in RECOVERED_WORDS.
    words = {"patients": ("patient",), "sessions": ("session",), "sets": ("set",),
             "reps": ("repetition",), "calibrations": ("calibration",),
             "goals": ("goal",), "programme": ("programme version",),
             "pain": ("pain entry", "pain entries"), "test_results": ("test result",),
             "questionnaires": ("questionnaire score",),
             "psfs_activities": ("PSFS activity", "PSFS activities"),
             "chunks": ("chunk of raw samples", "chunks of raw samples")}
    print(translate("cli", "recovered into {out}: {what} ({damaged} unchanged)").format(
        out=args.out, what=", ".join(counted(kept.get(t, 0), *w) for t, w in words.items()),
        damaged=args.damaged))
    return 0


RECOVERED_WORDS = (
    QT_TRANSLATE_NOOP("cli", "patient"), QT_TRANSLATE_NOOP("cli", "patients"),
    QT_TRANSLATE_NOOP("cli", "set"), QT_TRANSLATE_NOOP("cli", "sets"),
    QT_TRANSLATE_NOOP("cli", "calibration"), QT_TRANSLATE_NOOP("cli", "calibrations"),
    QT_TRANSLATE_NOOP("cli", "goal"), QT_TRANSLATE_NOOP("cli", "goals"),
    QT_TRANSLATE_NOOP("cli", "programme version"),
    QT_TRANSLATE_NOOP("cli", "programme versions"),
    QT_TRANSLATE_NOOP("cli", "pain entry"), QT_TRANSLATE_NOOP("cli", "pain entries"),
    QT_TRANSLATE_NOOP("cli", "test result"), QT_TRANSLATE_NOOP("cli", "test results"),
    QT_TRANSLATE_NOOP("cli", "questionnaire score"),
    QT_TRANSLATE_NOOP("cli", "questionnaire scores"),
    QT_TRANSLATE_NOOP("cli", "PSFS activity"), QT_TRANSLATE_NOOP("cli", "PSFS activities"),
    QT_TRANSLATE_NOOP("cli", "chunk of raw samples"),
    QT_TRANSLATE_NOOP("cli", "chunks of raw samples"),
)


def cmd_scan(args: argparse.Namespace) -> int:
    from devices.ble import BleHub

    hub = BleHub()
    try:
        found = hub.scan(args.seconds)
        rows = []
        for f in found:
            battery = None
            if args.battery:
                try:
                    link = hub.connect(f, "unknown")
                    battery = link.battery_pct
                except MonitorError:
                    battery = None
            rows.append({**f.to_json(), "battery_pct": battery})
    finally:
        hub.close()
    if args.json:
        print(json.dumps({"sensors": rows}))
        return 0
    if not rows:
        print(translate("cli", "no sensors found: switch them on and bring them closer"))
    for r in rows:
        battery = "" if r["battery_pct"] is None else translate(
            "cli", "  battery {pct}%").format(pct=r["battery_pct"])
        print(f"{r['family']:12s} {r['name']:24s} {r['address']}  {r['rssi']} dBm{battery}")
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from monitor.core.exercises import get_exercise
    from monitor.signal.simulate import simulate_session
    from recordings.imu_csv import write_imu_csv

    get_exercise(args.exercise)
    if args.reps < 1 or args.rate <= 0:
        raise ConfigurationError("--reps must be at least 1 and --rate positive")
    if args.noise_scale < 0 or (args.gyro_offset is not None and args.gyro_offset < 0) \
            or args.knee_lock < 0:
        raise ConfigurationError("--noise-scale, --gyro-offset and --knee-lock must not be "
                                 "negative")
    extra = {} if args.gyro_offset is None else {
        "gyr_bias_rad_s": math.radians(args.gyro_offset)}
    from monitor.signal.simulate_gait import GAIT_PROTOCOLS

    if args.exercise in GAIT_PROTOCOLS:
        return _simulate_gait(args)
    try:
        sim = simulate_session(args.exercise, reps=args.reps, rate_hz=args.rate,
                               seed=args.seed, mounting=args.mounting,
                               fast_reps=args.fast_reps,
                               low_amplitude_reps=args.low_amplitude_reps,
                               noise_scale=args.noise_scale, knee_lock_deg=args.knee_lock,
                               hip_helps_deg=args.hip_helps,
                               hip_rotation_deg=args.hip_rotation, **extra)
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from exc
    out = Path(args.out)
    csv_path = out.with_suffix(".csv") if out.suffix != ".csv" else out
    try:
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        write_imu_csv(csv_path, sim.recording)
        truth = {"exercise": args.exercise, "rep_count": len(sim.reps),
                 "angle_name": sim.exercise.angle,
                 "mounting": args.mounting,
                 "sensor_to_segment": {k: v.round(6).tolist()
                                       for k, v in sim.mountings.items()},
                 "reps": [{"start_s": r.start_s, "peak_s": r.peak_s, "end_s": r.end_s,
                           "min_deg": r.min_deg, "max_deg": r.max_deg, "rom_deg": r.rom_deg,
                           "concentric_s": r.concentric_s, "hold_s": r.hold_s,
                           "eccentric_s": r.eccentric_s, "rest_s": r.rest_s}
                          for r in sim.reps],
                 "events": [{"kind": k, "start_s": a, "end_s": b} for k, a, b in sim.events]}
        csv_path.with_name(csv_path.stem + ".truth.json").write_text(json.dumps(truth, indent=1))
    except OSError as exc:
        raise MonitorError(f"cannot write {csv_path}: {exc.strerror}") from exc
    print(translate("cli", "wrote {path} ({count}, {seconds} s, {rate} Hz) with sidecar and "
                    "ground truth").format(
        path=csv_path, count=counted(len(sim.reps), "repetition"),
        seconds=decimals(f"{sim.recording.duration_s:.1f}"), rate=decimals(f"{args.rate:g}")))
    return 0


def _simulate_gait(args: argparse.Namespace) -> int:
    """A walking test of the battery, simulated with its ground truth (steps, contacts,
    turns, the TUG's phases)."""
    from dataclasses import asdict

    from monitor.signal.simulate_gait import simulate_protocol
    from recordings.imu_csv import write_imu_csv

    sim = simulate_protocol(args.exercise, rate_hz=args.rate, seed=args.seed,
                            mounting=args.mounting)
    sim.recording.exercise = args.exercise
    out = Path(args.out)
    csv_path = out.with_suffix(".csv") if out.suffix != ".csv" else out
    try:
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        write_imu_csv(csv_path, sim.recording)
        truth = {"exercise": args.exercise, **asdict(sim.truth), "time_s": sim.truth.time_s,
                 "sensor_to_segment": {k: v.round(6).tolist()
                                       for k, v in sim.mountings.items()}}
        csv_path.with_name(csv_path.stem + ".truth.json").write_text(json.dumps(truth,
                                                                               indent=1))
    except OSError as exc:
        raise MonitorError(f"cannot write {csv_path}: {exc.strerror}") from exc
    print(translate("cli", "wrote {path} ({test} s test, {steps}, {seconds} s, {rate} Hz) with "
                    "sidecar and ground truth").format(
        path=csv_path, test=decimals(f"{sim.truth.time_s:.1f}"),
        steps=counted(sim.truth.steps, "step"),
        seconds=decimals(f"{sim.recording.duration_s:.1f}"), rate=decimals(f"{args.rate:g}")))
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    if args.demo and args.headless:
        return _headless_demo(args)
    from recordings.store import default_db_path

    try:
        ui = importlib.import_module("monitor.ui.app")
    except ImportError as exc:
        raise ConfigurationError(f"the desktop application cannot start: {exc}") from exc
    db = args.db if _is_server(args.db) else (
        Path(args.db) if args.db else default_db_path())
    if args.demo and not args.db:
        db = default_db_path().with_name("demo.db")
    return ui.run(db, args.demo, args.quit_after, args.screenshot, args.lang)


def cmd_report(args: argparse.Namespace) -> int:
    # A PDF needs no screen: without a display (over ssh, in a service) Qt would abort.
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from recordings.export import ExportError

    ui = importlib.import_module("monitor.ui.app")
    report = importlib.import_module("monitor.ui.report")
    store = _open_store(args.db, create=False)
    if not store.sessions(args.patient):
        raise ConfigurationError(translate("cli", "no sessions of patient {code} in {path}"
                                           ).format(code=repr(args.patient), path=store.path))
    # The report's language; the app's remembered language is not changed by it.
    lang = args.report_lang or args.lang
    _app, app_lang = ui.make_app(lang=None)
    lang = lang or app_lang
    try:
        path = report.write_report(store, args.patient, args.out, lang)
    except OSError as exc:
        raise ExportError(f"cannot write the report: {exc}") from exc
    print(path)
    return 0


def _headless_demo(args: argparse.Namespace) -> int:
    """Simulated sensors through the live pipeline in small batches, as notifications come."""
    from calibration.mounting import Mounting
    from monitor.signal.pipeline import Pipeline
    from monitor.signal.reps import summarize
    from monitor.signal.simulate import simulate_session

    sim = simulate_session("knee_extension_seated", reps=10, rate_hz=50.0, seed=1)
    rec = sim.recording
    mountings = {lab: Mounting.from_rotation(m) for lab, m in sim.mountings.items()}
    pipe = Pipeline({"thigh": "thigh", "shank": "shank"},
                    {lab: b.nominal_rate_hz() for lab, b in rec.sensors.items()},
                    sim.exercise, "shank", mountings)
    batches = {lab: b.split([5] * (len(b) // 5 + 1)) for lab, b in rec.sensors.items()}
    quit_after = args.quit_after if args.quit_after is not None else float("inf")
    for i in range(max(len(v) for v in batches.values())):
        for lab, bl in batches.items():
            if i < len(bl):
                b = bl[i]
                if b.time_s[0] > quit_after:
                    break
                for rep in pipe.feed(lab, b.time_s, b.acc_m_s2, b.gyr_rad_s):
                    print(f"rep {rep.index}: ROM {rep.rom_deg:.0f} deg, tempo "
                          f"{rep.concentric_s:.1f}-{rep.hold_s:.1f}-{rep.eccentric_s:.1f} s",
                          file=sys.stderr)
    pipe.finish()
    print(json.dumps({"exercise": sim.exercise.id, **summarize(pipe.events).to_json()}))
    return 0


# argparse's own words for a usage error, in the command line's language.
ARGPARSE_WORDS = (
    (QT_TRANSLATE_NOOP("cli", "unrecognized arguments: "), "unrecognized arguments: "),
    (QT_TRANSLATE_NOOP("cli", "the following arguments are required: "),
     "the following arguments are required: "),
    (QT_TRANSLATE_NOOP("cli", "invalid choice: "), "invalid choice: "),
    (QT_TRANSLATE_NOOP("cli", "(choose from "), "(choose from "),
    (QT_TRANSLATE_NOOP("cli", "expected one argument"), "expected one argument"),
    (QT_TRANSLATE_NOOP("cli", "invalid int value: "), "invalid int value: "),
    (QT_TRANSLATE_NOOP("cli", "invalid float value: "), "invalid float value: "),
)


class _Parser(argparse.ArgumentParser):
    """A usage error in one line (what is wrong and where to read more), exit code 2."""

    def error(self, message: str):
        for marked, english in ARGPARSE_WORDS:
            message = message.replace(english, translate("cli", marked))
        self.exit(EXIT_USAGE, translate("cli", "{prog}: error: {message} (see '{prog} --help')"
                                        ).format(prog=self.prog, message=message) + "\n")


LANG_HELP = "language of the output (default: the app's language, else the system's)"
DB_HELP = ("session database (default: monitor.db in the user's data folder; see README, "
           "'Where the monitor keeps its files')")


def _lang_parent() -> _Parser:
    """``--lang`` after a command too (``monitor tests P001 --lang nl``); not given there, the
    one before the command (or none) stands."""
    parent = _Parser(add_help=False)
    parent.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                        help=LANG_HELP)
    return parent


class _VersionAction(argparse.Action):
    """``monitor --version``: the version, and a warning for each of the product's package
    names that another installed distribution provides too."""

    def __call__(self, parser, namespace, values, option_string=None):
        from monitor.core.version import other_providers

        print(f"monitor {VERSION}")
        for name, others in other_providers().items():
            warn(translate("cli", "the package {name} is also installed by {others}, which "
                           "can replace the monitor's files: install the monitor in a "
                           "virtual environment of its own").format(
                name=name, others=", ".join(others)))
        parser.exit(0)


def _db_parent() -> _Parser:
    """``--db`` after a command too (``monitor sessions --db F``), declared once for every
    command that opens the session database; not given there, the one before the command
    (or none: the default database) stands."""
    parent = _Parser(add_help=False)
    parent.add_argument("--db", metavar="DB", default=argparse.SUPPRESS, help=DB_HELP)
    return parent


def language_asked(argv: list[str]) -> str | None:
    """The language ``--lang`` (or a report's ``--lang``) asks for, read before the
    arguments are parsed (so that a usage error is said in it); the last one given."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1] if argv[i + 1] in LANGUAGES else found
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2] if arg.partition("=")[2] in LANGUAGES else found
    return found


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="monitor", description="Leg-IMU exercise monitor")
    p.add_argument("--version", action=_VersionAction, nargs=0,
                   help="show the version and exit")
    p.add_argument("--db", metavar="DB", help=DB_HELP)
    p.add_argument("--demo", action="store_true", help="simulated sensors and a demo patient")
    p.add_argument("--quit-after", type=float, metavar="S")
    p.add_argument("--screenshot", metavar="PNG")
    p.add_argument("--headless", action="store_true",
                   help="with --demo: run the live pipeline without a window")
    p.add_argument("--lang", choices=LANGUAGES, help=LANG_HELP)
    sub = p.add_subparsers(dest="command")
    lang = [_lang_parent()]
    common = [_lang_parent(), _db_parent()]       # every command that opens the database

    a = sub.add_parser("analyze", help="count repetitions and measure ROM and tempo in a file",
                       parents=common)
    a.add_argument("file", help="IMU CSV file (sidecar STEM.json read automatically)")
    a.add_argument("--session", help="session id (when FILE is a session database)")
    a.add_argument("--exercise", help="exercise id from the catalogue, or 'none'")
    a.add_argument("--placement", action="append", metavar="LABEL=PLACEMENT")
    a.add_argument("--axes", action="append", metavar="LABEL=MAPPING",
                   help="read that sensor's gyroscope axes this way, e.g. right_shank=x,y,-z "
                        "(its z inverted); repeatable")
    a.add_argument("--json", action="store_true")
    a.add_argument("--angle-series", action="store_true")
    a.set_defaults(func=cmd_analyze)

    s = sub.add_parser("simulate", help="write a simulated recording with ground truth",
                       parents=common)
    s.add_argument("--exercise", required=True)
    s.add_argument("--out", required=True, metavar="STEM")
    s.add_argument("--reps", type=int, default=10)
    s.add_argument("--rate", type=float, default=100.0, metavar="HZ")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--mounting", choices=["aligned", "random"], default="random")
    s.add_argument("--fast-reps", type=int, default=0)
    s.add_argument("--low-amplitude-reps", type=int, default=0)
    s.add_argument("--noise-scale", type=float, default=1.0,
                   help="white noise relative to the default (a noisier sensor: 2)")
    s.add_argument("--gyro-offset", type=float, default=None, metavar="DEG_S",
                   help="gyroscope zero-rate offset drawn per axis from +-this (default 0.86)")
    s.add_argument("--knee-lock", type=float, default=0.0, metavar="DEG",
                   help="supine leg raises: the knee locks straight from this flexion "
                        "just before each lift")
    s.add_argument("--hip-helps", type=float, default=0.0, metavar="DEG",
                   help="the hip flexes this much more at each turning point (a seated "
                        "knee extension lifting the thigh off the chair)")
    s.add_argument("--hip-rotation", type=float, default=0.0, metavar="DEG",
                   help="the thigh turns about its long axis by about this much at each "
                        "turning point (outward positive)")
    s.set_defaults(func=cmd_simulate)

    sc = sub.add_parser("scan", help="list nearby sensors", parents=common)
    sc.add_argument("--seconds", type=float, default=4.0)
    sc.add_argument("--battery", action="store_true", help="connect briefly to read battery")
    sc.add_argument("--json", action="store_true")
    sc.set_defaults(func=cmd_scan)

    ss = sub.add_parser("sessions", help="list recorded sessions", parents=common)
    ss.add_argument("--patient")
    ss.add_argument("--json", action="store_true")
    ss.set_defaults(func=cmd_sessions)

    r = sub.add_parser("record", help="record a set headless into the session store",
                       parents=common)
    r.add_argument("--demo", action="store_true", help="simulated sensors")
    r.add_argument("--sensor", action="append", metavar="ADDRESS=PLACEMENT")
    r.add_argument("--exercise", required=True)
    r.add_argument("--patient", default=DEMO_PATIENT,
                   help="the patient's code, added with 'monitor patient add' (default: "
                        "the demo patient DEMO)")
    r.add_argument("--label", help="measurement moment, e.g. intake, week 6")
    r.add_argument("--seconds", type=float)
    r.add_argument("--reps", type=int, default=10, help="demo: repetitions to perform")
    r.add_argument("--rate", type=float, default=50.0, help="demo: sample rate (Hz)")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--fast", action="store_true", help="demo: as fast as possible")
    r.add_argument("--speed", type=_demo_speed, default=1.0, metavar="X",
                   help="demo: X times as fast as the movement (default 1, real time)")
    r.add_argument("--progress", action="store_true",
                   help="print the time of every batch fed (for tests and scripts)")
    r.add_argument("--load", metavar="KG|LEVEL",
                   help="the load used, when it differs from the programme's")
    r.add_argument("--pain", type=treatment_commands.PAIN, metavar="N",
                   help="pain after the set, 0-10 (numeric rating scale)")
    r.add_argument("--pain-before", type=treatment_commands.PAIN, metavar="N",
                   help="pain before the session, 0-10")
    r.add_argument("--pain-next-morning", type=treatment_commands.PAIN, metavar="N",
                   help="pain the morning after the previous visit, 0-10")
    r.add_argument("--effort", type=treatment_commands.EFFORT, metavar="N",
                   help="effort of the set, 0-10 (Borg CR10)")
    r.set_defaults(func=cmd_record)

    e = sub.add_parser("export", help="export a session: IMU CSV, Motion-BIDS, repetition "
                                      "tables or OpenSense orientations",
                       parents=common)
    e.add_argument("session", help="the session's id (see 'monitor sessions')")
    e.add_argument("--format", choices=["csv", "bids", "reps-csv", "opensense"],
                   required=True,
                   help="csv: the raw samples, one IMU CSV file (with its JSON sidecar) per "
                        "set; bids: a Motion-BIDS dataset; reps-csv: repetitions and set "
                        "summaries for spreadsheets; opensense: the sensors' orientations for "
                        "OpenSim (.sto)")
    e.add_argument("--out", required=True, metavar="DIR",
                   help="folder to write into (created if missing)")
    e.set_defaults(func=cmd_export)

    i = sub.add_parser("import", help="store an IMU CSV file as a session", parents=common)
    i.add_argument("file", help="IMU CSV file (sidecar STEM.json read automatically)")
    i.add_argument("--patient", required=True, metavar="CODE",
                   help="the patient's code, added with 'monitor patient add'")
    i.add_argument("--label", metavar="MOMENT",
                   help="measurement moment, e.g. intake, week 6 (default: none)")
    i.add_argument("--exercise", metavar="ID",
                   help="exercise id from the catalogue, or 'none' (default: the sidecar's, "
                        "else none)")
    i.add_argument("--axes", action="append", metavar="LABEL=MAPPING",
                   help="read that sensor's gyroscope axes this way, e.g. right_shank=x,y,-z "
                        "(its z inverted); repeatable")
    i.set_defaults(func=cmd_import)

    d = sub.add_parser("db", help="maintenance of the session database", parents=lang)
    dsub = d.add_subparsers(dest="db_command", required=True)
    rc = dsub.add_parser("recover", help="copy what can still be read from a damaged "
                         "database into a new one (the damaged file is only read)",
                         parents=lang)
    rc.add_argument("damaged", metavar="DAMAGED.db")
    rc.add_argument("out", metavar="NEW.db")
    rc.set_defaults(func=cmd_db_recover)
    cp = dsub.add_parser("copy", help="copy a practice's history between an SQLite file and "
                         "a PostgreSQL server (either way), verified: rows per table and "
                         "checksums of the raw samples", parents=lang)
    cp.add_argument("src", metavar="SRC", help="file path or postgresql:// URL")
    cp.add_argument("dst", metavar="DST", help="file path or postgresql:// URL (empty)")
    cp.add_argument("--merge", action="store_true",
                    help="add to a destination that already holds a history (patients "
                         "matched by code, measurement moments by label)")
    cp.set_defaults(func=cmd_db_copy)

    rp = sub.add_parser("report", help="PDF of a patient's progress", parents=[_db_parent()])
    rp.add_argument("patient")
    rp.add_argument("--out", required=True, metavar="FILE.pdf")
    rp.add_argument("--lang", choices=["en", "nl"], dest="report_lang",
                    help="the report's language (default: --lang, else the app's language)")
    rp.set_defaults(func=cmd_report)
    treatment_commands.add_parsers(sub, _open_store, common)
    group_commands.add_parser(sub, _open_store, common)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # The language of what the command says: asked for, else the app's, else the system's.
    set_language(choose_language(language_asked(argv)))
    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(choose_language(getattr(args, "report_lang", None) or args.lang))
    func = getattr(args, "func", cmd_app)
    _start_log(args)
    try:
        try:
            return func(args)
        finally:
            _close_stores()
            _say_notes()
    except MonitorError as exc:
        error(say_error(exc))
        # The kind of error only: its words may quote a file name or a label.
        log.warning("the command ended with %s (exit code %d)", type(exc).__name__,
                    exit_code(exc))
        return exit_code(exc)
    except sqlite3.Error as exc:
        # Raised outside the store's own methods (a query elsewhere): still words and the
        # right code when it is about the file or the system.
        from recordings.store import translate_error

        known = translate_error(exc, Path(_OPENED.get("db", "the session database")))
        if known is None:
            return _defect(exc, args)
        error(say_error(known))
        return exit_code(known)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away ("monitor analyze ... | head"): nothing to say.
        # Point stdout at nothing so that flushing it at exit does not complain again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        error(f"{where}{exc.strerror or exc}")
        return EXIT_SYSTEM
    except Exception as exc:  # a defect: words for the user, the details in a file
        return _defect(exc, args)


def _start_log(args: argparse.Namespace) -> None:
    """The data folder first (an earlier version's is moved into the platform's place
    before anything else is written there), then the log. The log says which command ran,
    never its values (a patient code, a file name)."""
    from monitor.core import places
    from monitor.crashlog import start_log

    places.data_dir()
    what = " ".join(w for w in (getattr(args, "command", None) or "app",
                                getattr(args, "action", None) or getattr(args, "db_command",
                                                                         None)) if w)
    start_log(what)


def _say_notes() -> None:
    """What moving an earlier version's data had to say (once, on stderr)."""
    from monitor.core import places

    for note in places.take_notes():
        print(translate("cli", "monitor: note: {what}").format(what=say(note)),
              file=sys.stderr, flush=True)


def error(text: str) -> None:
    """An error on stderr in one line, in the current language."""
    print(translate("cli", "monitor: error: {what}").format(what=_one_line(text)),
          file=sys.stderr)


def _close_stores() -> None:
    while _STORES:
        _STORES.pop().close()


def exit_code(exc: MonitorError) -> int:
    """2: usage, 3: an input file (or database) that cannot be used, 4: the system refused."""
    from recordings.store import StoreDamagedError, StoreMissingError

    if isinstance(exc, InputFileError | StoreDamagedError | StoreMissingError):
        return EXIT_INPUT
    if isinstance(exc, SystemRefusedError):
        return EXIT_SYSTEM
    return EXIT_USAGE


# Longest message printed: a value quoted from a file is cut well before this, the rest is
# a safety net (a 10-MB field must not become a 10-MB line).
MAX_MESSAGE_CHARS = 2000


def _one_line(text: str) -> str:
    text = " ".join(text.split("\n"))
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS] + "..."


def _defect(exc: BaseException, args: argparse.Namespace) -> int:
    from monitor.crashlog import describe, redacted_command, write_crash_report

    private = [getattr(args, k, None) for k in ("patient", "label", "code")]
    report = write_crash_report(exc, redacted_command(sys.argv),
                                private=[v for v in private if isinstance(v, str) and v])
    log.error("unexpected problem %s; crash report %s", type(exc).__name__, report)
    error(describe(exc, report))
    return EXIT_DEFECT


if __name__ == "__main__":
    sys.exit(main())
