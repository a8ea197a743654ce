"""The offline spool: where a set goes on being recorded when the database server is lost.

A workstation recording into the practice's PostgreSQL server that loses the connection
mid-set (the network, the server restarting) does not stop the set: the recorder writes what
it would have committed into this local SQLite file (crash-safe as the SQLite store: WAL,
synchronous=FULL, committed at the same 0.25-s pace, readable by the user only), and uploads it
when the server answers again, in the order it was recorded.

Exactly once: every commit carries a unique id (a UUID), made before it is first tried and
kept with it in the spool. The server records the id in the table ``uploads`` in the same
transaction as the rows it brings, so a commit whose acknowledgement was lost (it did reach
the server) and is uploaded again from the spool is skipped, and an upload interrupted
anywhere is simply done again. An entry leaves the spool only after its transaction is
committed on the server.

What a commit can be: raw sample chunks, repetitions, the set's summary, and the writes that
follow it (the moment's test result, the set marked empty).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from recordings.store import (
    Store,
    StoreDamagedError,
    StoreError,
    StoreIOError,
    default_db_path,
    private_folder,
)

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS waiting (
    seq INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    server TEXT NOT NULL,
    set_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    data TEXT,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS waiting_chunks (
    item INTEGER NOT NULL REFERENCES waiting(seq),
    sensor TEXT NOT NULL,
    t0 REAL NOT NULL,
    n INTEGER NOT NULL,
    time BLOB NOT NULL,
    imu BLOB NOT NULL,
    mag BLOB,
    counter BLOB,
    arrival BLOB
);
CREATE INDEX IF NOT EXISTS waiting_chunks_by_item ON waiting_chunks(item);
"""


# Commits of the spool uploaded in one transaction of the server (about 10 s of recording).
UPLOAD_BATCH: Final = 40


def default_spool_path() -> Path:
    """The spool of this computer's user, in the private data folder."""
    return default_db_path().with_name("spool.db")


def new_uid() -> str:
    return uuid.uuid4().hex


class Spool:
    """The local file of commits waiting for the server (one per user and computer; any
    number of servers)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        try:
            private_folder(self.path.parent)
            if not self.path.exists():
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0,
                                      check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise StoreIOError(f"the local spool {self.path} cannot be written ({exc}): the "
                               "set cannot be kept while the server is away") from exc

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()

    def _put(self, server: str, set_id: int, uid: str, kind: str, data: object,
             chunks: Sequence[tuple] = ()) -> None:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            cur = self.db.execute(
                "INSERT INTO waiting(uid, server, set_id, kind, data, created_at) "
                "VALUES (?,?,?,?,?,?) ON CONFLICT(uid) DO NOTHING",
                (uid, server, set_id, kind, None if data is None else json.dumps(data),
                 time.time()))
            # A commit put again (the same uid) is kept already, with its samples: only a
            # new entry gets them (the id of a conflicting insert is another entry's).
            if chunks and cur.rowcount == 1 and cur.lastrowid is not None:
                seq = cur.lastrowid
                self.db.executemany(
                    "INSERT INTO waiting_chunks(item, sensor, t0, n, time, imu, mag, counter, "
                    "arrival) VALUES (?,?,?,?,?,?,?,?,?)", [(seq, *row[1:]) for row in chunks])
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.db.execute("ROLLBACK")
            raise StoreIOError(f"the local spool {self.path} cannot be written ({exc})"
                               ) from exc

    def count(self, server: str | None = None) -> tuple[int, int]:
        """Commits and sets waiting (for ``server``, or for any)."""
        cond, params = ("WHERE server=?", (server,)) if server else ("", ())
        row = self.db.execute(f"SELECT count(*), count(DISTINCT set_id) FROM waiting {cond}",
                              params).fetchone()
        return row[0], row[1]

    def items(self, server: str) -> list[tuple[int, str, int, str, str | None]]:
        return self.db.execute("SELECT seq, uid, set_id, kind, data FROM waiting WHERE "
                               "server=? ORDER BY seq", (server,)).fetchall()

    def chunk_rows(self, seq: int, set_id: int) -> list[tuple]:
        return [(set_id, *r) for r in self.db.execute(
            "SELECT sensor, t0, n, time, imu, mag, counter, arrival FROM waiting_chunks "
            "WHERE item=? ORDER BY rowid", (seq,)).fetchall()]

    def remove(self, seqs: list[int]) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        self.db.executemany("DELETE FROM waiting_chunks WHERE item=?", [(q,) for q in seqs])
        self.db.executemany("DELETE FROM waiting WHERE seq=?", [(q,) for q in seqs])
        self.db.execute("COMMIT")


class SpoolWriter:
    """The recorder's writes while the server is away: the methods of the store it uses,
    kept in the spool for one server."""

    def __init__(self, spool: Spool, server: str) -> None:
        self.spool = spool
        self.server = server

    def close(self) -> None:
        """(The spool stays open: its owner closes it.)"""

    def add_chunk_rows(self, rows: list[tuple], uid: str | None = None) -> None:
        self.spool._put(self.server, rows[0][0], uid or new_uid(), "chunks", None, rows)

    def add_reps(self, set_id: int, reps: list[dict], algorithm: str,
                 uid: str | None = None) -> None:
        self.spool._put(self.server, set_id, uid or new_uid(), "reps",
                        {"reps": reps, "algorithm": algorithm})

    def finish_set(self, set_id: int, summary: dict, ended_at: float | None = None,
                   uid: str | None = None) -> None:
        self.spool._put(self.server, set_id, uid or new_uid(), "finish",
                        {"summary": summary, "ended_at": ended_at or time.time()})

    def action(self, set_id: int, action: list, uid: str | None = None) -> None:
        self.spool._put(self.server, set_id, uid or new_uid(), "action", action)


def apply_action(store: Store, set_id: int, action: list | tuple) -> None:
    """A write that follows a set's summary: ``["test_result", exercise, summary]`` (the
    moment's test result) or ``["status", status]``."""
    if action[0] == "test_result":
        from recordings.measurements import store_set_result

        store_set_result(store, set_id, action[1], action[2])
    elif action[0] == "status":
        store.set_status(set_id, action[1])
    else:
        raise ValueError(f"unknown write after a set: {action!r}")


