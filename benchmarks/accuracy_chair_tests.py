"""Counting and timing of the chair-stand tests against the simulator's truth.

    python benchmarks/accuracy_chair_tests.py [--seeds N]

For the 30-second chair stand and five times sit to stand, simulated with random sensor
mountings at 25, 50 and 100 Hz, at a quick and a slow pace, smooth (minimum-jerk) and
trapezoid movement, thigh and shank sensors or the thigh alone, self-calibrated from the
recording as `monitor analyze` does: the count in 30 s against the truth (with the rule that
a stand more than halfway up at 30 s counts), and the five-stand time against the truth
(timed from the first movement to the fifth full stand). Prints exact / within one and the
time errors (median, 95th percentile, max).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.core.exercises import get_exercise
from monitor.signal.analysis import analyze_recording
from monitor.signal.simulate import simulate_session


def truth_count(sim, limit_s: float) -> int:
    reps = sim.reps
    t0 = reps[0].start_s
    end = t0 + limit_s
    stood = [r.peak_s - r.hold_s / 2 for r in reps]
    n = sum(t <= end for t in stood)
    under_way = next((r for r, t in zip(reps, stood, strict=True) if r.start_s < end < t),
                     None)
    if under_way is not None:
        frac = (end - under_way.start_s) / (under_way.peak_s - under_way.hold_s / 2
                                            - under_way.start_s)
        n += frac > 0.5
    return n


def truth_time(sim, count: int) -> float | None:
    if len(sim.reps) < count:
        return None
    r = sim.reps[count - 1]
    return (r.peak_s - r.hold_s / 2) - sim.reps[0].start_s


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=4)
    args = ap.parse_args()
    rows = []
    for test, reps in (("chair_stand_30s", 16), ("five_times_sit_to_stand", 7)):
        ex = get_exercise(test)
        for rate in (25.0, 50.0, 100.0):
            for pace, tempo in (("quick", (0.8, 0.2, 0.8, 0.2)), ("slow", (1.4, 0.4, 1.6, 0.6))):
                for profile in ("trapezoid", "minimum_jerk"):
                    for sensors in (("thigh", "shank"), ("thigh",)):
                        for seed in range(args.seeds):
                            sim = simulate_session(test, reps=reps, rate_hz=rate, seed=seed,
                                                   mounting="random", tempo_s=tempo,
                                                   profile=profile, sensors=sensors,
                                                   pauses=False)
                            res = analyze_recording(sim.recording, exercise_id=test)
                            tr = res.test_result or {}
                            if ex.kind == "count_in_time":
                                want = truth_count(sim, ex.time_limit_s)
                                got = tr.get("count")
                                err = None if got is None else got - want
                            else:
                                want = truth_time(sim, ex.count)
                                got = tr.get("time_s")
                                err = None if got is None or want is None else got - want
                            rows.append((test, rate, pace, profile, "+".join(sensors), seed,
                                         want, got, err))
    for test in ("chair_stand_30s", "five_times_sit_to_stand"):
        mine = [r for r in rows if r[0] == test]
        print(f"\n{test}: {len(mine)} simulated tests (random mountings, self-calibrated)")
        for key, idx in (("rate", 1), ("pace", 2), ("profile", 3), ("sensors", 4)):
            for value in sorted({r[idx] for r in mine}, key=str):
                part = [r for r in mine if r[idx] == value]
                errs = [r[8] for r in part if r[8] is not None]
                missing = sum(r[8] is None for r in part)
                if test == "chair_stand_30s":
                    exact = sum(e == 0 for e in errs)
                    within = sum(abs(e) <= 1 for e in errs)
                    print(f"  {key}={value!s:14s} exact {exact}/{len(part)}, within one "
                          f"{within}/{len(part)}, no result {missing}")
                else:
                    a = np.abs(errs) if errs else np.array([np.nan])
                    print(f"  {key}={value!s:14s} time error median {np.median(a):.3f} s, "
                          f"95th pct {np.percentile(a, 95):.3f} s, max {a.max():.3f} s, "
                          f"no result {missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
