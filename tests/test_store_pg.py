"""The store on a real PostgreSQL server (started by the tests, see pg_server.py): the schema
and its versions, errors in words, several workstations at once, and a server lost mid-set
(the set goes on into the local spool and is uploaded exactly once)."""

import json
import shutil
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import psycopg
import pytest
from cli_helpers import run_in_process as run
from sim_helpers import known_mountings

from devices.simulated import stream_batches
from monitor.signal.simulate import simulate_session
from recordings.pg import migration_sql
from recordings.progress import progress
from recordings.recorder import open_live_set
from recordings.spool import Spool, upload, upload_waiting
from recordings.store import (
    SCHEMA_VERSION,
    StoreDamagedError,
    StoreMissingError,
    StoreOfflineError,
    open_store,
)

pytestmark = pytest.mark.postgres


def run_process(*args, env=None, timeout=240):
    """The command in a process of its own: the exit code a shell sees."""
    return subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True,
                          text=True, timeout=timeout, env=env)


def _dbname(url: str) -> str:
    return url.split("/")[3].split("?")[0]


def test_schema_is_versioned_and_a_newer_or_foreign_one_refused(pg_server, pg_url):
    store = open_store(pg_url)
    assert store.backend == "postgresql"
    assert store.schema_version() == SCHEMA_VERSION
    store.new_session("P1", "intake")
    store.close()
    name = _dbname(pg_url)
    pg_server.sql("UPDATE schema_version SET version = 99", name)
    with pytest.raises(StoreDamagedError, match="newer version"):
        open_store(pg_url)
    assert pg_server.sql("SELECT count(*) FROM sessions", name) == [(1,)]   # unchanged
    other = pg_server.new_database()
    pg_server.sql("CREATE TABLE invoices (id int)", other)
    with pytest.raises(StoreDamagedError, match="another program"):
        open_store(pg_server.url(other))
    assert pg_server.sql("SELECT to_regclass('schema_version') IS NULL", other) == [(True,)]
    # A command that only reads does not create the schema in an empty database.
    empty = pg_server.new_database()
    with pytest.raises(StoreMissingError):
        open_store(pg_server.url(empty), create=False)
    assert pg_server.sql("SELECT count(*) FROM information_schema.tables WHERE "
                         "table_schema='public'", empty) == [(0,)]


