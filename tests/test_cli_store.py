"""The store through the command line: record, sessions, analyze DB, export, import."""

import csv
import json
import subprocess
import sys

import pytest
from cli_helpers import run_in_process as run

from recordings.imu_csv import read_imu_csv


def run_process(*args, timeout=180):
    """The command in a process of its own: the exit code a shell sees."""
    return subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.slow
def test_record_list_analyze_export_import(tmp_path, data_dir, db_target):
    db = db_target
    assert run("patient", "add", "P7", "--db", db).returncode == 0
    r = run("record", "--demo", "--exercise", "straight_leg_raise", "--reps", "5", "--fast",
            "--patient", "P7", "--label", "intake", "--db", db)
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout)
    assert rec["rep_count"] == 5
    listing = json.loads(run("sessions", "--json", "--db", db).stdout)["sessions"]
    assert len(listing) == 1
    s = listing[0]
    assert (s["patient"], s["label"], s["exercise"], s["rep_count"]) == (
        "P7", "intake", "straight_leg_raise", 5)
    assert s["duration_s"] > 20
    out = json.loads(run("analyze", db, "--session", str(s["id"]), "--json").stdout)
    assert out["rep_count"] == 5
    assert out["reps"] == out["stored_reps"]
    assert run("export", str(s["id"]), "--format", "csv", "--out", str(tmp_path / "x"),
               "--db", db).returncode == 0
    back = read_imu_csv(tmp_path / "x" / f"session{s['id']}_set1.csv")
    assert back.exercise == "straight_leg_raise" and set(back.sensors) == {"thigh", "shank"}
    assert run("export", str(s["id"]), "--format", "bids", "--out", str(tmp_path / "b"),
               "--db", db).returncode == 0
    channels = list((tmp_path / "b").rglob("*_channels.tsv"))
    assert len(channels) == 2
    with open(channels[0]) as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert [r["type"] for r in rows] == ["LATENCY"] + ["ACCEL"] * 3 + ["GYRO"] * 3
    motion = next((tmp_path / "b").rglob("*_motion.json"))
    assert json.loads(motion.read_text())["SamplingFrequency"] > 0
    r = run("import", str(data_dir / "uci_s1_e1_template.csv"), "--patient", "P7",
            "--label", "week 6", "--db", db)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["rep_count"] == 9
    assert len(json.loads(run("sessions", "--patient", "P7", "--json", "--db",
                              db).stdout)["sessions"]) == 2


def test_bad_database_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("my notes")
    r = run_process("sessions", "--db", str(bad))
    assert r.returncode != 0 and "not a session database" in r.stderr
    assert "Traceback" not in r.stderr and bad.read_text() == "my notes"
