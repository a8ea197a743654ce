"""Start a private D-Bus and the emulated BlueZ for a test; stop every process afterwards."""

from __future__ import annotations

import contextlib
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
            cfg = tmp / "devices.json"
            cfg.write_text(json.dumps({"devices": devices, "adapters": adapters}))
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
