"""Reliability of the store: killed recordings, another program holding the database, a full
disk. Each trial runs the real command line (`monitor record --demo`, real time unless said)
on a real SQLite file.

Usage: python benchmarks/reliability.py [--kills 20] [--locks 2 5 12 20] [--seed 0]
                                        [--group-kills 10] [--participants 8]
                                        [--skip-kill] [--skip-group] [--skip-lock]
                                        [--skip-full]

1. Random kills: SIGKILL at a random moment 0.5-10 s into a set. Seconds lost = the last
   sample time the recorder was handed (its --progress lines) minus the last one stored,
   per sensor; the database must open and pass PRAGMA integrity_check.
   Groups (`monitor group --demo`, 8 participants unless said): the same, per participant,
   killed 1-10 s after their first samples.
2. Locks: another process holds the database (BEGIN EXCLUSIVE) from 3 s into a 25-s set
   for each given number of seconds. Printed: the exit code, whether the warning and the
   all-clear were printed, the seconds lost (should be 0) and the integrity check.
3. Full disk (in real time), two ways:
   - a real file system that fills up: a 1-MB tmpfs mounted in a user + mount namespace
     (`unshare --user --map-root-user --mount`, no root needed where the kernel allows
     unprivileged user namespaces; skipped, and said, where it does not). Writes fail with
     ENOSPC, SQLite reports SQLITE_FULL.
   - RLIMIT_FSIZE: the kernel refuses to let any file of the process grow beyond a limit
     (SIGXFSZ ignored, so writes fail with EFBIG; SQLite reports a disk I/O error).
   Printed: exit code, seconds recorded before the disk was full and seconds stored, and the
   integrity check of what is left.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MONITOR = [sys.executable, "-m", "monitor"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def stored_end_times(db: Path) -> tuple[dict[str, float], str]:
    """Last stored sample time per sensor of the last set, and the integrity check."""
    from recordings.store import Store

    store = Store(db, create=False)
    try:
        check = store.db.execute("PRAGMA integrity_check").fetchone()[0]
        row = store.db.execute("SELECT max(id) FROM sets").fetchone()
        if row[0] is None:
            return {}, check
        samples = store.set_samples(row[0])
        return {lab: float(b.time_s[-1]) for lab, b in samples.items()}, check
    finally:
        store.close()


def record(db: Path, *extra: str, reps: int = 30, **popen) -> subprocess.Popen:
    return subprocess.Popen([*MONITOR, "record", "--demo", "--exercise",
                             "knee_extension_seated", "--reps", str(reps), "--progress",
                             "--db", str(db), *extra], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=ENV, **popen)


# -- 1. random kills ----------------------------------------------------------------------------
def kill_trials(tmp: Path, n: int, rng: random.Random) -> None:
    lost, checks = [], []
    for k in range(n):
        db = tmp / f"kill{k}.db"
        at = rng.uniform(0.5, 10.0)
        proc = record(db)
        fed: dict[str, float] = {}
        first = None
        for line in proc.stderr:
            if line.startswith("fed "):
                _, lab, t = line.split()
                fed[lab] = float(t)
                first = first or time.monotonic()
                if time.monotonic() - first >= at:
                    proc.send_signal(signal.SIGKILL)
                    break
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
        ends, check = stored_end_times(db)
        gap = max(fed[lab] - ends.get(lab, 0.0) for lab in fed)
        lost.append(gap)
        checks.append(check)
        print(f"  kill {k + 1:2d} at {at:5.2f} s: exit {proc.returncode}, lost {gap:.3f} s, "
              f"integrity {check}", flush=True)
    ok = sum(c == "ok" for c in checks)
    print(f"random kills: {n} trials, seconds lost median {np.median(lost):.3f}, max "
          f"{max(lost):.3f}; integrity ok {ok}/{n}")


def group_kill_trials(tmp: Path, n: int, participants: int, rng: random.Random) -> None:
    """A group (`monitor group --demo`, real time) killed at a random moment 1-10 s after
    its first samples: the seconds lost of each participant (last sample handed to their
    recorder minus the last stored)."""
    from recordings.store import Store

    lost, checks = [], []
    for k in range(n):
        db = tmp / f"group{k}.db"
        at = rng.uniform(1.0, 10.0)
        proc = subprocess.Popen([*MONITOR, "group", "--demo", "--participants",
                                 str(participants), "--reps", "30", "--progress",
                                 "--db", str(db)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=ENV)
        fed: dict[str, float] = {}
        first = None
        for line in proc.stderr:
            if line.startswith("fed "):
                _, code, t = line.split()[:3]
                fed[code] = float(t)
                first = first or time.monotonic()
                if time.monotonic() - first >= at and len(fed) == participants:
                    proc.send_signal(signal.SIGKILL)
                    break
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
        store = Store(db, create=False)
        try:
            check = store.db.execute("PRAGMA integrity_check").fetchone()[0]
            gaps = []
            for code, t_fed in fed.items():
                (session,) = list(store.sessions(code))
                (stored,) = store.sets(session.id, include_empty=True)
                kept = store.set_samples(stored["id"])
                # (--progress prints milliseconds: a set kept whole may read -0.0005)
                gaps.append(max(0.0, t_fed - max(float(b.time_s[-1]) for b in kept.values())))
        finally:
            store.close()
        lost.extend(gaps)
        checks.append(check)
        print(f"  group kill {k + 1:2d} at {at:5.2f} s: exit {proc.returncode}, lost "
              f"max {max(gaps):.3f} s of {participants} participants, integrity {check}",
              flush=True)
    ok = sum(c == "ok" for c in checks)
    print(f"group kills: {n} trials x {participants} participants, seconds lost per "
          f"participant median {np.median(lost):.3f}, 95th percentile "
          f"{np.percentile(lost, 95):.3f}, max {max(lost):.3f}; integrity ok {ok}/{n}")


# -- 2. locks -----------------------------------------------------------------------------------
HOLD = ("import sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)\n"
        "sys.stdin.readline(); db.execute('BEGIN EXCLUSIVE'); print('locked', flush=True)\n"
        "sys.stdin.readline(); db.execute('COMMIT'); print('released', flush=True)\n")


def lock_trials(tmp: Path, durations: list[float]) -> None:
    for seconds in durations:
        db = tmp / f"lock{seconds:g}.db"
        holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        sqlite3.connect(db).close()               # the file exists for the holder
        proc = record(db, "--seconds", "25")
        fed: dict[str, float] = {}
        said: list[str] = []
        state, locked_at = "before", 0.0
        for line in proc.stderr:
            if line.startswith("fed "):
                _, lab, t = line.split()
                fed[lab] = float(t)
                if state == "before" and fed[lab] >= 3.0:
                    holder.stdin.write("\n")
                    holder.stdin.flush()
                    holder.stdout.readline()
                    state, locked_at = "locked", fed[lab]
                elif state == "locked" and fed[lab] >= locked_at + seconds:
                    holder.stdin.write("\n")
                    holder.stdin.flush()
                    holder.stdout.readline()
                    state = "released"
            elif not line.startswith("rep "):
                said.append(line.strip())
        if state == "locked":                     # the set ended first: let go now
            holder.stdin.write("\n")
            holder.stdin.flush()
            holder.stdout.readline()
        proc.wait()
        holder.wait()
        for f in (proc.stdout, proc.stderr, holder.stdin, holder.stdout):
            f.close()
        ends, check = stored_end_times(db)
        gap = max(fed[lab] - ends.get(lab, 0.0) for lab in fed)
        warned = any("in use by another program" in s for s in said)
        cleared = any("is free again" in s for s in said)
        print(f"lock {seconds:5.1f} s from 3 s of a 25-s set: exit {proc.returncode}, "
              f"warning {'yes' if warned else 'no'}, all-clear {'yes' if cleared else 'no'}, "
              f"lost {gap:.3f} s, integrity {check}", flush=True)


# -- 3. full disk -------------------------------------------------------------------------------
CHECK = r"""
import json, sys
sys.path.insert(0, sys.argv[2])
from recordings.store import Store
store = Store(sys.argv[1], create=False)
row = store.db.execute("SELECT max(id) FROM sets").fetchone()
samples = store.set_samples(row[0]) if row[0] else {}
print(json.dumps({"integrity": store.db.execute("PRAGMA integrity_check").fetchone()[0],
                  "stored_s": min((float(b.time_s[-1]) for b in samples.values()),
                                  default=0.0)}))
