"""Input nobody should give, given anyway: one clear line and a usage or input exit code
(2 or 3), never a hang, a traceback, a merged sensor or a 10-MB error line."""

import json
import os
import subprocess
import sys
import tracemalloc

import numpy as np
import pytest
from cli_helpers import run_in_process as run

import recordings.imu_csv as imu_csv
from monitor.core.errors import InputFileError
from monitor.signal.simulate import simulate_session
from recordings.imu_csv import read_imu_csv, write_imu_csv

HEADER = "time_s,sensor,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z\n"


def run_process(*args, timeout=120, **kw):
    """The command in a process of its own, with a time limit."""
    return subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True,
                          text=True, timeout=timeout, **kw)


def one_line(r):
    """A refusal: one line on stderr, nothing on stdout, no traceback."""
    assert r.stderr.count("\n") == 1, r.stderr[:2000]
    assert "Traceback" not in r.stderr and r.stdout == ""
    return r.stderr


@pytest.fixture(scope="module")
def recording(tmp_path_factory):
    """A simulated set of seated knee extensions (thigh and shank) as IMU CSV + sidecar."""
    folder = tmp_path_factory.mktemp("rec")
    sim = simulate_session("knee_extension_seated", reps=5, rate_hz=50, seed=3)
    write_imu_csv(folder / "s.csv", sim.recording)
    return folder / "s.csv", sim


def _rows(path):
    text = path.read_text()
    header, _, body = text.partition("\n")
    return header, body.splitlines()


def test_labels_differing_only_by_spaces_are_refused_not_merged(tmp_path, recording):
    # Before: "shank" and "shank " became one sensor "shank", half its samples overwritten
    # by the other's, silently.
    src, _ = recording
    header, rows = _rows(src)
    out = [header] + [r.replace(",thigh,", ",shank ,") for r in rows]
    p = tmp_path / "sp.csv"
    p.write_text("\n".join(out) + "\n")
    with pytest.raises(InputFileError) as err:
        read_imu_csv(p, read_sidecar=False)
    assert "'shank'" in str(err.value) and "'shank '" in str(err.value)
    assert "differ only by spaces" in str(err.value) and err.value.column == "sensor"
    r = run("analyze", str(p))
    assert r.returncode == 3 and "differ only by spaces" in one_line(r)


def test_spaces_around_every_field_are_still_read(tmp_path):
    # A label written the same way in every row (", thigh,") is one sensor: not refused.
    p = tmp_path / "pad.csv"
    p.write_text(HEADER + "".join(f"{i * 0.01:.2f}, thigh ,0,0,9.81,0,0,0\n"
                                  for i in range(5)))
    rec = read_imu_csv(p)
    assert list(rec.sensors) == ["thigh"] and len(rec.sensors["thigh"]) == 5


def test_two_sensors_on_one_placement_are_refused(tmp_path, recording):
    # Before: counted as 0 repetitions, "not enough movement to calibrate".
    src, _ = recording
    p = tmp_path / "same.csv"
    p.write_bytes(src.read_bytes())
    (tmp_path / "same.json").write_text(json.dumps(
        {"sensors": {"thigh": {"placement": "right_shank"},
                     "shank": {"placement": "right_shank"}},
         "exercise": "knee_extension_seated"}))
    r = run("analyze", str(p), "--json")
    assert r.returncode == 3
    assert "same.json" in one_line(r) and "both placed on the right shank" in r.stderr
    # Given on the command line: a usage error.
    q = tmp_path / "q.csv"
    q.write_bytes(src.read_bytes())
    r = run("analyze", str(q), "--placement", "thigh=right_shank", "--placement",
            "shank=right_shank")
    assert r.returncode == 2 and "both placed on the right shank" in one_line(r)


