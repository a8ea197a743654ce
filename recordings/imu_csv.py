"""IMU CSV interchange format (import and export) with its optional JSON sidecar.

One header row, one row per sample; several sensors may share a file::

    time_s,sensor,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z[,mag_x,mag_y,mag_z]

Units: seconds, m/s^2 (specific force, gravity included), rad/s, microtesla. ``sensor`` is a
label; the rows of one sensor are in time order. A sidecar ``STEM.json`` beside the file is
read automatically::

    {"sensors": {"LABEL": {"placement": "right_shank"}},
     "exercise": "knee_extension_seated" | null, "side": "left" | "right"}

Every malformed input raises :class:`InputFileError` naming the file, line and column.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import numpy as np

from calibration.quality import accelerometer_problem
from monitor.core.errors import InputFileError
from monitor.core.samples import PLACEMENTS, ImuBatch, ImuRecording

# The label field when it is the first or second column (the usual layouts), found in C.
_LABEL_RE = (re.compile(r"^([^,\n]*),", re.M), re.compile(r"^[^,\n]*,([^,\n]*),", re.M))
REQUIRED_COLUMNS = ("time_s", "sensor", "acc_x", "acc_y", "acc_z", "gyr_x", "gyr_y", "gyr_z")
MAG_COLUMNS = ("mag_x", "mag_y", "mag_z")
# Motion sensors stream at 10-1000 Hz; far outside that, time_s is not in seconds.
MIN_RATE_HZ = 2.0
MAX_RATE_HZ = 5000.0
def sidecar_path(csv_path: str | os.PathLike) -> Path:
    return Path(csv_path).with_suffix(".json")


def read_imu_csv(path: str | os.PathLike, read_sidecar: bool = True) -> ImuRecording:
    """Read an IMU CSV file (and its sidecar, if present) or raise InputFileError."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise InputFileError(name, "file not found")
    if path.is_dir():
        raise InputFileError(name, "is a folder, not an IMU CSV file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputFileError(name, f"cannot be read ({exc.strerror})") from exc
    if not raw.strip():
        raise InputFileError(name, "file is empty (expected a header row and samples)")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise InputFileError(name, "binary data, not a CSV text file", line=line)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputFileError(name, "binary data, not a CSV text file", line=line) from exc

    if '"' in text:
        # Quoted fields (spreadsheets, pandas): the quotes are not part of the values. A
        # quoted field holding a comma would shift the columns: said, not guessed.
        plain = []
        for lineno, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            bad = next((f for f in row if "," in f), None)
            if bad is not None:
                raise InputFileError(name, f"a quoted field contains a comma ({bad!r}): sensor "
                                     "labels must not contain commas", line=lineno)
            plain.append(",".join(row))
        text = "\n".join(plain)
    header_line, _, body = text.partition("\n")
    columns = [c.strip() for c in header_line.strip().split(",")]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise InputFileError(
            name, "missing column(s) " + ", ".join(missing)
            + f" in the header (expected {','.join(REQUIRED_COLUMNS)}[,mag_x,mag_y,mag_z])",
            line=1)
    has_mag = [c in columns for c in MAG_COLUMNS]
    if any(has_mag) and not all(has_mag):
        raise InputFileError(name, "magnetometer columns must be all of mag_x, mag_y, mag_z",
                             line=1)
    if len(set(columns)) != len(columns):
        raise InputFileError(name, "a column name appears twice in the header", line=1)
    numeric_names = [c for c in REQUIRED_COLUMNS if c != "sensor"]
    if all(has_mag):
        numeric_names += list(MAG_COLUMNS)
    numeric_idx = [columns.index(c) for c in numeric_names]
    sensor_idx = columns.index("sensor")

    body = body.replace("\r\n", "\n")
    body = body.rstrip("\n\r\t ")
    if not body:
        raise InputFileError(name, "no samples after the header row", line=2)
    ncols = len(columns)
    n_rows = body.count("\n") + 1
    try:
        if "\n\n" in body:
            raise ValueError("blank line")
        values = np.loadtxt(io.StringIO(body), delimiter=",", usecols=numeric_idx,
                            dtype=np.float64, comments=None, ndmin=2)
        # loadtxt ignores surplus columns it was not asked for: count the commas.
        if values.shape != (n_rows, len(numeric_idx)) or body.count(",") != n_rows * (
                ncols - 1):
            raise ValueError("shape")
        labels = _LABEL_RE[sensor_idx].findall(body) if sensor_idx < 2 else [
            line.split(",")[sensor_idx] for line in body.split("\n")]
        if len(labels) != n_rows:
            raise ValueError("labels")
    except (ValueError, IndexError):
        lines = body.split("\n")
        _locate_syntax_error(name, lines, columns, numeric_idx, sensor_idx)
        raise InputFileError(name, "cannot be parsed as IMU CSV") from None
    finite = np.isfinite(values)
    if not finite.all():
        row, col = np.argwhere(~finite)[0]
        bad_line = body.split("\n", int(row) + 1)[int(row)]
        raise InputFileError(name, f"value {bad_line.split(',')[numeric_idx[col]].strip()!r}"
                             " is not a finite number", line=int(row) + 2,
                             column=numeric_names[col])

    label_arr = np.array(labels)
    unique = list(dict.fromkeys(labels))
    for lab in unique:
        if not lab.strip():
            row = int(np.flatnonzero(label_arr == lab)[0])
            raise InputFileError(name, "empty sensor label", line=row + 2, column="sensor")
    sensors: dict[str, ImuBatch] = {}
    t_col = numeric_names.index("time_s")
    for lab in unique:
        rows = np.flatnonzero(label_arr == lab)
        block = values[rows]
        t = block[:, t_col]
        bad = np.flatnonzero(np.diff(t) <= 0)
        if bad.size:
            row = rows[bad[0] + 1]
            raise InputFileError(
                name, f"time goes backwards or repeats for sensor {lab!r} "
                f"({t[bad[0] + 1]:g} s after {t[bad[0]]:g} s); rows of one sensor must be "
                "in time order", line=int(row) + 2, column="time_s")
        if len(t) < 2:
            raise InputFileError(name, f"sensor {lab!r} has fewer than two samples")
        _check_rate(name, lab, t)
        acc = np.ascontiguousarray(block[:, 1:4])
        gyr = np.ascontiguousarray(block[:, 4:7])
        _check_units(name, lab.strip(), acc)
        mag = np.ascontiguousarray(block[:, 7:10]) if all(has_mag) else None
        sensors[lab.strip()] = ImuBatch(np.ascontiguousarray(t), acc, gyr, mag)

    rec = ImuRecording(sensors=sensors, source=name)
    if read_sidecar:
        side_path = sidecar_path(path)
        if side_path.exists():
            _apply_sidecar(rec, side_path)
    return rec


def _check_rate(name: str, label: str, t: np.ndarray) -> None:
    """A sample rate no motion sensor has means time_s is not in seconds (or is broken)."""
    dt = float(np.median(np.diff(t)))
    rate = 1.0 / dt
    if MIN_RATE_HZ <= rate <= MAX_RATE_HZ:
        return
    hint = ""
    for unit, factor in (("milliseconds", 1e-3), ("microseconds", 1e-6)):
        if MIN_RATE_HZ <= rate / factor <= MAX_RATE_HZ:
            hint = f"; is time_s in {unit}? It must be in seconds"
            break
    raise InputFileError(
        name, f"sensor {label!r}: samples are {dt:.3g} s apart (median), a rate of "
        f"{rate:.3g} Hz; expected {MIN_RATE_HZ:g}-{MAX_RATE_HZ:g} Hz{hint}", column="time_s")


def _check_units(name: str, label: str, acc: np.ndarray) -> None:
    """m/s^2, as the format says: other units would give wrong angles silently. (Whether
    the gyroscope is in rad/s and its axes match the accelerometer's is judged from the
    movement, by the analysis, which knows which sensors it needs: see
    calibration.quality.check_gyroscope.)"""
    problem = accelerometer_problem(acc)
    if problem is not None:
        column, text = problem
        raise InputFileError(name, f"sensor {label!r}: {text}", column=column)


def _locate_syntax_error(name: str, lines: list[str], columns: list[str],
                         numeric_idx: list[int], sensor_idx: int) -> None:
    """Walk the rows one by one and raise for the first one that is wrong."""
    ncols = len(columns)
    for i, line in enumerate(lines):
        lineno = i + 2
        fields = line.split(",")
        if len(fields) < ncols:
            raise InputFileError(name, f"row has {len(fields)} fields, expected {ncols} "
                                 "(truncated row?)", line=lineno,
                                 column=columns[len(fields)] if line.strip() else None)
        if len(fields) > ncols:
            raise InputFileError(name, f"row has {len(fields)} fields, expected {ncols}",
                                 line=lineno)
        for j in numeric_idx:
            value = fields[j].strip()
            try:
                float(value)
            except ValueError:
                shown = value if len(value) <= 40 else value[:40] + "..."
                raise InputFileError(name, f"{shown!r} is not a number", line=lineno,
                                     column=columns[j]) from None
        if not fields[sensor_idx].strip():
            raise InputFileError(name, "empty sensor label", line=lineno, column="sensor")


def _apply_sidecar(rec: ImuRecording, side_path: Path) -> None:
    name = str(side_path)
    try:
        meta = json.loads(side_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(name, "sidecar cannot be read as text") from exc
    except json.JSONDecodeError as exc:
        raise InputFileError(name, f"sidecar is not valid JSON ({exc.msg})",
                             line=exc.lineno) from exc
    if not isinstance(meta, dict):
        raise InputFileError(name, "sidecar must be a JSON object")
    sensors = meta.get("sensors", {})
    if not isinstance(sensors, dict):
        raise InputFileError(name, "'sensors' must be an object of LABEL: {placement}")
    for label, info in sensors.items():
        placement = info.get("placement") if isinstance(info, dict) else None
        if placement not in PLACEMENTS:
            raise InputFileError(name, f"sensor {label!r}: placement {placement!r} is not one of "
                                 + ", ".join(sorted(PLACEMENTS)))
        if label in rec.sensors:
            rec.placements[label] = placement
    if sensors and not rec.placements:
        raise InputFileError(
            name, "the sidecar names sensor(s) " + ", ".join(map(repr, sensors))
            + " but the file has " + ", ".join(map(repr, rec.sensors)))
    exercise = meta.get("exercise")
    if exercise is not None and not isinstance(exercise, str):
        raise InputFileError(name, "'exercise' must be an exercise id or null")
    rec.exercise = exercise
    side = meta.get("side")
    if side not in (None, "left", "right"):
        raise InputFileError(name, f"'side' must be 'left' or 'right', not {side!r}")
    rec.side = side


def write_imu_csv(path: str | os.PathLike, rec: ImuRecording, write_sidecar: bool = True,
                  precision: int = 7) -> None:
    """Write samples (all sensors, rows of each sensor in time order) and the sidecar."""
    path = Path(path)
    has_mag = bool(rec.sensors) and all(b.mag_ut is not None for b in rec.sensors.values())
    header = list(REQUIRED_COLUMNS) + (list(MAG_COLUMNS) if has_mag else [])
    parts = [",".join(header) + "\n"]
    order = []
    for label, batch in rec.sensors.items():
        cols = [batch.time_s[:, None], batch.acc_m_s2, batch.gyr_rad_s]
        if has_mag:
            cols.append(batch.mag_ut)
        order.append((label, np.hstack(cols)))
    # Interleave sensors by time so a reader sees them as they happened.
    rows = []
    for label, arr in order:
        rows.extend((arr[i, 0], label, i) for i in range(len(arr)))
    rows.sort(key=lambda r: (r[0], r[1]))
    arrays = dict(order)
    fmt = f"{{:.{precision}g}}"
    for _, label, i in rows:
        values = arrays[label][i]
        parts.append(f"{values[0]:.6f},{label}," + ",".join(fmt.format(v) for v in values[1:])
                     + "\n")
    path.write_text("".join(parts), encoding="utf-8")
    if write_sidecar:
        meta = {"sensors": {lab: {"placement": rec.placements[lab]}
                            for lab in rec.sensors if lab in rec.placements},
                "exercise": rec.exercise, "side": rec.side}
        sidecar_path(path).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