def test_an_old_schema_is_migrated_in_one_transaction_with_nothing_lost(pg_server, pg_url):
    name = _dbname(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE schema_version (application TEXT NOT NULL, "
                     "version INTEGER NOT NULL)")
        conn.execute("INSERT INTO schema_version VALUES ('legimu-monitor', 2)")
        for v in (0, 1):
            for stmt in migration_sql(v):
                conn.execute(stmt)
        conn.execute("INSERT INTO patients(code, created_at) VALUES ('OLD1', 1.0)")
        # Two sessions of one moment (version 3 merges them into the first).
        conn.execute("INSERT INTO sessions(patient_id, started_at, label) VALUES "
                     "(1, 2.0, 'intake'), (1, 3.0, 'Intake ')")
        conn.execute("INSERT INTO sets(session_id, started_at) VALUES (1, 2.0), (2, 3.0)")
    store = open_store(pg_url)
    assert store.schema_version() == SCHEMA_VERSION
    (info,) = store.sessions("OLD1")
    assert info.label == "intake"
    assert len(store.sets(info.id)) == 2
    store.close()
    # A migration that fails leaves the old version as it was (the DDL is transactional).
    # (Here: version 4 said while the table 4 -> 5 makes is there already.)
    pg_server.sql("UPDATE schema_version SET version = 4", name)
    pg_server.sql("INSERT INTO patients(code, created_at) VALUES ('NEW2', 5.0)", name)
    with pytest.raises(StoreDamagedError, match="could not be upgraded"):
        open_store(pg_url)
    assert pg_server.sql("SELECT version FROM schema_version", name) == [(4,)]
    assert pg_server.sql("SELECT count(*) FROM patients", name) == [(2,)]


def test_unreachable_server_and_refused_logins_are_clear_errors(pg_server, pg_url, tmp_path,
                                                               monkeypatch):
    from pg_server import free_port

    down = f"postgresql://nobody@127.0.0.1:{free_port()}/practice"
    r = run("sessions", "--db", down)
    assert r.returncode == 4
    assert "cannot be reached" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    with pytest.raises(StoreOfflineError):
        open_store(down)
    name = _dbname(pg_url)
    open_store(pg_url).close()                         # the schema, made by its owner
    pg_server.sql("CREATE ROLE clinic LOGIN PASSWORD 'right-one'")
    try:
        wrong = pg_server.tcp_url(name, "clinic", "wrong-one")
        r = run("sessions", "--db", wrong)
        assert r.returncode == 4 and "did not accept the login" in r.stderr
        assert "wrong-one" not in r.stderr               # a password is never repeated
        assert "Traceback" not in r.stderr
        # The password from libpq's password file, not from the app: works.
        pgpass = tmp_path / "pgpass"
        pgpass.write_text(f"127.0.0.1:{pg_server.port}:{name}:clinic:right-one\n")
        pgpass.chmod(0o600)
        monkeypatch.setenv("PGPASSFILE", str(pgpass))
        r = run("sessions", "--db", pg_server.tcp_url(name, "clinic"))
        # ... but the role has no privileges yet: said, not a traceback.
        assert r.returncode == 4 and "does not allow" in r.stderr, r.stderr
        # The grants the README lists are enough to record and read.
        for grant in _readme_grants(name):
            pg_server.sql(grant, name)
        r = run("patient", "add", "P5", "--db", pg_server.tcp_url(name, "clinic"))
        assert r.returncode == 0, r.stderr
        r = run("record", "--demo", "--exercise", "knee_extension_seated", "--reps", "3",
                "--fast", "--patient", "P5", "--label", "intake", "--db",
                pg_server.tcp_url(name, "clinic"))
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["rep_count"] == 3
        # TLS asked for and not offered by this server: refused in words.
        r = run("sessions", "--db", pg_server.tcp_url(name, "clinic") + "?sslmode=require")
        assert r.returncode == 4 and "secure connection" in r.stderr
    finally:
        pg_server.sql("DROP OWNED BY clinic CASCADE", name)
        pg_server.sql("DROP ROLE clinic")


def _readme_grants(dbname: str) -> list[str]:
    """The GRANT statements of the README's section on the app's role, for role clinic."""
    from pathlib import Path

    text = (Path(__file__).parents[1] / "README.md").read_text()
    block = text.split("<!-- grants -->")[1].split("```")[1]
    statements = [s.strip() for s in block.split(";") if s.strip().upper().startswith("GRANT")]
    assert statements
    return [s.replace("practice", dbname).replace("monitor_app", "clinic")
            for s in statements]


def test_one_moment_opened_by_several_workstations_is_one_session(pg_url):
    stores = [open_store(pg_url) for _ in range(6)]
    stores[0].patient_id("P9")
    start = threading.Barrier(len(stores))
    got: dict[str, list[int]] = {"week 6": [], None: []}

    def workstation(store, label):
        start.wait()
        got[label].append(store.new_session("P9", label))

    threads = [threading.Thread(target=workstation, args=(s, "week 6" if i % 2 else None))
               for i, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(set(got["week 6"])) == 1 and len(got["week 6"]) == 3
    assert len(set(got[None])) == 1 and len(got[None]) == 3
    assert len(stores[0].sessions("P9")) == 2
    # A patient code added by two workstations at once is one patient.
    start2 = threading.Barrier(len(stores))
    ids = []

    def add(store):
        start2.wait()
        ids.append(store.patient_id("NEW1"))

    threads = [threading.Thread(target=add, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(set(ids)) == 1 and len(ids) == len(stores)
    for s in stores:
        s.close()


def _samples_of(sim):
    return {lab: len(b) for lab, b in sim.recording.sensors.items()}


def test_two_workstations_record_at_once_and_nothing_is_lost(pg_url):
    for code in ("P1", "P2"):
        assert run("patient", "add", code, "--db", pg_url).returncode == 0
    # Two recorder processes (two workstations) at once: two patients, and the second
    # patient's moment opened twice (one set after the other on the same moment).
    jobs = [("P1", "knee_extension_seated", 8, 1), ("P2", "straight_leg_raise", 6, 2),
            ("P2", "knee_extension_seated", 5, 3)]
    procs = [subprocess.Popen(
        [sys.executable, "-m", "monitor", "record", "--demo", "--exercise", ex, "--reps",
         str(n), "--seed", str(seed), "--fast", "--patient", code, "--label", "week 6",
         "--db", pg_url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for code, ex, n, seed in jobs]
    # Meanwhile a third workstation reviews the second patient's history and progress.
    reader = open_store(pg_url, create=False)
    reads = 0
    while any(p.poll() is None for p in procs):
        for info in reader.sessions("P2"):
            reader.sets(info.id)
        progress(reader, "P2", "knee_extension_seated")
        reads += 1
    reader.close()
    assert reads > 0
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    results = [json.loads(out) for out, _ in outs]
    store = open_store(pg_url, create=False)
    for (_, ex, n, seed), res in zip(jobs, results, strict=True):
        assert res["rep_count"] == n
        sim = simulate_session(ex, reps=n, rate_hz=50.0, seed=seed)
        stored = store.set_samples(res["set"])
        assert {lab: len(b) for lab, b in stored.items()} == _samples_of(sim)
        for lab, b in sim.recording.sensors.items():
            np.testing.assert_array_equal(stored[lab].time_s, b.time_s)
        assert len(store.reps(res["set"])) == n
    sessions = {s.patient: s for s in store.sessions()}
    assert len(store.sessions()) == 2                  # P2's moment is one session
    assert sessions["P2"].rep_count == 11 and sessions["P1"].rep_count == 8
    assert results[1]["session"] == results[2]["session"]
    store.close()


def _record_half(store, sim, session):
    sensors = {lab: {"placement": f"right_{lab}", "segment": lab, "rate_hz": 50.0}
               for lab in sim.recording.sensors}
    live, set_id = open_live_set(store, session, sim.exercise.id, sensors,
                                 sim.exercise.primary, known_mountings(sim))
    batches = list(stream_batches(sim, batch_size=5))
    half = len(batches) // 2
    for lab, batch, arrival in batches[:half]:
        live.feed(lab, batch, arrival)
    live.recorder.wait_written()
    return live, set_id, batches[half:]


def _assert_complete(store, set_id, sim, live):
    stored = store.set_samples(set_id)
    for lab, b in sim.recording.sensors.items():
        np.testing.assert_array_equal(stored[lab].time_s, b.time_s)   # each sample once
        np.testing.assert_allclose(stored[lab].acc_m_s2, b.acc_m_s2, rtol=1e-6, atol=1e-5)
    assert store.reps(set_id) == [r.to_json() for r in live.reps]
    assert store.sets(store.set_info(set_id)["session"])[0]["summary"]["rep_count"] == len(
        sim.reps)


def test_a_server_stopped_mid_set_loses_nothing_and_gets_it_exactly_once(pg_server, pg_url,
                                                                          tmp_path):
    sim = simulate_session("knee_extension_seated", reps=6, rate_hz=50.0, seed=4)
    store = open_store(pg_url)
    session = store.new_session("P3", "intake")
    live, set_id, rest = _record_half(store, sim, session)
    pg_server.stop("fast")                       # the server goes away mid-set
    try:
        for lab, batch, arrival in rest:
            live.feed(lab, batch, arrival)
        assert live.finish(timeout_s=120) is not None
        rec = live.recorder
        assert rec.wait(120)
        assert rec.error is None and rec.offline_since is not None and rec.spooled > 0
        spool = Spool(rec.spool_path)
        waiting, sets = spool.count(str(store.path))
        assert waiting == rec.spooled and sets == 1
        spool.close()
        # Everything the server has not got is in the spool: a copy of it as it is now (as
        # if the workstation crashed after an upload's commit, before it removed the entry).
        shutil.copy(rec.spool_path, tmp_path / "spool-before.db")
    finally:
        pg_server.start()
    again = open_store(pg_url)
    said = []
    assert upload_waiting(again, say=said.append) == waiting
    assert "uploaded" in said[0]
    _assert_complete(again, set_id, sim, live)
    # The same commits uploaded a second time (the acknowledgement lost): applied once.
    replay = Spool(tmp_path / "spool-before.db")
    assert upload(replay, again) == waiting
    assert replay.count()[0] == 0
    replay.close()
    _assert_complete(again, set_id, sim, live)
    assert upload_waiting(again) == 0
    again.close()
    store.close()


def test_connections_closed_mid_set_reconnect_and_the_set_is_whole(pg_server, pg_url):
    sim = simulate_session("knee_extension_seated", reps=6, rate_hz=50.0, seed=5)
    store = open_store(pg_url)
    session = store.new_session("P4", "intake")
    live, set_id, rest = _record_half(store, sim, session)
    assert pg_server.terminate_backends(_dbname(pg_url)) >= 1
    third = len(rest) // 3
    for lab, batch, arrival in rest[:third]:
        live.feed(lab, batch, arrival)
    rec = live.recorder
    deadline = time.monotonic() + 120
    while rec.offline_since is None and rec.error is None and time.monotonic() < deadline:
        time.sleep(0.05)                 # the writer notices at its next commit
    assert rec.status == "offline", rec.error
    while rec.offline_since is not None and time.monotonic() < deadline:
        time.sleep(0.05)                 # the server is up: it reconnects and uploads
    assert rec.offline_since is None and rec.spooled == 0
    for lab, batch, arrival in rest[third:]:
        live.feed(lab, batch, arrival)
    live.finish(timeout_s=120)
    assert rec.error is None
    # The reading connection was closed too: opened again on its next statement.
    _assert_complete(store, set_id, sim, live)
    assert Spool(rec.spool_path).count()[0] == 0
    store.close()


def test_recording_on_the_command_line_says_it_is_offline(pg_server, pg_url):
    name = _dbname(pg_url)
    assert run("patient", "add", "P6", "--db", pg_url).returncode == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "record", "--demo", "--exercise",
         "knee_extension_seated", "--reps", "6", "--patient", "P6", "--db", pg_url,
         "--progress", "--speed", "3"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    try:
        for line in proc.stderr:
            lines.append(line)
            if line.startswith("fed ") and float(line.split()[2]) > 2.0:
                break
        pg_server.stop("fast")
        _, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        pg_server.start()
    err = "".join(lines) + err
    assert "cannot be reached" in err and "Traceback" not in err
    assert "kept on this computer" in err
    assert proc.returncode == 4
    r = run("sessions", "--json", "--db", pg_url)
    assert r.returncode == 0, r.stderr
    assert "uploaded" in r.stderr
    (s,) = json.loads(r.stdout)["sessions"]
    assert s["rep_count"] == 6
    sim = simulate_session("knee_extension_seated", reps=6, rate_hz=50.0, seed=1)
    n = pg_server.sql("SELECT sum(n) FROM chunks", name)[0][0]
    assert n == sum(_samples_of(sim).values())



def test_db_copy_moves_a_history_to_the_server_and_back_verified(pg_server, pg_url,
                                                                   tmp_path):
    from recordings.copy import samples_digest

    lite = str(tmp_path / "laptop.db")
    assert run("patient", "add", "P1", "--db", lite).returncode == 0
    for label, seed in (("intake", 1), ("week 6", 2)):
        r = run("record", "--demo", "--exercise", "knee_extension_seated", "--reps", "4",
                "--seed", str(seed), "--fast", "--patient", "P1", "--label", label, "--db",
                lite)
        assert r.returncode == 0, r.stderr
    assert run_process("tests", "P1", "--db", lite).returncode == 0    # as a shell sees it
    r = run_process("db", "copy", lite, pg_url)             # as a shell sees it
    assert r.returncode == 0, r.stderr
    assert "verified" in r.stdout and "sessions" in r.stdout
    src, dst = open_store(lite, create=False), open_store(pg_url, create=False)
    assert samples_digest(src) == samples_digest(dst)
    assert [s.to_json() for s in src.sessions()] == [s.to_json() for s in dst.sessions()]
    for s in src.sessions():
        for a, b in zip(src.sets(s.id), dst.sets(s.id), strict=True):
            assert a == b and src.reps(a["id"]) == dst.reps(b["id"])
    # The server's ids go on after the copied ones.
    assert dst.new_session("P1", "week 12") == 3
    # A destination that is not empty is refused (nothing copied) unless merging.
    r = run("db", "copy", lite, pg_url)
    assert r.returncode != 0 and "not empty" in r.stderr and "Traceback" not in r.stderr
    assert len(dst.sessions()) == 3
    # Another laptop's history of the same patient and moment, merged in: one session.
    other = str(tmp_path / "other.db")
    assert run("patient", "add", "P1", "--db", other).returncode == 0
    r = run("record", "--demo", "--exercise", "squat", "--reps", "3", "--fast", "--patient",
            "P1", "--label", "Week 6", "--db", other)
    assert r.returncode == 0, r.stderr
    r = run("db", "copy", other, pg_url, "--merge")
    assert r.returncode == 0, r.stderr
    moments = {s.label: s for s in dst.sessions("P1")}
    assert set(moments) == {"intake", "week 6", "week 12"}
    assert moments["week 6"].rep_count == 4 + 3
    # And back from the server into a new SQLite file: the same again.
    back = str(tmp_path / "back.db")
    r = run("db", "copy", pg_url, back)
    assert r.returncode == 0, r.stderr
    back_store = open_store(back, create=False)
    assert samples_digest(back_store) == samples_digest(dst)
    assert [s.to_json() for s in back_store.sessions()] == [s.to_json()
                                                           for s in dst.sessions()]
    for s in (src, dst, back_store):
        s.close()


def test_a_killed_recording_on_the_server_loses_at_most_half_a_second(pg_url):
    assert run("patient", "add", "P8", "--db", pg_url).returncode == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "record", "--demo", "--exercise",
         "knee_extension_seated", "--reps", "30", "--patient", "P8", "--db", pg_url,
         "--progress"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    fed = {}
    try:
        for line in proc.stderr:
            if line.startswith("fed "):
                _, lab, t = line.split()
                fed[lab] = float(t)
                if fed[lab] > 3.0:
                    proc.send_signal(signal.SIGKILL)
                    break
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    store = open_store(pg_url, create=False)
    (info,) = store.sessions("P8")
    (st,) = store.sets(info.id, include_empty=True)
    samples = store.set_samples(st["id"])
    for lab, t_fed in fed.items():
        assert samples[lab].time_s[-1] >= t_fed - 0.5
    store.close()
