"""A small group over Bluetooth, end to end: bleak's real BlueZ backend against the emulated
BlueZ with two adapters (hci0 holding 5 links, hci1 holding 7) on a private D-Bus: 12 sensors
spread over both, picked out by shaking, assigned, streaming; one dropping and coming back
without disturbing the others; the 13th refused in words when every adapter is full."""

from __future__ import annotations

import time

import pytest
from ble_env import emulated_bluez

from devices.ble import BleHub, CapacityError
from monitor.group import GroupSession, SensorPicker
from recordings.store import Store

pytestmark = [pytest.mark.group, pytest.mark.ble]

ADAPTERS = [{"name": "hci0", "max_connections": 5}, {"name": "hci1", "max_connections": 7}]


def sensors(n: int) -> list[dict]:
    return [{"family": "witmotion", "address": f"C2:00:00:00:00:{k + 1:02X}",
             "name": f"WT901BLE{k + 10}", "rate_hz": 50} for k in range(n)]


def wait(done, seconds: float, step: float = 0.05) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if done():
            return True
        time.sleep(step)
    return done()


def test_twelve_sensors_on_two_adapters_assigned_streaming_dropping_and_full(tmp_path):
    store = Store(tmp_path / "g.db")
    for k in range(6):
        store.save_patient(f"P{k + 1}")
    hub = BleHub()
    try:
        with emulated_bluez(sensors(13), adapters=ADAPTERS) as env:
            assert hub.use_all_adapters() == ["hci0", "hci1"]
            env.control("Motion", "*", "still")          # the sensors lie on the table
            found = hub.scan(10.0, [d["address"] for d in sensors(13)])
            assert len(found) == 13
            # Every adapter saw every sensor (each connects through either).
            assert all(set(f.by_adapter) == {"hci0", "hci1"} for f in found)
            by_address = {f.address: f for f in found}
            links = {}
            order = [d["address"] for d in sensors(13)]
            for k, address in enumerate(order[:12]):
                code, placement = f"P{k // 2 + 1}", ("right_thigh", "right_shank")[k % 2]
                links[address] = (code, placement, hub.connect(by_address[address],
                                                               placement, 50))
            # Spread over both adapters; hci0 refused its sixth: full at five.
            assert hub.load() == {"hci0": 5, "hci1": 7}
            assert env.control("Connections", "hci0") == 5
            assert env.control("Connections", "hci1") == 7
            assert hub.max_links["hci0"] == 5 and hub.capacity_left() == 0
            for address, (_, _, link) in links.items():
                assert env.control("Via", address) == link.adapter
            # The 13th: every adapter full, said in words the therapist can act on.
            with pytest.raises(CapacityError) as err:
                hub.connect(by_address[order[12]], "right_shank", 50)
            text = str(err.value)
            assert "Bluetooth is full" in text and "(sensors per adapter: hci0: 5, hci1: 7)" in text
            assert "another Bluetooth adapter" in text

            # Assignment: the therapist shakes the sensor she holds; it is picked out.
            held = order[7]
            env.control("Motion", held, "shake")
            picker = SensorPicker()
            for link in (lk for _, _, lk in links.values()):
                link.start_set()

            def feed() -> str | None:
                for address, (_, _, link) in links.items():
                    b = link.drain()
                    if b is not None:
                        picker.feed(address, b.time_s, b.gyr_rad_s, b.acc_m_s2)
                return picker.picked()

            assert wait(lambda: feed() == held, 5.0)
            code, placement, _ = links[held]
            store.remember_assignment(held, code, placement)
            assert store.assignments()[held.upper()] == (code, placement)
            env.control("Motion", "*", "exercise")

            # The group: six participants, two sensors each, streaming.
            group = GroupSession(store)
            for k in range(6):
                group.add(f"P{k + 1}")
            own: dict[str, dict] = {}
            for _address, (code, placement, link) in links.items():
                own.setdefault(code, {})[placement] = link
            group.connect_ble(own)
            group.start()
            for p in group.participants:
                assert set(p.controller.sensors) == {"right_thigh", "right_shank"}

            def samples() -> dict[str, int]:
                group.poll()
                return {p.code: p.last_samples for p in group.participants}

            start = samples()
            assert wait(lambda: all(samples()[c] > start[c] + 50 for c in start), 10.0)
            # One sensor drops: it reconnects through its own adapter; nobody else notices.
            dropped_address = order[3]                     # P2's shank
            dropped = links[dropped_address][2]
            adapter = dropped.adapter
            env.control("DropLink", dropped_address)
            assert wait(lambda: dropped.status != "connected", 5.0)
            group.poll()
            flagged = {t.code: t.flags for t in group.tiles()}
            assert "sensor_silent" in flagged["P2"]
            # Nobody else notices: everyone else's sensors stream on (their samples, not
            # their flags: on a busy machine a second without a sample flags any sensor).
            before = samples()
            assert wait(lambda: all(samples()[c] > before[c] + 50 for c in before
                                    if c != "P2"), 10.0)
            before = samples()
            assert wait(lambda: dropped.status == "connected", 20.0)
            assert dropped.adapter == adapter and env.control("Via", dropped_address) == adapter
            assert wait(lambda: all(samples()[c] > before[c] + 50 for c in before), 10.0)
            others = [lk for a, (_, _, lk) in links.items() if a != dropped_address]
            assert all(lk.reconnects == 0 and lk.status == "connected" for lk in others)
            assert dropped.reconnects == 1
            # Streaming again, P2's tile stops saying so. (Not "no tile flagged at all at one
            # moment": with twelve sensors on a busy machine someone's samples may come a
            # second late now and then, and that is said, rightly.)
            assert wait(lambda: group.poll() is not None and "sensor_silent" not in
                        next(t for t in group.tiles() if t.code == "P2").flags, 20.0)
            summaries = group.end()
            # Each participant's set is in their own record, with both sensors' samples.
            for p in group.participants:
                (s,) = store.sets(p.session_id, include_empty=True)
                stored = store.set_samples(s["id"])
                assert set(stored) == {"right_thigh", "right_shank"}
                # Every sample that came in during the set is stored (nothing lost).
                for label, b in stored.items():
                    assert len(b) == p.controller.sensors[label].samples > 25
            assert set(summaries) == {f"P{k + 1}" for k in range(6)}
    finally:
        hub.close()


