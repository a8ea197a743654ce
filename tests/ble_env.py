"""Start a private D-Bus and the emulated BlueZ for a test; stop every process afterwards."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DBUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={path}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
    <allow user="*"/>
  </policy>
</busconfig>
"""

EMULATOR = Path(__file__).with_name("bluez_emulator.py")


@functools.cache
def emulated_signal(seed: int):
    """What the emulated sensor with this seed streams: a simulated shank in seated knee
    extensions at 200 Hz (acceleration, angular rate; looped), and the sample it starts at
    (in the first repetition, so a connected test sees the leg move at once). Simulated once
    per test process and seed and handed to each emulator as a file: simulating it took
    about a second of processor time per sensor, again at every emulator start."""
    from monitor.signal.simulate import simulate_session

    sim = simulate_session("knee_extension_seated", reps=50, rate_hz=200.0, seed=seed)
    b = sim.recording.sensors["shank"]
    return b.acc_m_s2, b.gyr_rad_s, int(sim.reps[0].start_s * 200.0)


class EmulatedBlueZ:
    def __init__(self, address: str, tmp: Path) -> None:
        self.address = address
        self.tmp = tmp

    def control(self, method: str, *args):
        """Call the emulator's fault-injection interface (on a short-lived connection)."""
        import asyncio

        from dbus_fast import Message
        from dbus_fast.aio import MessageBus

        sigs = {"DropLink": "s", "Stall": "sd", "Garbage": "su", "RemoveAdapter": "",
                "AddAdapter": "", "PowerOff": "", "PowerOn": "", "Sent": "s",
                "SamplesSent": "s", "Reboot": "sd", "Inject": "ssuu", "Pending": "s",
                "Hold": "su", "Release": "s", "Connections": "s", "Via": "s", "Motion": "ss",
                "Rate": "s"}

        async def call():
            bus = await MessageBus(bus_address=self.address).connect()
            try:
                reply = await bus.call(Message(destination="org.bluez", path="/emulator",
                                               interface="org.legimu.Emulator", member=method,
                                               signature=sigs[method], body=list(args)))
                return reply.body[0] if reply.body else None
            finally:
                bus.disconnect()

        return asyncio.run(call())


@contextlib.contextmanager
def emulated_bluez(devices: list[dict], start_emulator: bool = True,
                   adapters: list[dict] | None = None):
    """``adapters``: [{"name": "hci0", "max_connections": N}, ...] (default: one, hci0)."""
    tmp = Path(tempfile.mkdtemp(prefix="bluez-emu-"))
    conf = tmp / "bus.conf"
    conf.write_text(DBUS_CONFIG.format(path=tmp / "bus"))
    procs: list[subprocess.Popen] = []
    old = os.environ.get("DBUS_SYSTEM_BUS_ADDRESS")
    try:
        daemon = subprocess.Popen(["dbus-daemon", "--config-file", str(conf), "--nofork",
                                   "--print-address"], stdout=subprocess.PIPE, text=True)
        procs.append(daemon)
        address = daemon.stdout.readline().strip()
        if start_emulator:
            import numpy as np

            for seed in range(1, len(devices) + 1):      # the emulator's k-th sensor: k
                acc, gyr, start = emulated_signal(seed)
                np.savez(tmp / f"signal-{seed}.npz", acc=acc, gyr=gyr, start=start)
            cfg = tmp / "devices.json"
            cfg.write_text(json.dumps({"devices": devices, "adapters": adapters,
                                       "signals": str(tmp)}))
            emu = subprocess.Popen([sys.executable, str(EMULATOR), address, str(cfg)],
                                   stdout=subprocess.PIPE, text=True)
            procs.append(emu)
            line = emu.stdout.readline()
            if "ready" not in line:
                raise RuntimeError("the emulated BlueZ did not start")
        os.environ["DBUS_SYSTEM_BUS_ADDRESS"] = address
        yield EmulatedBlueZ(address, tmp)
    finally:
        if old is None:
            os.environ.pop("DBUS_SYSTEM_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SYSTEM_BUS_ADDRESS"] = old
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=5)
            if p.stdout:
                p.stdout.close()
        shutil.rmtree(tmp, ignore_errors=True)
