"""Accuracy on simulated sets with exact ground truth (sensors aligned with the segments).

Usage: python benchmarks/accuracy_sim.py [--sets N]
Every catalogue exercise that moves in the simulator, at 25/50/100/200 Hz, with fast and
low-amplitude repetitions, pauses and fidgets. Prints: sets counted exactly, knee-angle (or
reported-angle) RMSE, 95th percentile of per-rep ROM error and of phase-duration errors,
and the worst reporting latency after a repetition's end.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from sim_helpers import compare, known_mountings, run_known

from monitor.core.exercises import catalogue
from monitor.signal.analysis import analyze_recording
from monitor.signal.simulate import simulate_session

RATES = (25.0, 50.0, 100.0, 200.0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", type=int, default=3, help="sets per exercise and rate")
    args = ap.parse_args()
    exercises = [e.id for e in catalogue().values() if e.kind == "repetitions"]
    exact = total = 0
    rmse, rom, phase, latency, knee_rmse = [], [], [], [], []
    seed = 0
    for ex in exercises:
        for rate in RATES:
            for _ in range(args.sets):
                seed += 1
                sim = simulate_session(ex, reps=10, rate_hz=rate, seed=seed, fast_reps=2,
                                       low_amplitude_reps=2)
                res = compare(sim, run_known(sim))
                total += 1
                exact += res["count"] == res["true_count"]
                rmse.append(res["rmse_deg"])
                if sim.exercise.angle == "knee_flexion_deg":
                    knee_rmse.append(res["rmse_deg"])
                if "rom_err" in res:
                    rom += list(res["rom_err"])
                    phase += list(res["phase_err"])
                    latency += list(res["latency"])
                else:
                    print(f"  miscount: {ex} {rate:g} Hz seed {seed}: {res['count']} / "
                          f"{res['true_count']}")
    print(f"simulated sets (aligned sensors): {total} sets, {len(exercises)} exercises, "
          f"rates {', '.join(f'{r:g}' for r in RATES)} Hz")
    print(f"  exact counts: {exact}/{total}")
    print(f"  knee angle RMSE: mean {np.mean(knee_rmse):.2f} deg, max {np.max(knee_rmse):.2f} "
          f"deg; reported angle RMSE over all exercises: max {np.max(rmse):.2f} deg")
    print(f"  per-rep ROM error: median {np.median(rom):.2f}, 95th pct "
          f"{np.percentile(rom, 95):.2f} deg (n={len(rom)})")
    print(f"  phase durations and boundaries: median {np.median(phase):.3f}, 95th pct "
          f"{np.percentile(phase, 95):.3f} s")
    print(f"  reporting latency after a rep's end: median {np.median(latency):.3f}, max "
          f"{np.max(latency):.3f} s")
    rise_accuracy()
    swing_accuracy()
    knee_lock_accuracy()
    thigh_on_chair_accuracy()
    return 0


def swing_accuracy() -> None:
    """Fast seated knee extensions that swing back past the start posture (15 % of the
    movement) and turn there without a rest: boundaries at the posture, not at the turn."""
    exact = total = 0
    rom, phase, latency = [], [], []
    for rate in RATES:
        for seed in range(3):
            sim = simulate_session("knee_extension_seated", reps=10, rate_hz=rate,
                                   seed=700 + seed, fast_reps=6, swing_back=0.15)
            res = compare(sim, run_known(sim))
            total += 1
            if res["count"] != res["true_count"]:
                continue
            exact += 1
            rom += list(res["rom_err"])
            phase += list(res["phase_err"])
            latency += list(res["latency"])
    print(f"  fast reps swinging back past the start posture: exact {exact}/{total}, ROM error "
          f"95th pct {np.percentile(rom, 95):.2f} deg, phases 95th pct "
          f"{np.percentile(phase, 95):.3f} s, latency max {np.max(latency):.3f} s")


def knee_lock_accuracy() -> None:
    """Straight-leg raises whose knee locks (6 deg) 0.15-0.35 s before the lift: the rep
    starts with the shank. With both sensors, and with the thigh sensor alone, same sets."""
    out = {}
    for sensors in (("thigh", "shank"), ("thigh",)):
        exact = total = 0
        start, phase = [], []
        for rate in RATES:
            for seed in range(3):
                sim = simulate_session("straight_leg_raise", reps=10, rate_hz=rate,
                                       seed=800 + seed, fast_reps=3, low_amplitude_reps=3,
                                       knee_lock_deg=6.0, sensors=sensors)
                res = compare(sim, run_known(sim))
                total += 1
                if res["count"] != res["true_count"]:
                    continue
                exact += 1
                phase += list(res["phase_err"])
                start += list(res["phase_err"][3::6])       # start_s of each rep
        out[sensors] = (exact, total, np.percentile(start, 95), np.percentile(phase, 95))
    (e2, t2, s2, p2), (e1, t1, s1, p1) = out[("thigh", "shank")], out[("thigh",)]
    print(f"  straight-leg raises, knee locking before the lift: thigh + shank sensors exact "
          f"{e2}/{t2}, start error 95th pct {s2:.3f} s, phases {p2:.3f} s; thigh sensor alone "
          f"exact {e1}/{t1}, start {s1:.3f} s, phases {p1:.3f} s")


def rise_accuracy() -> None:
    """Heel raises: the reported rise against the shank sensor's true rise, per rate."""
    parts = []
    for rate in RATES:
        errs = []
        for seed in range(5):
            sim = simulate_session("heel_raise", reps=10, rate_hz=rate, seed=500 + seed,
                                   mounting="random", fast_reps=2, low_amplitude_reps=2)
            res = run_known(sim)
            if len(res.reps) != len(sim.reps):
                continue
            h = sim.sensor_height_m["shank"]
            for r, t in zip(res.reps, sim.reps, strict=True):
                sel = (sim.time_s >= t.start_s) & (sim.time_s <= t.end_s)
                errs.append(abs(r.rise_cm - 100 * np.ptp(h[sel])))
        parts.append(f"{rate:g} Hz {np.median(errs):.2f}/{np.percentile(errs, 95):.2f}")
    print("  heel raise rise error (cm, median/95th pct; 50 reps per rate incl. fast and "
          "low): " + ", ".join(parts))
    # Slow heel raises: the vertical acceleration is within one sample's noise.
    parts = []
    for tempo, low in ((2.0, 0), (3.0, 0), (1.5, 2), (2.0, 2)):
        exact = total = 0
        for rate in (25.0, 50.0, 100.0):
            for seed in range(3):
                sim = simulate_session("heel_raise", reps=8, rate_hz=rate, seed=600 + seed,
                                       mounting="random", low_amplitude_reps=low,
                                       tempo_s=(tempo, tempo, tempo, tempo))
                total += 1
                exact += len(run_known(sim).reps) == len(sim.reps)
        parts.append(f"{tempo:g} s per phase{' with half-height reps' if low else ''} "
                     f"{exact}/{total}")
    print("  slow heel raises, sets counted exactly (25/50/100 Hz): " + ", ".join(parts))



