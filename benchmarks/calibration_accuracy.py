"""Calibration accuracy: random mountings on the simulator, and plausibility on real data.

Usage: python benchmarks/calibration_accuracy.py [UCI_DATA_DIR] [--mountings 200]

1. Simulated sets with sensors in random orientations (any rotation), 25-200 Hz, noise and
   bias, self-calibrated from each recording: exact counts, angle RMSE over whole sessions,
   95th percentile of per-rep ROM error and of phase-duration errors.
2. The same motion under N random mountings: spread of each repetition's ROM.
3. UCI recordings (unknown mountings; A. Yurtman & B. Barshan, doi:10.24432/C5JK60): seated
   knee extension (e1) ROM of the correct-execution repetitions per subject, template vs
   test file, and its spread.
4. Knee axis from thigh + shank together (hinge constraint, Seel et al. 2012) on synthetic
   three-dimensional thigh motion with exact truth: axis error against each sensor's own
   main rotation axis; and on the UCI files, the constraint residual of the real knee
   (right thigh + right shank) against a thigh of the other leg.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from sim_helpers import compare, hinged_leg

from calibration.hinge import estimate_joint_axes
from calibration.selfcal import principal_axis
from monitor.core.exercises import catalogue
from monitor.signal.analysis import analyze_recording
from monitor.signal.simulate import simulate_session
from recordings.imu_csv import read_imu_csv


def random_mountings() -> None:
    exact = total = 0
    rmse, rom, phase = [], [], []
    seed = 1000
    for ex in [e.id for e in catalogue().values() if e.kind == "repetitions"]:
        for rate in (25.0, 50.0, 100.0, 200.0):
            for _ in range(2):
                seed += 1
                sim = simulate_session(ex, reps=10, rate_hz=rate, seed=seed,
                                       mounting="random", fast_reps=2, low_amplitude_reps=2)
                res = compare(sim, analyze_recording(sim.recording, keep_series=True))
                total += 1
                exact += res["count"] == res["true_count"]
                rmse.append(res["rmse_deg"])
                if "rom_err" in res:
                    rom += list(res["rom_err"])
                    phase += list(res["phase_err"])
                else:
                    print(f"  miscount {ex} {rate:g} Hz seed {seed}: {res['count']}/"
                          f"{res['true_count']}")
    print(f"random mountings, self-calibrated: exact counts {exact}/{total}; angle RMSE "
          f"median {np.median(rmse):.2f}, max {np.max(rmse):.2f} deg; per-rep ROM error 95th "
          f"pct {np.percentile(rom, 95):.2f} deg; phases 95th pct "
          f"{np.percentile(phase, 95):.3f} s")


def invariance(n: int) -> None:
    for ex in ("squat", "knee_extension_seated", "heel_raise"):
        roms = []
        for k in range(n):
            sim = simulate_session(ex, reps=6, rate_hz=100, seed=3, mounting="random",
                                   mounting_seed=k)
            roms.append([r.rom_deg for r in analyze_recording(sim.recording).reps])
        lengths = {len(r) for r in roms}
        full = np.array([r for r in roms if len(r) == 6])
        print(f"same {ex} set under {n} random mountings: counts {sorted(lengths)}; per-rep "
              f"ROM spread (max - min over mountings) max {np.ptp(full, axis=0).max():.3f} "
              f"deg, sd {full.std(axis=0).max():.3f} deg")


def uci(root: Path) -> None:
    truth = json.loads((root / "truth.json").read_text())
    print("UCI seated knee extension, correct-execution reps (knee flexion, self-calibrated):")
    for subject in (1, 2, 3):
        row = []
        for session in ("template", "test"):
            stem = f"s{subject}_e1_{session}"
            res = analyze_recording(read_imu_csv(root / f"{stem}.csv"))
            n_correct = 3 if session == "template" else 10
            reps = res.reps[:n_correct]
            rom = np.array([r.rom_deg for r in reps])
            ext = np.array([r.min_deg for r in reps])
            row.append(f"{session}: ROM {rom.mean():5.1f} +- {rom.std():4.1f} deg, extended "
                       f"to {ext.mean():5.1f} deg (count {len(res.reps)}/"
                       f"{truth[stem]['rep_count']})")
        print(f"  subject {subject}: " + "; ".join(row))


def _deg(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.degrees(np.arccos(min(1.0, abs(float(a @ b))))))


def knee_axis(root: Path | None) -> None:
    hinge, own = [], []
    for seed in range(20):
        _, g1, g2, j1, j2 = hinged_leg(seed, rate=100.0)
        est = estimate_joint_axes(g1, g2)
        if est.identifiable:
            hinge += [_deg(est.thigh_axis, j1), _deg(est.shank_axis, j2)]
        own += [_deg(principal_axis(g1).axis, j1), _deg(principal_axis(g2).axis, j2)]
    print(f"knee axis, 3-D thigh motion, 20 random mountings: identifiable in "
          f"{len(hinge) // 2}/20; axis error thigh+shank from both sensors: median "
          f"{np.median(hinge):.2f}, max {np.max(hinge):.2f} deg; each sensor's own main "
          f"axis: median {np.median(own):.2f}, max {np.max(own):.2f} deg")
    if root is None:
        return
    same, other = [], []
    for f in sorted(root.glob("s*_e*_t*.csv")):
        s = read_imu_csv(f).sensors
        n = min(len(b) for b in s.values())
        for thigh, out in (("right_thigh", same), ("left_thigh", other)):
            est = estimate_joint_axes(s[thigh].gyr_rad_s[:n], s["right_shank"].gyr_rad_s[:n])
            if est is not None and est.identifiable:
                out.append(est.residual)
    print(f"UCI, files where the movement pins the knee axis down: right thigh + right shank "
          f"{len(same)} files, residual median {np.median(same):.2f} (max "
          f"{np.max(same):.2f}); left thigh + right shank {len(other)} files, median "
          f"{np.median(other):.2f}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("uci", nargs="?")
    ap.add_argument("--mountings", type=int, default=200)
    args = ap.parse_args()
    random_mountings()
    invariance(args.mountings)
    if args.uci:
        uci(Path(args.uci))
    knee_axis(Path(args.uci) if args.uci else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
