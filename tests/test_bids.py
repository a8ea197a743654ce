"""The BIDS export: a Motion-BIDS dataset the official validator accepts, with the
repetitions as events, the nominal rates, and subjects and sessions that keep their
patients' codes and moments apart."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from cli_helpers import cli

from monitor import __version__
from recordings.bids import session_labels, subject_label
from recordings.store import SessionInfo, Store

# Warnings the export leaves, each for a reason given in the README ("BIDS export").
ACCEPTED_WARNINGS = {
    ("NO_AUTHORS", "Authors"), ("TOO_FEW_AUTHORS", None),
    ("JSON_KEY_RECOMMENDED", "License"), ("JSON_KEY_RECOMMENDED", "HEDVersion"),
    ("JSON_KEY_RECOMMENDED", "SourceDatasets"),
    ("SIDECAR_KEY_RECOMMENDED", "DeviceSerialNumber"),
    ("SIDECAR_KEY_RECOMMENDED", "InstitutionName"),
    ("SIDECAR_KEY_RECOMMENDED", "InstitutionAddress"),
    ("SIDECAR_KEY_RECOMMENDED", "InstitutionalDepartmentName"),
    ("SIDECAR_KEY_RECOMMENDED", "Instructions"),
    ("SIDECAR_KEY_RECOMMENDED", "StimulusPresentation"),
}


def validator() -> str | None:
    """The official validator (PyPI bids-validator-deno, in the test extra), if it runs."""
    exe = shutil.which("bids-validator-deno") or str(
        Path(sys.executable).with_name("bids-validator-deno"))
    if not Path(exe).exists():
        return None
    try:
        r = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return exe if r.returncode == 0 else None


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    """Two patients whose codes differ only by a hyphen, three moments, four sets (two of
    one exercise in one session), one of them imported from a file; all exported into one
    folder."""
    from monitor.cli import main

    tmp = tmp_path_factory.mktemp("bids")
    db = str(tmp / "m.db")

    def run(*args):
        assert main([*args, "--db", db]) == 0, args

    run("patient", "add", "P-001", "--birth-year", "1952", "--sex", "f", "--joint", "knee",
        "--side", "right")
    run("patient", "add", "P001")
    for ex, reps in (("knee_extension_seated", 5), ("squat", 4), ("squat", 3)):
        run("record", "--demo", "--exercise", ex, "--reps", str(reps), "--fast",
            "--patient", "P-001", "--label", "intake")
    run("record", "--demo", "--exercise", "straight_leg_raise", "--reps", "4", "--fast",
        "--patient", "P001", "--label", "week 6")
    data = Path(__file__).parent / "data"
    run("import", str(data / "uci_s1_e1_template.csv"), "--patient", "P-001", "--label",
        "Week 6")
    out = tmp / "bids"
    store = Store(db)
    for s in store.sessions():
        run("export", str(s.id), "--format", "bids", "--out", str(out))
    return store, out


def test_the_dataset_passes_the_official_validator(dataset):
    exe = validator()
    if exe is None:
        pytest.skip("bids-validator-deno (PyPI, test extra) is not installed or cannot run "
                    "here: pip install bids-validator-deno")
    _store, out = dataset
    r = subprocess.run([exe, str(out), "--format", "json", "--max-rows", "-1"],
                       capture_output=True, text=True, timeout=600)
    report = json.loads(r.stdout)
    issues = report["issues"]["issues"]
    errors = [(i["code"], i.get("subCode"), i.get("location")) for i in issues
              if i["severity"] == "error"]
    assert errors == []
    warnings = {(i["code"], i.get("subCode")) for i in issues if i["severity"] == "warning"}
    assert warnings <= ACCEPTED_WARNINGS, warnings - ACCEPTED_WARNINGS
    assert sorted(report["summary"]["subjects"]) == sorted(
        [subject_label("P-001"), subject_label("P001")])
    assert report["summary"]["dataTypes"] == ["motion"]


def test_subjects_and_sessions_keep_codes_and_moments_apart(dataset):
    _store, out = dataset
    desc = json.loads((out / "dataset_description.json").read_text())
    assert desc["BIDSVersion"].startswith("1.10") and desc["DatasetType"] == "raw"
    assert desc["GeneratedBy"][0] == {**desc["GeneratedBy"][0], "Name": "legimu-monitor",
                                      "Version": __version__}
    people = {r["patient_code"]: r for r in read_tsv(out / "participants.tsv")}
    assert set(people) == {"P-001", "P001"}
    assert people["P001"]["participant_id"] == "sub-P001"
    sub = people["P-001"]["participant_id"]
    assert sub.lower() != "sub-p001" and sub == f"sub-{subject_label('P-001')}"
    # Born 1952, first measured this year: the 5-year group of that age; sex as recorded.
    age = int(read_tsv(out / sub / f"{sub}_sessions.tsv")[0]["age"])
    lo = age // 5 * 5
    assert people["P-001"]["age_group"] == f"{lo}-{lo + 4}"
    assert (people["P-001"]["sex"], people["P001"]["sex"]) == ("female", "n/a")
    assert {r["moment"]: r["session_id"] for r in read_tsv(out / sub / f"{sub}_sessions.tsv")
            } == {"intake": "ses-intake", "Week 6": "ses-Week6"}
    assert [r["session_id"] for r in read_tsv(out / "sub-P001" / "sub-P001_sessions.tsv")
            ] == ["ses-week6"]
    # Entity order sub, ses, task, tracksys, run; two squat sets are runs 1 and 2.
    names = sorted(p.name for p in (out / sub / "ses-intake" / "motion").glob("*_motion.tsv"))
    assert names == [f"{sub}_ses-intake_task-{t}_tracksys-{s}_run-{k}_motion.tsv"
                     for t, s, k in [("kneeextensionseated", "shank", 1),
                                     ("kneeextensionseated", "thigh", 1),
                                     ("squat", "shank", 1), ("squat", "shank", 2),
                                     ("squat", "thigh", 1), ("squat", "thigh", 2)]]


def test_motion_files_channels_and_sidecars_agree_with_the_store(dataset):
    store, out = dataset
    (intake,) = [s for s in store.sessions("P-001") if s.label == "intake"]
    sets = store.sets(intake.id)
    sub = f"sub-{subject_label('P-001')}"
    folder = out / sub / "ses-intake" / "motion"
    stem = f"{sub}_ses-intake_task-kneeextensionseated_tracksys-shank_run-1"
    channels = read_tsv(folder / f"{stem}_channels.tsv")
    assert [(c["type"], c["component"], c["units"]) for c in channels] == (
        [("LATENCY", "n/a", "s")] + [("ACCEL", a, "m/s^2") for a in "xyz"]
        + [("GYRO", a, "rad/s") for a in "xyz"])
    assert {c["placement"] for c in channels} == {"right_shank"}
    data = np.loadtxt(folder / f"{stem}_motion.tsv", delimiter="\t")
    samples = store.set_samples(sets[0]["id"])["shank"]
    assert data.shape == (len(samples), len(channels))
    first = min(b.time_s[0] for b in store.set_samples(sets[0]["id"]).values())
    np.testing.assert_allclose(data[:, 0], samples.time_s - first, atol=1e-6)
    np.testing.assert_allclose(data[:, 4:7], samples.gyr_rad_s, rtol=1e-6, atol=1e-9)
    meta = json.loads((folder / f"{stem}_motion.json").read_text())
    assert meta["SamplingFrequency"] == 50            # the nominal rate, not an estimate
    assert abs(meta["SamplingFrequencyEffective"] - 50) < 0.5
    assert meta["SoftwareVersions"] == f"legimu-monitor {__version__}"
    # Simulated sensors: no manufacturer to name, and the export says so.
    assert (meta["Manufacturer"], meta["ManufacturersModelName"]) == ("n/a",
                                                                      "simulated sensor")
    assert meta["TaskName"] == "knee_extension_seated"
    # An imported file's rate was estimated from its intervals (25.000000000000533 Hz for
    # this one): the nominal 25 Hz.
    (week6,) = (out / sub / "ses-Week6" / "motion").glob("*tracksys-rightshank*_motion.json")
    imported = json.loads(week6.read_text())
    assert imported["SamplingFrequency"] == 25 and isinstance(imported["SamplingFrequency"],
                                                              int)
    assert imported["Manufacturer"] == "n/a"


def test_the_repetitions_are_the_events(dataset):
    store, out = dataset
    (intake,) = [s for s in store.sessions("P-001") if s.label == "intake"]
    sub = f"sub-{subject_label('P-001')}"
    folder = out / sub / "ses-intake" / "motion"
    for st, name in zip(store.sets(intake.id), ["kneeextensionseated_run-1", "squat_run-1",
                                                "squat_run-2"], strict=True):
        events = read_tsv(folder / f"{sub}_ses-intake_task-{name}_events.tsv")
        reps = store.reps(st["id"])
        assert len(events) == len(reps) == st["summary"]["rep_count"]
        first = min(b.time_s[0] for b in store.set_samples(st["id"]).values())
        for e, r in zip(events, reps, strict=True):
            assert float(e["onset"]) == pytest.approx(r["start_s"] - first, abs=1e-4)
            assert float(e["duration"]) == pytest.approx(r["end_s"] - r["start_s"], abs=1e-4)
            assert float(e["rom_deg"]) == pytest.approx(r["rom_deg"], abs=1e-4)
            assert e["exercise"] == st["exercise"] and e["trial_type"] == "repetition"
        described = json.loads((folder / f"{sub}_ses-intake_task-{name}_events.json"
                                ).read_text())
        assert described["rom_deg"]["Units"] == "deg" and described["onset"]["Units"] == "s"
    scans = read_tsv(out / sub / "ses-intake" / f"{sub}_ses-intake_scans.tsv")
    assert len(scans) == 6 and all(s["filename"].startswith("motion/") for s in scans)


def test_labels_are_distinct_deterministic_and_case_safe():
    codes = ["P001", "P-001", "p001", "P 001", "p-001", "DEMO", "ÄB1", "---"]
    labels = [subject_label(c) for c in codes]
    assert len({lab.lower() for lab in labels}) == len(codes)
    assert all(lab.isascii() and lab.isalnum() for lab in labels)
    assert [subject_label(c) for c in codes] == labels            # the same every time
    assert subject_label("P001") == "P001" and subject_label("DEMO") == "DEMO"
    assert subject_label("P-001").startswith("P001x")
    moments = [SessionInfo(k, "P1", 1.7e9 + k * 86400, label, None, 0, 0)
               for k, label in enumerate(["intake", "week 6", "Week-6", None, "6"], 1)]
    got = session_labels(moments)
    assert got[1] == "intake" and got[5] == "6" and got[4].startswith("visit")
    assert (got[2], got[3]) == ("week6s2", "Week6s3")
    assert len({v.lower() for v in got.values()}) == 5


def test_a_label_taken_by_another_code_is_refused(tmp_path, capsys):
    from monitor.cli import main

    db = str(tmp_path / "m.db")
    assert main(["patient", "add", "P001", "--db", db]) == 0
    assert main(["record", "--demo", "--exercise", "squat", "--reps", "2", "--fast",
                 "--patient", "P001", "--db", db]) == 0
    out = tmp_path / "b"
    out.mkdir()
    # A dataset that already holds another patient as sub-P001 (written by hand).
    (out / "participants.tsv").write_text("participant_id\tpatient_code\nsub-P001\tother\n")
    capsys.readouterr()
    code, _, err = cli(capsys, "export", "1", "--format", "bids", "--out", str(out),
                       "--db", db)
    assert code == 2 and "'other'" in err and "'P001'" in err and "Traceback" not in err
    assert not (out / "sub-P001").exists()


def test_the_sensor_makers_stored_with_a_set_are_named(tmp_path):
    """A set recorded from a WitMotion on the shank and a MetaMotion on the thigh (their
    samples simulated here; tests/test_ble.py shows the recorder stores the families of
    real connections): the export names makers, models and the rates they were set to."""
    from calibration.mounting import Mounting
    from devices.drivers.base import sensor_identity
    from devices.simulated import stream_batches
    from monitor.signal.simulate import simulate_session
    from recordings.export import export_session
    from recordings.recorder import open_live_set

    store = Store(tmp_path / "m.db")
    sim = simulate_session("knee_extension_seated", reps=3, rate_hz=100.0, seed=4)
    session = store.new_session("K-12", "week 12")
    family = {"shank": "witmotion", "thigh": "metawear"}
    sensors = {lab: {"placement": f"right_{lab}", "segment": lab, "rate_hz": 100.0,
                     **sensor_identity(family[lab])} for lab in sim.recording.sensors}
    mountings = {lab: Mounting.from_rotation(m, sim.exercise.plane)
                 for lab, m in sim.mountings.items()}
    live, _ = open_live_set(store, session, "knee_extension_seated", sensors,
                            sim.exercise.primary, mountings)
    for lab, batch, arrival in stream_batches(sim, batch_size=5):
        live.feed(lab, batch, arrival)
    live.finish()
    later = store.new_session("K-12", "week 13")          # a moment not exported (yet)
    store.new_set(later, "squat", {"shank": "right_shank"})
    export_session(store, session, "bids", tmp_path / "b")
    made = {}
    for path in (tmp_path / "b").rglob("*_motion.json"):
        meta = json.loads(path.read_text())
        made[meta["TrackingSystemName"]] = (meta["Manufacturer"],
                                            meta["ManufacturersModelName"],
                                            meta["SamplingFrequency"])
    assert made == {"shank (right_shank)": ("WitMotion", "WT901BLE", 100),
                    "thigh (right_thigh)": ("MbientLab", "MetaMotion", 100)}
    (folder,) = (tmp_path / "b").glob("sub-*/ses-*")
    assert folder.parent.name == f"sub-{subject_label('K-12')}" and folder.name == "ses-week12"
    # sessions.tsv lists the moments the dataset holds.
    listed = read_tsv(folder.parent / f"{folder.parent.name}_sessions.tsv")
    assert [(r["session_id"], r["moment"]) for r in listed] == [("ses-week12", "week 12")]
