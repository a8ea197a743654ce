"""Shared helpers: run the pipeline on a simulated set and compare with its ground truth."""

from __future__ import annotations

import numpy as np

from calibration.mounting import Mounting
from monitor.core.analysis import analyze_recording
from monitor.core.simulate import SimulatedSession


def known_mountings(sim: SimulatedSession) -> dict[str, Mounting]:
    return {lab: Mounting.from_rotation(m, sim.exercise.plane)
            for lab, m in sim.mountings.items()}


def compare(sim: SimulatedSession, result) -> dict:
    """Errors of a result against the simulation's truth (reps paired in order)."""
    truth = np.interp(result.series_t, sim.time_s, sim.reported_deg)
    out = {"count": len(result.reps), "true_count": len(sim.reps),
           "rmse_deg": float(np.sqrt(np.mean((result.series_deg - truth) ** 2)))}
    if len(result.reps) == len(sim.reps):
        pairs = list(zip(result.reps, sim.reps, strict=True))
        out["rom_err"] = np.array([abs(r.rom_deg - t.rom_deg) for r, t in pairs])
        out["phase_err"] = np.array([abs(getattr(r, k) - getattr(t, k)) for r, t in pairs
                                     for k in ("concentric_s", "hold_s", "eccentric_s",
                                               "start_s", "end_s", "peak_s")])
        out["latency"] = np.array([r.reported_s - t.end_s for r, t in pairs])
    return out


def run_known(sim: SimulatedSession):
    return analyze_recording(sim.recording, mountings=known_mountings(sim), keep_series=True)
