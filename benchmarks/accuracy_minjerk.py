"""Counting, range of motion and tempo on human-like simulated movement.

Every catalogue exercise with repetitions (and the simulator's variants: a lunge with the
step forward, the trailing leg of a lunge and of a split squat), minimum-jerk phases
(Flash & Hogan 1985), random mountings, self-calibrated from the recording, 100 Hz, with
fast and low-amplitude repetitions, three seeds each, under three conditions:

- as recorded;
- gaps: the set kept repetition by repetition (0.6-2.4 s without samples between two
  repetitions, 0.1 s of rest left on each side);
- compound, exercise not given: the thigh also abducts and rotates (15 deg), counted as
  any movement (counts only: the angle is then the segment's own turn).

Prints per exercise the sets counted exactly and, over those, the per-rep ROM error and
the phase errors (durations and boundaries, s), 95th percentile; then the totals.

Usage: python benchmarks/accuracy_minjerk.py [--seeds N] [--exercise ID ...] [--condition NAME ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from sim_helpers import compare

from monitor.core.exercises import catalogue
from monitor.signal.analysis import analyze_recording
from monitor.signal.simulate import simulate_session, without_rests

CONDITIONS = ("as recorded", "gaps", "compound, any movement")


def cases() -> list[tuple[str, str | None]]:
    out = []
    for e in sorted(catalogue().values(), key=lambda e: e.id):
        if e.kind != "repetitions" or e.counts_any_movement:
            continue
        out.append((e.id, None))
        out += [(e.id, v) for v in e.sim.get("variants", {})]
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--exercise", nargs="*", help="only these exercises")
    ap.add_argument("--condition", nargs="*", choices=("recorded", "gaps", "compound"),
                    help="only these conditions")
    args = ap.parse_args()
    short = dict(zip(("recorded", "gaps", "compound"), CONDITIONS, strict=True))
    conditions = [short[c] for c in args.condition] if args.condition else list(CONDITIONS)
    print(f"minimum-jerk simulated sets: random mountings, self-calibrated, 100 Hz, "
          f"{args.seeds} seeds")
    totals = {c: [0, 0, [], []] for c in conditions}
    for ex, variant in cases():
        if args.exercise and ex not in args.exercise:
            continue
        row = []
        for cond in conditions:
            exact, rom, phase = 0, [], []
            for seed in range(args.seeds):
                sim = simulate_session(ex, reps=8, seed=seed, mounting="random",
                                       profile="minimum_jerk", variant=variant,
                                       fast_reps=1, low_amplitude_reps=1, low_amplitude=0.6,
                                       compound_deg=15.0 if cond.startswith("compound")
                                       else 0.0)
                if cond == "gaps":
                    sim = without_rests(sim, seed)
                res = analyze_recording(sim.recording, keep_series=True,
                                        exercise_id="none" if cond.startswith("compound")
                                        else None)
                if cond.startswith("compound"):
                    exact += len(res.reps) == len(sim.reps)
                    continue
                c = compare(sim, res)
                if c["count"] == c["true_count"]:
                    exact += 1
                    rom += list(c["rom_err"])
                    phase += list(c["phase_err"])
            t = totals[cond]
            t[0] += exact
            t[1] += args.seeds
            t[2] += rom
            t[3] += phase
            figs = (f", ROM {np.percentile(rom, 95):.2f} deg, phases "
                    f"{np.percentile(phase, 95):.3f} s" if rom else "")
            row.append(f"{cond}: {exact}/{args.seeds}{figs}")
        name = ex if variant is None else f"{ex} ({variant})"
        print(f"  {name:34s} " + "; ".join(row))
    for cond, (exact, n, rom, phase) in totals.items():
        figs = (f"; ROM error 95th pct {np.percentile(rom, 95):.2f} deg (max {np.max(rom):.1f}),"
                f" phases 95th pct {np.percentile(phase, 95):.3f} s" if rom else "")
        print(f"{cond}: exact {exact}/{n}{figs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
