"""IMU CSV interchange format (import and export) with its optional JSON sidecar.

One header row, one row per sample; several sensors may share a file::

    time_s,sensor,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z[,mag_x,mag_y,mag_z]

Units: seconds, m/s^2 (specific force, gravity included), rad/s, microtesla. ``sensor`` is a
label; the rows of one sensor are in time order. A sidecar ``STEM.json`` beside the file is
read automatically::

    {"sensors": {"LABEL": {"placement": "right_shank"}},
     "exercise": "knee_extension_seated" | null, "side": "left" | "right",
     "units": {"time_s": "s", "acc_x": "m/s^2", "gyr_x": "rad/s", "mag_x": "uT", ...}}

The export writes ``units`` (and a ``note`` saying the gyroscope is rad/s, where gaitmap
expects deg/s); a sidecar that gives other units is refused, never read as these.

Every malformed input raises :class:`InputFileError` naming the file, line and column; a
value quoted in a message is cut short. Only regular files are read (a pipe or a device
could block or never end). Text may be UTF-8 (with or without a byte-order mark), UTF-16
(as some spreadsheets save "Unicode text") or Latin-1.

The file is read in pieces of ``CHUNK_BYTES``: memory stays about the size of the samples
as float64 (56 bytes per row without magnetometer, about 0.7x the CSV's size) plus one piece,
where reading the whole text at once needed about 7.7x the file's size.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import json
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO, Final

import numpy as np

from calibration.quality import accelerometer_problem
from monitor.core.errors import InputFileError
from monitor.core.messages import Message
from monitor.core.samples import PLACEMENTS, ImuBatch, ImuRecording, possible_samples

# The label field when it is the first or second column (the usual layouts), found in C.
_LABEL_RE = (re.compile(r"^([^,\n]*),", re.M), re.compile(r"^[^,\n]*,([^,\n]*),", re.M))
REQUIRED_COLUMNS = ("time_s", "sensor", "acc_x", "acc_y", "acc_z", "gyr_x", "gyr_y", "gyr_z")
MAG_COLUMNS = ("mag_x", "mag_y", "mag_z")
# The columns' units, written into the sidecar ("units") so that no reader has to guess; a
# sidecar that gives other units is refused (never read as if they were these).
UNITS: Final = {"time_s": "s", **{f"acc_{a}": "m/s^2" for a in "xyz"},
                **{f"gyr_{a}": "rad/s" for a in "xyz"}, **{f"mag_{a}": "uT" for a in "xyz"}}
_SAME_UNIT: Final = {"m/s2": "m/s^2", "m/s²": "m/s^2", "m s^-2": "m/s^2", "m s-2": "m/s^2",
                     "µt": "ut", "μt": "ut", "microtesla": "ut", "sec": "s", "seconds": "s",
                     "rad s^-1": "rad/s", "rad s-1": "rad/s"}
UNITS_NOTE: Final = ("gyr_x, gyr_y, gyr_z are in rad/s (tools such as gaitmap expect deg/s: "
                     "multiply by 57.29578); acc_x, acc_y, acc_z are the specific force in "
                     "m/s^2, gravity included; time_s in seconds; mag in microtesla")
# Motion sensors stream at 10-1000 Hz; far outside that, time_s is not in seconds.
MIN_RATE_HZ = 2.0
MAX_RATE_HZ = 5000.0
# Text parsed per step: large enough that numpy's parser runs at full speed, small next to
# the samples themselves.
CHUNK_BYTES: Final = 2 * 2**20
# A row of this format is a few hundred bytes; a "line" far longer is not one (and must not
# be collected into memory, nor into a message).
MAX_LINE_BYTES: Final = 2**20
MAX_SIDECAR_BYTES: Final = 2**20
# Labels are parsed with the numbers up to this many characters; a piece holding a longer
# one is parsed again for its labels (never cut).
LABEL_WIDTH: Final = 24
SHOWN_CHARS: Final = 40          # a value quoted in a message is cut to this length
BINARY: Final = Message("binary data, not a CSV text file")
EMPTY: Final = Message("file is empty (expected a header row and samples)")
# Up to this share of a sensor's samples may be impossible readings (glitches: the
# pipeline leaves them out and the analysis says how many) without deciding the unit check.
MAX_GLITCH_SHARE: Final = 0.01
UNIT_CHECK_S: Final = 600.0      # the units are checked on a sensor's first ten minutes
UNIT_CHECK_SAMPLES: Final = 100_000   # its rate from at most this many intervals
# C0 control characters other than tab, line feed and carriage return: not text (looked
# for in the header, in each new label and in a row that does not parse).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def sidecar_path(csv_path: str | os.PathLike) -> Path:
    return Path(csv_path).with_suffix(".json")


def shown(value: object) -> str:
    """A value from a file as a message quotes it: in quotes, cut short."""
    value = str(value)
    return repr(value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS] + "...")


def _open_regular(name: str, path: Path, what: Message | None = None) -> BinaryIO:
    """Open a regular file for reading, or say in words why not (never block on a pipe)."""
    what = what or Message("IMU CSV file")
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputFileError(name, _os_problem(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputFileError(name, Message("is a folder, not an {what}", what=what))
    if not stat.S_ISREG(st.st_mode):
        kind = (Message("a pipe (FIFO)") if stat.S_ISFIFO(st.st_mode) else
                Message("a device") if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else
                Message("a socket") if stat.S_ISSOCK(st.st_mode) else
                Message("not a regular file"))
        raise InputFileError(name, Message("is {kind}, not an {what}: give a file", kind=kind,
                                           what=what))
    try:
        # O_NONBLOCK: should the file be swapped for a pipe after the check, opening it
        # does not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise InputFileError(name, Message("is not a regular file, not an {what}: give a "
                                               "file", what=what))
        return os.fdopen(fd, "rb")
    except OSError as exc:
        raise InputFileError(name, _os_problem(exc)) from None


def _os_problem(exc: OSError) -> Message:
    if exc.errno == errno.ENOENT:
        return Message("file not found")
    if exc.errno == errno.ELOOP:
        return Message("cannot be read: a loop of symbolic links")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Message("cannot be read: permission denied")
    return Message("cannot be read ({detail})", detail=exc.strerror)


def _encoding(head: bytes) -> str:
    """The text encoding from the first bytes: byte-order marks, or UTF-16 without one (every
    other byte zero in ASCII text); otherwise UTF-8 (Latin-1 is tried if that fails)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:512]
    if len(sample) >= 8 and len(sample) % 2 == 0:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) == len(odd) and 0 not in even:
            return "utf-16-le"
        if even.count(0) == len(even) and 0 not in odd:
            return "utf-16-be"
    return "utf-8"


