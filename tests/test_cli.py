"""The command line as a user runs it: simulate a set, analyse it, read the JSON."""

import json
import os
import subprocess
import sys

import pytest
from cli_helpers import run_in_process as run

from monitor.signal.analysis import placement_from_label


def run_process(*args, timeout=120):
    """The command in a process of its own (where the process is what is tested)."""
    return subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True,
                          text=True, timeout=timeout)


def test_simulate_then_analyze_json(tmp_path):
    stem = tmp_path / "set"
    r = run("simulate", "--exercise", "knee_extension_seated", "--out", str(stem), "--reps",
            "7", "--rate", "50", "--seed", "3")
    assert r.returncode == 0, r.stderr
    truth = json.loads((tmp_path / "set.truth.json").read_text())
    r = run("analyze", str(tmp_path / "set.csv"), "--json", "--angle-series")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["rep_count"] == truth["rep_count"] == 7
    assert out["exercise"] == "knee_extension_seated"
    assert out["angle_name"] == "knee_flexion_deg"
    assert out["sample_rate_hz"] == 50.0
    rep = out["reps"][0]
    for key in ("index", "start_s", "peak_s", "end_s", "min_deg", "max_deg", "rom_deg",
                "concentric_s", "hold_s", "eccentric_s", "rest_s"):
        assert key in rep
    assert [r["index"] for r in out["reps"]] == list(range(1, 8))
    series = out["angle_series"]
    assert len(series["time_s"]) == len(series["deg"]) > 1000
    for got, want in zip(out["reps"], truth["reps"], strict=True):
        assert abs(got["rom_deg"] - want["rom_deg"]) < 3.0


def test_analyze_exercise_agnostic_and_placement_override(tmp_path):
    stem = tmp_path / "s"
    assert run("simulate", "--exercise", "straight_leg_raise", "--out", str(stem), "--reps",
               "4", "--rate", "50").returncode == 0
    r = run("analyze", str(tmp_path / "s.csv"), "--exercise", "none", "--json")
    out = json.loads(r.stdout)
    assert out["rep_count"] == 4 and out["exercise"] is None
    r = run("analyze", str(tmp_path / "s.csv"), "--placement", "thigh=left_ear")
    assert r.returncode != 0 and "left_ear" in r.stderr and "Traceback" not in r.stderr


def test_sensors_labelled_by_placement_need_no_sidecar(tmp_path):
    stem = tmp_path / "s"
    assert run("simulate", "--exercise", "knee_extension_seated", "--out", str(stem),
               "--reps", "5", "--rate", "50").returncode == 0
    (tmp_path / "s.json").unlink()      # labels "thigh" and "shank", nothing else
    r = run("analyze", str(tmp_path / "s.csv"), "--exercise", "knee_extension_seated",
            "--json")
    out = json.loads(r.stdout)
    assert out["rep_count"] == 5 and out["angle_name"] == "knee_flexion_deg"
    assert any("taken from the sensor labels" in n for n in out["notes"])


def test_sensors_labelled_as_other_tools_name_them_need_no_sidecar(tmp_path):
    stem = tmp_path / "s"
    assert run("simulate", "--exercise", "knee_extension_seated", "--out", str(stem),
               "--reps", "5", "--rate", "50").returncode == 0
    (tmp_path / "s.json").unlink()
    text = (tmp_path / "s.csv").read_text()
    text = text.replace(",thigh,", ",Thigh_R,").replace(",shank,", ",RightLowerLeg,")
    (tmp_path / "s.csv").write_text(text)
    r = run("analyze", str(tmp_path / "s.csv"), "--exercise", "knee_extension_seated",
            "--json")
    out = json.loads(r.stdout)
    assert out["rep_count"] == 5 and out["angle_name"] == "knee_flexion_deg"
    assert out["sensors"] == {"Thigh_R": "right_thigh", "RightLowerLeg": "right_shank"}


