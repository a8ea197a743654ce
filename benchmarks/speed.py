"""Speed of the analysis and of the live path.

Usage: python benchmarks/speed.py [--minutes 60] [--rate 100]

1. `monitor analyze` work (read + validate the IMU CSV, calibrate, orientation, angles,
   repetitions) on MINUTES of two-sensor data at RATE Hz, against the bare minimum measured
   in the same run: parsing the same CSV with numpy.loadtxt and running VQF alone on each
   sensor. Prints samples per second and the ratio.
2. Live path: Pipeline.feed on batches of 1-10 samples as notifications come, alternating
   thigh and shank: median and 99th percentile of the processing time per batch.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from vqf import VQF

from calibration.mounting import Mounting
from monitor.core.samples import ImuBatch
from monitor.signal.analysis import analyze_recording
from monitor.signal.pipeline import Pipeline
from monitor.signal.simulate import simulate_session
from recordings.imu_csv import ImuRecording, read_imu_csv, write_imu_csv


def long_recording(minutes: float, rate: float) -> ImuRecording:
    """Tile a simulated 5-minute set to the wanted length (timing only; joins are fine)."""
    base = simulate_session("knee_extension_seated", reps=50, rate_hz=rate, seed=1)
    rec = base.recording
    reps = int(np.ceil(minutes * 60 / rec.duration_s))
    sensors = {}
    for lab, b in rec.sensors.items():
        span = b.time_s[-1] + 1.0 / rate
        t = np.concatenate([b.time_s + k * span for k in range(reps)])
        n = int(minutes * 60 * rate)
        sensors[lab] = ImuBatch(t[:n], np.tile(b.acc_m_s2, (reps, 1))[:n],
                                np.tile(b.gyr_rad_s, (reps, 1))[:n])
    return ImuRecording(sensors, rec.placements, rec.exercise, rec.side)


def bare_minimum(path: Path) -> float:
    t0 = time.perf_counter()
    text = path.read_text()
    num = np.loadtxt(io.StringIO(text), delimiter=",", skiprows=1,
                     usecols=(0, 2, 3, 4, 5, 6, 7), comments=None)
    labels = np.loadtxt(io.StringIO(text), delimiter=",", skiprows=1, usecols=1, dtype=str,
                        comments=None)
    for lab in np.unique(labels):
        block = num[labels == lab]
        rate = 1.0 / np.median(np.diff(block[:, 0]))
        VQF(1.0 / rate).updateBatch(np.ascontiguousarray(block[:, 4:7]),
                                    np.ascontiguousarray(block[:, 1:4]))
    return time.perf_counter() - t0


def ours(path: Path) -> tuple[float, int]:
    t0 = time.perf_counter()
    rec = read_imu_csv(path)
    res = analyze_recording(rec)
    return time.perf_counter() - t0, len(res.reps)


def live(rate: float, exercise: str = "knee_extension_seated", shank_only: bool = False
         ) -> np.ndarray:
    """Per-batch processing times. ``shank_only``: the thigh is not calibrated (as after a
    guided calibration of a seated knee extension) and measured on the chair instead."""
    sim = simulate_session(exercise, reps=30, rate_hz=rate, seed=2,
                           hip_helps_deg=10.0 if shank_only else 0.0)
    rec = sim.recording
    mount = {lab: Mounting.from_rotation(m) for lab, m in sim.mountings.items()
             if lab == "shank" or not shank_only}
    pipe = Pipeline({"thigh": "thigh", "shank": "shank"},
                    dict.fromkeys(rec.sensors, rate), sim.exercise, "shank", mount,
                    keep_series=False)
    rng = np.random.default_rng(0)
    parts = []
    for lab, b in rec.sensors.items():
        sizes = list(rng.integers(1, 11, size=len(b)))
        parts += [(p.time_s[-1], lab, p) for p in b.split(sizes)]
    parts.sort(key=lambda x: (x[0], x[1]))
    times = []
    for _, lab, p in parts:
        t0 = time.perf_counter()
        pipe.feed(lab, p.time_s, p.acc_m_s2, p.gyr_rad_s)
        times.append(time.perf_counter() - t0)
    assert len(pipe.events) == 30, len(pipe.events)
    return np.array(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=60.0)
    ap.add_argument("--rate", type=float, default=100.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.csv"
        rec = long_recording(args.minutes, args.rate)
        write_imu_csv(path, rec)
        n = sum(len(b) for b in rec.sensors.values())
        bare = bare_minimum(path)
        mine, reps = ours(path)
        bare2 = bare_minimum(path)
        bare = min(bare, bare2)
        print(f"analyze: {args.minutes:g} min, 2 sensors at {args.rate:g} Hz = {n} samples, "
              f"{path.stat().st_size / 1e6:.0f} MB CSV, {reps} repetitions")
        print(f"  bare minimum (numpy.loadtxt + VQF): {bare:.2f} s = {n / bare / 1e3:.0f} "
              "k samples/s")
        print(f"  monitor analyze pipeline:           {mine:.2f} s = {n / mine / 1e3:.0f} "
              f"k samples/s; ratio {mine / bare:.2f}x")
    for exercise, shank_only in (("knee_extension_seated", False),
                                 ("knee_extension_seated", True), ("heel_raise", False)):
        t = live(args.rate, exercise, shank_only) * 1e3
        what = exercise + (", thigh on the chair measured" if shank_only else "")
        print(f"live ({what}): {len(t)} batches of 1-10 samples, two sensors at "
              f"{args.rate:g} Hz: per batch median {np.median(t):.3f} ms, 99th pct "
              f"{np.percentile(t, 99):.3f} ms, max {t.max():.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