class _Columns:
    """Where the wanted columns are, from the header row."""

    def __init__(self, name: str, header: str) -> None:
        columns = [c.strip() for c in header.strip().split(",")]
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        for sep, words in ((";", "';'"), ("\t", Message("tabs"))):
            # Saved by a spreadsheet with another list separator (Dutch Excel: ';').
            fields = {x.strip().strip('"') for x in header.split(sep)}
            if missing and fields.issuperset(REQUIRED_COLUMNS):
                raise InputFileError(name, Message(
                    "the file is separated by {words}: save it as comma-separated CSV "
                    "(numbers with a decimal point)", words=words), line=1)
        if missing:
            raise InputFileError(name, Message(
                "missing column(s) {missing} in the header (expected {expected})",
                missing=", ".join(missing),
                expected=",".join(REQUIRED_COLUMNS) + "[,mag_x,mag_y,mag_z]"), line=1)
        has_mag = [c in columns for c in MAG_COLUMNS]
        if any(has_mag) and not all(has_mag):
            raise InputFileError(name, Message("magnetometer columns must be all of mag_x, "
                                               "mag_y, mag_z"), line=1)
        if len(set(columns)) != len(columns):
            raise InputFileError(name, Message("a column name appears twice in the header"),
                                 line=1)
        self.names = columns
        self.has_mag = all(has_mag)
        self.numeric_names = [c for c in REQUIRED_COLUMNS if c != "sensor"]
        if self.has_mag:
            self.numeric_names += list(MAG_COLUMNS)
        self.numeric_idx = [columns.index(c) for c in self.numeric_names]
        self.sensor_idx = columns.index("sensor")
        # A row as numpy's parser reads it: the label, then the numbers in this order.
        self.record_dtype = np.dtype([("label", f"U{LABEL_WIDTH}")]
                                     + [(c, np.float64) for c in self.numeric_names])


