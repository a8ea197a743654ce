"""Copying a history between stores (real SQLite): commits made exactly once stay once."""

import numpy as np

from monitor.core.samples import ImuBatch
from recordings.copy import copy_store
from recordings.store import Store, chunk_row


def _batch(t0: float, n: int) -> ImuBatch:
    t = t0 + np.arange(n) / 100.0
    return ImuBatch(t, np.ones((n, 3)), np.zeros((n, 3)))


def test_a_merge_keeps_each_uploaded_commit_once_and_matches_patients(tmp_path):
    src = Store(tmp_path / "laptop.db")
    session = src.new_session("P1", "intake")
    set_id = src.new_set(session, "knee_extension_seated", {"a": "shank"})
    src.add_chunk_rows([chunk_row(set_id, "a", _batch(0.0, 5), None)], "commit-1")
    src.add_chunk_rows([chunk_row(set_id, "a", _batch(0.05, 5), None)], "commit-2")
    dst = Store(tmp_path / "practice.db")
    first = copy_store(src, dst)
    assert first.rows["uploads"] == 2 and first.verified
    again = copy_store(src, dst, merge=True)
    # The uploads are found by their uid, the patient by its code, the moment by its label.
    assert again.merged["uploads"] == 2 and again.rows["uploads"] == 0
    assert again.merged["patients"] == 1 and again.merged["sessions"] == 1
    assert again.verified
    uids = [r[0] for r in dst.db.execute("SELECT uid FROM uploads ORDER BY uid")]
    assert uids == ["commit-1", "commit-2"]
    assert dst.db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    src.close()
    dst.close()
