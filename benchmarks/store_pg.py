"""The store on SQLite and on PostgreSQL side by side.

Usage: python benchmarks/store_pg.py [--pg URL] [--minutes 5] [--offline-minutes 60]
                                     [--patients 500] [--sets 20000]

Without --pg a PostgreSQL server of its own is started in a temporary folder (the Debian
package's binaries, durable settings: fsync on, synchronous_commit on), on a unix socket of
this computer: the figures are the database's, not a network's (add your network's round
trip per commit for a server elsewhere).

1. Recording throughput: 4 sensors at 200 Hz in notifications of 5 samples, through the
   recorder thread (commits every 0.25 s), as a multiple of real time.
2. Commit latency of 0.5 s of samples (4 sensors x 100 samples, as 80 notifications of 5):
   median, 95th percentile and maximum over 200 commits.
3. A practice-sized history (PATIENTS patients, SETS sets over 4 measurement moments each,
   10 repetitions per set): opening a patient's history (the session list), the progress
   of one exercise, the patient list; median over 20 patients.
4. An hour recorded offline (4 sensors at 200 Hz in the local spool, committed every
   0.25 s): the time to upload it to the server, exactly once.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from monitor.core.samples import ImuBatch
from recordings.progress import progress
from recordings.recorder import SetRecorder
from recordings.spool import Spool, SpoolWriter, new_uid, upload
from recordings.store import chunk_row, open_store, quantize

RATE_HZ = 200.0
SENSORS = 4


def _batches(seconds: float, rng: np.random.Generator) -> list[ImuBatch]:
    n = int(seconds * RATE_HZ)
    data = rng.normal(size=(n, 6))
    t = np.arange(n) / RATE_HZ
    return [quantize(ImuBatch(t[i:i + 5], data[i:i + 5, :3], data[i:i + 5, 3:]))
            for i in range(0, n, 5)]


def throughput(target: str, minutes: float) -> float:
    store = open_store(target)
    session = store.new_session("BENCH")
    set_id = store.new_set(session, None, {})
    rec = SetRecorder(store, set_id)
    batches = _batches(minutes * 60, np.random.default_rng(0))
    t0 = time.perf_counter()
    for b in batches:
        for k in range(SENSORS):
            rec.add_samples(f"s{k}", b)
    rec.finish({}, timeout_s=None)
    dt = time.perf_counter() - t0
    store.close()
    return minutes * 60 / dt


def commit_latency(target: str, commits: int = 200) -> tuple[float, float, float]:
    store = open_store(target)
    session = store.new_session("LATENCY")
    set_id = store.new_set(session, None, {})
    batches = _batches(0.5, np.random.default_rng(1))
    items = [(set_id, f"s{k}", b, None) for b in batches for k in range(SENSORS)]
    uid = store.backend != "sqlite"
    times = []
    for _ in range(commits):
        t0 = time.perf_counter()
        store.add_chunks(items, new_uid() if uid else None)
        times.append(time.perf_counter() - t0)
    store.close()
    times.sort()
    return (statistics.median(times) * 1e3, times[int(0.95 * len(times))] * 1e3,
            times[-1] * 1e3)


def practice(target: str, patients: int, sets: int) -> dict[str, float]:
    """Fill a practice's history (rows written directly, in bulk), then time the queries."""
    store = open_store(target)
    rng = np.random.default_rng(2)
    exercises = ["knee_extension_seated", "squat", "sit_to_stand", "step_up", "bridge"]
    per_session = max(1, sets // (patients * 4))
    t = ImuBatch(np.arange(10) / 100.0, rng.normal(size=(10, 3)), rng.normal(size=(10, 3)))
    db = store.db
    with store.lock:
        db.execute("BEGIN IMMEDIATE")
        for p in range(patients):
            pid = db.execute("INSERT INTO patients(code, created_at) VALUES (?, ?)",
                             (f"P{p:04d}", 1.7e9)).lastrowid
            for m, label in enumerate(("intake", "week 6", "week 12", "week 26")):
                sid = db.execute("INSERT INTO sessions(patient_id, started_at, label) "
                                 "VALUES (?,?,?)", (pid, 1.7e9 + m * 3e6, label)).lastrowid
                for k in range(per_session):
                    ex = exercises[k % len(exercises)]
                    summary = {"rep_count": 10, "rep_rom_deg_mean": 60.0 + m}
                    set_id = db.execute(
                        "INSERT INTO sets(session_id, exercise, started_at, ended_at, "
                        "placements, targets, sensors, calibration, summary) VALUES "
                        "(?,?,?,?,?,?,?,?,?)",
                        (sid, ex, 1.7e9 + m * 3e6 + k * 120, 1.7e9 + m * 3e6 + k * 120 + 60,
                         "{}", "{}", "{}", "{}", json.dumps(summary))).lastrowid
                    db.executemany("INSERT INTO reps(set_id, idx, data, algorithm) VALUES "
                                   "(?,?,?,?)",
                                   [(set_id, i + 1, json.dumps(
                                       {"index": i + 1, "rom_deg": 60.0 + m + i * 0.1,
                                        "start_s": i * 5.0, "end_s": i * 5.0 + 4,
                                        "concentric_s": 1.5, "eccentric_s": 1.8,
                                        "hold_s": 0.5, "flags": []}), "bench")
                                    for i in range(10)])
                    db.executemany(
                        "INSERT INTO chunks(set_id, sensor, t0, n, time, imu, mag, counter, "
                        "arrival) VALUES (?,?,?,?,?,?,?,?,?)",
                        [chunk_row(set_id, "shank", t, None),
                         chunk_row(set_id, "shank", ImuBatch(t.time_s + 59.9, t.acc_m_s2,
                                                             t.gyr_rad_s), None)])
        db.execute("COMMIT")
    if store.backend != "sqlite":
        db.execute("ANALYZE")
    codes = [f"P{p:04d}" for p in rng.choice(patients, size=min(20, patients), replace=False)]
    out: dict[str, list[float]] = {"history": [], "progress": [], "patients": []}
    for code in codes:
        t0 = time.perf_counter()
        store.sessions(code)
        out["history"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        progress(store, code, "knee_extension_seated")
        out["progress"].append(time.perf_counter() - t0)
    for _ in range(5):
        t0 = time.perf_counter()
        store.patients()
        out["patients"].append(time.perf_counter() - t0)
    store.close()
    return {k: statistics.median(v) * 1e3 for k, v in out.items()}


def offline_upload(target: str, minutes: float, spool_path: Path) -> tuple[float, int]:
    store = open_store(target, spool=spool_path)
    session = store.new_session("OFFLINE")
    set_id = store.new_set(session, None, {})
    spool = Spool(spool_path)
    writer = SpoolWriter(spool, str(store.path))
    quarter = _batches(0.25, np.random.default_rng(3))
    for q in range(int(minutes * 60 * 4)):           # one spool commit per 0.25 s
        shift = q * 0.25
        rows = [chunk_row(set_id, f"s{k}", ImuBatch(b.time_s + shift, b.acc_m_s2,
                                                     b.gyr_rad_s), b.time_s + shift)
                for b in quarter for k in range(SENSORS)]
        writer.add_chunk_rows(rows, new_uid())
    writer.finish_set(set_id, {"rep_count": 0})
    waiting = spool.count()[0]
    t0 = time.perf_counter()
    done = upload(spool, store)
    dt = time.perf_counter() - t0
    assert done == waiting and spool.count()[0] == 0
    samples = store.db.execute("SELECT sum(n) FROM chunks WHERE set_id=?",
                               (set_id,)).fetchone()[0]
    assert samples == int(minutes * 60 * RATE_HZ) * SENSORS, samples
    spool.close()
    store.close()
    return dt, samples


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg", help="a PostgreSQL URL (an empty database); default: a "
                                 "temporary server of its own")
    ap.add_argument("--minutes", type=float, default=5.0)
    ap.add_argument("--offline-minutes", type=float, default=60.0)
    ap.add_argument("--patients", type=int, default=500)
    ap.add_argument("--sets", type=int, default=20000)
    args = ap.parse_args()
    server = None
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        try:
            if args.pg is None:
                from pg_server import PgServer

                server = PgServer(durable=True)

            def pg_db() -> str:
                if args.pg is not None:
                    return args.pg
                return server.url(server.new_database())

            targets = {"SQLite": lambda name: str(tmp / f"{name}.db"),
                       "PostgreSQL": lambda name: pg_db()}
            for backend, make in targets.items():
                speed = throughput(make("w"), args.minutes)
                med, p95, worst = commit_latency(make("c"))
                print(f"{backend:10s} recording 4 x 200 Hz: {speed:.0f}x real time; commit "
                      f"of 0.5 s (400 samples): median {med:.1f} ms, p95 {p95:.1f} ms, "
                      f"max {worst:.1f} ms", flush=True)
                if args.pg is not None and backend == "PostgreSQL":
                    break                    # one database given: the rest needs its own
            for backend, make in targets.items():
                t0 = time.perf_counter()
                q = practice(make("p"), args.patients, args.sets)
                built = time.perf_counter() - t0
                print(f"{backend:10s} {args.patients} patients / {args.sets} sets: history "
                      f"{q['history']:.1f} ms, progress {q['progress']:.1f} ms, patient "
                      f"list {q['patients']:.1f} ms (median; built in {built:.0f} s)",
                      flush=True)
                if args.pg is not None:
                    break
            dt, samples = offline_upload(pg_db(), args.offline_minutes, tmp / "spool.db")
            print(f"PostgreSQL upload of {args.offline_minutes:g} min recorded offline "
                  f"({samples} samples, {int(args.offline_minutes * 240)} commits): {dt:.1f} s",
                  flush=True)
        finally:
            if server is not None:
                server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
