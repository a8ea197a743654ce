"""Processor time of the computations that the analysis, the live view and the simulator
spend most of it in, on fixed simulated inputs.

Usage: python benchmarks/kernels.py [--compare OTHER_CHECKOUT] [--repeat 5] [--rounds 3]

Each kernel runs REPEAT times; the best processor time is printed (ms). With --compare,
this checkout's code and OTHER_CHECKOUT's run in turn as separate processes, ROUNDS times
each, and the best of each is printed side by side with the ratio (other / this). The
machine's speed drifts within minutes and by the hour: only such side-by-side figures
compare.

Kernels:
- joint axes: the knee axis from thigh and shank gyroscopes (calibration.hinge), 4000
  moving samples of simulated squats;
- gyroscope check: the gravity-carrying test of a sensor's axes (calibration.quality), one
  shank of a 2-minute set at 100 Hz;
- simulate: one set of 10 seated knee extensions at 100 Hz (monitor.signal.simulate);
- analyze: the whole analysis of that set with its mounting unknown (self-calibration);
- live: the pipeline fed 1-5 samples at a time as notifications come, 60 s of two sensors.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best * 1000.0


def measure(repeat: int) -> dict[str, float]:
    import numpy as np

    from calibration.hinge import estimate_joint_axes
    from calibration.mounting import Mounting
    from calibration.quality import check_gyroscope
    from monitor.signal.analysis import analyze_recording
    from monitor.signal.pipeline import Pipeline
    from monitor.signal.simulate import simulate_session

    squat = simulate_session("squat", reps=12, rate_hz=100, seed=2, mounting="random")
    g1 = squat.recording.sensors["thigh"].gyr_rad_s
    g2 = squat.recording.sensors["shank"].gyr_rad_s
    long = simulate_session("knee_extension_seated", reps=20, rate_hz=100, seed=3,
                            mounting="random").recording.sensors["shank"]
    n = 120 * 100
    knee = simulate_session("knee_extension_seated", reps=10, rate_hz=100, seed=4,
                            mounting="random")

    def live() -> None:
        rec = knee.recording
        labels = list(rec.sensors)
        mountings = {lab: Mounting.from_rotation(m) for lab, m in knee.mountings.items()}
        pipe = Pipeline({lab: lab for lab in labels}, dict.fromkeys(labels, 100.0),
                        knee.exercise, "shank", mountings, keep_series=False)
        rng = np.random.default_rng(0)
        pos = dict.fromkeys(labels, 0)
        end = {lab: min(len(rec.sensors[lab].time_s), 6000) for lab in labels}
        while any(pos[lab] < end[lab] for lab in labels):
            for lab in labels:
                a = pos[lab]
                if a >= end[lab]:
                    continue
                b = min(end[lab], a + int(rng.integers(1, 6)))
                part = rec.sensors[lab].slice(a, b)
                pipe.feed(lab, part.time_s, part.acc_m_s2, part.gyr_rad_s)
                pos[lab] = b

    kernels = {
        "joint axes (4000 samples)": lambda: estimate_joint_axes(g1, g2),
        "gyroscope check (2 min)": lambda: check_gyroscope(long.time_s[:n], long.acc_m_s2[:n],
                                                           long.gyr_rad_s[:n], 100.0),
        "simulate (10 reps, 100 Hz)": lambda: simulate_session(
            "knee_extension_seated", reps=10, rate_hz=100, seed=5, mounting="random"),
        "analyze (10 reps, unknown mounting)": lambda: analyze_recording(knee.recording),
        "live feed (60 s, 1-5 samples)": live,
    }
    return {name: _best(fn, repeat) for name, fn in kernels.items()}


def _child(checkout: Path, repeat: int) -> dict[str, float]:
    env = dict(os.environ, KERNELS_ROOT=str(checkout))
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--json",
                          "--repeat", str(repeat)], cwd=checkout, env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--compare", type=Path, help="another checkout to time alongside")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3,
                    help="with --compare: this many alternating runs of each checkout")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.json or args.compare is None:
        here = measure(args.repeat)
        if args.json:
            print(json.dumps(here))
            return 0
        other: dict[str, float] = {}
    else:
        # Alternating runs, the best of each: the machine's speed drifts within minutes.
        here, other = {}, {}
        for _ in range(args.rounds):
            for best, checkout in ((here, ROOT), (other, args.compare.resolve())):
                for name, ms in _child(checkout, args.repeat).items():
                    best[name] = min(ms, best.get(name, float("inf")))
    print(f"{'kernel':38s} {'this (ms)':>10s}" + (f" {'other (ms)':>11s} {'ratio':>6s}"
                                                   if other else ""))
    for name, ms in here.items():
        line = f"{name:38s} {ms:10.1f}"
        if name in other:
            line += f" {other[name]:11.1f} {other[name] / ms:6.2f}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.environ.get("KERNELS_ROOT", str(ROOT)))
    sys.exit(main())