def upload(spool: Spool, store: Store) -> int:
    """Upload what waits in ``spool`` for ``store``'s server, in order, each commit exactly
    once; returns the commits uploaded now. Raises the store's error (StoreOfflineError:
    the server went away again) with everything uploaded until then removed from the spool.
    Another process uploading the same spool meanwhile: nothing is done (0)."""
    lock = open(str(spool.path) + ".upload", "a")       # noqa: SIM115 (held until the end)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return 0
        done = 0
        items = spool.items(str(store.path))
        for start in range(0, len(items), UPLOAD_BATCH):
            batch = items[start:start + UPLOAD_BATCH]
            with store.lock:
                # Several commits in one transaction of the server (each still once: its
                # uid is claimed with its rows); removed from the spool once committed.
                store.db.execute("BEGIN")
                try:
                    for seq, uid, set_id, kind, data in batch:
                        _upload_one(spool, store, seq, uid, set_id, kind, data)
                    store.db.execute("COMMIT")
                except BaseException:
                    if store.db.in_transaction:
                        with contextlib.suppress(StoreError):
                            store.db.execute("ROLLBACK")
                    raise
            spool.remove([b[0] for b in batch])
            done += len(batch)
        return done
    finally:
        lock.close()


def _upload_one(spool: Spool, store: Store, seq: int, uid: str, set_id: int, kind: str,
                data: str | None) -> None:
    if kind == "chunks":
        store.add_chunk_rows(spool.chunk_rows(seq, set_id), uid)
        return
    if data is None:
        raise StoreDamagedError(f"the local spool {spool.path} is damaged (commit {uid} of set "
                                f"{set_id} has no data): it was left as it was")
    payload = json.loads(data)
    if kind == "reps":
        store.add_reps(set_id, payload["reps"], payload["algorithm"], uid)
    elif kind == "finish":
        store.once(uid, set_id, lambda s: s.finish_set(set_id, payload["summary"],
                                                       payload["ended_at"]))
    else:
        store.once(uid, set_id, lambda s: apply_action(s, set_id, payload))



def upload_waiting(store: Store, say: Callable[[str], None] | None = None) -> int:
    """At the start of a command on a server: upload what this computer recorded while it
    could not reach it (said with ``say``). An error on the way is said, not raised: the
    rest stays in the spool for next time."""
    path = getattr(store, "spool_path", None)
    if path is None or not Path(path).exists():
        return 0
    from monitor.core.messages import Message

    spool = Spool(path)
    try:
        waiting, sets = spool.count(str(store.path))
        if not waiting:
            return 0
        try:
            done = upload(spool, store)
        except StoreError as exc:
            if say is not None:
                say(Message("{n} commits of {sets} sets recorded while {path} could not be "
                            "reached still wait in {spool}: {why}", n=waiting, sets=sets,
                            path=store.path, spool=spool.path, why=exc))
            return 0
        if say is not None and done:
            say(Message("uploaded {n} commits of {sets} sets recorded while {path} could not "
                        "be reached", n=done, sets=sets, path=store.path))
        return done
    finally:
        spool.close()
