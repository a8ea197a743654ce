"""The one set of quaternion helpers (monitor.core.rotations) against scipy's Rotation."""

from __future__ import annotations

import numpy as np
from scipy.spatial.transform import Rotation

from monitor.core.rotations import (
    quaternion_conjugate,
    quaternion_matrix,
    quaternion_product,
    rotate_vectors,
    rotate_vectors_inverse,
)


def _wxyz(r: Rotation) -> np.ndarray:
    return np.roll(r.as_quat(), 1, axis=-1)         # scipy stores x y z w


def test_product_rotation_and_inverse_agree_with_scipy():
    rng = np.random.default_rng(11)
    a, b = Rotation.random(200, random_state=rng), Rotation.random(200, random_state=rng)
    v = rng.normal(size=(200, 3))
    qa, qb = _wxyz(a), _wxyz(b)
    np.testing.assert_allclose(quaternion_matrix(quaternion_product(qa, qb)),
                               (a * b).as_matrix(), atol=1e-12)
    np.testing.assert_allclose(rotate_vectors(qa, v), a.apply(v), atol=1e-12)
    np.testing.assert_allclose(rotate_vectors_inverse(qa, v), a.inv().apply(v), atol=1e-12)
    np.testing.assert_allclose(quaternion_matrix(quaternion_conjugate(qa)),
                               a.inv().as_matrix(), atol=1e-12)


def test_a_single_quaternion_or_vector_broadcasts_and_batches_do_not_change_results():
    rng = np.random.default_rng(12)
    r = Rotation.random(random_state=rng)
    q = _wxyz(r)
    v = rng.normal(size=(50, 3))
    np.testing.assert_allclose(rotate_vectors(q, v[0]), r.apply(v[0]), atol=1e-12)
    whole = rotate_vectors(np.tile(q, (50, 1)), v)
    parts = np.concatenate([rotate_vectors(q, v[:7]), rotate_vectors(q, v[7:])])
    assert np.array_equal(whole, parts)
    one = quaternion_product(q, _wxyz(Rotation.random(random_state=rng)))
    assert one.shape == (4,)
