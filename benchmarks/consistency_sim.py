"""Gyroscope/accelerometer agreement on simulated sets: how often each sensor's check says
what is true, as recorded and with the gyroscope read wrongly.

Usage: python benchmarks/consistency_sim.py [--seeds N]

Every catalogue exercise (12), random mountings, 25 and 100 Hz, gyroscope offsets up to
4 deg/s per axis; per sensor the verdict of calibration.quality.check_gyroscope as
recorded, with gyr_z inverted, with gyr_x and gyr_y swapped, and in deg/s. A wrong reading
the movement cannot show (the leg turns about axes the mistake leaves alone) is "agrees":
the analysis is then not affected either.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

import numpy as np

from calibration.quality import check_gyroscope
from monitor.signal.simulate import simulate_session

EXERCISES = ("knee_extension_seated", "straight_leg_raise", "hip_abduction_side_lying",
             "hip_abduction_standing", "hip_extension_prone", "sit_to_stand", "squat",
             "knee_flexion_standing", "step_up", "lunge", "bridge", "heel_raise")
READ_AS = {"as recorded": (np.eye(3), "x,y,z"),
           "gyr_z inverted": (np.diag([1.0, 1.0, -1.0]), "x,y,-z"),
           "gyr_x, gyr_y swapped": (np.array([[0.0, 1, 0], [1, 0, 0], [0, 0, 1]]), "y,x,z"),
           "deg/s": (np.eye(3) * 180.0 / np.pi, None)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=3)
    args = ap.parse_args()
    tally = {k: Counter() for k in READ_AS}
    for ex in EXERCISES:
        for seed in range(args.seeds):
            for rate in (25.0, 100.0):
                sim = simulate_session(ex, reps=8, rate_hz=rate, seed=seed, mounting="random",
                                       gyr_bias_rad_s=np.radians(4.0))
                for b in sim.recording.sensors.values():
                    for name, (m, mapping) in READ_AS.items():
                        c = check_gyroscope(b.time_s, b.acc_m_s2, b.gyr_rad_s @ m.T)
                        if c.verdict == "axes":
                            key = "named right" if c.mapping == mapping else f"named {c.mapping}"
                        elif c.verdict == "deg_per_s":
                            key = "named right" if mapping is None else "named deg/s"
                        else:
                            key = c.verdict
                        tally[name][key] += 1
    print(f"simulated sets: {len(EXERCISES)} exercises x {args.seeds} seeds x 25/100 Hz, "
          "random mountings, gyroscope offsets up to 4 deg/s")
    for name, counts in tally.items():
        total = sum(counts.values())
        parts = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
        print(f"  {name:22s} ({total} sensors): {parts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
