"""IMU CSV interchange format: round trip and one clear error per kind of malformed input."""

import json
import subprocess
import sys

import numpy as np
import pytest
from cli_helpers import run_in_process

from monitor.core.errors import InputFileError
from monitor.signal.simulate import simulate_session
from recordings.imu_csv import UNITS_NOTE, read_imu_csv, write_imu_csv

HEADER = "time_s,sensor,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z\n"
GOOD = ["0.00,s,0,0,9.81,0,0,0\n", "0.01,s,0,0,9.81,0,0,0\n", "0.02,s,0,0,9.81,0,0,0\n"]


def test_round_trip_keeps_samples_and_sidecar(tmp_path):
    sim = simulate_session("straight_leg_raise", reps=2, rate_hz=50, seed=1)
    path = tmp_path / "rec.csv"
    write_imu_csv(path, sim.recording)
    back = read_imu_csv(path)
    assert back.exercise == "straight_leg_raise"
    assert back.side == "right"
    assert back.placements == {"thigh": "right_thigh", "shank": "right_shank"}
    for label, batch in sim.recording.sensors.items():
        got = back.sensors[label]
        np.testing.assert_allclose(got.time_s, batch.time_s, atol=1e-6)
        np.testing.assert_allclose(got.acc_m_s2, batch.acc_m_s2, rtol=1e-6, atol=1e-6)
        np.testing.assert_allclose(got.gyr_rad_s, batch.gyr_rad_s, rtol=1e-6, atol=1e-6)