"""


def _fed_until(stderr: str) -> float:
    times = [float(line.split()[2]) for line in stderr.splitlines() if line.startswith("fed ")]
    return max(times, default=0.0)


def _report(way: str, rc: int, stderr: str, result: dict) -> None:
    words = [line for line in stderr.splitlines()
             if line.startswith("monitor:")][-1:] or ["(no message)"]
    fed = _fed_until(stderr)
    print(f"full disk ({way}): exit {rc}, recorded {fed:.1f} s, stored "
          f"{result['stored_s']:.1f} s (lost {fed - result['stored_s']:.2f} s), integrity "
          f"{result['integrity']}\n    {words[0][:150]}", flush=True)


def full_tmpfs(tmp: Path) -> None:
    unshare = shutil.which("unshare")
    mnt = tmp / "small-disk"
    mnt.mkdir()
    out = tmp / "full-tmpfs.json"
    script = (f"mount -t tmpfs -o size=1m tmpfs {mnt} || exit 99\n"
              f"{' '.join(MONITOR)} record --demo --exercise knee_extension_seated --reps 40 "
              f"--progress --db {mnt}/m.db 2> {tmp}/full-tmpfs.err\n"
              f"echo $? > {tmp}/full-tmpfs.rc\n"
              f"{sys.executable} -c '{CHECK}' {mnt}/m.db {ROOT} > {out}\n")
    if unshare is None:
        print("full disk (tmpfs): skipped, no unshare here")
        return
    r = subprocess.run([unshare, "--user", "--map-root-user", "--mount", "sh", "-c", script],
                       capture_output=True, text=True, env=ENV)
    if r.returncode == 99 or not out.exists():
        print("full disk (tmpfs): skipped, this system allows no user namespace to mount a "
              f"file system ({r.stderr.strip()[:100]})")
        return
    rc = int((tmp / "full-tmpfs.rc").read_text())
    _report("a 1-MB tmpfs filling up, ENOSPC", rc, (tmp / "full-tmpfs.err").read_text(),
            json.loads(out.read_text()))


def full_rlimit(tmp: Path, limit: int = 400_000) -> None:
    db = tmp / "rlimit.db"

    def setup():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    r = subprocess.run([*MONITOR, "record", "--demo", "--exercise", "knee_extension_seated",
                        "--reps", "40", "--progress", "--db", str(db)],
                       capture_output=True, text=True, env=ENV, preexec_fn=setup)
    out = subprocess.run([sys.executable, "-c", CHECK, str(db), str(ROOT)],
                         capture_output=True, text=True, env=ENV)
    _report(f"RLIMIT_FSIZE {limit // 1000} kB, EFBIG", r.returncode, r.stderr,
            json.loads(out.stdout))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--locks", type=float, nargs="+", default=[2.0, 5.0, 12.0, 20.0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--group-kills", type=int, default=10)
    ap.add_argument("--participants", type=int, default=8)
    ap.add_argument("--skip-kill", action="store_true")
    ap.add_argument("--skip-group", action="store_true")
    ap.add_argument("--skip-lock", action="store_true")
    ap.add_argument("--skip-full", action="store_true")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        os.environ["XDG_DATA_HOME"] = str(tmp / "xdg")      # no crash report expected
        ENV["XDG_DATA_HOME"] = str(tmp / "xdg")
        if not args.skip_kill:
            kill_trials(tmp, args.kills, rng)
        if not args.skip_group:
            group_kill_trials(tmp, args.group_kills, args.participants, rng)
        if not args.skip_lock:
            lock_trials(tmp, args.locks)
        if not args.skip_full:
            full_tmpfs(tmp)
            full_rlimit(tmp)
        reports = list((tmp / "xdg").rglob("monitor-crash-*"))
        print(f"crash reports written: {len(reports)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
