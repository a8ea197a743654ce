"""Repetition counting and timing on the UCI physical-therapy recordings.

Data: A. Yurtman and B. Barshan, "Physical Therapy Exercises Dataset", UCI Machine Learning
Repository, doi:10.24432/C5JK60 (CC BY 4.0); method paper: Computer Methods and Programs in
Biomedicine 117(2):189-207, 2014. Converted to the IMU CSV format with sidecars and a
truth.json (repetition counts, rep boundaries for subject 1's test sessions).

Usage: python benchmarks/accuracy_uci.py DATA_DIR [--verbose]
Prints, for exercise-aware and exercise-agnostic counting: exact / within-one file counts and
the median error of rep start and end against the labelled boundaries, then (aware mode) per
exercise the median signed error (a systematic offset shows a labelling convention) and the
median error at the labels where the data show the joint at rest: a labelled boundary where
the measured joint turns at more than a fifth of that rep's peak speed is not the start or
end of a movement.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from monitor.signal.analysis import analyze_recording
from recordings.imu_csv import read_imu_csv

MOVING_AT_LABEL = 0.2      # share of the rep's peak joint speed


def _best(reps, lab):
    best, best_ov = None, 0.0
    for r in reps:
        ov = min(r.end_s, lab["end_s"]) - max(r.start_s, lab["start_s"])
        if ov > best_ov:
            best, best_ov = r, ov
    return best


def match_boundaries(reps, labels):
    """Pair each labelled rep with the detected rep that overlaps it most."""
    errs_start, errs_end = [], []
    for lab in labels:
        best = _best(reps, lab)
        if best is not None:
            errs_start.append(abs(best.start_s - lab["start_s"]))
            errs_end.append(abs(best.end_s - lab["end_s"]))
    return errs_start, errs_end


def boundary_breakdown(res, labels):
    """(error, joint moving at the labelled instant?) for every labelled start and end."""
    t, deg = res.series_t, res.series_deg
    speed = np.abs(np.gradient(deg, t))
    out = []
    for lab in labels:
        best = _best(res.reps, lab)
        if best is None:
            continue
        inside = (t >= lab["start_s"]) & (t <= lab["end_s"])
        peak = speed[inside].max() if inside.any() else np.inf
        for key in ("start_s", "end_s"):
            moving = np.interp(lab[key], t, speed) > MOVING_AT_LABEL * peak
            out.append((abs(getattr(best, key) - lab[key]), bool(moving)))
    return out


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
              f"subject-1 test boundaries: median |start error| {np.median(starts):.3f} s, "
              f"median |end error| {np.median(ends):.3f} s (n={len(starts)})")
        if args.verbose:
            print("\n".join(rows))
    print("subject-1 labelled boundaries (aware) by exercise: median signed error (ours - "
          "label) and median |error| of starts and ends; at rest = the joint was at rest at the "
          "labelled instant in the data:")
    every = []
    for stem, tr in sorted(truth.items()):
        if not tr.get("rep_boundaries"):
            continue
        res = analyze_recording(read_imu_csv(root / f"{stem}.csv"), keep_series=True)
        signed = {"start_s": [], "end_s": []}
        for lab in tr["rep_boundaries"]:
            best = _best(res.reps, lab)
            if best is not None:
                for key in signed:
                    signed[key].append(getattr(best, key) - lab[key])
        b = boundary_breakdown(res, tr["rep_boundaries"])
        every += b
        still = np.array([e for e, m in b if not m])
        ds, de = np.array(signed["start_s"]), np.array(signed["end_s"])
        print(f"  {stem:12s} start {np.median(ds):+.2f} s (|{np.median(np.abs(ds)):.2f}|), "
              f"end {np.median(de):+.2f} s (|{np.median(np.abs(de)):.2f}|); at rest "
              f"{np.median(still) if len(still) else float('nan'):.2f} s (n={len(still)}), "
              f"labelled while the joint moves: {len(b) - len(still)}")
    still = np.array([e for e, m in every if not m])
    print(f"  all files: at rest {np.median(still):.2f} s (n={len(still)}), labelled while "
          f"moving {len(every) - len(still)} of {len(every)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
