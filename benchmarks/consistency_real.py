"""Gyroscope/accelerometer agreement on real recordings: what the analysis does with each
sensor (passed, left out with a note, warned about, refused) and why, as recorded and with
the gyroscope's z axis inverted or in deg/s (the mistakes of lab exports).

Usage: python benchmarks/consistency_real.py PATH [PATH ...] [--all] [--per-rep] [--verbose]

PATH is either
- a folder of IMU CSV files with sidecars (e.g. the UCI physical-therapy recordings,
  A. Yurtman and B. Barshan, UCI Machine Learning Repository, doi:10.24432/C5JK60, CC BY 4.0;
  a truth.json with "rep_count" per file stem is used when present), or
- the CMU-MBL IMU_Exercise_Prediction repository (V. Phan, K. Song, R. S. Silva,
  K. G. Silbernagel, J. R. Baxter, E. Halilaj, "Seven Things to Know About Exercise
  Classification With Inertial Sensing Wearables", IEEE JBHI 28(6):3411-3421, 2024,
  doi:10.1109/JBHI.2024.3368042; github.com/CMU-MBL/IMU_Exercise_Prediction, no licence
  stated: read from where it lies, never copied here), a checkout or its bare git
  directory. Its sample subject wore Xsens units (100 Hz) on thighs, shanks and pelvis; each
  repetition is a file of its own, cut from one trial: a set here is the repetitions of one
  exercise at their own times (with the gaps between them). Squats, lunges, split squats,
  heel raises and step-ups by default; --all adds step-downs, jumps, hops, runs and walks
  (counted as any movement), --per-rep also takes every repetition's file as a recording.

Prints one line per recording and sensor, then per data set the number of sensors passed /
left out / warned about / refused, and how many inverted z axes and deg/s gyroscopes were
named (in the check of each sensor alone, and in the analysis of the recording with every
sensor's gyroscope read wrongly, as an export bug would have it; where that is analysed,
whether the result is the same as recorded: the count, and every range of motion within
1 deg).
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

from calibration.quality import check_gyroscope
from monitor.core.errors import MonitorError
from monitor.core.samples import ImuBatch, ImuRecording
from monitor.signal.analysis import analyze_recording
from recordings.imu_csv import read_imu_csv

Z_INVERTED = np.diag([1.0, 1.0, -1.0])
DEG_PER_RAD = 180.0 / np.pi

CMU_EXERCISES = {"SqDL": "squat", "SqHalfDL": "squat", "SqSL": "squat", "SqHalfSL": "squat",
                 "SumoSq": "squat", "DeclineSq": "squat", "SpainSq": "squat",
                 "BulgSq": "lunge", "Lunge": "lunge", "HeelRaise": "heel_raise",
                 "StepUpH": "step_up", "StepUpL": "step_up"}
CMU_MORE = {"StepDnH": "none", "StepDnL": "none"}
CMU_SENSORS = {"LeftThigh": "left_thigh", "RightThigh": "right_thigh",
               "LeftShank": "left_shank", "RightShank": "right_shank", "Pelvis": "pelvis"}


# --- reading the data sets -------------------------------------------------------------

def folder_recordings(root: Path):
    """(name, exercise, recording, true count or None) for a folder of IMU CSV files."""
    truth_path = root / "truth.json"
    truth = json.loads(truth_path.read_text()) if truth_path.exists() else {}
    for path in sorted(root.glob("*.csv")):
        rec = read_imu_csv(path)
        yield path.stem, rec.exercise or "none", rec, truth.get(path.stem, {}).get("rep_count")


class _Tree:
    """Files of a checkout, or of a bare git directory at HEAD."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.bare = (root / "HEAD").exists() and (root / "objects").exists()

    def files(self, under: str) -> list[str]:
        if self.bare:
            out = subprocess.run(["git", "--git-dir", str(self.root), "ls-tree", "-r",
                                  "--name-only", "HEAD", under], capture_output=True,
                                 text=True, check=True).stdout
            return out.split()
        return [str(p.relative_to(self.root)) for p in (self.root / under).rglob("*")
                if p.is_file()]

    def text(self, path: str) -> str:
        if self.bare:
            return subprocess.run(["git", "--git-dir", str(self.root), "show", f"HEAD:{path}"],
                                  capture_output=True, text=True, check=True).stdout
        return (self.root / path).read_text()


