"""The session store when the file or the system fails: a damaged database, another program
holding it, a full disk, a read-only file, a path that does not exist. Real SQLite files,
real second processes holding the lock, the real command line."""

import hashlib
import os
import queue
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from cli_helpers import run_in_process as run
from sim_helpers import known_mountings

from devices.simulated import stream_batches
from monitor.signal.simulate import simulate_session
from recordings.recorder import open_live_set
from recordings.store import (
    Store,
    StoreBusyError,
    StoreDamagedError,
    StoreFullError,
    StoreIOError,
    StoreReadOnlyError,
    recover_database,
)

MONITOR = [sys.executable, "-m", "monitor"]


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path, monkeypatch):
    # Crash reports (there should be none) and default databases go to the test's folder.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def run_process(*args, timeout=180, **kw):
    """The command in a process of its own: the exit code a shell sees."""
    return subprocess.run([*MONITOR, *args], capture_output=True, text=True,
                          timeout=timeout, **kw)


def one_line(r):
    assert r.stderr.count("\n") == 1, r.stderr[-3000:]
    assert "Traceback" not in r.stderr and r.stdout == ""
    return r.stderr


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def data_file(name):
    return Path(__file__).parent / "data" / name


def recorded_db(path, reps=6, seed=1):
    r = run("record", "--demo", "--exercise", "knee_extension_seated", "--reps", str(reps),
            "--seed", str(seed), "--fast", "--db", str(path))
    assert r.returncode == 0, r.stderr
    assert not path.with_name(path.name + "-wal").exists()   # all in the main file
    return path


def damage(path, fractions=(0.55, 0.7, 0.85)):
    """Overwrite a few pages (of the raw samples: the upper part of the file) with noise."""
    page = 4096
    pages = path.stat().st_size // page
    rng = np.random.default_rng(7)
    with open(path, "r+b") as f:
        for x in fractions:
            f.seek(int(pages * x) * page)
            f.write(rng.integers(0, 256, page, dtype=np.uint8).tobytes())


