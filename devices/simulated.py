"""Simulated sensors for demo mode and tests: a simulated set streamed in small batches.

Batches come in the size and at the pace of BLE notifications (1-10 samples), alternating
between sensors in time order, optionally in real time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np

from monitor.core.samples import ImuBatch
from monitor.core.simulate import SimulatedSession


def stream_batches(sim: SimulatedSession, batch_size: int = 5, realtime: bool = False,
                   speed: float = 1.0, seconds: float | None = None
                   ) -> Iterator[tuple[str, ImuBatch, np.ndarray]]:
    """Yield (label, batch, arrival times) in time order, like notifications arriving."""
    parts = []
    for label, b in sim.recording.sensors.items():
        for p in b.split([batch_size] * (len(b) // batch_size + 1)):
            parts.append((float(p.time_s[-1]), label, p))
    parts.sort(key=lambda x: (x[0], x[1]))
    start = time.monotonic()
    for t_last, label, p in parts:
        if seconds is not None and t_last > seconds:
            return
        if realtime:
            wait = t_last / speed - (time.monotonic() - start)
            if wait > 0:
                time.sleep(wait)
        yield label, p, np.full(len(p), t_last)