def _cmu_file(text: str) -> dict[str, ImuBatch]:
    """One repetition's file: three header rows (sensor, quantity, axis), then samples."""
    lines = text.splitlines()
    sensor, quantity, axis = (row.split(",") for row in lines[:3])
    data = np.loadtxt(io.StringIO("\n".join(lines[3:])), delimiter=",", ndmin=2)
    out = {}
    for name, label in CMU_SENSORS.items():
        col = {(quantity[i], axis[i]): i for i in range(len(sensor)) if sensor[i] == name}
        t = data[:, col[("Time", "S")]]
        acc = data[:, [col[("Accelerometer", a)] for a in "XYZ"]]
        gyr = data[:, [col[("Gyroscope", a)] for a in "XYZ"]]
        out[label] = ImuBatch(t, acc, gyr)
    return out


def cmu_recordings(root: Path, everything: bool, per_rep: bool):
    tree = _Tree(root)
    names = [p for p in tree.files("data/parsed_h5_csv") if p.endswith(".csv")]
    by_set: dict[tuple[str, str], list[str]] = defaultdict(list)
    for p in names:
        parts = p.split("/")
        by_set[(parts[2], parts[3])].append(p)
    wanted = {**CMU_EXERCISES, **(CMU_MORE if everything else {})}
    for (subject, exercise), files in sorted(by_set.items()):
        if exercise not in wanted and not everything:
            continue
        files.sort(key=lambda p: int(p.rsplit("rep", 1)[1][:-4]))
        reps = [_cmu_file(tree.text(p)) for p in files]
        ex = wanted.get(exercise, "none")
        placements = {lab: lab for lab in CMU_SENSORS.values()}
        if per_rep:
            for p, r in zip(files, reps, strict=True):
                yield (f"{subject}/{Path(p).stem}", ex,
                       ImuRecording(r, placements=dict(placements), source=p), 1)
        sensors = {lab: ImuBatch(np.concatenate([r[lab].time_s for r in reps]),
                                 np.concatenate([r[lab].acc_m_s2 for r in reps]),
                                 np.concatenate([r[lab].gyr_rad_s for r in reps]))
                   for lab in CMU_SENSORS.values()}
        yield (f"{subject}/{exercise}", ex,
               ImuRecording(sensors, placements=placements, source=f"{subject}/{exercise}"),
               len(reps))


# --- what the analysis does --------------------------------------------------------------

def analyse(rec: ImuRecording, exercise: str):
    """(repetitions or None, notes, refusal or None)."""
    try:
        res = analyze_recording(rec, exercise)
    except MonitorError as exc:
        return None, [], str(exc)
    return res.reps, res.notes, None


def same_result(a, b) -> bool:
    """Same count, and every repetition's range of motion within 1 deg."""
    return a is not None and b is not None and len(a) == len(b) and all(
        abs(x.rom_deg - y.rom_deg) <= 1.0 for x, y in zip(a, b, strict=True))


def outcome(label: str, notes: list[str], refusal: str | None) -> str:
    if refusal is not None and f"sensor {label!r}" in refusal:
        return "refused"
    if any(n.startswith(f"sensor {label!r} not used") for n in notes):
        return "left out"
    if any(n.startswith(f"sensor {label!r}:") for n in notes):
        return "warned"
    return "passed"


def read_wrongly(rec: ImuRecording, how: str) -> ImuRecording:
    sensors = {}
    for lab, b in rec.sensors.items():
        gyr = b.gyr_rad_s @ Z_INVERTED.T if how == "z" else b.gyr_rad_s * DEG_PER_RAD
        sensors[lab] = replace(b, gyr_rad_s=gyr)
    return replace(rec, sensors=sensors, placements=dict(rec.placements))


