"""Exports for the tools around the app: repetition tables for spreadsheets, OpenSense
orientations for OpenSim, and the IMU CSV's units said in its sidecar."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from cli_helpers import cli
from scipy.spatial.transform import Rotation

from recordings.imu_csv import read_imu_csv
from recordings.opensense import set_orientations
from recordings.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from monitor.cli import main

    path = tmp_path_factory.mktemp("exports") / "m.db"
    for args in (["patient", "add", "P5"],
                 ["record", "--demo", "--exercise", "knee_extension_seated", "--reps", "6",
                  "--fast", "--patient", "P5", "--label", "intake"],
                 ["record", "--demo", "--exercise", "squat", "--reps", "3", "--fast",
                  "--patient", "P5", "--label", "intake", "--effort", "6"]):
        assert main([*args, "--db", str(path)]) == 0, args
    return path


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_repetitions_and_set_summaries_for_spreadsheets(db, tmp_path, capsys):
    code, _out, err = cli(capsys, "export", "1", "--format", "reps-csv", "--out",
                         str(tmp_path / "t"), "--db", str(db))
    assert code == 0, err
    reps = read_csv(tmp_path / "t" / "session1_repetitions.csv")
    sets = read_csv(tmp_path / "t" / "session1_sets.csv")
    # Spreadsheet programs see the byte-order mark and read UTF-8.
    assert (tmp_path / "t" / "session1_sets.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    store = Store(db)
    stored = store.sets(1)
    assert [s["rep_count"] for s in sets] == ["6", "3"]
    assert [s["exercise"] for s in sets] == ["knee_extension_seated", "squat"]
    assert sets[1]["effort_0_10"] == "6" and sets[0]["effort_0_10"] == ""
    for row, st in zip(sets, stored, strict=True):
        mine = [r for r in reps if r["set"] == str(st["id"])]
        assert len(mine) == st["summary"]["rep_count"]
        assert float(row["rom_mean_deg"]) == pytest.approx(
            np.mean([float(r["rom_deg"]) for r in mine]), abs=2e-3)
        for r, rep in zip(mine, store.reps(st["id"]), strict=True):
            assert float(r["start_s"]) == pytest.approx(rep["start_s"], abs=1e-6)
            assert float(r["rom_deg"]) == pytest.approx(rep["rom_deg"], abs=1e-4)
    # Every column with a unit names it.
    assert {"start_s", "rom_deg", "concentric_s", "rom_mean_deg", "duration_s",
            "target_rom_low_deg"} <= set(reps[0]) | set(sets[0])
    assert reps[0]["angle"] == "knee_flexion_deg" and reps[0]["moment"] == "intake"
    store.close()


def test_opensense_orientations_parse_are_unit_and_are_the_pipelines(db, tmp_path, capsys):
    code, _out, err = cli(capsys, "export", "1", "--format", "opensense", "--out",
                          str(tmp_path / "o"), "--db", str(db))
    assert code == 0, err
    path = tmp_path / "o" / "session1_set1_orientations.sto"
    lines = path.read_text().splitlines()
    end = lines.index("endheader")
    header = dict(line.split("=", 1) for line in lines[:end])
    assert header == {"DataRate": "50.000000", "DataType": "Quaternion", "version": "3",
                      "OpenSimVersion": "4.5"}
    columns = lines[end + 1].split("\t")
    assert columns == ["time", "tibia_r_imu", "femur_r_imu"]   # primary (shank) first
    rows = [line.split("\t") for line in lines[end + 2:]]
    t = np.array([float(r[0]) for r in rows])
    quats = {name: np.array([[float(v) for v in r[k].split(",")] for r in rows])
             for k, name in enumerate(columns[1:], start=1)}
    assert np.all(np.diff(t) > 0)
    for q in quats.values():
        assert q.shape == (len(t), 4)
        np.testing.assert_allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-8)
    store = Store(db)
    (st, _) = store.sets(1)
    primary, ori = set_orientations(store, st["id"])
    assert primary == "shank"
    # The measured sensor's column: its own estimates at its own sample times.
    tt, qq = ori["shank"]
    idx = np.searchsorted(tt, t)
    assert np.all(np.abs(tt[idx] - t) < 1e-9)
    sign = np.sign(np.sum(quats["tibia_r_imu"] * qq[idx], axis=1))[:, None]   # q, -q agree
    np.testing.assert_allclose(quats["tibia_r_imu"], sign * qq[idx], atol=2e-9)
    # The other sensor samples at other times: on the shortest turn between its own two
    # estimates either side, as far along as the time is.
    tt, qq = ori["thigh"]
    i = np.searchsorted(tt, t)
    assert np.all((i > 0) & (i < len(tt)))
    ra, rb = Rotation.from_quat(qq[i - 1][:, [1, 2, 3, 0]]), Rotation.from_quat(
        qq[i][:, [1, 2, 3, 0]])
    rf = Rotation.from_quat(quats["femur_r_imu"][:, [1, 2, 3, 0]])
    frac = (t - tt[i - 1]) / (tt[i] - tt[i - 1])
    step = (ra.inv() * rb).magnitude()
    np.testing.assert_allclose((ra.inv() * rf).magnitude(), frac * step, atol=1e-7)
    np.testing.assert_allclose((rf.inv() * rb).magnitude(), (1 - frac) * step, atol=1e-7)
    # The knee in between: thigh and shank turn against each other by the repetitions'
    # range of motion (about 80 deg here), not a few degrees.
    rel = np.abs(np.sum(quats["tibia_r_imu"] * quats["femur_r_imu"], axis=1))
    assert np.ptp(np.degrees(2 * np.arccos(np.clip(rel, -1, 1)))) > 40
    store.close()


def test_the_csv_sidecar_says_the_units(db, tmp_path, capsys):
    code, _out, err = cli(capsys, "export", "1", "--format", "csv", "--out",
                          str(tmp_path / "c"), "--db", str(db))
    assert code == 0, err
    side = json.loads((tmp_path / "c" / "session1_set1.json").read_text())
    assert side["units"]["gyr_x"] == "rad/s" and side["units"]["acc_z"] == "m/s^2"
    assert side["units"]["time_s"] == "s"
    assert "deg/s" in side["note"] and "57.29578" in side["note"]
    assert read_imu_csv(tmp_path / "c" / "session1_set1.csv").exercise == (
        "knee_extension_seated")
    # A sidecar that says deg/s is refused in words, never read as rad/s.
    side["units"]["gyr_y"] = "deg/s"
    (tmp_path / "c" / "session1_set1.json").write_text(json.dumps(side))
    code, _out, err = cli(capsys, "analyze", str(tmp_path / "c" / "session1_set1.csv"))
    assert code == 3
    assert "'gyr_y' in 'deg/s'" in err and "rad/s" in err and "Traceback" not in err
    # Spellings of the same units are the same units.
    side["units"].update(gyr_y="rad/s", acc_x="m/s²", time_s="seconds")
    (tmp_path / "c" / "session1_set1.json").write_text(json.dumps(side))
    assert read_imu_csv(tmp_path / "c" / "session1_set1.csv").side == "right"