@pytest.mark.parametrize("label, placement", [
    ("right_shank", "right_shank"), ("Thigh", "thigh"), ("RightShank", "right_shank"),
    ("thigh_L", "left_thigh"), ("IMU shank R", "right_shank"), ("left-lower-leg", "left_shank"),
    ("upper_leg", "thigh"), ("tibia", "shank"), ("sacrum", "pelvis"),
    ("rthigh", None), ("knee", None), ("thigh_shank", None), ("left thigh right", None),
])
def test_placement_named_by_a_sensor_label(label, placement):
    assert placement_from_label(label) == placement


def test_simulate_a_cheaper_sensor_and_a_locking_knee(tmp_path):
    # Twice the noise, a 4 deg/s gyroscope offset, the knee locking before each raise: the
    # analysis of the written recording still counts and times every rep.
    stem = tmp_path / "slr"
    r = run("simulate", "--exercise", "straight_leg_raise", "--out", str(stem), "--reps", "5",
            "--rate", "50", "--noise-scale", "2", "--gyro-offset", "4", "--knee-lock", "6")
    assert r.returncode == 0, r.stderr
    truth = json.loads((tmp_path / "slr.truth.json").read_text())
    out = json.loads(run("analyze", str(tmp_path / "slr.csv"), "--json").stdout)
    assert out["rep_count"] == 5
    for got, want in zip(out["reps"], truth["reps"], strict=True):
        assert abs(got["start_s"] - want["start_s"]) < 0.15
        assert abs(got["rom_deg"] - want["rom_deg"]) < 3.0
    r = run("simulate", "--exercise", "squat", "--out", str(stem), "--knee-lock", "6")
    assert r.returncode != 0 and "knee_lock" in r.stderr and "Traceback" not in r.stderr


def test_simulate_a_thigh_lifting_and_rolling_off_the_chair(tmp_path):
    # The file as a user would write it: analysed on its own, the knee angle comes from
    # both sensors (the thigh measured though not calibrated) and each rep's range is right.
    stem = tmp_path / "ke"
    r = run("simulate", "--exercise", "knee_extension_seated", "--out", str(stem), "--reps",
            "6", "--rate", "50", "--seed", "5", "--hip-helps", "15", "--hip-rotation", "8")
    assert r.returncode == 0, r.stderr
    truth = json.loads((tmp_path / "ke.truth.json").read_text())
    out = json.loads(run("analyze", str(tmp_path / "ke.csv"), "--json").stdout)
    assert "both sensors" in out["assumption"]
    assert out["rep_count"] == 6
    for got, want in zip(out["reps"], truth["reps"], strict=True):
        assert abs(got["rom_deg"] - want["rom_deg"]) < 3.0
        assert "thigh_moved" in got["flags"]


def test_output_cut_short_by_the_reader_is_no_traceback(tmp_path):
    # "monitor analyze ... | head": the reader goes away; no traceback on the terminal.
    stem = tmp_path / "s"
    run_process("simulate", "--exercise", "squat", "--out", str(stem), "--reps", "4",
                "--rate", "25")
    p = subprocess.Popen([sys.executable, "-m", "monitor", "analyze", str(tmp_path / "s.csv")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.close()                              # nobody reads
    err = p.stderr.read().decode()
    p.stderr.close()
    p.wait(timeout=120)
    assert "Traceback" not in err


def test_unknown_exercise_is_a_clear_error(tmp_path):
    stem = tmp_path / "s"
    run("simulate", "--exercise", "squat", "--out", str(stem), "--reps", "2", "--rate", "25")
    r = run("analyze", str(tmp_path / "s.csv"), "--exercise", "jumping_jacks")
    assert r.returncode != 0 and "unknown exercise" in r.stderr and "Traceback" not in r.stderr


def test_a_demo_recording_at_another_speed_counts_the_same(tmp_path):
    db = str(tmp_path / "s.db")
    r = run("record", "--demo", "--exercise", "squat", "--reps", "2", "--speed", "8",
            "--db", db)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.strip().splitlines()[-1])["rep_count"] == 2
    for bad in ("0", "-2", "fast", "nan"):
        r = run("record", "--demo", "--exercise", "squat", "--speed", bad, "--db", db)
        assert r.returncode == 2 and "above 0" in r.stderr and "Traceback" not in r.stderr


def test_headless_demo_prints_one_json_summary():
    # The entry point itself, without a command: in a process of its own.
    r = run_process("--demo", "--headless")
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout.strip().splitlines()[-1])
    assert summary["rep_count"] == 10


