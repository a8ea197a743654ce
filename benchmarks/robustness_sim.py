"""Counting and range of motion when the stream is not clean, on simulated sets.

Every catalogue exercise with repetitions, three seeds each, random mountings, fast and
low-amplitude repetitions, self-calibrated from the recording (as `monitor analyze` does),
under one condition at a time:

- clean: as simulated;
- long holds: "lift and hold for 10 seconds" (6-16 s with the tempo variation);
- lost samples: 5 % of the samples in runs of 1-3, and one 0.3-s burst per sensor;
- lost bursts: five 0.3-s bursts per sensor;
- jittered time stamps: each sample late by up to 0.6 of a sample period;
- clock offset: the two sensors' clocks 0.37 s apart;
- sensors at different rates: the thigh at half the shank's rate;
- silence and garbage: the sensor that gives the angle silent for 1.5 s in the middle of
  a repetition, and later a sample that is not a number and three at 1000 rad/s.

Prints per condition the sets counted exactly, and over those the per-rep ROM error (95th
percentile, max); with silence and garbage the rep during the silence is left out of the
ROM figures (it is flagged: its rotation meanwhile is unknown).

Usage: python benchmarks/robustness_sim.py [--seeds N]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from sim_helpers import with_lost_samples

from monitor.core.exercises import catalogue
from monitor.core.samples import ImuBatch
from monitor.signal.analysis import analyze_recording
from monitor.signal.simulate import simulate_session

RATE_HZ = 100.0


def _retimed(sim, how: str, rng: np.random.Generator):
    sensors = {}
    for label, b in sim.recording.sensors.items():
        t, keep = b.time_s.copy(), np.ones(len(b), dtype=bool)
        period = float(np.median(np.diff(t)))
        if how == "jitter":
            t = t + rng.uniform(0.0, 0.6, len(t)) * period
            t = np.maximum.accumulate(t) + np.arange(len(t)) * 1e-7
        elif how == "offset" and label == "thigh":
            t = t + 0.37
        elif how == "half_rate" and label == "thigh":
            keep = np.arange(len(t)) % 2 == 0
        sensors[label] = ImuBatch(t[keep], b.acc_m_s2[keep], b.gyr_rad_s[keep], None)
    return replace(sim, recording=replace(sim.recording, sensors=sensors))


def _silence_and_garbage(sim):
    label = sim.exercise.primary
    b = sim.recording.sensors[label]
    t0 = sim.reps[3].start_s + 0.3
    keep = ~((b.time_s >= t0) & (b.time_s < t0 + 1.5))
    acc, gyr = b.acc_m_s2.copy(), b.gyr_rad_s.copy()
    i = int(np.searchsorted(b.time_s, sim.reps[5].start_s + 0.4))
    acc[i] = np.nan
    gyr[i + 5:i + 8] = 1000.0
    sensors = dict(sim.recording.sensors)
    sensors[label] = ImuBatch(b.time_s[keep], acc[keep], gyr[keep], None)
    return replace(sim, recording=replace(sim.recording, sensors=sensors)), 3


CONDITIONS = ("clean", "long holds", "lost samples", "lost bursts", "jittered time stamps",
              "clock offset", "sensors at different rates", "silence and garbage")


def run(condition: str, exercise: str, seed: int):
    kw = {"reps": 8, "rate_hz": RATE_HZ, "seed": seed, "mounting": "random",
          "fast_reps": 2, "low_amplitude_reps": 2}
    if condition == "long holds":
        kw.update(tempo_s=(2.0, 10.0, 2.0, 2.0), fast_reps=0, low_amplitude_reps=0)
    sim = simulate_session(exercise, **kw)
    truth, skip = sim, None
    rng = np.random.default_rng(seed)
    if condition == "lost samples":
        sim = with_lost_samples(sim, seed)
    elif condition == "lost bursts":
        sim = with_lost_samples(sim, seed, share=0.0, bursts=5)
    elif condition == "jittered time stamps":
        sim = _retimed(sim, "jitter", rng)
    elif condition == "clock offset":
        sim = _retimed(sim, "offset", rng)
    elif condition == "sensors at different rates":
        sim = _retimed(sim, "half_rate", rng)
    elif condition == "silence and garbage":
        sim, skip = _silence_and_garbage(sim)
    reps = analyze_recording(sim.recording).reps
    if len(reps) != len(truth.reps):
        return False, []
    return True, [abs(r.rom_deg - t.rom_deg) for i, (r, t) in
                  enumerate(zip(reps, truth.reps, strict=True)) if i != skip]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=3)
    args = ap.parse_args()
    exercises = sorted(e.id for e in catalogue().values() if e.kind == "repetitions")
    print(f"robustness on simulated sets: {len(exercises)} exercises x {args.seeds} seeds, "
          f"{RATE_HZ:g} Hz, random mountings, self-calibrated")
    for condition in CONDITIONS:
        exact, errors, off = 0, [], []
        for ex in exercises:
            for seed in range(args.seeds):
                ok, err = run(condition, ex, seed)
                exact += ok
                errors += err
                if not ok:
                    off.append(f"{ex}/{seed}")
        n = len(exercises) * args.seeds
        rom = (f"ROM error 95th pct {np.percentile(errors, 95):.2f} deg, max "
               f"{np.max(errors):.1f}" if errors else "no ROM figures")
        print(f"  {condition:27s} exact {exact}/{n}; {rom}"
              + (f"; miscounted: {', '.join(off)}" if off else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
