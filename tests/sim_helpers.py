"""Shared helpers: run the pipeline on a simulated set and compare with its ground truth."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from scipy.spatial.transform import Rotation

from calibration.mounting import Mounting
from monitor.core.samples import ImuBatch
from monitor.signal.analysis import analyze_recording
from monitor.signal.simulate import SimulatedSession


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


LATERAL = np.array([0.0, 1.0, 0.0])      # knee axis in the thigh's segment frame


def body_rates(r: Rotation, dt: float) -> np.ndarray:
    w = (r[:-1].inv() * r[1:]).as_rotvec() / dt
    return np.vstack([w, w[-1]])


def hinged_leg(seed=0, rate=100.0, seconds=20.0, hip=30.0, abduction=12.0, rotation=15.0,
               knee=35.0, freqs=(0.3, 0.47, 0.23, 0.41), noise=0.01):
    """Angular rates of thigh and shank sensors and the true knee axis in both frames."""
    rng = np.random.default_rng(seed)
    t = np.arange(0.0, seconds, 1.0 / rate)
    fh, fa, fr, fk = freqs
    angles = np.c_[rotation * np.sin(2 * np.pi * fr * t + 2), abduction *
                   np.sin(2 * np.pi * fa * t + 1), hip * np.sin(2 * np.pi * fh * t)]
    thigh = Rotation.from_euler("ZXY", angles, degrees=True)
    knee_deg = 40 + knee * np.sin(2 * np.pi * fk * t + 0.5) if knee else 0 * t
    shank = thigh * Rotation.from_euler("Y", -knee_deg[:, None], degrees=True)
    m1 = Rotation.random(random_state=seed)
    m2 = Rotation.random(random_state=seed + 100)
    g1 = body_rates(thigh * m1, 1 / rate) + rng.normal(0, noise, (len(t), 3))
    g2 = body_rates(shank * m2, 1 / rate) + rng.normal(0, noise, (len(t), 3))
    return t, g1, g2, m1.inv().apply(LATERAL), m2.inv().apply(LATERAL)


def with_lost_samples(sim: SimulatedSession, seed: int, share: float = 0.05,
                      burst_s: float = 0.3, bursts: int = 1) -> SimulatedSession:
    """The same set with samples lost as over a Bluetooth link: ``share`` of them in runs of
    1-3, and ``bursts`` runs of ``burst_s`` (none in the first 2 s)."""
    rng = np.random.default_rng(seed)
    sensors = {}
    for lab, b in sim.recording.sensors.items():
        n = len(b)
        keep = np.ones(n, dtype=bool)
        rate = b.nominal_rate_hz()
        while (~keep).mean() < share:
            i = int(rng.integers(int(2 * rate), n - 5))
            keep[i:i + int(rng.integers(1, 4))] = False
        for _ in range(bursts):
            i = int(rng.integers(int(2 * rate), n - int(rate)))
            keep[i:i + int(burst_s * rate)] = False
        sensors[lab] = ImuBatch(b.time_s[keep], b.acc_m_s2[keep], b.gyr_rad_s[keep], None)
    rec = replace(sim.recording, sensors=sensors)
    return replace(sim, recording=rec)