def test_ten_glitch_rows_are_left_out_not_the_whole_file(tmp_path, recording):
    # Ten samples of a gyroscope reading 1000 rad/s: before, the unit check refused the
    # file ("turns 1.22e+04 times as far"). They are left out, as the README says, and the
    # notes say how many.
    src, sim = recording
    clean = json.loads(run("analyze", str(src), "--json").stdout)
    rec = read_imu_csv(src)
    for label in ("thigh", "shank"):
        idx = np.random.default_rng(1).choice(len(rec.sensors[label]), 5, replace=False)
        rec.sensors[label].gyr_rad_s[idx] = 1000.0
    write_imu_csv(tmp_path / "g.csv", rec)
    r = run("analyze", str(tmp_path / "g.csv"), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["rep_count"] == clean["rep_count"] == len(sim.reps)
    for got, want in zip(out["reps"], clean["reps"], strict=True):
        assert abs(got["rom_deg"] - want["rom_deg"]) < 1.0
    left_out = [n for n in out["notes"] if "impossible readings" in n]
    assert left_out and all("5 sample(s)" in n for n in left_out)


def test_a_file_in_deg_per_s_is_still_refused(tmp_path, recording):
    # Leaving glitches out of the unit check must not let a gyroscope in deg/s through (its
    # fast movements read beyond 4000 "rad/s"-as-deg/s for more than a few samples).
    src, _ = recording
    rec = read_imu_csv(src)
    for b in rec.sensors.values():
        b.gyr_rad_s[:] = np.degrees(b.gyr_rad_s)
    write_imu_csv(tmp_path / "deg.csv", rec)
    # The gyroscope's units are judged by the analysis (from the movement, for the sensors
    # it needs); the file reads.
    from monitor.core.errors import MonitorError
    from monitor.signal.analysis import analyze_recording

    with pytest.raises(MonitorError, match="deg/s"):
        analyze_recording(read_imu_csv(tmp_path / "deg.csv"))


@pytest.fixture(scope="module")
def one_set_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "m.db"
    assert run("record", "--demo", "--exercise", "knee_extension_seated", "--reps", "1",
               "--fast", "--db", str(db)).returncode == 0
    return db


@pytest.mark.parametrize("case", ["session abc", "session 20 digits", "export abc"])
def test_a_session_id_that_is_not_one_is_a_usage_error(tmp_path, one_set_db, case):
    # Before: exit 70 (a defect, crash report) for each of these.
    db = one_set_db
    args = {"session abc": ["analyze", str(db), "--session", "abc"],
            "session 20 digits": ["analyze", str(db), "--session", "12345678901234567890"],
            "export abc": ["export", "abc", "--format", "csv", "--out", str(tmp_path / "e"),
                           "--db", str(db)]}[case]
    # The export in a process of its own: the exit code a shell sees.
    r = (run_process if case == "export abc" else run)(*args)
    assert r.returncode == 2 and "is not a session id" in one_line(r)
    assert not (tmp_path / "e").exists()


@pytest.mark.parametrize("sidecar, words", [
    ('{"sensors": {"thigh": {"placement": ["right_thigh"]}}}', "placement a JSON list"),
    ('{"sensors": {"thigh": {"placement": {"side": "right"}}}}', "placement a JSON dict"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"exercise": ' + "1" * 100_000 + "}", "digits"),
    ('{"exercise": "knee_bendz"}', "'knee_bendz' is not in the catalogue"),
])
def test_a_malformed_sidecar_is_named_in_one_line(tmp_path, recording, sidecar, words):
    # Before: exit 70 for the first four (TypeError, RecursionError, ValueError); an unknown
    # exercise was refused without naming the sidecar it came from.
    src, _ = recording
    p = tmp_path / "rec.csv"
    p.write_bytes(src.read_bytes())
    (tmp_path / "rec.json").write_text(sidecar)
    with pytest.raises(InputFileError) as err:
        read_imu_csv(p)
    assert err.value.path.endswith("rec.json") and words in str(err.value)
    r = run("analyze", str(p))
    assert r.returncode == 3 and "rec.json" in one_line(r) and words in r.stderr
    assert len(r.stderr) < 600


@pytest.mark.slow
def test_a_fifo_and_a_device_are_refused_at_once(tmp_path):
    # Before: a FIFO hung forever (nobody writes it), /dev/zero was read until memory ran
    # out. Neither is opened for reading now. (In a subprocess with a time limit, so that a
    # hang fails the test instead of stopping the suite.)
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for path, words in [(fifo, "a pipe"), ("/dev/zero", "a device")]:
        r = run_process("analyze", str(path), timeout=60)
        assert r.returncode == 3 and words in one_line(r)
        r = run_process("import", str(path), "--patient", "P1", "--db",
                        str(tmp_path / "m.db"), timeout=60)
        assert r.returncode == 3 and words in one_line(r)
    assert not (tmp_path / "m.db").exists()
    # A sidecar that is a FIFO does not hang either.
    p = tmp_path / "rec.csv"
    p.write_text(HEADER + "".join(f"{i * 0.01:.2f},s,0,0,9.81,0,0,0\n" for i in range(5)))
    os.mkfifo(tmp_path / "rec.json")
    r = run_process("analyze", str(p), timeout=60)
    assert r.returncode == 3 and "rec.json" in one_line(r) and "a pipe" in r.stderr


def test_a_huge_field_gives_a_short_message(tmp_path):
    # Before: a 10-MB field gave a 10-MB error line.
    for size, where in [(10_000_000, "longer than"), (100_000, "is not a finite number")]:
        p = tmp_path / f"big{size}.csv"
        p.write_text(HEADER + "0,s,0,0,9.81,0,0,0\n0.01,s," + "1" * size + ",0,9.8,0,0,0\n")
        r = run("analyze", str(p))
        assert r.returncode == 3 and where in one_line(r)
        assert len(r.stderr) < 400 and "line 3" in r.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "latin-1",
                                      "utf-8-sig"])
