"""The orientations of a stored set as an OpenSim OpenSense orientations file (``.sto``).

OpenSense (Al Borno et al., "OpenSense: An open-source toolbox for inertial-measurement-
unit-based measurement of lower extremity kinematics over long durations", J NeuroEng
Rehabil 19, 22, 2022) reads IMU orientations as a table of quaternions::

    DataRate=50
    DataType=Quaternion
    version=3
    OpenSimVersion=4.5
    endheader
    time	tibia_r_imu	femur_r_imu
    0.000000	w,x,y,z	w,x,y,z

One column per sensor the pipeline measured with, named after the body of OpenSim's leg
models it sits on (thigh -> ``femur_<r|l>_imu``, shank -> ``tibia_<r|l>_imu``, pelvis ->
``pelvis_imu``; without a known side ``femur_imu``), which is what the IMU placer looks for.
Each cell is the pipeline's own orientation estimate (VQF 6D, the set replayed exactly as it
was recorded): the sensor's frame to an earth frame with z up and an arbitrary heading, unit
quaternion scalar first. OpenSim's ground has y up: give the IMU placer
``sensor_to_opensim_rotations`` -1.5707963 0 0, as for other z-up sensors.

The time column is the measured sensor's (the primary's) sample times on the set's clock,
where every sensor has data; the other sensors' orientations are interpolated to them
(spherical linear interpolation between their own neighbouring samples).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import numpy as np

from monitor.core.lazy import load
from monitor.core.messages import Message
from recordings.replay import pipeline_for_set, set_config
from recordings.store import Store, StoreError

OPENSIM_VERSION: Final = "4.5"
BODIES: Final = {"thigh": "femur", "shank": "tibia", "pelvis": "pelvis"}


def column_name(placement: str, segment: str) -> str:
    body = BODIES.get(segment, segment)
    if body == "pelvis":
        return "pelvis_imu"
    side = placement.split("_", 1)[0] if "_" in placement else None
    suffix = {"left": "_l", "right": "_r"}.get(side or "", "")
    return f"{body}{suffix}_imu"


def set_orientations(store: Store, set_id: int) -> tuple[str, dict[str, tuple]]:
    """Replay the set with orientations kept: (primary label, label -> (time_s, quat))."""
    pipe = pipeline_for_set(store, set_id)
    pipe.keep_orientations = True
    for sensor, b in store.iter_chunks(set_id):
        pipe.feed(sensor, b.time_s, b.acc_m_s2, b.gyr_rad_s)
    pipe.finish()
    return pipe.primary_label, pipe.orientations()


def _slerp(t: np.ndarray, q: np.ndarray, at: np.ndarray) -> np.ndarray:
    transform = load("scipy.spatial.transform")
    Rotation, Slerp = transform.Rotation, transform.Slerp

    t, first = np.unique(t, return_index=True)
    rot = Rotation.from_quat(q[first][:, [1, 2, 3, 0]])      # scipy: scalar last
    if len(t) == 1:
        return np.repeat(q[first][:1], len(at), axis=0)
    out = Slerp(t, rot)(at).as_quat()[:, [3, 0, 1, 2]]
    return out


def write_orientations(store: Store, set_id: int, path: Path) -> Path:
    cfg = set_config(store, set_id)
    primary, ori = set_orientations(store, set_id)
    if primary not in ori or len(ori[primary][0]) == 0:
        raise StoreError(Message("set {set} has no samples of its measured sensor",
                                 set=set_id))
    t, q = ori[primary]
    lo = max(float(tt[0]) for tt, _ in ori.values() if len(tt))
    hi = min(float(tt[-1]) for tt, _ in ori.values() if len(tt))
    keep = (t >= lo) & (t <= hi)
    t = t[keep]
    columns: dict[str, np.ndarray] = {}
    order = [primary, *[lab for lab in ori if lab != primary]]
    for label in order:
        tt, qq = ori[label]
        if len(tt) == 0:
            continue
        info = cfg["sensors"].get(label, {})
        name = column_name(info.get("placement", label), info.get("segment", label))
        columns[name] = q[keep] if label == primary else _slerp(tt, qq, t)
    for name in columns:
        qs = columns[name]
        columns[name] = qs / np.linalg.norm(qs, axis=1, keepdims=True)
    rate = float(cfg["sensors"].get(primary, {}).get("rate_hz") or 0.0)
    lines = [f"DataRate={rate:.6f}", "DataType=Quaternion", "version=3",
             f"OpenSimVersion={OPENSIM_VERSION}", "endheader",
             "\t".join(["time", *columns])]
    cells = [np.char.mod("%.6f", t)]
    for qs in columns.values():
        parts = [np.char.mod("%.9f", qs[:, k]) for k in range(4)]
        cells.append(np.char.add(np.char.add(np.char.add(np.char.add(parts[0], ","),
                                                         np.char.add(parts[1], ",")),
                                             np.char.add(parts[2], ",")), parts[3]))
    rows = ["\t".join(row) for row in zip(*cells, strict=True)]
    path.write_text("\n".join(lines + rows) + "\n", encoding="utf-8")
    return path
