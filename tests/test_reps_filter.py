"""The repetition detector's velocity filter against scipy's design (oracle).

The detector runs sample by sample, live, so its second-order Butterworth low-pass is
designed in closed form (bilinear transform) instead of importing scipy.signal, which takes
about a second at start-up (benchmarks/analyze_process.py). Here the coefficients and the
low-frequency group delay are checked against scipy.signal.butter and group_delay, and the
per-sample loop against scipy.signal.lfilter.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import butter, group_delay, lfilter

from monitor.signal.reps import DetectorSettings, RepDetector


@pytest.mark.parametrize("rate_hz", [12.5, 25.0, 50.0, 52.0, 100.0, 104.0, 200.0, 400.0])
def test_velocity_filter_is_scipys_butterworth_with_its_delay(rate_hz):
    det = RepDetector(rate_hz)
    cutoff = min(det.settings.velocity_cutoff_hz, 0.45 * rate_hz)
    b, a = butter(2, cutoff / (0.5 * rate_hz))
    np.testing.assert_allclose(det._b, b, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(det._a, a[1:], rtol=1e-12, atol=1e-15)
    # Group delay near 0 Hz (in samples), plus half a sample for the backward difference.
    _, gd = group_delay((b, a), w=[1e-4], fs=rate_hz)
    assert det.delay_s == pytest.approx((gd[0] + 0.5) / rate_hz, rel=1e-6)


def test_per_sample_velocity_equals_scipys_filter_of_the_difference():
    rate = 100.0
    t = np.arange(0, 20, 1 / rate)
    x = 40 * (1 - np.cos(2 * np.pi * 0.25 * t)) + np.random.default_rng(1).normal(0, 0.3, len(t))
    det = RepDetector(rate, DetectorSettings())
    det.feed(t, x)
    dv = np.concatenate([[0.0], np.diff(x) / np.diff(t)])
    b, a = butter(2, min(det.settings.velocity_cutoff_hz, 0.45 * rate) / (0.5 * rate))
    expected = lfilter(b, a, dv)
    got = np.array([v for _, _, v in det._history])
    np.testing.assert_allclose(got, expected[-len(got):], rtol=1e-9, atol=1e-9)