# (hip helps by, thigh rolls by) at each rep's turning point, deg; the roll varies 0.5-1.5x
# from rep to rep.
THIGH_LIFTS = ((15.0, 0.0), (10.0, 5.0), (15.0, 10.0), (10.0, -10.0), (20.0, 12.0))
THIGH_ROLLS = ((0.0, 10.0), (3.0, 10.0), (5.0, 10.0), (0.0, -12.0))


def thigh_on_chair_accuracy() -> None:
    """Seated knee extensions where the thigh lifts and rolls off the chair, sensors strapped
    on at random: the thigh sensor is not calibrated (it rests during a calibration), yet
    measured. Self-calibrated from the set; with the lower leg calibrated alone (as live,
    after the guided calibration); and the lower-leg sensor alone (the angle assumes the
    thigh stays on the chair). Same sets, side by side."""
    for title, cases in (("thigh lifts (and rolls)", THIGH_LIFTS),
                         ("thigh mostly rolls", THIGH_ROLLS), ("thigh still", ((0.0, 0.0),))):
        out: dict[str, list[float]] = {"self-calibrated": [], "lower leg calibrated": [],
                                       "lower-leg sensor alone": []}
        exact = total = 0
        for helps, roll in cases:
            for rate in (50.0, 100.0):
                for seed in range(3):
                    sim = simulate_session("knee_extension_seated", reps=8, rate_hz=rate,
                                           seed=900 + seed, mounting="random", fast_reps=2,
                                           low_amplitude_reps=2, hip_helps_deg=helps,
                                           hip_rotation_deg=roll)
                    rec = sim.recording
                    alone = type(rec)(sensors={"shank": rec.sensors["shank"]},
                                      placements={"shank": rec.placements["shank"]},
                                      exercise=rec.exercise, side=rec.side)
                    runs = {"self-calibrated": analyze_recording(rec, keep_series=True),
                            "lower leg calibrated": analyze_recording(
                                rec, mountings={"shank": known_mountings(sim)["shank"]},
                                keep_series=True),
                            "lower-leg sensor alone": analyze_recording(alone,
                                                                        keep_series=True)}
                    for name, result in runs.items():
                        res = compare(sim, result)
                        total += 1
                        if res["count"] == res["true_count"]:
                            exact += 1
                            out[name] += list(res["rom_err"])
        parts = [f"{name} ROM error 95th pct {np.percentile(v, 95):.2f} max {np.max(v):.2f}"
                 for name, v in out.items()]
        print(f"  seated knee extension, {title}: exact {exact}/{total}; " + "; ".join(parts))


if __name__ == "__main__":
    sys.exit(main())