def test_group_command_with_real_sensors_on_two_adapters(capsys, tmp_path):
    from cli_helpers import add_patients, cli

    db = add_patients(tmp_path / "g.db", "P1", "P2")
    addresses = [d["address"] for d in sensors(3)]
    with emulated_bluez(sensors(3), adapters=[{"name": "hci0", "max_connections": 2},
                                              {"name": "hci1", "max_connections": 2}]) as env:
        code, out, err = cli(capsys, "group", "--sensor", f"{addresses[0]}=P1:right_thigh",
                             "--sensor", f"{addresses[1]}=P1:right_shank",
                             "--sensor", f"{addresses[2]}=P2:right_shank",
                             "--exercise", "P2=heel_raise",
                             "--seconds", "3", "--json", "--db", str(db))
        assert code == 0, err
        assert env.control("Connections", "hci0") == 0          # closed at the end
    parts = {p["patient"]: p for p in out["participants"]}
    assert set(parts) == {"P1", "P2"}
    # P2 trains what was given, P1 (no programme) the default.
    assert parts["P2"]["exercise"] == "heel_raise"
    assert parts["P1"]["exercise"] == "knee_extension_seated"
    store = Store(db)
    for code, labels in (("P1", {"right_thigh", "right_shank"}), ("P2", {"right_shank"})):
        (s,) = store.sets(parts[code]["session"], include_empty=True)
        stored = store.set_samples(s["id"])
        # Three seconds at 50 Hz from each of the participant's own sensors.
        assert set(stored) == labels and all(len(b) > 100 for b in stored.values())
    # The assignment is remembered for the next group session.
    assert store.assignments()[addresses[2]] == ("P2", "right_shank")
    # A group command asking for more sensors than the adapters hold is refused in words.
    add_patients(db, "P3")
    with emulated_bluez(sensors(3), adapters=[{"name": "hci0", "max_connections": 1},
                                              {"name": "hci1", "max_connections": 1}]):
        code, out, err = cli(capsys, "group", "--sensor", f"{addresses[0]}=P1:right_shank",
                             "--sensor", f"{addresses[1]}=P2:right_shank",
                             "--sensor", f"{addresses[2]}=P3:right_shank",
                             "--seconds", "2", "--db", str(db))
    assert code != 0 and "Bluetooth is full" in err and "Traceback" not in err
