"""The offline spool on its own (real SQLite): a commit put twice is kept once."""

import numpy as np

from monitor.core.samples import ImuBatch
from recordings.spool import Spool, SpoolWriter
from recordings.store import chunk_row


def _batch(t0: float, n: int) -> ImuBatch:
    t = t0 + np.arange(n) / 100.0
    return ImuBatch(t, np.ones((n, 3)), np.zeros((n, 3)))


def test_a_commit_put_again_keeps_its_samples_once_and_with_itself(tmp_path):
    spool = Spool(tmp_path / "spool.db")
    writer = SpoolWriter(spool, "postgresql://server/db")
    writer.add_chunk_rows([chunk_row(7, "thigh", _batch(0.0, 5), None)], "first")
    writer.add_chunk_rows([chunk_row(7, "thigh", _batch(0.05, 4), None)], "second")
    # The first commit tried again (as a retry after a failure does): nothing changes.
    writer.add_chunk_rows([chunk_row(7, "thigh", _batch(0.0, 5), None)], "first")
    assert spool.count() == (2, 1)
    items = spool.items("postgresql://server/db")
    assert [uid for _, uid, _, _, _ in items] == ["first", "second"]
    sizes = [[row[3] for row in spool.chunk_rows(seq, 7)] for seq, *_ in items]
    assert sizes == [[5], [4]]
    # Nothing is left that belongs to no commit.
    orphans = spool.db.execute("SELECT count(*) FROM waiting_chunks WHERE item NOT IN "
                               "(SELECT seq FROM waiting)").fetchone()[0]
    assert orphans == 0
    spool.close()
