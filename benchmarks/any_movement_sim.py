"""Any movement (no exercise given) on simulated standing exercises.

Heel raises from one lower-leg sensor strapped at random, through the live path (a live set
fed in batches of 5 as notifications come, uncalibrated and with the app's guided
calibration for a movement not in the list), at the catalogue's tempo and slowly (2 and
3 s per phase): counted live, in the set's summary, by replaying the stored set and by
`monitor analyze` of the samples; how many sets every view counted exactly.
Lunges with their step (leading leg), without it, and of the trailing leg, from the thigh
or the lower leg alone or both (random straps, at the catalogue's tempo and back to back,
as recorded and kept repetition by repetition): sets counted exactly.

Usage: python benchmarks/any_movement_sim.py [--seeds N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from calibration.guided import calibrate_any_movement
from devices.simulated import stream_batches
from monitor.core.orientation import OrientationTracker
from monitor.signal.analysis import analyze_recording
from monitor.signal.simulate import simulate_session, without_rests
from recordings.recorder import open_live_set
from recordings.replay import replay_set
from recordings.store import Store

RATE_HZ = 50.0


def heel_raise_views(seed: int, tempo_s, calibrated: bool, folder: Path) -> list[int]:
    sim = simulate_session("heel_raise", reps=8, rate_hz=RATE_HZ, seed=seed,
                           mounting="random", mounting_seed=seed, profile="minimum_jerk",
                           tempo_s=tempo_s, sensors=("shank",))
    mountings = None
    if calibrated:
        cal = simulate_session("heel_raise", reps=3, rate_hz=RATE_HZ, seed=seed + 100,
                               mounting="random", mounting_seed=seed, fidgets=False,
                               pauses=False, sensors=("shank",))
        b = cal.recording.sensors["shank"]
        o = OrientationTracker(RATE_HZ).update(b.time_s, b.acc_m_s2, b.gyr_rad_s)
        report = calibrate_any_movement({"shank": "shank"}, {"shank": o.up},
                                        {"shank": o.gyr_rad_s}, {"shank": RATE_HZ},
                                        accs={"shank": b.acc_m_s2})
        mountings = report.mountings() if report.accepted else None
    store = Store(folder / f"s{seed}_{calibrated}_{tempo_s}.db")
    store.save_patient("P01")
    session = store.new_session("P01", "intake")
    sensors = {"shank": {"placement": "right_shank", "segment": "shank", "rate_hz": RATE_HZ}}
    live, set_id = open_live_set(store, session, "any_movement", sensors, "shank", mountings)
    counted = 0
    for label, batch, arrival in stream_batches(sim, batch_size=5):
        counted += len(live.feed(label, batch, arrival))
    summary = live.finish()
    live.recorder.wait(10.0)
    replayed = len(replay_set(store, set_id).events)
    store.close()
    analysed = len(analyze_recording(sim.recording, exercise_id="none").reps)
    return [counted, summary["rep_count"], replayed, analysed]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=4)
    args = ap.parse_args()
    seeds = range(args.seeds)
    print("heel raises as any movement, lower-leg sensor, live path (sets of 8; exact in "
          "every view: live, summary, replay, analyze)")
    with tempfile.TemporaryDirectory() as tmp:
        for name, tempo in (("catalogue tempo", None), ("2 s per phase", (2.0, 1.0, 2.0, 1.0)),
                            ("3 s per phase", (3.0, 1.0, 3.0, 1.0))):
            for calibrated in (False, True):
                views = [heel_raise_views(s, tempo, calibrated, Path(tmp)) for s in seeds]
                exact = sum(all(v == 8 for v in vs) for vs in views)
                same = sum(len(set(vs)) == 1 for vs in views)
                how = "guided calibration" if calibrated else "uncalibrated"
                print(f"  {name:16s} {how:18s} exact {exact}/{len(views)}, the same in "
                      f"every view {same}/{len(views)}; counts {[vs[0] for vs in views]}")
    print("lunges as any movement (sets of 8; as recorded and kept repetition by repetition; "
          "catalogue tempo and back to back)")
    for variant in ("stepping", None, "trailing"):
        for sensor in ("shank", "thigh", None):
            exact = total = 0
            for seed in seeds:
                for tempo in (None, (2.0, 0.0, 2.0, 0.0)):
                    sim = simulate_session("lunge", reps=8, seed=seed, mounting="random",
                                           profile="minimum_jerk", variant=variant,
                                           fast_reps=1, low_amplitude_reps=1,
                                           low_amplitude=0.85, tempo_s=tempo)
                    for kept in (sim, without_rests(sim, seed)):
                        rec = kept.recording
                        if sensor is not None:
                            rec = replace(rec, sensors={sensor: rec.sensors[sensor]},
                                          placements={sensor: rec.placements[sensor]})
                        n = len(analyze_recording(rec, exercise_id="none").reps)
                        exact += n == 8
                        total += 1
            print(f"  {variant or 'without the step':16s} {sensor or 'both':6s} exact "
                  f"{exact}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