def short(check) -> str:
    if check.residual_deg is None:
        return check.verdict
    out = f"{check.verdict} ({check.residual_deg:.1f} deg as recorded"
    if check.fitted_deg is not None:
        reading = "in deg/s" if check.deg_per_s else f"as {check.mapping}"
        out += f", {check.fitted_deg:.1f} {reading}, {check.supporting} for {check.against} against"
    return out + f"; {check.windows} windows, tilt {check.tilt_deg:.0f} deg)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--all", action="store_true", help="CMU: every exercise, not only "
                    "squats, lunges, heel raises and step-ups")
    ap.add_argument("--per-rep", action="store_true",
                    help="CMU: every repetition's file as a recording too")
    ap.add_argument("--verbose", action="store_true", help="the evidence in words")
    args = ap.parse_args()
    for root in args.paths:
        is_cmu = (root / "data" / "parsed_h5_csv").exists() or _Tree(root).bare
        title = ("CMU-MBL IMU_Exercise_Prediction (Phan et al. 2024)" if is_cmu
                 else f"IMU CSV folder {root}")
        print(f"== {title}")
        recs = (cmu_recordings(root, args.all, args.per_rep) if is_cmu
                else folder_recordings(root))
        tally: Counter = Counter()
        off: list[float] = []
        exact = within = total = 0
        for name, exercise, rec, truth in recs:
            reps, notes, refusal = analyse(rec, exercise)
            n = None if reps is None else len(reps)
            total += 1
            if n is not None and truth is not None:
                exact += n == truth
                within += abs(n - truth) <= 1
            count = "refused" if n is None else f"{n}/{truth if truth is not None else '?'}"
            print(f"{name:24s} {exercise:22s} reps {count}")
            if refusal:
                print(f"    refused: {refusal}")
                tally["recordings refused"] += 1
            for label, b in rec.sensors.items():
                check = check_gyroscope(b.time_s, b.acc_m_s2, b.gyr_rad_s)
                what = outcome(label, notes, refusal)
                tally[f"as recorded: {what}"] += 1
                tally[f"as recorded, check: {check.verdict}"] += 1
                z = check_gyroscope(b.time_s, b.acc_m_s2, b.gyr_rad_s @ Z_INVERTED.T)
                zname = ("named x,y,-z" if z.verdict == "axes" and z.mapping == "x,y,-z" else
                         f"{z.verdict} {z.mapping}" if z.mapping else z.verdict)
                tally[f"gyr_z inverted, check: {zname}"] += 1
                d = check_gyroscope(b.time_s, b.acc_m_s2, b.gyr_rad_s * DEG_PER_RAD)
                tally[f"deg/s, check: {d.verdict}"] += 1
                print(f"    {label:12s} {what:9s} {short(check)}; gyr_z inverted: {zname}; "
                      f"deg/s: {d.verdict}")
                if args.verbose and check.verdict not in ("agrees", "untested"):
                    print(f"        {check.problem()}: {check.evidence()}")
            for how, words in (("z", "gyr_z appears inverted"), ("deg", "in deg/s")):
                reps2, notes2, refusal2 = analyse(read_wrongly(rec, how), exercise)
                label = "gyr_z inverted" if how == "z" else "deg/s"
                about = [x for x in notes2 if x.startswith("sensor '")]
                if refusal2 is not None:
                    result = "refused, named" if words in refusal2 else "refused, other"
                elif any(words in x for x in about):
                    result = "analysed, named in a note"
                elif about:
                    result = "analysed, a sensor noted"
                else:
                    result = "analysed, not noticed"
                if refusal2 is None:
                    result += (", same result" if same_result(reps, reps2)
                               else ", result differs")
                    if reps is not None and len(reps) == len(reps2) and reps:
                        worst = max(abs(x.rom_deg - y.rom_deg) for x, y in zip(reps, reps2,
                                                                               strict=True))
                        off.append(worst)
                        result_detail = f" (ROM up to {worst:.1f} deg off)"
                    else:
                        result_detail = (f" ({len(reps2)} reps for {n})" if reps is not None
                                         else "")
                else:
                    result_detail = ""
                tally[f"every sensor {label}: {result}"] += 1
                if args.verbose:
                    print(f"    every sensor {label}: {result}{result_detail}"
                          + (f" ({refusal2})" if refusal2 else "")
                          + "".join(f"\n        note: {x}" for x in about))
        print(f"-- {title}: {total} recordings; counts exact {exact}, within one {within}")
        for key in sorted(tally):
            print(f"   {key}: {tally[key]}")
        if off:
            print(f"   read wrongly and analysed with the same count: ROM off by at most "
                  f"{np.median(off):.1f} deg (median of the recordings), {max(off):.1f} (max)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