def test_utf16_and_latin1_files_are_read(tmp_path, recording, encoding):
    # Before: "binary data, not a CSV text file". A spreadsheet's "Unicode text" is UTF-16;
    # an older program writes Latin-1 (here a label with an accent).
    src, _ = recording
    text = src.read_text().replace(",thigh,", ",thighé,")
    p = tmp_path / "enc.csv"
    p.write_bytes(text.encode(encoding))
    rec = read_imu_csv(p, read_sidecar=False)
    want = read_imu_csv(src, read_sidecar=False)
    assert sorted(rec.sensors) == ["shank", "thighé"]
    np.testing.assert_array_equal(rec.sensors["thighé"].gyr_rad_s, want.sensors["thigh"]
                                  .gyr_rad_s)
    np.testing.assert_array_equal(rec.sensors["shank"].time_s, want.sensors["shank"].time_s)


def test_binary_garbage_is_still_called_binary(tmp_path):
    # Random bytes from fixed seeds (so a failure repeats): any of them can hold quotes,
    # commas and control characters in any order; each must still be called binary.
    rng = np.random.default_rng(18)
    randoms = [rng.integers(1, 256, 5000, dtype=np.uint8).tobytes() for _ in range(200)]
    for i, garbage in enumerate([bytes(range(256)) * 4, *randoms]):
        p = tmp_path / f"g{i}.csv"
        p.write_bytes(HEADER.encode() + garbage)
        with pytest.raises(InputFileError, match=r"binary data|not a number|fields"):
            read_imu_csv(p, read_sidecar=False)


