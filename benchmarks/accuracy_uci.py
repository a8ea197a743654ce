"""Repetition counting and timing on the UCI physical-therapy recordings.

Data: A. Yurtman and B. Barshan, "Physical Therapy Exercises Dataset", UCI Machine Learning
Repository, doi:10.24432/C5JK60 (CC BY 4.0); method paper: Computer Methods and Programs in
Biomedicine 117(2):189-207, 2014. Converted to the IMU CSV format with sidecars and a
truth.json (repetition counts, rep boundaries for subject 1's test sessions).

Usage: python benchmarks/accuracy_uci.py DATA_DIR [--verbose]
Prints, for exercise-aware and exercise-agnostic counting: exact / within-one file counts and
the median error of rep start and end against the labelled boundaries.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from monitor.core.analysis import analyze_recording
from recordings.imu_csv import read_imu_csv


def match_boundaries(reps, labels):
    """Pair each labelled rep with the detected rep that overlaps it most."""
    errs_start, errs_end = [], []
    for lab in labels:
        best, best_ov = None, 0.0
        for r in reps:
            ov = min(r.end_s, lab["end_s"]) - max(r.start_s, lab["start_s"])
            if ov > best_ov:
                best, best_ov = r, ov
        if best is not None:
            errs_start.append(abs(best.start_s - lab["start_s"]))
            errs_end.append(abs(best.end_s - lab["end_s"]))
    return errs_start, errs_end


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    root = Path(args.data_dir)
    truth = json.loads((root / "truth.json").read_text())
    print("UCI physical therapy exercises (Yurtman & Barshan 2014, doi:10.24432/C5JK60)")
    for mode in ("aware", "agnostic"):
        exact = within1 = 0
        starts, ends = [], []
        rows = []
        for stem, tr in sorted(truth.items()):
            rec = read_imu_csv(root / f"{stem}.csv")
            ex = "none" if mode == "agnostic" else None
            res = analyze_recording(rec, exercise_id=ex)
            n, want = len(res.reps), tr["rep_count"]
            exact += n == want
            within1 += abs(n - want) <= 1
            rows.append(f"  {stem:16s} {n:3d} / {want:3d} {'' if n == want else '<--'}")
            if tr.get("rep_boundaries"):
                s, e = match_boundaries(res.reps, tr["rep_boundaries"])
                starts += s
                ends += e
        total = len(truth)
        print(f"{mode:9s}: exact {exact}/{total}, within one {within1}/{total}; "
              f"subject-1 test boundaries: median |start error| {np.median(starts):.2f} s, "
              f"median |end error| {np.median(ends):.2f} s (n={len(starts)})")
        if args.verbose:
            print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
