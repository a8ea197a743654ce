"""Heel raises counted as any movement (no exercise given) on the live path: the live set
(`monitor record`, the app), the summary after the set, `monitor analyze` of the saved
session and of its exported file give the same numbers.

A heel raise tilts the lower leg by a few degrees only but lifts it by centimetres: counted
on its turn live, slow heel raises were not counted at all (0 of 8 at 2 s per phase), while
`monitor analyze` of the same samples counted them on the body's rise (8)."""

from __future__ import annotations

import pytest
from cli_helpers import cli

from calibration.guided import calibrate_any_movement
from devices.simulated import stream_batches
from monitor.core.orientation import OrientationTracker
from monitor.signal.analysis import analyze_recording
from monitor.signal.simulate import simulate_session
from recordings.recorder import open_live_set
from recordings.store import Store

RATE_HZ = 50.0
TEMPI = {"normal": None, "slow": (2.0, 1.0, 2.0, 1.0)}


def guided_any_movement(seed: int) -> dict:
    """The app's calibration for an exercise not in the list, the shank sensor strapped as
    in the set (same strap, a calibration stretch of its own: still, then three raises)."""
    cal = simulate_session("heel_raise", reps=3, rate_hz=RATE_HZ, seed=seed + 100,
                           mounting="random", mounting_seed=seed, fidgets=False,
                           pauses=False, sensors=("shank",))
    b = cal.recording.sensors["shank"]
    o = OrientationTracker(RATE_HZ).update(b.time_s, b.acc_m_s2, b.gyr_rad_s)
    report = calibrate_any_movement({"shank": "shank"}, {"shank": o.up},
                                    {"shank": o.gyr_rad_s}, {"shank": RATE_HZ},
                                    accs={"shank": b.acc_m_s2})
    assert report.accepted
    return report.mountings()


def same_rep(a: dict, b: dict) -> bool:
    keys = ("start_s", "peak_s", "end_s", "rom_deg", "rise_cm")
    return all(abs(a[k] - b[k]) < 1e-6 for k in keys)


@pytest.mark.parametrize("calibrated", [True, False])
@pytest.mark.parametrize("tempo", sorted(TEMPI))
@pytest.mark.parametrize("seed", [0, 1])
def test_heel_raises_as_any_movement_count_the_same_live_and_after(tmp_path, capsys, seed,
                                                                  tempo, calibrated):
    sim = simulate_session("heel_raise", reps=8, rate_hz=RATE_HZ, seed=seed,
                           mounting="random", mounting_seed=seed, profile="minimum_jerk",
                           tempo_s=TEMPI[tempo], sensors=("shank",))
    db = tmp_path / "m.db"
    store = Store(db)
    store.save_patient("P01")
    session = store.new_session("P01", "intake")
    sensors = {"shank": {"placement": "right_shank", "segment": "shank", "rate_hz": RATE_HZ}}
    mountings = guided_any_movement(seed) if calibrated else None
    live, _set = open_live_set(store, session, "any_movement", sensors, "shank", mountings)
    counted = []
    for label, batch, arrival in stream_batches(sim, batch_size=5):
        counted += live.feed(label, batch, arrival)
    summary = live.finish()
    live.recorder.wait(10.0)
    store.close()
    # Live, after the set, as stored.
    assert len(counted) == summary["rep_count"] == len(sim.reps) == 8
    # Each raise timed and its rise measured as with the exercise given (one rule).
    given = analyze_recording(sim.recording, exercise_id="heel_raise").reps
    assert [r.rise_cm for r in counted] == [r.rise_cm for r in given]
    assert [(round(r.start_s, 3), round(r.end_s, 3)) for r in counted] == \
        [(round(r.start_s, 3), round(r.end_s, 3)) for r in given]
    for r, t in zip(counted, sim.reps, strict=True):
        assert t.start_s - 0.3 < r.start_s < r.peak_s < r.end_s < t.end_s + 0.3
    # `monitor analyze` of the saved session: the same repetitions.
    code, out, err = cli(capsys, "analyze", str(db), "--session", str(session), "--json",
                         "--angle-series")
    assert code == 0, err
    assert out["rep_count"] == 8
    if calibrated:
        # The angle is followed to the end of the set, whatever is counted. (Uncalibrated,
        # the movement axis is learnt from the movement, which a heel raise hardly turns.)
        assert out["angle_series"]["time_s"][-1] > sim.time_s[-1] - 0.1
    assert all(same_rep(a, b.to_json()) for a, b in zip(out["reps"], counted, strict=True))
    assert [r["index"] for r in out["stored_reps"]] == list(range(1, 9))
    # ... and of the set exported as an IMU CSV file, calibrated from the file itself.
    code, _out, err = cli(capsys, "export", str(session), "--format", "csv", "--out",
                          str(tmp_path / "csv"), "--db", str(db))
    assert code == 0, err
    (exported,) = sorted((tmp_path / "csv").glob("*.csv"))
    code, out, err = cli(capsys, "analyze", str(exported), "--json")
    assert code == 0, err
    assert out["rep_count"] == 8
    assert any("vertical movement" in n for n in out["notes"])
