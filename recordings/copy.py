"""Copying a practice's history from one store to another (``monitor db copy SRC DST``):
an SQLite file into the practice's PostgreSQL server, or back, verified.

The destination must be empty (its schema may exist) unless merging is asked for: then
patients are matched by their code and a measurement moment the destination already has for
that patient takes the copied sets (one moment, one session); every other row is added
with a new id, and the references between rows follow. Without merging the ids stay as they
were (session and set numbers the therapist has noted stay right).

Everything is copied in one transaction of the destination (all or nothing), table after
table in the order of their references, in bounded batches (a large history is never read
into memory at once). Then it is verified: the rows per table and the SHA-256 of every raw
sample (time, motion, magnetometer, counter and arrival bytes of every chunk, in order) read
back from the destination against the source.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

from monitor.core.messages import Message
from recordings.store import MIGRATIONS, Store, StoreError, _tables_in_order, inserted_id

BATCH_ROWS: Final = 500
_CHUNK_DATA: Final = ("sensor", "t0", "n", "time", "imu", "mag", "counter", "arrival")


@dataclass
class CopyReport:
    rows: dict[str, int] = field(default_factory=dict)     # copied per table
    merged: dict[str, int] = field(default_factory=dict)   # matched to existing rows
    samples: int = 0
    source_sha256: str = ""
    copy_sha256: str = ""

    @property
    def verified(self) -> bool:
        return self.source_sha256 == self.copy_sha256


def schema_tables() -> list[tuple[str, list[str], list[tuple[str, str, bool]]]]:
    """The schema's tables in the order of their references: (table, columns, references
    (column, table, may be empty)), read from the SQLite schema the migrations make."""
    mem = sqlite3.connect(":memory:")
    try:
        for script in MIGRATIONS:
            mem.executescript(script)
        out = []
        for table, refs in _tables_in_order(mem):
            cols = [c[1] for c in mem.execute(f"PRAGMA table_info({table})")]
            out.append((table, cols, refs))
        return out
    finally:
        mem.close()


def is_empty(store: Store) -> bool:
    return all(store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0
               for t, _, _ in schema_tables())


def _key(table: str, cols: list[str]) -> str:
    return "uid" if "id" not in cols else "id"


def _rows(store: Store, table: str, cols: list[str]) -> Iterator[list[tuple]]:
    """Every row of ``table`` in key order, in batches."""
    key = _key(table, cols)
    sql = (f"SELECT {', '.join(cols)} FROM {table} WHERE {key} > ? ORDER BY {key} "
           f"LIMIT {BATCH_ROWS}")
    after: object = "" if key == "uid" else -(2**62)
    k = cols.index(key)
    while True:
        batch = store.db.execute(sql, (after,)).fetchall()
        if not batch:
            return
        yield batch
        after = batch[-1][k]


def samples_digest(store: Store, set_ids: dict[int, int] | None = None) -> tuple[str, int]:
    """SHA-256 of every chunk's data in chunk order (only the chunks of ``set_ids``' keys
    when given), and the number of samples."""
    h = hashlib.sha256()
    n = 0
    cols = ["id", "set_id", *_CHUNK_DATA]
    for batch in _rows(store, "chunks", cols):
        for row in batch:
            if set_ids is not None and row[1] not in set_ids:
                continue
            h.update(repr((row[2], float(row[3]), int(row[4]))).encode())
            for blob in row[5:]:
                h.update(b"-" if blob is None else bytes(blob))
            n += int(row[4])
    return h.hexdigest(), n


def copy_store(src: Store, dst: Store, merge: bool = False) -> CopyReport:
    """Copy everything in ``src`` into ``dst`` (see the module's docstring)."""
    if not merge and not is_empty(dst):
        raise StoreError(Message("{dst} is not empty: nothing was copied. Copy into an empty "
                                 "database, or add --merge to add this history to what is "
                                 "there", dst=dst.path))
    report = CopyReport()
    ids: dict[str, dict[int, int]] = {}
    first_new_chunk: int | None = None
    with dst.lock:
        dst.db.execute("BEGIN IMMEDIATE")
        try:
            for table, cols, refs in schema_tables():
                ids[table] = {}
                ref_at = [(cols.index(c), parent) for c, parent, _ in refs]
                copied = merged = 0
                for batch in _rows(src, table, cols):
                    rows = []
                    for found in batch:
                        row = list(found)
                        for k, parent in ref_at:
                            if row[k] is not None:
                                row[k] = ids[parent].get(row[k], row[k] if not merge else None)
                        rows.append(row)
                    if not merge:
                        dst.db.executemany(
                            f"INSERT INTO {table}({', '.join(cols)}) VALUES "
                            f"({', '.join('?' * len(cols))})", rows)
                        if "id" in cols:
                            ids[table].update((r[0], r[0]) for r in rows)
                        copied += len(rows)
                        continue
                    for row in rows:
                        if "id" not in cols:             # the uploads: kept once
                            if table == "uploads" and _uploaded(dst, row[0]):
                                merged += 1
                                continue
                            dst.db.execute(
                                f"INSERT INTO {table}({', '.join(cols)}) VALUES "
                                f"({', '.join('?' * len(cols))})", row)
                        else:
                            existing = _existing(dst, table, cols, row)
                            if existing is not None:
                                ids[table][row[0]] = existing
                                merged += 1
                                continue
                            new = inserted_id(dst.db.execute(
                                f"INSERT INTO {table}({', '.join(cols[1:])}) VALUES "
                                f"({', '.join('?' * (len(cols) - 1))})", row[1:]).lastrowid,
                                dst.path)
                            ids[table][row[0]] = new
                            if table == "chunks" and first_new_chunk is None:
                                first_new_chunk = new
                        copied += 1
                report.rows[table] = copied
                if merged:
                    report.merged[table] = merged
            if not merge and hasattr(dst, "reset_ids"):
                dst.reset_ids([t for t, cols, _ in schema_tables() if "id" in cols])
            dst.db.execute("COMMIT")
        except BaseException:
            if dst.db.in_transaction:
                dst.db.execute("ROLLBACK")
            raise
    report.source_sha256, report.samples = samples_digest(src)
    copied_sets = {new: old for old, new in ids["sets"].items()}
    report.copy_sha256, copied_samples = samples_digest(dst, copied_sets if merge else None)
    for table, _cols, _ in schema_tables():
        n_src = src.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if report.rows.get(table, 0) + report.merged.get(table, 0) != n_src:
            raise StoreError(Message("the copy of {table} in {dst} has {n} rows, the source "
                                     "{m}", table=table, dst=dst.path,
                                     n=report.rows.get(table, 0), m=n_src))
        if not merge:
            n_dst = dst.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            if n_dst != n_src:
                raise StoreError(Message("the copy of {table} in {dst} has {n} rows, the "
                                         "source {m}", table=table, dst=dst.path, n=n_dst,
                                         m=n_src))
    if not report.verified or copied_samples != report.samples:
        raise StoreError(Message("the raw samples copied into {dst} differ from the source "
                                 "(SHA-256 {a} against {b})", dst=dst.path,
                                 a=report.copy_sha256[:12], b=report.source_sha256[:12]))
    return report


def _existing(dst: Store, table: str, cols: list[str], row: list) -> int | None:
    """When merging: the id of the destination's row that this one is (a patient by its
    code, a measurement moment of that patient by its label)."""
    if table == "patients":
        found = dst.db.execute("SELECT id FROM patients WHERE code=?",
                               (row[cols.index("code")],)).fetchone()
    elif table == "sessions" and row[cols.index("label")] is not None:
        found = dst.db.execute(
            "SELECT id FROM sessions WHERE patient_id=? AND label IS NOT NULL AND "
            "lower(trim(label))=lower(trim(?))",
            (row[cols.index("patient_id")], row[cols.index("label")])).fetchone()
    else:
        return None
    return None if found is None else found[0]


def _uploaded(dst: Store, uid: str) -> bool:
    """When merging: is this upload (a commit made exactly once) in the destination?"""
    return dst.db.execute("SELECT uid FROM uploads WHERE uid=?", (uid,)).fetchone() is not None
