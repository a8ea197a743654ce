"""Session store: write throughput, size on disk, replay-analysis time, opening a patient.

Usage: python benchmarks/store.py [--minutes 10]

1. Write throughput: 4 sensors at 200 Hz, batches of 5 samples as notifications come,
   through the recorder thread into SQLite (WAL, synchronous=FULL, commits every 0.25 s),
   as a multiple of real time.
2. Size on disk per hour of recording (4 sensors at 200 Hz and 2 sensors at 100 Hz).
3. Replay-analysis of one hour of two-sensor 100 Hz recording (extrapolated from MINUTES).
4. Opening a patient with 50 sessions: the session list and the progress query.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from sim_helpers import known_mountings

from devices.simulated import stream_batches
from monitor.core.samples import ImuBatch
from monitor.signal.simulate import simulate_session
from recordings.progress import progress
from recordings.recorder import SetRecorder, open_live_set
from recordings.replay import replay_set
from recordings.store import Store, quantize


def write_throughput(tmp: Path, minutes: float) -> tuple[float, float]:
    store = Store(tmp / "w.db")
    session = store.new_session("BENCH")
    set_id = store.new_set(session, None, {})
    rec = SetRecorder(store, set_id)
    rate, n = 200.0, int(minutes * 60 * 200)
    rng = np.random.default_rng(0)
    data = rng.normal(size=(n, 6))
    t = np.arange(n) / rate
    batches = [quantize(ImuBatch(t[i:i + 5], data[i:i + 5, :3], data[i:i + 5, 3:]))
               for i in range(0, n, 5)]
    t0 = time.perf_counter()
    for b in batches:
        for k in range(4):
            rec.add_samples(f"s{k}", b)
    rec.finish({})
    dt = time.perf_counter() - t0
    store.close()
    size = (tmp / "w.db").stat().st_size + sum(
        p.stat().st_size for p in tmp.glob("w.db-*"))
    return minutes * 60 / dt, size * 60 / minutes


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=10.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        speed, size_h = write_throughput(tmp, args.minutes)
        print(f"write: 4 sensors x 200 Hz, batches of 5: {speed:.0f}x real time; "
              f"{size_h / 1e6:.0f} MB per hour on disk")
        store = Store(tmp / "r.db")
        reps = int(args.minutes * 60 / 6.5)
        sim = simulate_session("knee_extension_seated", reps=reps, rate_hz=100, seed=1)
        session = store.new_session("P1", "intake")
        sensors = {lab: {"placement": f"right_{lab}", "segment": lab, "rate_hz": 100.0}
                   for lab in sim.recording.sensors}
        live, set_id = open_live_set(store, session, sim.exercise.id, sensors, "shank",
                                     known_mountings(sim))
        for lab, b, arr in stream_batches(sim, batch_size=5):
            live.feed(lab, b, arr)
        live.finish()
        minutes = sim.recording.duration_s / 60
        t0 = time.perf_counter()
        pipe = replay_set(store, set_id)
        dt = time.perf_counter() - t0
        assert len(pipe.events) == reps
        print(f"replay-analysis: {minutes:.1f} min of 2 sensors x 100 Hz in {dt:.2f} s -> "
              f"{dt * 60 / minutes:.1f} s per hour of recording")
        size = (tmp / "r.db").stat().st_size + sum(p.stat().st_size
                                                    for p in tmp.glob("r.db-*"))
        print(f"size: {size / minutes * 60 / 1e6:.0f} MB per hour (2 sensors x 100 Hz, "
              "with repetitions)")
        # A patient with 50 sessions of one short set each (copies of one set's rows).
        for k in range(49):
            s = store.new_session("P1", f"week {k + 1}")
            new_set = store.new_set(s, sim.exercise.id, {"shank": "right_shank"})
            store.db.execute("INSERT INTO reps(set_id, idx, data, algorithm) SELECT ?, idx, "
                             "data, algorithm FROM reps WHERE set_id=?", (new_set, set_id))
            store.db.execute("INSERT INTO chunks(set_id, sensor, t0, n, time, imu) SELECT ?, "
                             "sensor, t0, n, time, imu FROM chunks WHERE set_id=? LIMIT 40",
                             (new_set, set_id))
        store.close()
        t0 = time.perf_counter()
        store = Store(tmp / "r.db")
        listing = store.sessions("P1")
        rows = progress(store, "P1", sim.exercise.id)
        dt = time.perf_counter() - t0
        assert len(listing) == 50 and len(rows) == 50
        print(f"open a patient with 50 sessions (list + progress): {dt * 1e3:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