def test_magnetometer_columns_are_read(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text("time_s,sensor,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z,mag_x,mag_y,mag_z\n"
                 "0,a,0,0,9.8,0,0,0,20,0,40\n0.01,a,0,0,9.8,0,0,0,21,0,40\n")
    rec = read_imu_csv(p)
    np.testing.assert_allclose(rec.sensors["a"].mag_ut[1], [21, 0, 40])


CASES = {
    "missing column": (HEADER.replace(",gyr_z", ""), [], 1, None, "missing column"),
    "text in number": (HEADER, [*GOOD[:1], "0.01,s,0,zero,9.81,0,0,0\n"], 3, "acc_y",
                       "not a number"),
    "NaN": (HEADER, [*GOOD[:1], "0.01,s,0,0,NaN,0,0,0\n"], 3, "acc_z", "not a finite"),
    "infinite": (HEADER, [*GOOD[:2], "0.02,s,0,0,9.8,inf,0,0\n"], 4, "gyr_x", "not a finite"),
    "time backwards": (HEADER, [*GOOD[:2], "0.005,s,0,0,9.8,0,0,0\n"], 4, "time_s",
                       "time goes backwards"),
    "truncated row": (HEADER, [*GOOD[:2], "0.02,s,0,0"], 4, "acc_z", "truncated"),
    "too many fields": (HEADER, [*GOOD[:1], "0.01,s,0,0,9.8,0,0,0,7\n"], 3, None,
                        "expected 8"),
    "only header": (HEADER, [], 2, None, "no samples"),
    "empty label": (HEADER, [*GOOD[:1], "0.01,,0,0,9.8,0,0,0\n"], 3, "sensor", "empty sensor"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_input_names_file_line_and_column(tmp_path, case):
    header, rows, line, column, words = CASES[case]
    p = tmp_path / "bad.csv"
    p.write_text(header + "".join(rows))
    with pytest.raises(InputFileError) as err:
        read_imu_csv(p)
    assert err.value.line == line
    assert err.value.column == column
    assert words in str(err.value)
    assert "bad.csv" in str(err.value)


def test_binary_garbage_empty_and_missing_files(tmp_path):
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(bytes(range(256)) * 4)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    for path, words in [(garbage, "binary"), (empty, "empty"),
                        (tmp_path / "nope.csv", "not found")]:
        with pytest.raises(InputFileError, match=words):
            read_imu_csv(path)


def test_malformed_sidecar_is_reported(tmp_path):
    p = tmp_path / "rec.csv"
    p.write_text(HEADER + "".join(GOOD))
    (tmp_path / "rec.json").write_text('{"sensors": {"s": {"placement": "left_ear"}}}')
    with pytest.raises(InputFileError, match="left_ear"):
        read_imu_csv(p)
    (tmp_path / "rec.json").write_text('{"sensors": ')
    with pytest.raises(InputFileError, match="not valid JSON"):
        read_imu_csv(p)


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02garbage", b"time_s,sensor\n1,2\n",
                                     HEADER.encode() + b"0,s,1,2,3,4,5,x\n"])
def test_cli_reports_malformed_files_without_traceback(tmp_path, content):
    # The whole process, as a shell sees it: one line, no traceback.
    p = tmp_path / "in.csv"
    p.write_bytes(content)
    run = subprocess.run([sys.executable, "-m", "monitor", "analyze", str(p), "--json"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1 and "in.csv" in run.stderr
    assert run.stdout == ""


def test_cli_missing_file(tmp_path):
    run = run_in_process("analyze", str(tmp_path / "missing.csv"))
    assert run.returncode != 0 and "not found" in run.stderr and "Traceback" not in run.stderr


def test_sidecar_written_matches_design(tmp_path):
    sim = simulate_session("knee_extension_seated", reps=1, rate_hz=25, seed=0)
    write_imu_csv(tmp_path / "a.csv", sim.recording)
    meta = json.loads((tmp_path / "a.json").read_text())
    assert meta == {"sensors": {"thigh": {"placement": "right_thigh"},
                                "shank": {"placement": "right_shank"}},
                    "exercise": "knee_extension_seated", "side": "right",
                    # The units, said (the gyroscope in rad/s, where gaitmap expects deg/s).
                    "units": {"time_s": "s", "acc_x": "m/s^2", "acc_y": "m/s^2",
                              "acc_z": "m/s^2", "gyr_x": "rad/s", "gyr_y": "rad/s",
                              "gyr_z": "rad/s"}, "note": UNITS_NOTE}
    assert "rad/s" in meta["note"] and "deg/s" in meta["note"]


@pytest.mark.parametrize("times, words", [
    ([0, 10, 20, 30], "milliseconds"),          # a 100-Hz sensor stamped in ms
    ([0, 1e308], "1e-308 Hz"),                  # nonsense: no rate any sensor has
    ([0, 1e-5, 2e-5], "1e+05 Hz"),
])
def test_time_not_in_seconds_is_a_clear_error(tmp_path, times, words):
    p = tmp_path / "ms.csv"
    p.write_text(HEADER + "".join(f"{t},s,0,0,9.81,0,0,0\n" for t in times))
    with pytest.raises(InputFileError) as err:
        read_imu_csv(p)
    assert err.value.column == "time_s" and words in str(err.value)
    run = run_in_process("analyze", str(p))
    assert run.returncode != 0 and "Traceback" not in run.stderr and words in run.stderr


def test_sidecar_naming_other_sensors_is_a_clear_error(tmp_path):
    p = tmp_path / "rec.csv"
    p.write_text(HEADER + "".join(GOOD))
    (tmp_path / "rec.json").write_text('{"sensors": {"shin": {"placement": "right_shank"}}}')
    with pytest.raises(InputFileError, match=r"names sensor.*'shin'.*the file has 's'"):
        read_imu_csv(p)


def _write_scaled(tmp_path, acc_factor=1.0, gyr_factor=1.0):
    sim = simulate_session("knee_extension_seated", reps=3, rate_hz=50, seed=2)
    for b in sim.recording.sensors.values():
        b.acc_m_s2[:] *= acc_factor
        b.gyr_rad_s[:] *= gyr_factor
    path = tmp_path / "units.csv"
    write_imu_csv(path, sim.recording)
    return path


@pytest.mark.parametrize("acc_factor, gyr_factor, column, words", [
    (1.0, 180 / np.pi, "gyr_x", "is it in deg/s?"),      # gyroscope exported in deg/s
    (1 / 9.81, 1.0, "acc_x", "in g?"),                   # accelerometer exported in g
    (0.0, 1.0, "acc_x", "reads (almost) nothing"),       # a dead accelerometer
    # A flipped gyroscope: the knee extension turns the shank about its y axis alone, so
    # that axis is the one the movement shows inverted (-x,-y,-z fits as well, and is said).
    (1.0, -1.0, "gyr_y", "gyr_y appears inverted for sensor 'shank'; rerun with --axes "
     "shank=x,-y,z"),
])
def test_units_other_than_the_format_are_a_clear_error(tmp_path, acc_factor, gyr_factor,
                                                       column, words):
    # The accelerometer's units show in the file itself; the gyroscope's only in how the
    # sensor moved, judged where the analysis needs the sensor (the shank of a seated knee
    # extension: refused, naming the fix).
    from monitor.signal.analysis import analyze_recording
    with pytest.raises(InputFileError) as err:
        analyze_recording(read_imu_csv(_write_scaled(tmp_path, acc_factor, gyr_factor)))
    assert err.value.column == column and words in str(err.value)


def test_real_recordings_pass_the_unit_checks():
    # UCI excerpts (Yurtman & Barshan 2014; tests/data/README.md): gravity turns as the
    # gyroscope says within the checks' bounds on real sensors, far from the joint too.
    from pathlib import Path
    files = sorted((Path(__file__).parent / "data").glob("*.csv"))
    assert files
    for f in files:
        read_imu_csv(f)


def test_quoted_fields_and_reordered_columns_are_read(tmp_path):
    # A spreadsheet or pandas may quote fields and put the columns in another order; the
    # values are the same. A quoted label holding a comma is said, not guessed.
    p = tmp_path / "q.csv"
    p.write_text('"sensor","time_s","gyr_x","gyr_y","gyr_z","acc_x","acc_y","acc_z"\n'
                 + "".join(f'"s","{i * 0.01:.2f}",0,0,0.1,0,0,9.81\n' for i in range(5)))
    rec = read_imu_csv(p)
    np.testing.assert_allclose(rec.sensors["s"].time_s, [0, 0.01, 0.02, 0.03, 0.04])
    np.testing.assert_allclose(rec.sensors["s"].gyr_rad_s[0], [0, 0, 0.1])
    np.testing.assert_allclose(rec.sensors["s"].acc_m_s2[0], [0, 0, 9.81])
    p.write_text(HEADER + '0,"a,b",0,0,9.8,0,0,0\n')
    with pytest.raises(InputFileError, match="quoted field contains a comma") as err:
        read_imu_csv(p)
    assert err.value.line == 2
