"""Export of stored sessions (IMU CSV, a Motion-BIDS dataset) and import of IMU CSV files.

The BIDS export is a Motion-BIDS dataset: see ``recordings/bids.py``.

Exports hold a patient's recordings: the files are written readable by the user only
(0600), and folders the export creates too (0700); an existing folder is left as it is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from monitor.core.errors import SystemRefusedError
from monitor.core.exercises import get_exercise
from monitor.signal.analysis import choose_sensors, self_calibrate
from recordings.bids import BidsWriter
from recordings.imu_csv import ImuRecording, write_imu_csv
from recordings.opensense import write_orientations
from recordings.recorder import open_live_set
from recordings.store import Store, StoreError, private_folder
from recordings.tables import write_rep_tables


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


def export_session(store: Store, session_id: int, fmt: str, out: Path) -> list[Path]:
    info = [s for s in store.sessions() if s.id == session_id]
    if not info:
        raise StoreError(f"no session {session_id} in {store.path} (see 'monitor sessions')")
    sets = store.sets(session_id)
    if not sets:
        raise StoreError(f"session {session_id} has no recorded sets")
    written: list[Path] = []
    try:
        if not out.exists():
            private_folder(out)
        if fmt == "bids":
            return BidsWriter(store, out, private_file).session(info[0])
        if fmt == "reps-csv":
            return write_rep_tables(store, info[0], out, private_file)
        if fmt == "opensense":
            for k, st in enumerate(sets, start=1):
                path = private_file(out / f"session{session_id}_set{k}_orientations.sto")
                written.append(write_orientations(store, st["id"], path))
            return written
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
    except OSError as exc:
        raise ExportError(f"cannot write the export to {out}: {exc.strerror}") from exc
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
    if live.recorder is not None and live.recorder.error is not None:
        raise live.recorder.error
    return session_id, set_id, len(live.reps)