class LockHolder:
    """Another process holding the database's write lock (BEGIN EXCLUSIVE) until released."""

    SCRIPT = ("import sqlite3, sys\n"
              "db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)\n"
              "sys.stdin.readline()\n"
              "db.execute('BEGIN EXCLUSIVE')\n"
              "print('locked', flush=True)\n"
              "sys.stdin.readline()\n"
              "db.execute('COMMIT')\n"
              "print('released', flush=True)\n")

    def __init__(self, path):
        self.proc = subprocess.Popen([sys.executable, "-c", self.SCRIPT, str(path)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def lock(self):
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline().strip() == "locked"

    def release(self):
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline().strip() == "released"
        self.proc.wait(timeout=30)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
        self.proc.stdin.close()
        self.proc.stdout.close()


# -- a damaged database -----------------------------------------------------------------------
@pytest.mark.slow
def test_a_damaged_database_is_refused_and_left_untouched(tmp_path):
    # Before: `record` exited 0 with the normal JSON while storing nothing (its writer thread
    # died on the SQLite error, a traceback on stderr); `sessions` and `analyze --session`
    # exited 70. Now every command refuses the file before writing anything, in one line
    # that says how to recover, with the input-file exit code.
    db = recorded_db(tmp_path / "m.db")
    damage(db)
    before = digest(db)
    for args in (["record", "--demo", "--exercise", "knee_extension_seated", "--reps", "2",
                  "--fast"], ["sessions"], ["analyze", str(db), "--session", "1"],
                 ["export", "1", "--format", "csv", "--out", str(tmp_path / "e")],
                 ["import", str(tmp_path / "none.csv"), "--patient", "P1"]):
        if args[0] == "import":
            shutil.copy(data_file("uci_s1_e1_template.csv"), tmp_path / "none.csv")
        r = run(*args, "--db", str(db))
        assert r.returncode == 3, (args, r.stderr)
        assert "is damaged" in one_line(r) and "monitor db recover" in r.stderr
        assert digest(db) == before
    assert not (tmp_path / "e").exists()


@pytest.mark.slow
def test_a_damaged_database_can_be_recovered(tmp_path):
    db = recorded_db(tmp_path / "m.db", reps=8)
    good = sqlite3.connect(db)
    chunks = good.execute("SELECT count(*) FROM chunks").fetchone()[0]
    good.close()
    damage(db)
    before = digest(db)
    r = run_process("db", "recover", str(db), str(tmp_path / "new.db"))    # as a shell sees it
    assert r.returncode == 0, r.stderr
    assert "8 repetitions" in r.stdout and digest(db) == before
    new = Store(tmp_path / "new.db", create=False)
    assert new.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = new.db.execute("SELECT count(*) FROM chunks").fetchone()[0]
    assert 0.8 * chunks < kept < chunks           # three damaged pages of samples are lost
    (info,) = new.sessions()
    assert info.patient == "DEMO" and info.rep_count == 8
    r = run("analyze", str(tmp_path / "new.db"), "--session", str(info.id), "--json")
    assert r.returncode == 0, r.stderr
    # Recovering into an existing file is refused.
    with pytest.raises(Exception, match="already exists"):
        recover_database(db, tmp_path / "new.db")


def test_damage_met_while_recording_stops_the_set_in_words(tmp_path, monkeypatch):
    # The file is fine when the set starts, then the raw samples' table is damaged on disk
    # (the writer meets it at its first commit). Before: the writer thread died with an
    # uncaught sqlite3.DatabaseError and the set went on "recording" into nothing.
    died = []
    monkeypatch.setattr(threading, "excepthook", died.append)
    store = Store(tmp_path / "m.db")
    sim = simulate_session("knee_extension_seated", reps=3, rate_hz=50, seed=2)
    session = store.new_session("P1")
    sensors = {lab: {"placement": f"right_{lab}", "segment": lab, "rate_hz": 50.0}
               for lab in sim.recording.sensors}
    errors = []
    live, _ = open_live_set(store, session, sim.exercise.id, sensors, "shank",
                                 known_mountings(sim), on_error=errors.append)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (root,) = store.db.execute("SELECT rootpage FROM sqlite_master WHERE name='chunks'"
                               ).fetchone()
    with open(tmp_path / "m.db", "r+b") as f:
        f.seek((root - 1) * 4096)
        f.write(b"\xa5" * 4096)
    for lab, batch, arrival in stream_batches(sim, batch_size=5):
        live.feed(lab, batch, arrival)
    live.finish(timeout_s=60)
    assert live.recorder.status == "failed"
    assert errors == [live.recorder.error]
    assert isinstance(errors[0], StoreDamagedError) and "is damaged" in str(errors[0])
    assert died == []


# -- another program holds the database ---------------------------------------------------------
@pytest.mark.slow
def test_a_lock_longer_than_ten_seconds_does_not_end_the_set(tmp_path):
    # Another program holds the database from 3 s to 14.5 s of a 17-s set. Before: the set
    # was aborted after 10 s of waiting (a 30-s set with the lock from 6 to 21 s kept 5 s).
    # Now the samples wait in memory, stderr says so and says when the database is free,
    # and every sample fed is stored. Meanwhile a second recording that has to start while
    # the database is held waits 10 s, then says so with exit 4 (before: exit 2).
    db = recorded_db(tmp_path / "m.db", reps=1)
    assert run("patient", "add", "P2", "--db", str(db)).returncode == 0
    holder = LockHolder(db)
    proc = subprocess.Popen([*MONITOR, "record", "--demo", "--exercise",
                             "knee_extension_seated", "--reps", "4", "--seconds", "17",
                             "--progress", "--db", str(db), "--patient", "P2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = None
    fed, said, state = {}, [], "before"
    # stderr is read by a thread: the lock is released once the second recording has given
    # up, whether or not the first one still prints (on a busy machine the second one may
    # take longer to start than the rest of the set; the first one then waits at its end).
    lines = queue.Queue()

    def read_lines():
        for line in proc.stderr:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=read_lines, daemon=True)
    reader.start()
    give_up = time.monotonic() + 600                # a safety net against a hang only
    try:
        while (line := _next_line(lines)) is not None:
            assert time.monotonic() < give_up, (state, fed, said)
            if line.startswith("fed "):
                _, lab, t = line.split()
                fed[lab] = float(t)
                if state == "before" and fed[lab] >= 3.0:
                    holder.lock()
                    state = "locked"
                    second = subprocess.Popen(
                        [*MONITOR, "record", "--demo", "--exercise", "knee_extension_seated",
                         "--reps", "1", "--fast", "--db", str(db)],
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            elif line and not line.startswith("rep "):
                said.append(line)
            if (state == "locked" and max(fed.values()) >= 14.5
                    and second.poll() is not None):   # (it gave up while still held)
                holder.release()
                state = "released"
        reader.join(timeout=60)
        out = proc.stdout.read()
        proc.wait(timeout=60)
        second_out, second_err = second.communicate(timeout=60)
    finally:
        proc.kill()
        holder.close()
        proc.stdout.close()
        proc.stderr.close()
        if second is not None:
            second.kill()
    assert state == "released"
    assert proc.returncode == 0, said
    assert any("in use by another program" in s for s in said), said
    assert any("is free again" in s for s in said), said
    assert "Traceback" not in "".join(said)
    store = Store(db, create=False)
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    set_id = int(out.split('"set": ')[1].split(",")[0])
    samples = store.set_samples(set_id)
    for lab, t in fed.items():
        assert samples[lab].time_s[-1] == pytest.approx(t, abs=1e-6)     # nothing lost
        assert np.all(np.diff(samples[lab].time_s) > 0)
    assert store.sets(store.sessions("P2")[0].id)[0]["summary"] is not None
    assert second.returncode == 4 and second_out == ""
    assert second_err.count("\n") == 1 and "in use by another program" in second_err


def test_the_live_session_shows_the_lock_and_saves_everything(tmp_path):
    # The app's controller: the view shows the controller's messages in its banner.
    from monitor.live import LiveController

    db = tmp_path / "m.db"
    store = Store(db)
    now = [0.0]
    c = LiveController(store, "P3", "knee_extension_seated", clock=lambda: now[0])
    c.connect_demo(rate_hz=50.0, reps=3)
    c.start_set()
    holder = LockHolder(db)
    shown = []

    def advance(seconds):
        now[0] += seconds
        c.poll()
        shown.extend(c.messages)
        c.messages.clear()

    try:
        advance(2.0)
        holder.lock()
        deadline = time.monotonic() + 60
        while not any("in use by another program" in m for m in shown):
            assert time.monotonic() < deadline, shown
            advance(0.1)
            time.sleep(0.05)
        assert c.state == "running" and not c.store_failed
        advance(5.0)                       # the set goes on meanwhile
        holder.release()
        deadline = time.monotonic() + 60
        while not any("free again" in m for m in shown):
            assert time.monotonic() < deadline, shown
            advance(0.1)
            time.sleep(0.05)
    finally:
        holder.close()
    fed = {lab: s.samples for lab, s in c.sensors.items()}
    set_id = c.set_id
    c.stop_set()
    stored = store.set_samples(set_id)
    assert {lab: len(b) for lab, b in stored.items()} == fed


def _next_line(lines: queue.Queue) -> str | None:
    """The next line a reader thread put in ``lines`` ("" if none came for a moment; None
    once the stream ended)."""
    try:
        return lines.get(timeout=0.1)
    except queue.Empty:
        return ""


# -- reading commands create nothing --------------------------------------------------------------
@pytest.mark.slow
def test_reading_commands_create_nothing(tmp_path):
    # Before: `monitor sessions --db /typo/dir/x.db` created the folder and an empty
    # database.
    typo = tmp_path / "typo" / "dir" / "x.db"
    for args in (["sessions", "--db", str(typo)],
                 ["export", "1", "--format", "csv", "--out", str(tmp_path / "e"), "--db",
                  str(typo)],
                 ["report", "P1", "--out", str(tmp_path / "r.pdf"), "--db", str(typo)]):
        r = run(*args)
        assert r.returncode == 3, r.stderr
        assert "no session database at" in one_line(r)
    assert not (tmp_path / "typo").exists() and not (tmp_path / "e").exists()
    # Nothing recorded on this computer yet: an empty list, still nothing created.
    r = run("sessions", "--json")
    assert r.returncode == 0 and r.stdout.strip() == '{"sessions": []}'
    assert not (tmp_path / "xdg").exists()


# -- the system refuses: exit 4 ----------------------------------------------------------------
def _limit_file_size(limit):
    def setup():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)        # EFBIG instead of a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return setup


@pytest.mark.slow
def test_a_full_disk_stops_the_recording_keeps_the_samples_and_exits_4(tmp_path):
    # The operating system refuses to let any file of the process grow beyond 400 kB
    # (RLIMIT_FSIZE: the writes fail as on a full disk) some seconds into the set.
    db = recorded_db(tmp_path / "m.db", reps=1)
    assert run("patient", "add", "P4", "--db", str(db)).returncode == 0
    r = subprocess.run([*MONITOR, "record", "--demo", "--exercise", "knee_extension_seated",
                        "--reps", "40", "--fast", "--db", str(db), "--patient", "P4"],
                       capture_output=True, text=True, timeout=300,
                       preexec_fn=_limit_file_size(db.stat().st_size + 400_000))
    assert r.returncode == 4, r.stderr
    err = [line for line in r.stderr.splitlines() if not line.startswith("rep ")]
    assert len(err) == 1 and "Traceback" not in r.stderr and r.stdout == ""
    assert "failed" in err[0] and "full" in err[0]
    store = Store(db, create=False)
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    (info,) = store.sessions("P4")
    kept = store.set_samples(store.sets(info.id)[0]["id"])
    assert min(len(b) for b in kept.values()) > 500           # what was saved stays


def test_a_full_database_limit_stops_the_recording_and_keeps_what_was_saved(tmp_path):
    # SQLite's own size limit (max_page_count) gives SQLITE_FULL: the "disk is full" words.
    path = tmp_path / "small.db"
    Store(path).close()
    store = Store(path, max_size_bytes=160_000)
    sim = simulate_session("knee_extension_seated", reps=30, rate_hz=100, seed=2)
    session = store.new_session("P5")
    sensors = {lab: {"placement": f"right_{lab}", "segment": lab, "rate_hz": 100.0}
               for lab in sim.recording.sensors}
    live, _ = open_live_set(store, session, sim.exercise.id, sensors, "shank",
                                 known_mountings(sim))
    for lab, batch, arrival in stream_batches(sim, batch_size=10):
        live.feed(lab, batch, arrival)
    live.finish()
    assert isinstance(live.recorder.error, StoreFullError)
    from monitor.cli import exit_code
    assert exit_code(live.recorder.error) == 4


def _read_only(path):
    """Make ``path`` read-only for this user; None when that cannot be done here (root on a
    file system without the immutable flag)."""
    os.chmod(path, 0o444)
    if os.geteuid() != 0:
        return lambda: os.chmod(path, 0o644)
    r = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    if r.returncode != 0:
        return None
    return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_database_exits_4_and_still_reads(tmp_path):
    db = recorded_db(tmp_path / "m.db", reps=1)
    undo = _read_only(db)
    if undo is None:
        pytest.skip("cannot make a file read-only for root here")
    try:
        r = run("record", "--demo", "--exercise", "knee_extension_seated", "--reps", "1",
                "--fast", "--db", str(db))
        assert r.returncode == 4 and "read-only" in one_line(r)
        r = run("sessions", "--db", str(db))                   # reading works
        assert r.returncode == 0 and "DEMO" in r.stdout
    finally:
        undo()


def test_exit_codes_follow_the_kind_of_store_error(tmp_path):
    from monitor.cli import EXIT_INPUT, EXIT_SYSTEM, exit_code

    p = tmp_path / "x.db"
    for exc, code in [(StoreBusyError("held"), EXIT_SYSTEM), (StoreFullError("full"),
                      EXIT_SYSTEM), (StoreReadOnlyError("ro"), EXIT_SYSTEM),
                      (StoreIOError("io"), EXIT_SYSTEM), (StoreDamagedError("bad"),
                                                          EXIT_INPUT)]:
        assert exit_code(exc) == code, exc
    assert not p.exists()
