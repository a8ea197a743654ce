"""A stored session as a Motion-BIDS dataset (BIDS 1.10, the motion datatype).

The motion extension is described by Jeung et al., "Motion-BIDS: an extension to the brain
imaging data structure to organize motion data for reproducible research", Scientific Data
11, 716 (2024). The layout written here, for the set ``run`` of an exercise (``task``) at a
measurement moment (``ses``) of a patient (``sub``)::

    dataset_description.json  README  participants.tsv/.json
    sub-<s>/sub-<s>_sessions.tsv/.json
    sub-<s>/ses-<m>/sub-<s>_ses-<m>_scans.tsv/.json
    sub-<s>/ses-<m>/motion/sub-<s>_ses-<m>_task-<t>_tracksys-<sensor>_run-<k>_motion.tsv
                                                     ..._channels.tsv/.json, ..._motion.json
    sub-<s>/ses-<m>/motion/sub-<s>_ses-<m>_task-<t>_tracksys-<primary>_run-<k>_events.tsv/.json

- One tracking system per sensor: every sensor has its own clock and number of samples.
- The first channel (LATENCY) is each sample's time in seconds since the set's first sample
  (of any of its sensors: the sensors of a set share one clock, so they stay in step). The
  ``acq_time`` of every file of the set in scans.tsv is the set's start as the workstation's
  clock had it (when the set began, within the moment the first samples took to arrive).
  The repetitions are the events, in one events file per set (no ``tracksys``: it holds for
  all the set's sensors), their onsets on the same time line.
- Labels: BIDS allows letters and digits only. A patient code of capitals and digits
  (``P001``) is the subject label as it is; any other code keeps its letters and digits and
  gets ``x`` and six hexadecimal digits of the SHA-256 of the code (``P-001`` ->
  ``P001x`` + 6 digits), so ``P-001`` and ``P001`` (or ``p001``) stay two subjects, also on a
  file system that ignores case. participants.tsv keeps the code (``patient_code``). An
  export that would still give two codes one label (checked, case ignored) is refused.
- Session labels come from the measurement moment (``week 6`` -> ``week6``; without a label
  ``visit`` + the date); a label that two moments of the patient would share gets ``s`` and
  the session's number. sessions.tsv keeps the moment as typed (``moment``).
"""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

import numpy as np

from monitor.core.messages import Message
from monitor.core.samples import ImuBatch
from recordings.store import SessionInfo, Store, StoreError, private_folder

BIDS_VERSION: Final = "1.10.0"
PRODUCT: Final = "legimu-monitor"
# Ages above this are written as this (BIDS: ages capped at 89 for privacy).
MAX_AGE: Final = 89
SEX: Final = {"f": "female", "m": "male", "x": "other"}


class BidsLabelError(StoreError):
    """Two patients (or moments) would share one label in the dataset."""


def version() -> str:
    from monitor import __version__

    return __version__


def _alnum(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", text)


def subject_label(code: str) -> str:
    """The BIDS subject label of a patient code (see the module's docstring)."""
    if re.fullmatch(r"[A-Z0-9]+", code):
        return code
    return _alnum(code) + "x" + hashlib.sha256(code.encode("utf-8")).hexdigest()[:6]


def task_label(exercise: str | None) -> str:
    return _alnum(exercise or "") or "movement"


def _moment_label(info: SessionInfo) -> str:
    if info.label is None:
        return "visit" + _dt.datetime.fromtimestamp(info.started_at).strftime("%Y%m%d")
    return _alnum(info.label) or f"s{info.id}"


def session_labels(sessions: list[SessionInfo]) -> dict[int, str]:
    """The session label of each of one patient's sessions (unique, case ignored)."""
    base = {s.id: _moment_label(s) for s in sessions}
    count: dict[str, int] = {}
    for label in base.values():
        count[label.lower()] = count.get(label.lower(), 0) + 1
    return {sid: label if count[label.lower()] == 1 else f"{label}s{sid}"
            for sid, label in base.items()}


def _iso(epoch: float) -> str:
    """A BIDS date time (local time of the workstation, microseconds)."""
    return _dt.datetime.fromtimestamp(epoch).strftime("%Y-%m-%dT%H:%M:%S.%f")


def _rate(value: float) -> float | int:
    """The nominal rate as a plain number (an imported file's rate estimated from its median
    interval, 100.00000000000213, is 100)."""
    rounded = round(float(value), 3)
    return int(rounded) if rounded == int(rounded) else rounded


def _num(value: object, digits: int = 4) -> str:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return "n/a"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, float):
        return f"{round(value, digits):g}" if abs(value) < 1e6 else repr(value)
    return str(value)