class _Growing:
    """An array filled block by block. Room is reserved from an estimate of the rows to
    come and changed in place (realloc: no copy for large arrays) when it runs out and at
    the end, so that the samples are held once, not collected in pieces and joined (which
    needs their size twice)."""

    def __init__(self, width: int, rows: int) -> None:
        self.width = width
        self.buf = np.empty((max(rows, 16), width) if width > 1 else max(rows, 16))
        self.n = 0

    def _room(self, rows: int) -> None:
        self.buf.resize((rows, self.width) if self.width > 1 else rows, refcheck=False)

    def take(self, source: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Append ``source[rows]`` (copied straight into the room); returns what was added."""
        k = len(rows)
        if self.n + k > len(self.buf):
            self._room(max(self.n + k, int(len(self.buf) * 1.25) + 1024))
        added = self.buf[self.n:self.n + k]
        if k == len(source):                    # every row of the piece: one copy
            added[...] = source
        else:
            np.take(source, rows, axis=0, out=added, mode="clip")
        self.n += k
        return added

    def array(self) -> np.ndarray:
        """The rows filled (the room left over is given back)."""
        if len(self.buf) != self.n:
            self._room(self.n)
        return self.buf


class _Sensor:
    """The samples of one label as they come, piece by piece."""

    def __init__(self, label: str, first_line: int, rows: int, has_mag: bool) -> None:
        self.label = label
        self.first_line = first_line
        self.t = _Growing(1, rows)
        self.acc = _Growing(3, rows)
        self.gyr = _Growing(3, rows)
        self.mag = _Growing(3, rows) if has_mag else None
        self.last_t: float | None = None
        self.n = 0


class _Reader:
    def __init__(self, name: str, file_bytes: int = 0) -> None:
        self.name = name
        self.file_bytes = file_bytes          # to reserve room for the samples to come
        self.bytes_before_piece = 0           # raw bytes before the piece being parsed
        self.bytes_per_row = 64.0             # updated from the pieces read
        self.cols: _Columns | None = None
        self.sensors: dict[str, _Sensor] = {}      # by raw label, in order of appearance
        self.stripped: dict[str, str] = {}         # stripped label -> raw label
        self.rows = 0

    # -- one piece of complete lines -------------------------------------------------------
    def piece(self, text: str, first_line: int) -> None:
        """Parse ``text`` (complete rows, the first on line ``first_line``)."""
        name, cols = self.name, self.cols
        assert cols is not None                   # the header is read first
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if '"' in text:
            text = _unquote(name, text, first_line)
        if not text:
            return
        ncols = len(cols.names)
        n_rows = text.count("\n") + (0 if text.endswith("\n") else 1)
        body = text[:-1] if text.endswith("\n") else text
        try:
            if "\n\n" in body or body.startswith("\n"):
                raise ValueError("blank line")
            # One pass of numpy's parser gives the label and the numbers of every row (the
            # numbers as a strided view into the records, no copy).
            records = np.loadtxt(io.StringIO(body), delimiter=",", dtype=cols.record_dtype,
                                 usecols=[cols.sensor_idx, *cols.numeric_idx],
                                 comments=None, ndmin=1)
            # loadtxt ignores surplus columns it was not asked for: count the commas.
            if len(records) != n_rows or body.count(",") != n_rows * (ncols - 1):
                raise ValueError("shape")
            values = np.ndarray((n_rows, len(cols.numeric_idx)), np.float64, buffer=records,
                                offset=4 * LABEL_WIDTH, strides=(records.itemsize, 8))
            labels = records["label"]
            if int(np.char.str_len(labels).max()) >= LABEL_WIDTH:   # may have been cut
                labels = np.array(
                    _LABEL_RE[cols.sensor_idx].findall(body) if cols.sensor_idx < 2 else
                    [line.split(",")[cols.sensor_idx] for line in body.split("\n")])
                if len(labels) != n_rows:
                    raise ValueError("labels")
        except (ValueError, IndexError):
            _locate_syntax_error(name, body.split("\n"), cols, first_line)
            raise InputFileError(name, Message("cannot be parsed as IMU CSV"),
                                 line=first_line) from None
        finite = np.isfinite(values)
        if not finite.all():
            row, col = np.argwhere(~finite)[0]
            bad_line = body.split("\n", int(row) + 1)[int(row)]
            value = bad_line.split(",")[cols.numeric_idx[col]].strip()
            raise InputFileError(name, Message("value {value} is not a finite number",
                                               value=shown(value)),
                                 line=first_line + int(row), column=cols.numeric_names[col])
        for raw, rows in _rows_by_label(labels):
            sensor = self._sensor(raw, first_line + int(rows[0]), len(rows) / n_rows)
            t = sensor.t.take(values[:, 0], rows)
            if sensor.last_t is not None and t[0] <= sensor.last_t:
                self._backwards(sensor.label, sensor.last_t, t[0], first_line + int(rows[0]))
            badstep = np.flatnonzero(np.diff(t) <= 0)
            if badstep.size:
                k = int(badstep[0])
                self._backwards(sensor.label, t[k], t[k + 1], first_line + int(rows[k + 1]))
            sensor.acc.take(values[:, 1:4], rows)
            sensor.gyr.take(values[:, 4:7], rows)
            if sensor.mag is not None:
                sensor.mag.take(values[:, 7:10], rows)
            sensor.last_t = float(t[-1])
            sensor.n += len(t)
        self.rows += n_rows

    def _sensor(self, raw: str, line: int, share: float) -> _Sensor:
        sensor = self.sensors.get(raw)
        if sensor is not None:
            return sensor
        label = raw.strip()
        if _CONTROL.search(raw):
            raise InputFileError(self.name, BINARY, line=line)
        if not label:
            raise InputFileError(self.name, Message("empty sensor label"), line=line,
                                 column="sensor")
        other = self.stripped.get(label)
        if other is not None:
            raise InputFileError(self.name, Message(
                "sensor labels {a} and {b} differ only by spaces: are they one sensor or two? "
                "Write one sensor's label the same way in every row, or give two sensors "
                "different names", a=shown(other), b=shown(raw)), line=line, column="sensor")
        self.stripped[label] = raw
        assert self.cols is not None
        sensor = self.sensors[raw] = _Sensor(label, line, self._rows_ahead(share),
                                             self.cols.has_mag)
        return sensor

    def _rows_ahead(self, share: float) -> int:
        """Room to reserve for a new sensor: the rows the rest of the file holds (from the
        bytes per row so far) times its share of the rows where it first appears, and 2 %."""
        left = max(self.file_bytes - self.bytes_before_piece, 0)
        rows = left / max(self.bytes_per_row, 1.0) * share
        return int(rows * 1.02) + 1024

    def _backwards(self, label: str, before: float, after: float, line: int) -> None:
        raise InputFileError(self.name, Message(
            "time goes backwards or repeats for sensor {label} ({after} s after {before} s); "
            "rows of one sensor must be in time order", label=shown(label), after=f"{after:g}",
            before=f"{before:g}"), line=line, column="time_s")

    # -- the whole file --------------------------------------------------------------------
    def batches(self) -> dict[str, ImuBatch]:
        """One ImuBatch per sensor (views of the filled part of its arrays)."""
        out: dict[str, ImuBatch] = {}
        for sensor in self.sensors.values():
            if sensor.n < 2:
                raise InputFileError(self.name, Message(
                    "sensor {label} has fewer than two samples", label=shown(sensor.label)))
            out[sensor.label] = ImuBatch(sensor.t.array(), sensor.acc.array(),
                                         sensor.gyr.array(),
                                         None if sensor.mag is None else sensor.mag.array())
        return out


def _rows_by_label(labels: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """The rows of each label in a piece, labels in order of first appearance (one pass per
    label: a file has a few sensors)."""
    out: list[tuple[str, np.ndarray]] = []
    remaining = np.arange(len(labels))
    while remaining.size:
        if len(out) == 64:                      # many labels: sort them once instead
            unique, first, inverse = np.unique(labels[remaining], return_index=True,
                                               return_inverse=True)
            out += [(str(unique[j]), remaining[inverse == j]) for j in np.argsort(first)]
            break
        label = labels[remaining[0]]
        same = labels[remaining] == label
        out.append((str(label), remaining[same]))
        remaining = remaining[~same]
    return out


def _unquote(name: str, text: str, first_line: int) -> str:
    """Quoted fields (spreadsheets, pandas): the quotes are not part of the values. A quoted
    field holding a comma would shift the columns: said, not guessed."""
    plain = []
    rows = csv.reader(io.StringIO(text))
    try:
        for k, row in enumerate(rows):
            bad = next((f for f in row if "," in f), None)
            if bad is not None:
                if _CONTROL.search(bad):
                    raise InputFileError(name, BINARY, line=first_line + k)
                raise InputFileError(name, Message(
                    "a quoted field contains a comma ({value}): sensor labels must not contain "
                    "commas", value=shown(bad)), line=first_line + k)
            plain.append(",".join(row))
    except csv.Error as exc:
        line = first_line + rows.line_num - 1
        if _CONTROL.search(text):
            raise InputFileError(name, BINARY, line=line) from None
        raise InputFileError(name, Message("cannot be read as CSV ({detail})", detail=exc),
                             line=line) from None
    return "\n".join(plain) + ("\n" if text.endswith("\n") else "")


def _read_text(name: str, fh: BinaryIO, encoding: str, reader: _Reader) -> None:
    """Decode piece by piece and hand complete lines to ``reader`` (the header first)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    carry = ""
    line = 1
    header_done = False
    while True:
        raw = fh.read(CHUNK_BYTES)
        final = not raw
        raw_text = decoder.decode(raw, final=final)
        text = carry + raw_text
        if final:
            cut = len(text)
        else:
            cut = text.rfind("\n") + 1
            if cut == 0:
                if len(text) > MAX_LINE_BYTES:
                    raise InputFileError(name, Message(
                        "line {line} is longer than {kb} KB: not a row of an IMU CSV file",
                        line=line, kb=MAX_LINE_BYTES // 1024), line=line)
                carry = text
                continue
        complete, carry = text[:cut], text[cut:]
        if not header_done:
            if not complete.strip() and final:
                raise InputFileError(name, EMPTY)
            header, sep, complete = complete.partition("\n")
            if _CONTROL.search(header):
                raise InputFileError(name, BINARY, line=1)
            if '"' in header:
                header = _unquote(name, header, 1).rstrip("\n")
            reader.cols = _Columns(name, header.rstrip("\r"))
            header_done = True
            line = 2
            if not sep and final:
                complete = ""
        if final:
            complete = complete.rstrip("\n\r\t ")
            if reader.rows == 0 and not complete:
                raise InputFileError(name, Message("no samples after the header row"),
                                     line=2)
        if complete:
            done = fh.tell() - len(raw) if raw else fh.tell()
            rows = complete.count("\n") + (0 if complete.endswith("\n") else 1)
            # Raw bytes per row: decoded characters per row, times the bytes per character.
            reader.bytes_per_row = (len(complete) / rows) * (
                len(raw) / max(len(raw_text), 1) if raw else 1.0)
            reader.bytes_before_piece = done
            reader.piece(complete, line)
            line += rows
        if final:
            return


def read_imu_csv(path: str | os.PathLike, read_sidecar: bool = True) -> ImuRecording:
    """Read an IMU CSV file (and its sidecar, if present) or raise InputFileError."""
    path = Path(path)
    name = str(path)
    with _open_regular(name, path) as fh:
        try:
            head = fh.read(4096)
            fh.seek(0)
            if not head.strip():
                raise InputFileError(name, EMPTY)
            encoding = _encoding(head)
            if encoding == "utf-8" and b"\x00" in head:
                line = head.count(b"\n", 0, head.find(b"\x00")) + 1
                raise InputFileError(name, BINARY, line=line)
            size = os.fstat(fh.fileno()).st_size
            reader = _Reader(name, size)
            try:
                _read_text(name, fh, encoding, reader)
            except UnicodeDecodeError:
                if encoding != "utf-8":
                    raise InputFileError(name, Message(
                        "not valid {encoding} text: the file may be damaged",
                        encoding=encoding.upper())) from None
                # Not UTF-8: text from an older program in Latin-1 (Windows-1252). Every
                # byte is a character there; control characters still tell binary data
                # (looked for in the first 4 KB at once, so that whatever else the bytes
                # happen to resemble, garbage is called binary).
                found = _CONTROL.search(head.decode("latin-1"))
                if found:
                    line = head.count(b"\n", 0, found.start()) + 1
                    raise InputFileError(name, BINARY, line=line) from None
                fh.seek(0)
                reader = _Reader(name, size)
                _read_text(name, fh, "latin-1", reader)
        except OSError as exc:
            raise InputFileError(name, _os_problem(exc)) from None
    sensors = reader.batches()
    del reader
    for label, b in sensors.items():
        _check_rate(name, label, b.time_s)
        _check_units(name, label, b)
    rec = ImuRecording(sensors=sensors, source=name)
    if read_sidecar:
        side_path = sidecar_path(path)
        if os.path.lexists(side_path):
            _apply_sidecar(rec, side_path)
    return rec


def _check_rate(name: str, label: str, t: np.ndarray) -> None:
    """A sample rate no motion sensor has means time_s is not in seconds (or is broken)."""
    dt = float(np.median(np.diff(t)))
    rate = 1.0 / dt
    if MIN_RATE_HZ <= rate <= MAX_RATE_HZ:
        return
    words = {"label": shown(label), "dt": f"{dt:.3g}", "rate": f"{rate:.3g}",
             "lo": f"{MIN_RATE_HZ:g}", "hi": f"{MAX_RATE_HZ:g}"}
    problem = Message("sensor {label}: samples are {dt} s apart (median), a rate of {rate} "
                      "Hz; expected {lo}-{hi} Hz", **words)
    for unit, factor in ((Message("milliseconds"), 1e-3), (Message("microseconds"), 1e-6)):
        if MIN_RATE_HZ <= rate / factor <= MAX_RATE_HZ:
            problem = Message("sensor {label}: samples are {dt} s apart (median), a rate of "
                              "{rate} Hz; expected {lo}-{hi} Hz; is time_s in {unit}? It must "
                              "be in seconds", unit=unit, **words)
            break
    raise InputFileError(name, problem, column="time_s")


def _check_units(name: str, label: str, b: ImuBatch) -> None:
    """m/s^2, as the format says: other units would give wrong angles silently. (Whether
    the gyroscope is in rad/s and its axes match the accelerometer's is judged from the
    movement, by the analysis, which knows which sensors it needs: see
    calibration.quality.check_gyroscope.)

    A few impossible readings (a glitch: beyond 4000 deg/s or 32 g, no gravity at all) are
    left out of the check, as the pipeline leaves them out of the analysis; many of them
    are a matter of units and stay in. The first ``UNIT_CHECK_S`` of the sensor are looked
    at: the units of a 14-hour file are those of its first minutes, and the check's
    temporary arrays stay small.
    """
    rate = 1.0 / float(np.median(np.diff(b.time_s[:UNIT_CHECK_SAMPLES])))
    n = int(UNIT_CHECK_S * rate)
    t, acc, gyr = b.time_s[:n], b.acc_m_s2[:n], b.gyr_rad_s[:n]
    ok = possible_samples(t, acc, gyr)
    if not ok.all() and (~ok).mean() <= MAX_GLITCH_SHARE:
        acc = acc[ok]
    problem = accelerometer_problem(acc)
    if problem is not None:
        column, text = problem
        raise InputFileError(name, f"sensor {shown(label)}: {text}", column=column)


def _locate_syntax_error(name: str, lines: list[str], cols: _Columns, first_line: int
                         ) -> None:
    """Walk the rows one by one and raise for the first one that is wrong."""
    columns = cols.names
    ncols = len(columns)
    for i, line in enumerate(lines):
        lineno = first_line + i
        if _CONTROL.search(line):
            raise InputFileError(name, BINARY, line=lineno)
        fields = line.split(",")
        if len(fields) < ncols:
            raise InputFileError(name, Message("row has {n} fields, expected {ncols} "
                                               "(truncated row?)", n=len(fields), ncols=ncols),
                                 line=lineno,
                                 column=columns[len(fields)] if line.strip() else None)
        if len(fields) > ncols:
            raise InputFileError(name, Message("row has {n} fields, expected {ncols}",
                                               n=len(fields), ncols=ncols), line=lineno)
        for j in cols.numeric_idx:
            value = fields[j].strip()
            try:
                float(value)
            except ValueError:
                raise InputFileError(name, Message("{value} is not a number",
                                                   value=shown(value)), line=lineno,
                                     column=columns[j]) from None
        if not fields[cols.sensor_idx].strip():
            raise InputFileError(name, Message("empty sensor label"), line=lineno,
                                 column="sensor")


def _read_sidecar(name: str, side_path: Path) -> object:
    with _open_regular(name, side_path, Message("IMU CSV sidecar (JSON)")) as fh:
        try:
            raw = fh.read(MAX_SIDECAR_BYTES + 1)
        except OSError as exc:
            raise InputFileError(name, _os_problem(exc)) from None
    if len(raw) > MAX_SIDECAR_BYTES:
        raise InputFileError(name, Message("sidecar is larger than {kb} KB: not a sidecar of "
                                           "this format", kb=MAX_SIDECAR_BYTES // 1024))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputFileError(name, Message("sidecar cannot be read as text (not UTF-8)")
                             ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(name, Message("sidecar is not valid JSON ({detail})",
                                           detail=exc.msg), line=exc.lineno) from None
    except RecursionError:
        raise InputFileError(name, Message("sidecar is not a sidecar of this format (nested "
                                           "too deeply)")) from None
    except ValueError as exc:        # a number with thousands of digits
        raise InputFileError(name, Message("sidecar is not a sidecar of this format "
                                           "({detail})", detail=shown(exc))) from None


def _apply_sidecar(rec: ImuRecording, side_path: Path) -> None:
    from monitor.core.exercises import catalogue

    name = str(side_path)
    meta = _read_sidecar(name, side_path)
    if not isinstance(meta, dict):
        raise InputFileError(name, Message("sidecar must be a JSON object"))
    sensors = meta.get("sensors", {})
    if not isinstance(sensors, dict):
        raise InputFileError(name, Message("'sensors' must be an object of LABEL: "
                                           "{{placement}}"))
    for label, info in sensors.items():
        placement = info.get("placement") if isinstance(info, dict) else None
        if not isinstance(placement, str) or placement not in PLACEMENTS:
            what = (shown(placement) if isinstance(placement, str) else
                    Message("missing") if placement is None else
                    Message("a JSON {type}", type=type(placement).__name__))
            raise InputFileError(name, Message(
                "sensor {label}: placement {what} is not one of {known}", label=shown(label),
                what=what, known=", ".join(sorted(PLACEMENTS))))
        if label in rec.sensors:
            rec.placements[label] = placement
    if sensors and not rec.placements:
        raise InputFileError(name, Message(
            "the sidecar names sensor(s) {named} but the file has {labels}",
            named=", ".join(shown(s) for s in list(sensors)[:5]),
            labels=", ".join(shown(s) for s in list(rec.sensors)[:5])))
    problem = same_placement(rec.placements)
    if problem:
        raise InputFileError(name, problem)
    exercise = meta.get("exercise")
    if exercise is not None and not isinstance(exercise, str):
        raise InputFileError(name, Message("'exercise' must be an exercise id or null"))
    if exercise is not None and exercise != "none" and exercise not in catalogue():
        raise InputFileError(name, Message("'exercise': {value} is not in the catalogue (see "
                                           "the README for the exercise ids), or null",
                                           value=shown(exercise)))
    rec.exercise = exercise
    _check_sidecar_units(name, meta.get("units"))
    side = meta.get("side")
    if side not in (None, "left", "right"):
        raise InputFileError(name, Message("'side' must be 'left' or 'right', not {value}",
                                           value=shown(side)) if isinstance(side, str) else
                             Message("'side' must be 'left' or 'right', not that"))
    rec.side = side


def _check_sidecar_units(name: str, units: object) -> None:
    """A sidecar may say the columns' units; they must be this format's."""
    if units is None:
        return
    if not isinstance(units, dict):
        raise InputFileError(name, Message("'units' must be an object of COLUMN: unit"))
    for column, unit in units.items():
        want = UNITS.get(column)
        if want is None:
            continue
        said = unit.strip().lower() if isinstance(unit, str) else None
        if _SAME_UNIT.get(said or "", said) != want.lower():
            raise InputFileError(name, Message(
                "the sidecar gives {column} in {unit}, but this format reads it in {want}: "
                "convert the column (or correct 'units')", column=shown(column),
                unit=shown(unit) if isinstance(unit, str) else Message("no unit"),
                want=want))


def same_placement(placements: dict[str, str]) -> Message | None:
    """Words for two sensors given the same placement (their samples would be taken for one
    sensor's); None when every placement has at most one sensor."""
    seen: dict[str, str] = {}
    for label, placement in placements.items():
        if placement in seen:
            return Message("sensors {a} and {b} are both placed on the {placement}: give each "
                           "sensor its own placement", a=shown(seen[placement]), b=shown(label),
                           placement=placement.replace("_", " "))
        seen[placement] = label
    return None


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
        if batch.mag_ut is not None and has_mag:
            cols.append(batch.mag_ut)
        order.append((label, np.hstack(cols)))
    # Interleave sensors by time so a reader sees them as they happened.
    rows: list[tuple[float, str, int]] = []
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
                "exercise": rec.exercise, "side": rec.side,
                "units": {c: UNITS[c] for c in header if c in UNITS},
                "note": UNITS_NOTE}
        sidecar_path(path).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
