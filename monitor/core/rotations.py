"""Small rotation helpers (matrices act on column vectors; quaternions are w, x, y, z)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def axis_angle_matrix(axis: ArrayLike, angle_rad: ArrayLike) -> np.ndarray:
    """Rotation matrices (..., 3, 3) about a fixed unit axis by angles (...) in radians."""
    unit = np.asarray(axis, dtype=float)
    unit = unit / np.linalg.norm(unit)
    angles = np.asarray(angle_rad, dtype=float)
    c, s = np.cos(angles), np.sin(angles)
    x, y, z = unit
    if np.count_nonzero(unit) == 1:
        # About a coordinate axis (the simulator's joints): four entries move, the rest are
        # 0 or 1; the same numbers as below without the products by zero.
        i = int(np.flatnonzero(unit)[0])
        j, k = (i + 1) % 3, (i + 2) % 3
        sign = 1.0 if unit[i] > 0 else -1.0
        m = np.zeros((*angles.shape, 3, 3))
        m[..., i, i] = 1.0
        m[..., j, j] = c
        m[..., k, k] = c
        m[..., j, k] = -sign * s
        m[..., k, j] = sign * s
        return m
    one_c = 1.0 - c
    m = np.empty((*angles.shape, 3, 3))
    m[..., 0, 0] = c + x * x * one_c
    m[..., 0, 1] = x * y * one_c - z * s
    m[..., 0, 2] = x * z * one_c + y * s
    m[..., 1, 0] = y * x * one_c + z * s
    m[..., 1, 1] = c + y * y * one_c
    m[..., 1, 2] = y * z * one_c - x * s
    m[..., 2, 0] = z * x * one_c - y * s
    m[..., 2, 1] = z * y * one_c + x * s
    m[..., 2, 2] = c + z * z * one_c
    return m


def then_about_axis(rot: np.ndarray, axis: ArrayLike, angle_rad: ArrayLike) -> np.ndarray:
    """``rot @ axis_angle_matrix(axis, angle_rad)`` for rotations (..., 3, 3): about a
    coordinate axis only two columns mix, which is several times faster than the stacked
    3 x 3 products (the same numbers: the products by zero add nothing)."""
    unit = np.asarray(axis, dtype=float)
    if np.count_nonzero(unit) != 1:
        return rot @ axis_angle_matrix(unit, angle_rad)
    i = int(np.flatnonzero(unit)[0])
    j, k = (i + 1) % 3, (i + 2) % 3
    angles = np.asarray(angle_rad, dtype=float)[..., None]
    c, s = np.cos(angles), np.sign(unit[i]) * np.sin(angles)
    out = np.empty(np.broadcast_shapes(rot.shape, (*angles.shape[:-1], 3, 3)))
    out[..., i] = rot[..., i]
    out[..., j] = rot[..., j] * c + rot[..., k] * s
    out[..., k] = rot[..., k] * c - rot[..., j] * s
    return out


def rownorm(vectors: ArrayLike) -> np.ndarray:
    """Length of each row of (N, 3): the same numbers as ``np.linalg.norm(vectors, axis=1)``
    (the squares added in the same order), a few times faster on long recordings."""
    x = np.asarray(vectors)
    if not np.issubdtype(x.dtype, np.inexact):
        x = x.astype(float)
    return np.sqrt(x[:, 0] * x[:, 0] + x[:, 1] * x[:, 1] + x[:, 2] * x[:, 2])


def rowdot(vectors: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Dot product of each row of (N, 3) with one 3-vector, element-wise.

    Unlike a BLAS matrix-vector product, the result of each row does not depend on how many
    rows there are, so a stream cut into batches gives bit-identical results.
    """
    return vectors[:, 0] * v[0] + vectors[:, 1] * v[1] + vectors[:, 2] * v[2]


def up_in_sensor_frame(quat_wxyz: np.ndarray) -> np.ndarray:
    """The earth's vertical (up) expressed in the sensor frame, for sensor-to-earth quaternions."""
    w, x, y, z = quat_wxyz[:, 0], quat_wxyz[:, 1], quat_wxyz[:, 2], quat_wxyz[:, 3]
    out = np.empty((len(quat_wxyz), 3))
    out[:, 0] = 2.0 * (x * z - w * y)
    out[:, 1] = 2.0 * (y * z + w * x)
    out[:, 2] = 1.0 - 2.0 * (x * x + y * y)
    return out