def test_a_defect_gives_words_and_a_crash_report_not_a_traceback(tmp_path, monkeypatch,
                                                                  capsys):
    # No input makes analyze fail unexpectedly, so one is planted: the user must still get
    # one line (and the details must be kept for a report).
    from monitor import cli

    def broken(*_a, **_k):
        raise ZeroDivisionError("planted")

    stem = tmp_path / "s"
    assert run("simulate", "--exercise", "squat", "--out", str(stem), "--reps", "2",
               "--rate", "25").returncode == 0
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    import monitor.signal.analysis
    monkeypatch.setattr(monitor.signal.analysis, "analyze_recording", broken)
    assert cli.main(["analyze", str(tmp_path / "s.csv")]) == cli.EXIT_DEFECT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "planted" in err
    # In the platform's log folder (Linux: $XDG_STATE_HOME/legimu-monitor/log).
    folder = tmp_path / "state" / "legimu-monitor" / "log" / "crash-reports"
    reports = list(folder.iterdir())
    assert len(reports) == 1 and str(reports[0]) in err
    assert "Traceback" in reports[0].read_text() and "ZeroDivisionError" in reports[0].read_text()


@pytest.mark.slow
def test_report_without_a_display_and_onto_a_full_disk(tmp_path):
    stem = tmp_path / "s"
    db = str(tmp_path / "m.db")
    assert run("simulate", "--exercise", "squat", "--out", str(stem), "--reps", "2",
               "--rate", "25").returncode == 0
    assert run_process("patient", "add", "P1", "--db", db).returncode == 0
    assert run_process("import", str(tmp_path / "s.csv"), "--patient", "P1", "--db", db
                       ).returncode == 0
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    ok = subprocess.run([sys.executable, "-m", "monitor", "report", "P1", "--db", db, "--out",
                         str(tmp_path / "r.pdf")], capture_output=True, text=True,
                        timeout=120, env=env)
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    full = subprocess.run([sys.executable, "-m", "monitor", "report", "P1", "--db", db,
                           "--out", "/dev/full"], capture_output=True, text=True,
                          timeout=120, env=env)
    assert full.returncode != 0 and "No space left" in full.stderr
    assert full.stderr.count("\n") == 1 and "Traceback" not in full.stderr


def test_a_few_impossible_samples_in_a_file_are_left_out_and_said(tmp_path):
    # Three samples of a glitching gyroscope (1000 rad/s) early in the set: before, they
    # decided the self-calibrated movement axis and every rep was off.
    from recordings.imu_csv import read_imu_csv, write_imu_csv
    stem = tmp_path / "s"
    assert run("simulate", "--exercise", "knee_extension_seated", "--out", str(stem),
               "--reps", "6", "--rate", "50", "--seed", "3").returncode == 0
    clean = json.loads(run("analyze", str(tmp_path / "s.csv"), "--json").stdout)
    rec = read_imu_csv(tmp_path / "s.csv")
    rec.sensors["shank"].gyr_rad_s[600:603] = 1000.0
    write_imu_csv(tmp_path / "g.csv", rec)
    out = json.loads(run("analyze", str(tmp_path / "g.csv"), "--json").stdout)
    assert out["rep_count"] == clean["rep_count"] == 6
    for a, b in zip(out["reps"], clean["reps"], strict=True):
        assert abs(a["rom_deg"] - b["rom_deg"]) < 1.0
        assert abs(a["start_s"] - b["start_s"]) < 0.1
    assert any("3 sample(s) with impossible readings" in n for n in out["notes"])
