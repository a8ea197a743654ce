"""Export of stored sessions (IMU CSV, BIDS-motion style folder) and import of IMU CSV files.

BIDS-motion layout (after the BIDS motion extension, Jeung et al., Scientific Data 11, 2024):

    sub-<patient>/ses-<session>/motion/
        sub-<p>_ses-<s>_task-<exercise>_run-<k>_tracksys-<sensor>_motion.tsv   (no header)
        sub-<p>_ses-<s>_task-<exercise>_run-<k>_tracksys-<sensor>_channels.tsv
        sub-<p>_ses-<s>_task-<exercise>_run-<k>_tracksys-<sensor>_motion.json

One tracking system per sensor, because every sensor has its own sample clock; the first
column is the sample time (LATENCY, seconds on the session clock).

Exports hold a patient's recordings: the files are written readable by the user only
(0600), and folders the export creates too (0700); an existing folder is left as it is.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import numpy as np

from monitor.core.errors import SystemRefusedError
from monitor.core.exercises import get_exercise
from monitor.signal.analysis import choose_sensors, self_calibrate
from recordings.imu_csv import ImuRecording, write_imu_csv
from recordings.recorder import open_live_set
from recordings.store import Store, StoreError, private_folder


class ExportError(SystemRefusedError):
    """The export could not be written (a full disk, no permission, a missing drive)."""


def private_file(path: Path) -> Path:
    """Create (or empty) ``path`` readable by the user only, before anything is written.
    Something that is not a regular file (a device such as /dev/null) is left as it is."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    return path


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", text) or "x"


def export_session(store: Store, session_id: int, fmt: str, out: Path) -> list[Path]:
    info = [s for s in store.sessions() if s.id == session_id]
    if not info:
        raise StoreError(f"no session {session_id} in {store.path} (see 'monitor sessions')")
    patient = info[0].patient
    sets = store.sets(session_id)
    if not sets:
        raise StoreError(f"session {session_id} has no recorded sets")
    written: list[Path] = []
    try:
        if not out.exists():
            private_folder(out)
        for k, st in enumerate(sets, start=1):
            samples = store.set_samples(st["id"])
            if fmt == "csv":
                placements = st["placements"]
                sides = {p.split("_")[0] for p in placements.values() if "_" in p}
                rec = ImuRecording(samples, {lab: placements[lab] for lab in samples
                                             if lab in placements}, st["exercise"],
                                   sides.pop() if len(sides) == 1 else None)
                path = out / f"session{session_id}_set{k}.csv"
                private_file(path)
                private_file(path.with_suffix(".json"))
                write_imu_csv(path, rec)
                written += [path, path.with_suffix(".json")]
            else:
                written += _write_bids(out, patient, session_id, k, st, samples)
    except OSError as exc:
        raise ExportError(f"cannot write the export to {out}: {exc.strerror}") from exc
    return written


def _write_bids(out: Path, patient: str, session_id: int, run: int, st: dict,
                samples: dict) -> list[Path]:
    folder = out / f"sub-{_safe(patient)}" / f"ses-{session_id}" / "motion"
    private_folder(folder)
    task = _safe(st["exercise"] or "movement")
    written = []
    for label, b in samples.items():
        stem = (f"sub-{_safe(patient)}_ses-{session_id}_task-{task}_run-{run}"
                f"_tracksys-{_safe(label)}")
        cols = [b.time_s[:, None], b.acc_m_s2, b.gyr_rad_s]
        names = [("t", "n/a", "LATENCY", "s"),
                 *[(f"acc_{a}", a, "ACCEL", "m/s^2") for a in "xyz"],
                 *[(f"gyr_{a}", a, "GYRO", "rad/s") for a in "xyz"]]
        if b.mag_ut is not None:
            cols.append(b.mag_ut)
            names += [(f"mag_{a}", a, "MAGN", "uT") for a in "xyz"]
        data = np.hstack(cols)
        tsv = private_file(folder / f"{stem}_motion.tsv")
        np.savetxt(tsv, data, delimiter="\t", fmt="%.7g")
        placement = st["placements"].get(label, "n/a")
        ch = private_file(folder / f"{stem}_channels.tsv")
        ch.write_text("name\tcomponent\ttype\ttracked_point\tunits\n" + "".join(
            f"{n}\t{c}\t{t}\t{placement}\t{u}\n" for n, c, t, u in names))
        rate = float(1.0 / np.median(np.diff(b.time_s))) if len(b) > 1 else None
        meta = {"TaskName": st["exercise"] or "movement", "SamplingFrequency": rate,
                "SamplingFrequencyEffective": rate, "TrackingSystemName": label,
                "MotionChannelCount": len(names), "RecordingDuration": float(
                    b.time_s[-1] - b.time_s[0]) if len(b) else 0.0,
                "ACCELChannelCount": 3, "GYROChannelCount": 3,
                "MAGNChannelCount": 3 if b.mag_ut is not None else 0,
                "LATENCYChannelCount": 1, "TrackedPointsCount": 1,
                "Manufacturer": "n/a", "SoftwareVersions": "legimu-monitor"}
        js = private_file(folder / f"{stem}_motion.json")
        js.write_text(json.dumps(meta, indent=1))
        written += [tsv, ch, js]
    return written


def import_recording(store: Store, rec: ImuRecording, patient: str, label: str | None,
                     exercise_id: str | None = None) -> tuple[int, int, int]:
    """Store an IMU recording as a new session with one set, analysed as it would be live."""
    exercise_id = exercise_id or rec.exercise
    ex = get_exercise(exercise_id) if exercise_id and exercise_id != "none" else None
    primary, _secondary, used, _ = choose_sensors(rec, ex, rec.side)
    segs = {lab: (p.split("_", 1)[1] if p.startswith(("left_", "right_")) else p)
            for lab, p in used.items()}
    mountings = self_calibrate(rec, ex, segs)
    session_id = store.new_session(patient, label)
    sensors = {lab: {"placement": rec.placements.get(lab, used[lab]), "segment": segs[lab],
                     "rate_hz": rec.sensors[lab].nominal_rate_hz()} for lab in used}
    live, set_id = open_live_set(store, session_id, ex.id if ex else None, sensors, primary,
                                 mountings)
    order = sorted(used, key=lambda lab: lab == primary)
    for lab in order:
        live.feed(lab, rec.sensors[lab])
    live.finish(timeout_s=None)          # written before the import says it is done
    if live.recorder.error is not None:
        raise live.recorder.error
    return session_id, set_id, len(live.reps)
