"""Simulated lunges kept as recordings cut while the leg moves (as the CMU-MBL files are).

Two ways of cutting a simulated set of 8 lunges (random straps, the catalogue's tempo,
4 seeds), each sensor of the leg alone, with and without the exercise given:
- the recording starts part of the way into the first lunge (``--into`` s after its start,
  and twice and three times that): the rest of that movement must not count on its own;
- each lunge kept as a file of its own that starts ``--into`` s after the lunge starts and
  ends that long before it ends (no rest is left, each file starts and ends in movement).
It prints the counts (8 expected) per seed.

Usage: python benchmarks/cut_in_movement_sim.py [--into S] [--seeds N]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

import numpy as np

from monitor.core.samples import ImuBatch, ImuRecording
from monitor.signal.analysis import analyze_recording
from monitor.signal.simulate import SimulatedSession, simulate_session


def kept(sim: SimulatedSession, spans: list[tuple[float, float]], sensor: str) -> ImuRecording:
    """One sensor's samples within the spans only."""
    b = sim.recording.sensors[sensor]
    keep = np.zeros(len(b), dtype=bool)
    for t0, t1 in spans:
        keep |= (b.time_s >= t0) & (b.time_s <= t1)
    return replace(sim.recording,
                   sensors={sensor: ImuBatch(b.time_s[keep], b.acc_m_s2[keep],
                                             b.gyr_rad_s[keep])},
                   placements={sensor: sim.recording.placements[sensor]})


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--into", type=float, default=0.3)
    ap.add_argument("--seeds", type=int, default=4)
    args = ap.parse_args()
    d = args.into
    print(f"simulated sets of 8 lunges cut in movement ({d:.1f} s into it), counts per seed "
          "(without the exercise / with it)")
    for variant in ("stepping", None, "trailing"):
        sims = [simulate_session("lunge", reps=8, seed=seed, mounting="random",
                                 profile="minimum_jerk", variant=variant)
                for seed in range(args.seeds)]
        for sensor in ("thigh", "shank"):
            for how in ("starts in the first lunge", "each lunge cut at both ends"):
                counts = []
                for sim in sims:
                    if how.startswith("starts"):
                        recs = [kept(sim, [(sim.reps[0].start_s + k * d, np.inf)], sensor)
                                for k in (1, 2, 3)]
                    else:
                        recs = [kept(sim, [(r.start_s + d, r.end_s - d) for r in sim.reps],
                                     sensor)]
                    counts.append("/".join(
                        f"{len(analyze_recording(r, exercise_id='none').reps)},"
                        f"{len(analyze_recording(r, exercise_id='lunge').reps)}"
                        for r in recs))
                exact = sum(all(c == "8,8" for c in cs.split("/")) for cs in counts)
                print(f"  {variant or 'without the step':16s} {sensor:5s} {how:27s} "
                      f"exact {exact}/{len(counts)}: {' '.join(counts)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