def random_rotation(rng: np.random.Generator) -> np.ndarray:
    """A uniformly distributed random rotation matrix."""
    q = rng.normal(size=4)
    q /= np.linalg.norm(q)
    w, x, y, z = q
    return np.array([
        [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
        [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
        [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
    ])


def twist_deg(quat_ref: np.ndarray, quat: np.ndarray, axis: np.ndarray) -> np.ndarray:
    """Rotation (deg, -180..180) about a sensor-fixed unit ``axis`` from the orientation
    ``quat_ref`` (4,) to each of ``quat`` (N, 4) (sensor-to-earth, w x y z): the twist part
    of the relative rotation. Row-wise arithmetic only, so batching does not change it."""
    w0, v0 = quat_ref[0], -np.asarray(quat_ref[1:], dtype=float)     # conjugate
    w, v = quat[:, 0], quat[:, 1:]
    # (w0, v0) x (w, v): vector part w0 v + w v0 + v0 x v, scalar part w0 w - v0 . v
    vx = w0 * v[:, 0] + w * v0[0] + (v0[1] * v[:, 2] - v0[2] * v[:, 1])
    vy = w0 * v[:, 1] + w * v0[1] + (v0[2] * v[:, 0] - v0[0] * v[:, 2])
    vz = w0 * v[:, 2] + w * v0[2] + (v0[0] * v[:, 1] - v0[1] * v[:, 0])
    ws = w0 * w - (v0[0] * v[:, 0] + v0[1] * v[:, 1] + v0[2] * v[:, 2])
    along = vx * axis[0] + vy * axis[1] + vz * axis[2]
    half = np.arctan2(along, ws)
    return np.degrees(np.mod(2.0 * half + np.pi, 2.0 * np.pi) - np.pi)


def quaternion_product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Hamilton product a * b of quaternions (..., 4), w x y z, broadcast over leading axes."""
    aw, ax, ay, az = a[..., 0], a[..., 1], a[..., 2], a[..., 3]
    bw, bx, by, bz = b[..., 0], b[..., 1], b[..., 2], b[..., 3]
    out = np.empty(np.broadcast_shapes(np.shape(a), np.shape(b)))
    out[..., 0] = aw * bw - ax * bx - ay * by - az * bz
    out[..., 1] = aw * bx + ax * bw + ay * bz - az * by
    out[..., 2] = aw * by - ax * bz + ay * bw + az * bx
    out[..., 3] = aw * bz + ax * by - ay * bx + az * bw
    return out


def quaternion_conjugate(q: np.ndarray) -> np.ndarray:
    """Conjugates of quaternions (..., 4), w x y z: the inverse rotation of a unit one."""
    return np.asarray(q, dtype=float) * np.array([1.0, -1.0, -1.0, -1.0])


def rotate_vectors(q: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Vectors (..., 3) rotated by unit quaternions (..., 4), w x y z: the vector part of
    q (0, v) q*. Either may be a single one (broadcast). Element-wise arithmetic only, so a
    stream cut into batches gives bit-identical results."""
    v = np.asarray(v, dtype=float)
    pure = np.concatenate([np.zeros((*v.shape[:-1], 1)), v], axis=-1)
    return quaternion_product(quaternion_product(q, pure), quaternion_conjugate(q))[..., 1:]


def rotate_vectors_inverse(q: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Vectors (..., 3) rotated by the inverse of unit quaternions (..., 4) (for
    sensor-to-earth quaternions: earth frame -> sensor frame)."""
    return rotate_vectors(quaternion_conjugate(q), v)


def quaternion_matrix(q: np.ndarray) -> np.ndarray:
    """Rotation matrices (..., 3, 3) of unit quaternions (..., 4), w x y z."""
    w, x, y, z = np.moveaxis(q, -1, 0)
    return np.stack([
        np.stack([1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)], -1),
        np.stack([2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)], -1),
        np.stack([2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)], -1),
    ], -2)


def integrate_rates(time_s: np.ndarray, gyr_rad_s: np.ndarray) -> np.ndarray:
    """Strapdown integration of angular rates (..., N, 3) sampled at ``time_s`` (N,), or
    (..., N) where each series has its own times: the orientation (..., N, 4) of the sensor
    at each sample relative to its first sample (sensor -> first-sample frame, w x y z).
    The rate between two samples is taken as their mean. The running product is formed as
    a prefix scan (log2(N) vectorised passes), so many rate series (leading axes)
    integrate at once without a per-sample Python loop."""
    rot = 0.5 * (gyr_rad_s[..., 1:, :] + gyr_rad_s[..., :-1, :]) * np.diff(time_s)[..., None]
    angle = np.linalg.norm(rot, axis=-1, keepdims=True)
    safe = np.where(angle > 1e-12, angle, 1.0)
    scale = np.where(angle > 1e-12, np.sin(0.5 * angle) / safe, 0.5)
    steps = np.concatenate([np.cos(0.5 * angle), rot * scale], axis=-1)
    first = np.zeros((*steps.shape[:-2], 1, 4))
    first[..., 0] = 1.0
    q = np.concatenate([first, steps], axis=-2)
    shift = 1
    while shift < q.shape[-2]:
        # (the product is formed from the old values before it is written back)
        q[..., shift:, :] = quaternion_product(q[..., :-shift, :], q[..., shift:, :])
        shift *= 2
    return q / np.sqrt(np.einsum("...i,...i->...", q, q))[..., None]