def _tsv(rows: Sequence[Sequence[object]]) -> str:
    return "".join("\t".join(_num(v) if not isinstance(v, str) else (v or "n/a")
                             for v in row) + "\n" for row in rows)


def _read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


class BidsWriter:
    """Writes sessions of a store into one dataset folder (created or added to)."""

    def __init__(self, store: Store, out: Path, private_file: Callable[[Path], Path]
                 ) -> None:
        self.store = store
        self.out = out
        self._private_file = private_file
        self.written: list[Path] = []

    def _write(self, path: Path, text: str) -> Path:
        self._private_file(path)
        path.write_text(text, encoding="utf-8")
        self.written.append(path)
        return path

    def _json(self, path: Path, data: dict) -> Path:
        return self._write(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")

    # -- the dataset -----------------------------------------------------------------------
    def session(self, info: SessionInfo) -> list[Path]:
        sub = subject_label(info.patient)
        patient = self.store.patient(info.patient) or {}
        self._dataset()
        self._participants(sub, info.patient, patient)
        own = self.store.sessions(info.patient)
        ses = session_labels(own)[info.id]
        folder = self.out / f"sub-{sub}" / f"ses-{ses}" / "motion"
        private_folder(folder)
        scans: list[list[object]] = []
        runs: dict[str, int] = {}
        for st in self.store.sets(info.id):
            task = task_label(st["exercise"])
            runs[task] = runs.get(task, 0) + 1
            stem = f"sub-{sub}_ses-{ses}_task-{task}"
            for path in self._set(folder, stem, runs[task], st):
                scans.append([f"motion/{path.name}", _iso(st["started_at"]), st["id"]])
        self._scans(folder.parent / f"sub-{sub}_ses-{ses}_scans.tsv", scans)
        self._sessions(sub, own, patient)
        return self.written

    def _dataset(self) -> None:
        desc = self.out / "dataset_description.json"
        if not desc.exists():
            self._json(desc, {
                "Name": "Leg IMU exercise recordings",
                "BIDSVersion": BIDS_VERSION,
                "DatasetType": "raw",
                "GeneratedBy": [{"Name": PRODUCT, "Version": version(),
                                 "Description": "Exported from the exercise monitor's "
                                                "session store (raw samples as recorded)."}]})
        readme = self.out / "README"
        if not readme.exists():
            self._write(readme, README_TEXT.format(product=PRODUCT, version=version()))
        self._json(self.out / "participants.json", PARTICIPANTS_JSON)

    def _participants(self, sub: str, code: str, patient: dict) -> None:
        path = self.out / "participants.tsv"
        rows = {r["participant_id"]: r for r in _read_tsv(path)}
        for pid, row in rows.items():
            if (pid.lower() == f"sub-{sub}".lower() and row.get("patient_code") != code):
                raise BidsLabelError(Message(
                    "patients {a} and {b} would both be {label} in {path}: export them "
                    "to separate folders", a=repr(row.get("patient_code")), b=repr(code),
                    label=f"sub-{sub}", path=self.out))
        sessions = self.store.sessions(code)
        first = min((s.started_at for s in sessions), default=None)
        age = _age(patient.get("birth_year"), first)
        rows[f"sub-{sub}"] = {
            "participant_id": f"sub-{sub}", "patient_code": code,
            "sex": SEX.get(patient.get("sex") or "", "n/a"),
            "age_group": "n/a" if age is None else _age_group(age),
            "joint": patient.get("joint") or "n/a", "side": patient.get("side") or "n/a"}
        cols = list(PARTICIPANTS_JSON)
        self._write(path, "\t".join(["participant_id", *cols]) + "\n" + _tsv(
            [[r.get("participant_id", "n/a"), *[r.get(c) or "n/a" for c in cols]]
             for _, r in sorted(rows.items())]))

    def _sessions(self, sub: str, sessions: list[SessionInfo], patient: dict) -> None:
        folder = self.out / f"sub-{sub}"
        labels = session_labels(sessions)
        # The moments exported into this dataset (now or before).
        rows = [[f"ses-{labels[s.id]}", _iso(s.started_at), s.label or "n/a",
                 _age(patient.get("birth_year"), s.started_at), s.id]
                for s in sessions if (folder / f"ses-{labels[s.id]}").is_dir()]
        self._write(folder / f"sub-{sub}_sessions.tsv",
                    "session_id\tacq_time\tmoment\tage\tstore_session\n" + _tsv(rows))
        self._json(folder / f"sub-{sub}_sessions.json", SESSIONS_JSON)

    def _scans(self, path: Path, rows: list[list[object]]) -> None:
        self._write(path, "filename\tacq_time\tstore_set\n" + _tsv(rows))
        self._json(path.with_suffix(".json"), SCANS_JSON)

    # -- one set ---------------------------------------------------------------------------
    def _set(self, folder: Path, stem: str, run: int, st: dict) -> list[Path]:
        """The set's motion files; returns the motion.tsv files (for scans.tsv)."""
        config = self.store.set_config(st["id"])
        stored = json.loads(config[1] or "{}") if config else {}
        sensors = stored.get("sensors", {})
        samples = {lab: b for lab, b in self.store.set_samples(st["id"]).items() if len(b)}
        labels = _tracksys_labels(list(samples))
        # Times from the set's first sample (of any sensor): the set's sensors stay in step.
        onset = min((float(b.time_s[0]) for b in samples.values()), default=0.0)
        data_files = []
        for label, batch in samples.items():
            info = sensors.get(label, {})
            name = f"{stem}_tracksys-{labels[label]}_run-{run}"
            placement = st["placements"].get(label) or info.get("placement") or "n/a"
            data_files.append(self._motion(folder, name, st, label, placement, info, batch,
                                           onset))
        if samples:
            # One events file for all the set's sensors: they share the set's clock.
            self._events(folder / f"{stem}_run-{run}_events.tsv", st, onset)
        return data_files

    def _motion(self, folder: Path, name: str, st: dict, label: str, placement: str,
                info: dict, b: ImuBatch, onset: float) -> Path:
        channels = [("latency", "n/a", "LATENCY", "s")]
        channels += [(f"acc_{a}", a, "ACCEL", "m/s^2") for a in "xyz"]
        channels += [(f"gyr_{a}", a, "GYRO", "rad/s") for a in "xyz"]
        cols = [b.time_s[:, None] - onset, b.acc_m_s2, b.gyr_rad_s]
        if b.mag_ut is not None:
            channels += [(f"mag_{a}", a, "MAGN", "uT") for a in "xyz"]
            cols.append(b.mag_ut)
        buf = io.StringIO()
        if len(b):
            data = np.hstack(cols)
            np.savetxt(buf, data, delimiter="\t",
                       fmt=["%.6f"] + ["%.7g"] * (data.shape[1] - 1))
        tsv = self._write(folder / f"{name}_motion.tsv", buf.getvalue())
        tracked = _alnum(placement.title()) or "n/a"
        self._write(folder / f"{name}_channels.tsv",
                    "name\tcomponent\ttype\ttracked_point\tunits\tplacement\treference_frame\n"
                    + "".join(f"{n}\t{c}\t{t}\t{tracked}\t{u}\t{placement}\t"
                              f"{'n/a' if t == 'LATENCY' else 'sensor'}\n"
                              for n, c, t, u in channels))
        self._json(folder / f"{name}_channels.json", CHANNELS_JSON)
        duration = float(b.time_s[-1] - b.time_s[0]) if len(b) > 1 else 0.0
        nominal = info.get("rate_hz")
        effective = (len(b) - 1) / duration if duration > 0 else None
        rate = _rate(nominal) if nominal else (_rate(effective) if effective else "n/a")
        from monitor.core.exercises import catalogue

        ex = catalogue().get(st["exercise"]) if st["exercise"] else None
        meta = {
            "TaskName": st["exercise"] or "movement",
            "TaskDescription": (ex.display_name("en") if ex else
                                "movement without a named exercise"),
            "TrackingSystemName": f"{label} ({placement})",
            "SamplingFrequency": rate,
            "SamplingFrequencyEffective": (round(effective, 6) if effective is not None
                                           else "n/a"),
            "Manufacturer": info.get("manufacturer") or "n/a",
            "ManufacturersModelName": info.get("model") or "n/a",
            "SoftwareVersions": f"{PRODUCT} {version()}",
            "RecordingDuration": round(duration, 6),
            "MotionChannelCount": len(channels),
            "ACCELChannelCount": 3, "ANGACCELChannelCount": 0, "GYROChannelCount": 3,
            "JNTANGChannelCount": 0, "LATENCYChannelCount": 1,
            "MAGNChannelCount": 3 if b.mag_ut is not None else 0,
            "MISCChannelCount": 0, "ORNTChannelCount": 0, "POSChannelCount": 0,
            "VELChannelCount": 0, "TrackedPointsCount": 1, "MissingValues": "n/a",
            "SubjectArtefactDescription": "n/a",
        }
        if info.get("family"):
            meta["SensorFamily"] = info["family"]
        self._json(folder / f"{name}_motion.json", meta)
        return tsv

    def _events(self, path: Path, st: dict, onset: float) -> None:
        from monitor.core.exercises import catalogue

        ex = catalogue().get(st["exercise"]) if st["exercise"] else None
        angle = ex.angle if ex else "angle_deg"
        rows = []
        for r in self.store.reps(st["id"]):
            start, end = r.get("start_s"), r.get("end_s")
            if start is None or end is None:
                continue
            peak = r.get("peak_s")
            rows.append([start - onset, end - start, "repetition", r.get("index"),
                         st["exercise"] or "n/a", None if peak is None else peak - onset,
                         r.get("rom_deg"),
                         r.get("min_deg"), r.get("max_deg"), r.get("concentric_s"),
                         r.get("hold_s"), r.get("eccentric_s"),
                         ",".join(r.get("flags") or []) or "n/a"])
        self._write(path, "\t".join(EVENT_COLUMNS) + "\n" + _tsv(rows))
        meta = json.loads(json.dumps(EVENTS_JSON))
        for key in ("rom_deg", "min_deg", "max_deg"):
            meta[key]["Description"] += f" Angle: {angle}."
        self._json(path.with_suffix(".json"), meta)


def _tracksys_labels(labels: list[str]) -> dict[str, str]:
    base = {lab: _alnum(lab) or "sensor" for lab in labels}
    count: dict[str, int] = {}
    for v in base.values():
        count[v.lower()] = count.get(v.lower(), 0) + 1
    return {lab: v if count[v.lower()] == 1 else f"{v}{k}"
            for k, (lab, v) in enumerate(base.items(), start=1)}


def _age(birth_year: int | str | None, epoch: float | None) -> int | None:
    if birth_year is None or epoch is None:
        return None
    age = _dt.datetime.fromtimestamp(epoch).year - int(birth_year)
    return min(age, MAX_AGE)


def _age_group(age: int) -> str:
    if age >= MAX_AGE:
        return f"{MAX_AGE}+"
    lo = age // 5 * 5
    return f"{lo}-{lo + 4}"


EVENT_COLUMNS: Final = ("onset", "duration", "trial_type", "repetition", "exercise",
                        "peak_time", "rom_deg", "min_deg", "max_deg", "concentric_s",
                        "hold_s", "eccentric_s", "flags")

EVENTS_JSON: Final = {
    "onset": {"Description": "Start of the repetition, seconds since the set's first "
                             "sample (the time line of the LATENCY channel of every "
                             "sensor's motion file of the set).", "Units": "s"},
    "duration": {"Description": "From the start to the end of the repetition.", "Units": "s"},
    "trial_type": {"Description": "What the event is.",
                   "Levels": {"repetition": "one repetition as the monitor counted it"}},
    "repetition": {"Description": "Number of the repetition in the set (1, 2, ...)."},
    "exercise": {"Description": "The exercise's id in the monitor's catalogue."},
    "peak_time": {"Description": "Turn between the concentric and the eccentric phase, "
                                 "on the time line of onset.", "Units": "s"},
    "rom_deg": {"Description": "Range of motion of the repetition (max_deg - min_deg).",
                "Units": "deg"},
    "min_deg": {"Description": "Smallest angle during the repetition.", "Units": "deg"},
    "max_deg": {"Description": "Largest angle during the repetition.", "Units": "deg"},
    "concentric_s": {"Description": "Duration of the concentric phase.", "Units": "s"},
    "hold_s": {"Description": "Duration of the hold at the turn.", "Units": "s"},
    "eccentric_s": {"Description": "Duration of the eccentric phase.", "Units": "s"},
    "flags": {"Description": "Comma-separated remarks of the monitor on the repetition "
                             "(e.g. below_target, too_fast); n/a when none."},
}

PARTICIPANTS_JSON: Final = {
    "patient_code": {"Description": "The patient's pseudonymous code in the monitor's store "
                                    "(the subject label is made of it: see README)."},
    "sex": {"Description": "Sex as recorded for the norms.",
            "Levels": {"female": "female", "male": "male", "other": "other"}},
    "age_group": {"Description": "Age in years at the first measurement moment, in 5-year "
                                 "groups (from the year of birth; 89+ for 89 and over)."},
    "joint": {"Description": "Joint(s) in treatment (knee, hip, knee,hip)."},
    "side": {"Description": "Side in treatment (left, right, both)."},
}

SESSIONS_JSON: Final = {
    "acq_time": {"Description": "Start of the measurement moment (local time of the "
                                "workstation)."},
    "moment": {"Description": "The measurement moment as typed in the monitor (e.g. intake, "
                              "week 6); n/a: a visit without a label."},
    "age": {"Description": "Age in whole years in the year of the session (from the year "
                           "of birth; capped at 89).", "Units": "year"},
    "store_session": {"Description": "The session's number in the monitor's store "
                                     "('monitor sessions')."},
}

SCANS_JSON: Final = {
    "acq_time": {"Description": "Start of the set (workstation clock; its first sample is "
                                "LATENCY 0), the same for every sensor of one set."},
    "store_set": {"Description": "The set's number in the monitor's store."},
}

CHANNELS_JSON: Final = {
    "reference_frame": {
        "Description": "The frame the channel's values are given in.",
        "Levels": {
            "sensor": {
                "RotationRule": "right-hand",
                "Description": "The sensor's own axes, as the sensor reports them; the "
                               "sensor is strapped on the segment in any orientation, so "
                               "the axes have no fixed anatomical direction (the monitor "
                               "finds the mounting from a calibration movement).",
            },
        },
    },
}

README_TEXT: Final = """\
Leg IMU exercise recordings
===========================

Exported by {product} {version}, an exercise monitor for physiotherapy (strength
training for people with knee or hip osteoarthritis), from its session store.

- One subject per patient, one session per measurement moment (intake, week 6, ...), one
  task per exercise, one run per set, one tracking system per sensor.
- motion.tsv: LATENCY (seconds since the set's first sample), accelerometer (m/s^2, specific force,
  gravity included), gyroscope (rad/s), magnetometer (uT) where recorded, as the sensor
  reported them, in the sensor's own axes.
- events.tsv: the repetitions the monitor counted, with their range of motion (deg) and
  phase durations (s), on the same clock.
- participants.tsv keeps the monitor's patient code; sessions.tsv the moment as typed.
"""
