"""Simulated sensors for demo mode and tests: a simulated set streamed in small batches.

Batches come in the size and at the pace of BLE notifications (1-10 samples), alternating
between sensors in time order, optionally in real time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np

from monitor.core.samples import ImuBatch
from monitor.signal.simulate import SimulatedSession


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


def encode_wit_frames(acc_m_s2: np.ndarray, gyr_rad_s: np.ndarray) -> bytes:
    """Samples as the WitMotion wire format (55 61 + 9 x int16), as a real sensor sends."""
    from devices.decoders import DEG, G

    acc = np.clip(np.round(acc_m_s2 / G / 16.0 * 32768), -32768, 32767).astype("<i2")
    gyr = np.clip(np.round(gyr_rad_s / DEG / 2000.0 * 32768), -32768, 32767).astype("<i2")
    out = bytearray()
    for a, g in zip(acc, gyr, strict=True):
        out += b"\x55\x61" + a.tobytes() + g.tobytes() + b"\x00" * 6
    return bytes(out)


class SimulatedSensor:
    """A simulated sensor family: the simulator's samples go over the wire format and back
    through the real decoder, so demo mode exercises the same decode path as hardware."""

    family = "simulated"

    def __init__(self) -> None:
        from devices.drivers.base import driver_for_family

        self.driver = driver_for_family("simulated")()

    def transmit(self, batch: ImuBatch) -> ImuBatch:
        decoded = self.driver.decode("", encode_wit_frames(batch.acc_m_s2, batch.gyr_rad_s))
        n = len(decoded)
        return ImuBatch(batch.time_s[-n:] if n else batch.time_s[:0], decoded.acc, decoded.gyr)
