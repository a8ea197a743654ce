"""Counting standing exercises on real recordings cut into one file per repetition.

Data: the sample subject of V. Phan, K. Song, R. S. Silva, K. G. Silbernagel, J. R. Baxter
and E. Halilaj, "Seven Things to Know About Exercise Classification With Inertial Sensing
Wearables", IEEE J Biomed Health Inform 28(6):3411-3421, 2024 (doi:10.1109/JBHI.2024.3368042),
public at github.com/CMU-MBL/IMU_Exercise_Prediction (full set on SimTK, project
imu-exercise). No licence is stated: it is read from where it lies, never copied here.
Xsens sensors at 100 Hz on both thighs, shanks and the pelvis (and more), one CSV per
repetition (time in s, m/s^2, rad/s). The files of one set are concatenated in time order,
so the set has gaps of 0.6-3.4 s between repetitions (the samples between them are not
in the data), and each repetition starts and ends in movement.

Usage: python benchmarks/accuracy_cmu.py DATA_DIR [--verbose]
DATA_DIR holds SUBxx/<Exercise>/<Exercise>_NN_repK.csv (the repository's
data/parsed_h5_csv; e.g. ``git --git-dir=REPO archive HEAD data | tar -x -C DIR``).
For each exercise, each single leg sensor and all five sensors together, with and without
the exercise given: the count against the number of files, exact and within one, and the
recordings refused with the reason.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

from monitor.core.errors import MonitorError
from monitor.core.samples import ImuBatch, ImuRecording
from monitor.signal.analysis import analyze_recording

SENSORS = {"LeftThigh": "left_thigh", "LeftShank": "left_shank", "RightThigh": "right_thigh",
           "RightShank": "right_shank", "Pelvis": "pelvis"}
# Folder -> catalogue exercise (the right leg leads the lunge, the split squat and the
# step-up, and stands on the step in the step-down; the left leg trails or follows).
EXERCISES = {"Lunge": "lunge", "HeelRaise": "heel_raise", "StepUpH": "step_up",
             "StepUpL": "step_up", "StepDnH": "step_down", "StepDnL": "step_down",
             "BulgSq": "split_squat", "SqDL": "squat", "SqHalfDL": "squat"}


def read_rep(path: Path) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """One repetition file: three header rows (sensor, quantity, axis), then samples."""
    lines = path.read_text().splitlines()
    names, kinds = lines[0].split(","), lines[1].split(",")
    data = np.array([[float(x) if x else np.nan for x in row.split(",")] for row in lines[3:]])
    out = {}
    for name in SENSORS:
        cols = [i for i, n in enumerate(names) if n == name]
        pick = {k: [i for i in cols if kinds[i] == k] for k in ("Time", "Accelerometer",
                                                                  "Gyroscope")}
        if cols and all(pick.values()):
            out[name] = (data[:, pick["Time"][0]], data[:, pick["Accelerometer"]],
                         data[:, pick["Gyroscope"]])
    return out


def read_set(folder: Path) -> tuple[ImuRecording, int]:
    """The repetition files of one set, concatenated; and how many there are."""
    files = sorted(folder.glob("*_rep*.csv"),
                   key=lambda p: int(re.search(r"rep(\d+)", p.name).group(1)))
    parts = [read_rep(f) for f in files]
    sensors = {}
    for name in SENSORS:
        have = [p[name] for p in parts if name in p]
        if len(have) == len(parts):
            t, a, g = (np.concatenate([h[k] for h in have]) for k in range(3))
            order = np.argsort(t, kind="stable")
            sensors[name] = ImuBatch(t[order], a[order], g[order])
    return ImuRecording(sensors=sensors, placements={k: SENSORS[k] for k in sensors},
                        source=str(folder)), len(files)


def count(rec: ImuRecording, exercise: str) -> tuple[int | None, str]:
    try:
        res = analyze_recording(rec, exercise_id=exercise)
    except MonitorError as exc:
        return None, str(exc)
    return len(res.reps), ""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    root = Path(args.data_dir)
    subjects = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    if not subjects:
        print(f"no SUBxx folders in {root}")
        return 2
    print("CMU-MBL exercise recordings (Phan et al. 2024, doi:10.1109/JBHI.2024.3368042)")
    totals: dict[str, list[int]] = {}
    refusals: list[str] = []
    for sub in subjects:
        for folder, ex in EXERCISES.items():
            if not (sub / folder).is_dir():
                continue
            rec, n = read_set(sub / folder)
            cases = {lab: ImuRecording(sensors={lab: rec.sensors[lab]},
                                       placements={lab: rec.placements[lab]})
                     for lab in rec.sensors if lab != "Pelvis"}
            cases["all five"] = rec
            for mode, given in (("aware", ex), ("agnostic", "none")):
                key = f"{folder:9s} {mode:8s}"
                t = totals.setdefault(key, [0, 0, 0, 0])
                parts = []
                for name, r in cases.items():
                    got, why = count(r, given)
                    t[3] += 1
                    if got is None:
                        t[2] += 1
                        refusals.append(f"  {sub.name} {folder} {name} ({mode}): {why}")
                        parts.append(f"{name} refused")
                        continue
                    t[0] += got == n
                    t[1] += abs(got - n) <= 1
                    parts.append(f"{name} {got}")
                if args.verbose:
                    print(f"  {sub.name} {key} truth {n}: " + ", ".join(parts))
    print("per exercise and mode (4 single leg sensors + all five together per subject): "
          "exact, within one, refused")
    all_exact = all_within = all_refused = all_n = 0
    for key, (exact, within, refused, total) in totals.items():
        print(f"  {key} exact {exact}/{total}, within one {within}/{total}, refused {refused}")
        all_exact += exact
        all_within += within
        all_refused += refused
        all_n += total
    print(f"  all: exact {all_exact}/{all_n}, within one {all_within}/{all_n}, refused "
          f"{all_refused}")
    if refusals:
        print("refusals:")
        print("\n".join(refusals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