def test_a_symlink_loop_is_not_called_missing(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(InputFileError, match="loop of symbolic links"):
        read_imu_csv(a)
    r = run("analyze", str(a))
    assert r.returncode == 3 and "loop of symbolic links" in one_line(r)


ROWS = [f"{i * 0.01:.2f},{'ab'[i % 2]},0,0,9.81,0,0,{0.001 * i}\n" for i in range(400)]
BROKEN = {
    "text in a number": ([*ROWS[:300], "3.00,a,0,x,9.8,0,0,0\n", *ROWS[301:]], 302, "acc_y"),
    "time backwards": ([*ROWS[:350], "0.5,a,0,0,9.8,0,0,0\n", *ROWS[351:]], 352, "time_s"),
    "truncated": ([*ROWS, "4.00,a,0,0"], 402, "acc_z"),
    "space label": ([*ROWS[:250], "2.50,a ,0,0,9.8,0,0,0\n", *ROWS[251:]], 252, "sensor"),
    "NaN": ([*ROWS[:399], "3.99,b,0,0,nan,0,0,0\n"], 401, "acc_z"),
}


@pytest.mark.parametrize("chunk", [7, 100, 4096])
def test_reading_in_pieces_changes_nothing(tmp_path, monkeypatch, chunk):
    # The file is read piece by piece: wherever the pieces are cut (here down to 7 bytes,
    # mid-number, mid-line, inside a UTF-8 character or a CRLF), the samples and the line
    # of an error are the same.
    monkeypatch.setattr(imu_csv, "CHUNK_BYTES", chunk)
    good = tmp_path / "good.csv"
    good.write_bytes((HEADER + "".join(ROWS).replace(",a,", ",aé,")).replace("\n", "\r\n")
                     .encode())
    rec = read_imu_csv(good)
    assert sorted(rec.sensors) == ["aé", "b"]
    np.testing.assert_allclose(rec.sensors["b"].gyr_rad_s[:, 2], 0.001 * np.arange(1, 400, 2))
    quoted = tmp_path / "quoted.csv"
    quoted.write_text(HEADER + "".join(f'"{r.split(",", 1)[0]}",' + r.split(",", 1)[1]
                                       for r in ROWS))
    assert len(read_imu_csv(quoted).sensors["a"]) == 200
    for name, (rows, line, column) in BROKEN.items():
        p = tmp_path / "bad.csv"
        p.write_text(HEADER + "".join(rows))
        with pytest.raises(InputFileError) as err:
            read_imu_csv(p)
        assert (err.value.line, err.value.column) == (line, column), name


def test_memory_stays_near_the_size_of_the_samples(tmp_path, monkeypatch):
    # Before: reading took about 7.7x the CSV's size (11.7x the samples as float64): the
    # whole text, its lines as Python strings, a label array. Read in pieces it stays near
    # the samples' own size (measured with tracemalloc, which sees numpy's buffers; the
    # piece is made small here so that the file need not be large: 1.9x, was 11.7x).
    monkeypatch.setattr(imu_csv, "CHUNK_BYTES", 128 * 1024)
    rng = np.random.default_rng(0)
    n = 40_000
    t = np.arange(n) * 0.01
    acc = rng.normal(0, 0.05, (n, 3)) + np.array([0, 0, 9.81])
    gyr = rng.normal(0, 0.01, (n, 3))
    p = tmp_path / "long.csv"
    with open(p, "w") as f:
        f.write(HEADER)
        for lab in ("thigh", "shank"):
            f.writelines(f"{t[i]:.6f},{lab},{acc[i, 0]:.7g},{acc[i, 1]:.7g},{acc[i, 2]:.7g},"
                         f"{gyr[i, 0]:.7g},{gyr[i, 1]:.7g},{gyr[i, 2]:.7g}\n" for i in range(n))
    samples_bytes = 2 * n * 7 * 8
    import scipy.signal  # noqa: F401 - imported by the unit check: not the reading's memory
    tracemalloc.start()
    try:
        rec = read_imu_csv(p)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sum(len(b) for b in rec.sensors.values()) == 2 * n
    assert peak < 2.5 * samples_bytes, (peak / samples_bytes, p.stat().st_size)


def test_long_labels_are_kept_whole(tmp_path):
    # Labels are parsed with the numbers up to a width; two long labels that agree in their
    # first characters stay two sensors.
    long_a = "left_lower_leg_sensor_serial_number_0001"
    long_b = "left_lower_leg_sensor_serial_number_0002"
    p = tmp_path / "long.csv"
    p.write_text(HEADER + "".join(f"{i * 0.01:.2f},{(long_a, long_b)[i % 2]},0,0,9.81,0,0,0\n"
                                  for i in range(10)))
    rec = read_imu_csv(p)
    assert sorted(rec.sensors) == [long_a, long_b]
    assert [len(b) for b in rec.sensors.values()] == [5, 5]


@pytest.mark.parametrize("sep, words", [(";", "separated by ';'"), ("\t", "separated by tabs")])
def test_a_file_separated_by_semicolons_or_tabs_says_so(tmp_path, sep, words):
    # Before: "missing column(s) time_s, sensor, ..." for a file saved by Dutch Excel.
    rows = [f"{i * 0.01:.2f},s,0,0,9.81,0,0,0" for i in range(200)]
    text = "\n".join([HEADER.strip(), *rows]).replace(",", sep) + "\n"
    if sep == ";":
        text = text.replace(".", ",")                 # and decimal commas
    p = tmp_path / "excel.csv"
    p.write_text(text)
    for args in (("analyze", str(p)), ("import", str(p), "--patient", "DEMO", "--db",
                                       str(tmp_path / "m.db"))):
        r = run(*args)
        assert r.returncode == 3 and words in one_line(r), r.stderr
        assert "save it as comma-separated CSV" in r.stderr
        assert "missing column" not in r.stderr
