"""A small emulated BlueZ (``org.bluez`` on a private D-Bus) serving emulated sensors.

Run as a process by the tests: ``python tests/bluez_emulator.py BUS_ADDRESS CONFIG_JSON``.
bleak's own, unmodified BlueZ backend talks to it exactly as to the real daemon: the
adapter (``Adapter1`` with ``Powered`` and ``Roles``), devices (``Device1``, announced with
``InterfacesAdded`` and RSSI updates while discovering), GATT services and characteristics
created on connect before ``ServicesResolved``, ``StartNotify`` and notifications as
``PropertiesChanged`` of ``Value``, writes answered by each family's protocol.

A control interface ``org.legimu.Emulator`` at ``/emulator`` lets a test inject faults: drop
the link from the peripheral side, stall notifications, send garbage, reboot a sensor (its
link drops and its clock restarts), repeat, swap or truncate its next packets, hold its
stream after a number of packets, remove and return the adapter, switch the adapter off and
on (as BlueZ does: every link drops, nothing streams, Connect and StartDiscovery answer
NotReady until it is on again).

Several adapters (``"adapters": [{"name": "hci0", "max_connections": 5}, ...]`` in the
configuration; default one, ``hci0``, without a limit): each sees every sensor under its own
object path (``/org/bluez/hciN/dev_...``), as BlueZ shows a device once per adapter that
discovered it; a sensor connects through one adapter at a time; an adapter with
``max_connections`` links refuses the next with BlueZ's LE connection error for a
controller at its connection limit (``le-connection-concurrent-connection-limit``, BlueZ
``src/error.h``). The adapter faults (remove, power) act on the first adapter unless named.
"""

import asyncio
import json
import struct
import sys
from pathlib import Path

import numpy as np
from dbus_fast import BusType, DBusError, Variant
from dbus_fast.aio import MessageBus
from dbus_fast.service import PropertyAccess, ServiceInterface, dbus_property, method

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


from pmd_encode import delta_frame

from devices.decoders import G, dot_uuid, thingy_uuid
from devices.families import (
    DOT_CONTROL,
    DOT_DEVICE_CONTROL,
    DOT_MEDIUM,
    METAWEAR_CMD,
    METAWEAR_NOTIFY,
    METAWEAR_SERVICE,
    MOVESENSE_NOTIFY,
    MOVESENSE_SERVICE,
    MOVESENSE_WRITE,
    POLAR_CONTROL,
    POLAR_DATA,
    POLAR_SERVICE,
    THINGY_CONFIG,
    THINGY_RAW,
    WIT_NOTIFY,
    WIT_SERVICE,
    WIT_WRITE,
)
from monitor.signal.simulate import simulate_session

BATTERY_SERVICE = "0000180f-0000-1000-8000-00805f9b34fb"
BATTERY_LEVEL = "00002a19-0000-1000-8000-00805f9b34fb"


class Adapter(ServiceInterface):
    def __init__(self, emu: "Emulator", name: str = "hci0",
                 max_connections: int | None = None) -> None:
        super().__init__("org.bluez.Adapter1")
        self.emu = emu
        self.hci = name                   # (``name`` is the D-Bus interface's)
        self.max_connections = max_connections
        self._discovering = False
        self.powered = True

    @property
    def path(self) -> str:
        return f"/org/bluez/{self.hci}"

    @dbus_property(access=PropertyAccess.READ)
    def Address(self) -> "s":  # noqa: F821
        return f"00:1A:7D:DA:71:{0x13 + int(self.hci[3:] or 0):02X}"

    @dbus_property(access=PropertyAccess.READ)
    def Name(self) -> "s":  # noqa: F821
        return self.hci

    @dbus_property(access=PropertyAccess.READ)
    def Alias(self) -> "s":  # noqa: F821
        return self.hci

    @dbus_property(access=PropertyAccess.READ)
    def Powered(self) -> "b":  # noqa: F821
        return self.powered

    @dbus_property(access=PropertyAccess.READ)
    def Discovering(self) -> "b":  # noqa: F821
        return self._discovering

    @dbus_property(access=PropertyAccess.READ)
    def Roles(self) -> "as":  # noqa: F722
        return ["central", "peripheral"]

    @dbus_property(access=PropertyAccess.READ)
    def UUIDs(self) -> "as":  # noqa: F722
        return []

    @method()
    def SetDiscoveryFilter(self, flt: "a{sv}"):  # noqa: F722
        return None

    @method()
    def StartDiscovery(self):
        if not self.powered:
            raise DBusError("org.bluez.Error.NotReady", "Resource Not Ready")
        self._discovering = True
        self.emit_properties_changed({"Discovering": True})
        self.emu.start_advertising(self.hci)

    @method()
    def StopDiscovery(self):
        if not self.powered:
            raise DBusError("org.bluez.Error.NotReady", "Resource Not Ready")
        self._discovering = False
        self.emit_properties_changed({"Discovering": False})

    @method()
    def RemoveDevice(self, path: "o"):  # noqa: F821
        return None


class Device(ServiceInterface):
    def __init__(self, emu: "Emulator", periph: "Peripheral", adapter: str = "hci0") -> None:
        super().__init__("org.bluez.Device1")
        self.emu = emu
        self.p = periph
        self.adapter = adapter

    @property
    def linked(self) -> bool:
        """Connected through this device object's adapter."""
        return self.p.connected and self.p.via == self.adapter

    @dbus_property(access=PropertyAccess.READ)
    def Address(self) -> "s":  # noqa: F821
        return self.p.address

    @dbus_property(access=PropertyAccess.READ)
    def AddressType(self) -> "s":  # noqa: F821
        return "random"

    @dbus_property(access=PropertyAccess.READ)
    def Name(self) -> "s":  # noqa: F821
        return self.p.name

    @dbus_property(access=PropertyAccess.READ)
    def Alias(self) -> "s":  # noqa: F821
        return self.p.name

    @dbus_property(access=PropertyAccess.READ)
    def Adapter(self) -> "o":  # noqa: F821
        return f"/org/bluez/{self.adapter}"

    @dbus_property(access=PropertyAccess.READ)
    def Connected(self) -> "b":  # noqa: F821
        return self.linked

    @dbus_property(access=PropertyAccess.READ)
    def ServicesResolved(self) -> "b":  # noqa: F821
        return self.linked

    @dbus_property(access=PropertyAccess.READ)
    def Paired(self) -> "b":  # noqa: F821
        return False

    @dbus_property(access=PropertyAccess.READ)
    def Trusted(self) -> "b":  # noqa: F821
        return False

    @dbus_property(access=PropertyAccess.READ)
    def Blocked(self) -> "b":  # noqa: F821
        return False

    @dbus_property(access=PropertyAccess.READ)
    def LegacyPairing(self) -> "b":  # noqa: F821
        return False

    @dbus_property(access=PropertyAccess.READ)
    def RSSI(self) -> "n":  # noqa: F821
        return self.p.rssi

    @dbus_property(access=PropertyAccess.READ)
    def UUIDs(self) -> "as":  # noqa: F722
        return self.p.adv_uuids

    @dbus_property(access=PropertyAccess.READ)
    def ManufacturerData(self) -> "a{qv}":  # noqa: F722
        return {k: Variant("ay", v) for k, v in self.p.manufacturer.items()}

    @dbus_property(access=PropertyAccess.READ)
    def ServiceData(self) -> "a{sv}":  # noqa: F722
        return {}

    @method()
    async def Connect(self):
        await self.emu.connect(self.p, self.adapter)

    @method()
    def Disconnect(self):
        if self.p.via in (None, self.adapter):
            self.emu.disconnect(self.p)


class GattService(ServiceInterface):
    def __init__(self, uuid: str, device_path: str) -> None:
        super().__init__("org.bluez.GattService1")
        self.uuid = uuid
        self.device_path = device_path

    @dbus_property(access=PropertyAccess.READ)
    def UUID(self) -> "s":  # noqa: F821
        return self.uuid

    @dbus_property(access=PropertyAccess.READ)
    def Primary(self) -> "b":  # noqa: F821
        return True

    @dbus_property(access=PropertyAccess.READ)
    def Device(self) -> "o":  # noqa: F821
        return self.device_path

    @dbus_property(access=PropertyAccess.READ)
    def Includes(self) -> "ao":  # noqa: F821
        return []


class GattCharacteristic(ServiceInterface):
    def __init__(self, periph: "Peripheral", uuid: str, service_path: str, flags: list[str]
                 ) -> None:
        super().__init__("org.bluez.GattCharacteristic1")
        self.p = periph
        self.uuid = uuid
        self.service_path = service_path
        self.flags = flags
        self.value = b""
        self.notifying = False

    @dbus_property(access=PropertyAccess.READ)
    def UUID(self) -> "s":  # noqa: F821
        return self.uuid

    @dbus_property(access=PropertyAccess.READ)
    def Service(self) -> "o":  # noqa: F821
        return self.service_path

    @dbus_property(access=PropertyAccess.READ)
    def Value(self) -> "ay":  # noqa: F821
        return self.value

    @dbus_property(access=PropertyAccess.READ)
    def Notifying(self) -> "b":  # noqa: F821
        return self.notifying

    @dbus_property(access=PropertyAccess.READ)
    def Flags(self) -> "as":  # noqa: F722
        return self.flags

    @dbus_property(access=PropertyAccess.READ)
    def MTU(self) -> "q":  # noqa: F821
        return 247

    @method()
    def ReadValue(self, options: "a{sv}") -> "ay":  # noqa: F722, F821
        return self.p.read(self.uuid)

    @method()
    def WriteValue(self, value: "ay", options: "a{sv}"):  # noqa: F722, F821
        self.p.write(self.uuid, bytes(value))

    @method()
    def StartNotify(self):
        self.notifying = True
        self.emit_properties_changed({"Notifying": True})
        self.p.notify_started(self.uuid)

    @method()
    def StopNotify(self):
        self.notifying = False
        self.emit_properties_changed({"Notifying": False})
        self.p.notify_stopped(self.uuid)

    def notify(self, data: bytes) -> None:
        """Data of the stream go through the sensor's packet (and its faults)."""
        if self.p.outbox is not None:
            self.p.outbox.append((self, data))
        else:
            self.send(data)

    def send(self, data: bytes) -> None:
        if self.notifying and self.p.connected:
            self.value = data
            self.emit_properties_changed({"Value": data})


class Control(ServiceInterface):
    """Fault injection for the tests."""

    def __init__(self, emu: "Emulator") -> None:
        super().__init__("org.legimu.Emulator")
        self.emu = emu

    @method()
    def DropLink(self, address: "s"):  # noqa: F821
        self.emu.disconnect(self.emu.by_address[address], remote=True)

    @method()
    def Stall(self, address: "s", seconds: "d"):  # noqa: F821
        self.emu.by_address[address].stall_until = self.emu.loop.time() + seconds

    @method()
    def Garbage(self, address: "s", count: "u"):  # noqa: F821
        self.emu.by_address[address].garbage = count

    @method()
    def RemoveAdapter(self):
        self.emu.remove_adapter()

    @method()
    def AddAdapter(self):
        self.emu.add_adapter()

    @method()
    def Motion(self, address: "s", kind: "s"):  # noqa: F821
        """What the sensor feels: "exercise" (a seated knee extension), "still" (lying on
        the table) or "shake" (shaken in a hand)."""
        if kind not in ("exercise", "still", "shake"):
            raise DBusError("org.legimu.Error.Invalid", kind)
        targets = self.emu.peripherals if address == "*" else [self.emu.by_address[address]]
        for p in targets:
            p.motion = kind

    @method()
    def Connections(self, adapter: "s") -> "u":  # noqa: F821
        """Sensors connected through this adapter now."""
        return sum(p.connected and p.via == adapter for p in self.emu.peripherals)

    @method()
    def Via(self, address: "s") -> "s":  # noqa: F821
        """The adapter a sensor is connected through ("" when not connected)."""
        p = self.emu.by_address[address]
        return p.via if p.connected and p.via else ""

    @method()
    def PowerOff(self):
        self.emu.power(False)

    @method()
    def PowerOn(self):
        self.emu.power(True)

    @method()
    def Sent(self, address: "s") -> "u":  # noqa: F821
        return self.emu.by_address[address].sent

    @method()
    def SamplesSent(self, address: "s") -> "u":  # noqa: F821
        return self.emu.by_address[address].samples_sent

    @method()
    def Rate(self, address: "s") -> "d":  # noqa: F821
        """The sample rate the sensor streams at, as configured by the host."""
        return self.emu.by_address[address].rate_hz

    @method()
    def Reboot(self, address: "s", seconds: "d"):  # noqa: F821
        self.emu.by_address[address].reboot(seconds)

    @method()
    def Inject(self, address: "s", kind: "s", count: "u", param: "u"):  # noqa: F821
        """The next ``count`` packets: each notification delivered twice ("duplicate", as
        two subscriptions of one characteristic do), the whole packet sent again ("resend"),
        overtaken by the packet after it ("swap"), or cut to ``param`` bytes ("truncate")."""
        if kind not in ("duplicate", "resend", "swap", "truncate"):
            raise DBusError("org.legimu.Error.Invalid", kind)
        self.emu.by_address[address].faults.append([kind, count, param])

    @method()
    def Pending(self, address: "s") -> "u":  # noqa: F821
        """Packets still to be sent with a fault."""
        return sum(f[1] for f in self.emu.by_address[address].faults)

    @method()
    def Hold(self, address: "s", packets: "u") -> "u":  # noqa: F821
        """Send ``packets`` more packets, then nothing (connected, silent) until Release;
        returns the samples it will have sent by then."""
        p = self.emu.by_address[address]
        p.hold_after = packets
        return p.samples_sent + packets * p.samples_per_packet()

    @method()
    def Release(self, address: "s"):  # noqa: F821
        self.emu.by_address[address].hold_after = None


# -- peripherals --------------------------------------------------------------------------
def _signal(seed: int, folder: str | None) -> tuple[np.ndarray, np.ndarray, int]:
    """The shank signal a sensor streams (200 Hz) and the sample it starts at: from the file
    the test handed over (tests/ble_env.py, emulated_signal), else simulated here the same
    way (in the first repetition, so a connected test sees the leg move at once)."""
    path = Path(folder) / f"signal-{seed}.npz" if folder else None
    if path is not None and path.exists():
        with np.load(path) as f:
            return f["acc"], f["gyr"], int(f["start"])
    sim = simulate_session("knee_extension_seated", reps=50, rate_hz=200.0, seed=seed)
    b = sim.recording.sensors["shank"]
    return b.acc_m_s2, b.gyr_rad_s, int(sim.reps[0].start_s * 200.0)


class Peripheral:
    """One emulated sensor: advertisement, GATT layout, protocol behaviour, data stream."""

    family = ""
    services: dict[str, list[tuple[str, list[str]]]] = {}

    def __init__(self, emu: "Emulator", address: str, name: str, rate_hz: float, seed: int,
                 battery_pct: int = 77) -> None:
        self.emu = emu
        self.battery_pct = battery_pct
        self.address = address
        self.name = name
        self.rate_hz = rate_hz
        self.rssi = -55
        self.connected = False
        self.adv_uuids: list[str] = []
        self.manufacturer: dict[int, bytes] = {}
        self.via: str | None = None          # the adapter it is connected through
        self.devices = {name: Device(emu, self, name) for name in emu.adapter_names}
        self.chars: dict[str, GattCharacteristic] = {}
        self.streaming = False
        self.stall_until = 0.0
        self.garbage = 0
        self.sent = 0
        self.samples_sent = 0
        # Fault injection: [kind, packets left, parameter]; a packet held back to be sent
        # after the next one; packets still to send before the stream holds.
        self.faults: list[list] = []
        self._overtaken: list | None = None
        self.hold_after: int | None = None
        self.outbox: list | None = None
        self.booting_until = 0.0
        self._acc, self._gyr, self._i = _signal(seed, emu.signals)
        self._task: asyncio.Task | None = None
        self.sample_index = 0
        # The sensor's own clock (in samples) keeps running while nothing is streamed.
        self.clock_samples = 0
        self._stopped_at: float | None = None
        self.options: dict = {}
        self.motion = "exercise"               # exercise | still | shake (Control.Motion)
        self._rng = np.random.default_rng(seed)

    def path_on(self, adapter: str) -> str:
        return f"/org/bluez/{adapter}/dev_" + self.address.replace(":", "_")

    @property
    def path(self) -> str:
        return self.path_on(self.via or self.emu.adapter_names[0])

    @property
    def device(self) -> Device:
        return self.devices[self.via or self.emu.adapter_names[0]]

    def next_sample(self) -> tuple[np.ndarray, np.ndarray]:
        if self.motion != "exercise":
            # Lying on the table (still), or shaken in a hand at 3 Hz (assignment).
            self.sample_index += 1
            self.clock_samples += 1
            noise = self._rng.normal(0.0, 0.01, 6)
            acc, gyr = np.array([0.0, 0.0, 9.81]) + noise[:3], noise[3:]
            if self.motion == "shake":
                w = np.sin(2 * np.pi * 3.0 * self.sample_index / self.rate_hz)
                acc = acc + np.array([8.0 * w, 0.0, 0.0])
                gyr = gyr + np.array([0.0, 6.0 * w, 0.0])
            return acc, gyr
        step = max(1, round(200.0 / self.rate_hz))
        i = self._i % len(self._acc)
        self._i += step
        self.sample_index += 1
        self.clock_samples += 1
        return self._acc[i], self._gyr[i]

    def gatt_objects(self) -> dict[str, ServiceInterface]:
        out: dict[str, ServiceInterface] = {}
        handle = 0x000A
        for svc_uuid, chars in self.services.items():
            svc_path = f"{self.path}/service{handle:04x}"
            out[svc_path] = GattService(svc_uuid, self.path)
            handle += 1
            for uuid, flags in chars:
                path = f"{svc_path}/char{handle:04x}"
                ch = GattCharacteristic(self, uuid, svc_path, flags)
                self.chars[uuid] = ch
                out[path] = ch
                handle += 2
            handle += 1
        return out

    def read(self, uuid: str) -> bytes:
        if uuid == BATTERY_LEVEL:
            return bytes([self.battery_pct])
        return self.chars[uuid].value

    def write(self, uuid: str, data: bytes) -> None:
        pass

    def notify_started(self, uuid: str) -> None:
        pass

    def notify_stopped(self, uuid: str) -> None:
        pass

    def sensor_time_s(self) -> float:
        return self.clock_samples / self.rate_hz

    def start_stream(self) -> None:
        if self._stopped_at is not None:
            self.clock_samples += int((self.emu.loop.time() - self._stopped_at) * self.rate_hz)
            self._stopped_at = None
        self.streaming = True
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._run())

    def stop_stream(self) -> None:
        if self.streaming:
            self._stopped_at = self.emu.loop.time()
        self.streaming = False

    def reboot(self, seconds: float) -> None:
        """The sensor restarts: its link drops, it is away for ``seconds``, and its clock
        starts again from zero (the configuration it saved survives)."""
        now = self.emu.loop.time()
        self.emu.disconnect(self, remote=True)
        self.streaming = False
        self.clock_samples = 0
        self._stopped_at = now
        self.booting_until = now + seconds
        self._overtaken = None
        self.on_reboot()

    def on_reboot(self) -> None:
        pass

    async def _run(self) -> None:
        loop = self.emu.loop
        period = self.samples_per_packet() / self.rate_hz
        t_next = loop.time()
        while self.streaming and self.connected:
            t_next += period
            await asyncio.sleep(max(0.0, t_next - loop.time()))
            if loop.time() < self.stall_until:
                continue
            if not self.connected or not self.chars:
                break
            if self.hold_after is not None:
                if self.hold_after == 0:
                    continue
                self.hold_after -= 1
            if self.garbage:
                self.garbage -= 1
                self.send_garbage()
                continue
            self.outbox = []
            try:
                self.send_packet()
            finally:
                packet, self.outbox = self.outbox, None
            self.sent += 1
            self.samples_sent += self.samples_per_packet()
            for ch, data in self._with_faults(packet):
                ch.send(data)

    def _with_faults(self, packet: list) -> list:
        """The notifications to send now for this packet, after the faults injected."""
        out = []
        if self._overtaken is not None:
            out += packet                   # this one overtakes the packet held back
            packet, self._overtaken = self._overtaken, None
            return out + packet
        if not self.faults:
            return packet
        fault = self.faults[0]
        kind, _, param = fault
        fault[1] -= 1
        if fault[1] <= 0:
            self.faults.pop(0)
        if kind == "duplicate":
            return [n for n in packet for _ in range(2)]
        if kind == "resend":
            return packet + packet
        if kind == "swap":
            self._overtaken = packet        # sent after the next packet
            return []
        data = b"".join(d for _, d in packet)[:param]       # truncate
        return [(packet[0][0], data)]

    def samples_per_packet(self) -> int:
        return 1

    def send_packet(self) -> None:
        raise NotImplementedError

    def send_garbage(self) -> None:
        # Corrupt notifications differ from one another (identical ones in a row would be
        # one notification delivered twice).
        ch = next(c for c in self.chars.values() if "notify" in c.flags)
        ch.send(bytes((self.garbage + i) % 256 for i in range(7)))


def _i16(v: float) -> int:
    return int(max(-32768, min(32767, round(v))))


class WitMotion(Peripheral):
    family = "witmotion"
    services = {WIT_SERVICE: [(WIT_NOTIFY, ["notify"]),
                              (WIT_WRITE, ["write-without-response", "write"])]}

    def __init__(self, *a, **k) -> None:
        super().__init__(*a, **k)
        self.rate_hz = 10.0                     # the default until configured

    def notify_started(self, uuid: str) -> None:
        self.start_stream()                     # streams once notifications are on

    def write(self, uuid: str, data: bytes) -> None:
        codes = {0x03: 1, 0x05: 5, 0x06: 10, 0x08: 50, 0x09: 100, 0x0B: 200}
        if data[:3] == bytes([0xFF, 0xAA, 0x03]) and data[3] in codes:
            self.rate_hz = float(codes[data[3]])
        elif data[:3] == bytes([0xFF, 0xAA, 0x27]) and data[3] == 0x64:
            # Register 0x64 in 10 mV; one Li-ion cell, 3.4 V empty to 4.2 V full.
            centivolts = round(340 + 80 * self.battery_pct / 100)
            reply = bytes([0x55, 0x71, 0x64, 0x00]) + struct.pack("<8h", centivolts, 0, 0, 0,
                                                                   0, 0, 0, 0)
            self.chars[WIT_NOTIFY].notify(reply)

    def send_packet(self) -> None:
        acc, gyr = self.next_sample()
        raw = [_i16(a / G / 16 * 32768) for a in acc] + [
            _i16(np.degrees(g) / 2000 * 32768) for g in gyr] + [0, 0, 0]
        frame = bytes([0x55, 0x61]) + struct.pack("<9h", *raw)
        # Like the real module, frames sometimes arrive split over two notifications.
        if self.sample_index % 7 == 0:
            self.chars[WIT_NOTIFY].notify(frame[:9])
            self.chars[WIT_NOTIFY].notify(frame[9:])
        else:
            self.chars[WIT_NOTIFY].notify(frame)


class MetaWear(Peripheral):
    """A MetaMotionRL (BMI160) or, with ``"board": "MetaMotionS"``, a MetaMotionS (BMI270),
    answering as the MetaWear SDK's test boards do (test/common.py module info): data
    processors are acknowledged with their id (``09 02 <id>``) and an accounter's output is
    sent only once ``09 07 <id> 01`` and ``09 03 01`` switched it on. Accelerometer and
    gyroscope run at their own configured rates, each with its own accounter clock."""

    family = "metawear"
    services = {METAWEAR_SERVICE: [(METAWEAR_CMD, ["write-without-response", "write"]),
                                   (METAWEAR_NOTIFY, ["notify"])],
                BATTERY_SERVICE: [(BATTERY_LEVEL, ["read", "notify"])]}
    ODR = {0x05: 12.5, 0x06: 25.0, 0x07: 50.0, 0x08: 100.0, 0x09: 200.0}
    ACC_LSB = {False: {0x03: 16384, 0x05: 8192, 0x08: 4096, 0x0C: 2048},
               True: {0: 16384, 1: 8192, 2: 4096, 3: 2048}}

    def __init__(self, *a, **k) -> None:
        super().__init__(*a, **k)
        self.acc_on = self.gyr_on = False
        self.processors: dict[int, bytes] = {}       # id -> source signal (module, register)
        self.processor_notify: set[int] = set()
        self.processor_output = False
        self.subscribed: set[bytes] = set()
        self.acc_rate = self.gyr_rate = 100.0
        self.acc_lsb: float | None = None       # the power-on range until configured
        self.gyr_lsb = 16.4

    @property
    def bmi270(self) -> bool:
        return self.options.get("board") == "MetaMotionS"

    def registers(self) -> dict[str, bytes]:
        if self.bmi270:
            return {"acc": b"\x03\x04", "acc_packed": b"\x03\x05", "gyro": b"\x13\x04",
                    "gyro_packed": b"\x13\x05"}
        return {"acc": b"\x03\x04", "acc_packed": b"\x03\x1c", "gyro": b"\x13\x05",
                "gyro_packed": b"\x13\x07"}

    def write(self, uuid: str, data: bytes) -> None:
        ch = self.chars[METAWEAR_NOTIFY]
        head = data[:2]
        if data == b"\x03\x80":
            ch.notify(b"\x03\x80\x04\x00" if self.bmi270 else b"\x03\x80\x01\x02")
        elif data == b"\x13\x80":
            ch.notify(b"\x13\x80\x01\x00" if self.bmi270 else b"\x13\x80\x00\x01")
        elif data == b"\x09\x08":
            self.processors.clear()
            self.processor_notify.clear()
        elif head == b"\x09\x02" and len(data) == 9:
            pid = next(k for k in range(28) if k not in self.processors)
            self.processors[pid] = data[2:4]
            ch.notify(bytes([0x09, 0x02, pid]))
        elif head == b"\x09\x07" and len(data) == 4:
            if data[3]:
                self.processor_notify.add(data[2])
            else:
                self.processor_notify.discard(data[2])
        elif data == b"\x09\x03\x01":
            self.processor_output = True
        elif head == b"\x03\x03" and len(data) == 4:
            self.acc_rate = self.ODR.get(data[2] & 0x0F, self.acc_rate)
            self.acc_lsb = self.ACC_LSB[self.bmi270].get(data[3], self.acc_lsb)
            return
        elif head == b"\x13\x03" and len(data) == 4:
            self.gyr_rate = max(25.0, self.ODR.get(data[2] & 0x0F, self.gyr_rate))
            self.gyr_lsb = {0: 16.4, 1: 32.8, 2: 65.6, 3: 131.2, 4: 262.4}.get(data[3], 16.4)
        elif len(data) == 3 and data[2] in (0, 1) and head in self.registers().values():
            (self.subscribed.add if data[2] else self.subscribed.discard)(head)
        elif data in (b"\x03\x01\x01", b"\x13\x01\x01"):
            if data[0] == 0x03:
                self.acc_on = True
            else:
                self.gyr_on = True
            if self.acc_on and self.gyr_on and not self.streaming:
                self.rate_hz = max(self.acc_rate, self.gyr_rate)
                self.start_stream()
        elif data in (b"\x03\x01\x00", b"\x13\x01\x00"):
            self.acc_on = self.gyr_on = False
            self.stop_stream()

    def packed(self) -> bool:
        return self.registers()["acc_packed"] in self.subscribed

    def samples_per_packet(self) -> int:
        return 3 if self.packed() else 1

    def send_packet(self) -> None:
        n = self.samples_per_packet()
        start = self.clock_samples
        samples = [self.next_sample() for _ in range(n)]
        ch = self.chars[METAWEAR_NOTIFY]
        regs = self.registers()
        if self.acc_lsb is None:
            self.acc_lsb = 4096.0 if self.bmi270 else 16384.0
        if n == 3:
            acc = [_i16(a / G * self.acc_lsb) for s in samples for a in s[0]]
            gyr = [_i16(np.degrees(g) * self.gyr_lsb) for s in samples for g in s[1]]
            if regs["acc_packed"] in self.subscribed:
                ch.notify(regs["acc_packed"] + struct.pack("<9h", *acc))
            if regs["gyro_packed"] in self.subscribed:
                ch.notify(regs["gyro_packed"] + struct.pack("<9h", *gyr))
            return
        acc_s, gyr_s = samples[0]
        ticks = round(start / self.rate_hz * 32768 / 48) % 2**32
        every_acc = max(1, round(self.rate_hz / self.acc_rate))
        every_gyr = max(1, round(self.rate_hz / self.gyr_rate))
        for kind, every, vec in (("acc", every_acc, [_i16(a / G * self.acc_lsb) for a in acc_s]),
                                 ("gyro", every_gyr,
                                  [_i16(np.degrees(g) * self.gyr_lsb) for g in gyr_s])):
            if start % every:
                continue
            signal = regs[kind]
            pid = next((k for k, src in self.processors.items() if src == signal), None)
            if pid is not None:
                if self.processor_output and pid in self.processor_notify:
                    ch.notify(bytes([0x09, 0x03, pid]) + struct.pack("<I3h", ticks, *vec))
            elif signal in self.subscribed:
                ch.notify(signal + struct.pack("<3h", *vec))


class MovellaDot(Peripheral):
    family = "movella_dot"
    services = {dot_uuid(0x1000): [(DOT_DEVICE_CONTROL, ["read", "write"])],
                dot_uuid(0x2000): [(DOT_CONTROL, ["read", "write"]),
                                   (DOT_MEDIUM, ["notify"])],
                dot_uuid(0x3000): [(dot_uuid(0x3001), ["read", "notify"])]}

    def __init__(self, *a, **k) -> None:
        super().__init__(*a, **k)
        self.rate_hz = 60.0
        self.t0_us = 4_294_000_000             # near the u32 wrap, on purpose

    def on_reboot(self) -> None:
        self.t0_us = 0                          # its clock counts from power-up

    def read(self, uuid: str) -> bytes:
        if uuid == dot_uuid(0x3001):
            return bytes([self.battery_pct, 0])          # level %, charging: no
        return super().read(uuid)

    def write(self, uuid: str, data: bytes) -> None:
        # Output rate: visit-index bit 4, u16 at offset 24 (BLE spec rev F, Table 7).
        if uuid == DOT_DEVICE_CONTROL and len(data) == 32 and data[0] & 0x10:
            rate = int.from_bytes(data[24:26], "little")
            if rate in (1, 4, 10, 12, 15, 20, 30, 60) and not self.streaming:
                self.rate_hz = float(rate)
        elif uuid == DOT_CONTROL and data[:2] == bytes([0x01, 0x01]):
            self.start_stream()
        elif uuid == DOT_CONTROL and data[:2] == bytes([0x01, 0x00]):
            self.stop_stream()

    def send_packet(self) -> None:
        acc, gyr = self.next_sample()
        t_us = (self.t0_us + round(self.sensor_time_s() * 1e6)) % 2**32
        self.chars[DOT_MEDIUM].notify(struct.pack("<I6f", t_us, *acc, *np.degrees(gyr)))


class Movesense(Peripheral):
    family = "movesense"
    services = {MOVESENSE_SERVICE: [(MOVESENSE_WRITE, ["write"]),
                                    (MOVESENSE_NOTIFY, ["notify"])]}

    def __init__(self, *a, **k) -> None:
        super().__init__(*a, **k)
        self.ref = 0

    def write(self, uuid: str, data: bytes) -> None:
        if data[0] == 0x01 and len(data) > 2:
            self.ref = data[1]
            self.rate_hz = float(data[2:].decode().rsplit("/", 1)[-1])
            # Status 200, little-endian (movesense-commander's captures).
            self.chars[MOVESENSE_NOTIFY].notify(bytes([0x01, self.ref, 0xC8, 0x00]))
            self.start_stream()
        elif data[0] == 0x02:
            self.stop_stream()

    def samples_per_packet(self) -> int:
        return 4 if self.rate_hz <= 52 else 8      # 4 at 52 Hz as captured; 8 above assumed

    def send_packet(self) -> None:
        n = self.samples_per_packet()
        t_ms = round(self.sensor_time_s() * 1000)      # time of the first sample
        samples = [self.next_sample() for _ in range(n)]
        body = struct.pack("<I", t_ms) + struct.pack(
            f"<{6 * n}f", *[v for s in samples for v in s[0]],
            *[v for s in samples for v in np.degrees(s[1])])
        ch = self.chars[MOVESENSE_NOTIFY]
        # Where a packet is split follows the connection's MTU: by default after 100 bytes,
        # so the first part alone looks like a whole packet of four samples.
        split = int(self.options.get("split", 100))
        ch.notify(bytes([0x02, self.ref]) + body[:split])
        for k, pos in enumerate(range(split, len(body), split)):
            ch.notify(bytes([0x03 + min(k, 1), self.ref]) + body[pos:pos + split])


class Thingy(Peripheral):
    family = "thingy52"
    services = {thingy_uuid(0x0400): [(THINGY_CONFIG, ["read", "write"]),
                                      (THINGY_RAW, ["notify"])],
                BATTERY_SERVICE: [(BATTERY_LEVEL, ["read", "notify"])]}

    def write(self, uuid: str, data: bytes) -> None:
        if uuid == THINGY_CONFIG:
            # The firmware refuses a configuration outside its limits (ble_tms.c).
            if len(data) != 9:
                raise DBusError("org.bluez.Error.InvalidValueLength", "Invalid Length")
            pedo, temp, compass, motion, wom = struct.unpack("<HHHHB", data)
            if not (100 <= pedo <= 5000 and 100 <= temp <= 5000 and 100 <= compass <= 1000
                    and 5 <= motion <= 200 and wom <= 1):
                raise DBusError("org.bluez.Error.NotPermitted", "Write not permitted")
            self.rate_hz = float(motion)

    def notify_started(self, uuid: str) -> None:
        if uuid == THINGY_RAW:
            self.start_stream()

    def send_packet(self) -> None:
        acc, gyr = self.next_sample()
        v = [_i16(a / G * 1024) for a in acc] + [_i16(np.degrees(g) * 32) for g in gyr]
        self.chars[THINGY_RAW].notify(struct.pack("<9h", *v, 320, 0, 640))


class Polar(Peripheral):
    """A Verity Sense as Polar's SDK reads it: the start response carries the stream's FACTOR
    as a tagged setting (``05 01`` + float32); ACC frames are compressed type 0 (0x80) in
    g / FACTOR, GYRO frames type 0 in deg/s / FACTOR; rates other than 52 Hz only in SDK
    mode (documentation/products/PolarVeritySense.md; the refusal's status 8, "invalid sample
    rate", is the SDK's name for it, what the sensor sends there is not documented)."""

    family = "polar"
    services = {POLAR_SERVICE: [(POLAR_CONTROL, ["read", "write", "indicate", "notify"]),
                                (POLAR_DATA, ["notify"])],
                BATTERY_SERVICE: [(BATTERY_LEVEL, ["read", "notify"])]}
    FACTOR = {2: 2.44e-4, 5: 2000.0 / 32768}          # g per count, deg/s per count

    def __init__(self, *a, **k) -> None:
        super().__init__(*a, **k)
        self.types: set[int] = set()
        self.sdk_mode = False
        self.t_ns = 700_000_000 * 10**9

    def _respond(self, op: int, mtype: int, status: int, params: bytes = b"") -> None:
        self.chars[POLAR_CONTROL].notify(bytes([0xF0, op, mtype, status, 0x00]) + params)

    def write(self, uuid: str, data: bytes) -> None:
        if uuid != POLAR_CONTROL or len(data) < 2:
            return
        op, mtype = data[0], data[1]
        if op == 0x02 and mtype == 9:
            self.sdk_mode = True
            self._respond(op, mtype, 0)
        elif op == 0x03 and mtype == 9:
            self.sdk_mode = False
            self._respond(op, mtype, 0)
        elif op == 0x02 and mtype in self.FACTOR:
            rate = float(int.from_bytes(data[4:6], "little"))
            if rate != 52 and not self.sdk_mode:
                self._respond(op, mtype, 8)
                return
            self.rate_hz = rate
            self.types.add(mtype)
            self._respond(op, mtype, 0, b"\x05\x01" + struct.pack("<f", self.FACTOR[mtype]))
            if {2, 5} <= self.types:
                self.start_stream()
        elif op == 0x03 and mtype in self.FACTOR:
            self.types.discard(mtype)
            self._respond(op, mtype, 0)
            self.stop_stream()

    def samples_per_packet(self) -> int:
        return 9

    def send_packet(self) -> None:
        samples = [self.next_sample() for _ in range(9)]
        t_ns = self.t_ns + round(self.sensor_time_s() * 1e9)
        acc = [[_i16(a / G / self.FACTOR[2]) for a in s[0]] for s in samples]
        gyr = [[_i16(np.degrees(g) / self.FACTOR[5]) for g in s[1]] for s in samples]
        for mtype, rows in ((2, acc), (5, gyr)):
            # Delta-compressed like the real sensor: reference + one block of deltas.
            self.chars[POLAR_DATA].notify(delta_frame(mtype, t_ns, rows))


FAMILIES = {c.family: c for c in (WitMotion, MetaWear, MovellaDot, Movesense, Thingy, Polar)}
ADVERTISED = {
    "witmotion": ([], {}), "metawear": ([METAWEAR_SERVICE], {0x067E: b"\x00"}),
    "movella_dot": ([], {0x0886: b"\x01"}), "movesense": ([MOVESENSE_SERVICE], {}),
    "thingy52": ([thingy_uuid(0x0100)], {}), "polar": ([], {0x006B: b"\x00"}),
}


class Emulator:
    def __init__(self, bus: MessageBus, config: dict) -> None:
        self.bus = bus
        self.loop = asyncio.get_running_loop()
        self.signals: str | None = config.get("signals")
        specs = config.get("adapters") or [{"name": "hci0"}]
        self.adapter_names = [a["name"] for a in specs]
        self.limits = {a["name"]: a.get("max_connections") for a in specs}
        self.adapters: dict[str, Adapter | None] = {
            name: Adapter(self, name, self.limits[name]) for name in self.adapter_names}
        self.peripherals: list[Peripheral] = []
        self.by_address: dict[str, Peripheral] = {}
        for k, dev in enumerate(config["devices"]):
            cls = FAMILIES[dev["family"]]
            p = cls(self, dev["address"], dev["name"], float(dev.get("rate_hz", 50)), k + 1,
                    int(dev.get("battery_pct", 77)))
            p.adv_uuids, p.manufacturer = ADVERTISED[dev["family"]]
            p.options = dev
            self.peripherals.append(p)
            self.by_address[p.address] = p
        self._gatt: dict[str, dict[str, ServiceInterface]] = {}
        self._advertised: set[str] = set()
        self._rssi_tasks: dict[str, asyncio.Future] = {}

    @property
    def adapter(self) -> Adapter | None:
        """The first adapter (the one the single-adapter faults act on)."""
        return self.adapters[self.adapter_names[0]]

    def export(self) -> None:
        # dbus-fast serves org.freedesktop.DBus.ObjectManager itself and announces every
        # export / unexport with InterfacesAdded / InterfacesRemoved.
        for a in self.adapters.values():
            self.bus.export(a.path, a)
        self.bus.export("/emulator", Control(self))

    def start_advertising(self, adapter: str = "hci0") -> None:
        if self.adapters.get(adapter) is None:
            return
        if adapter not in self._advertised:
            self._advertised.add(adapter)
            for p in self.peripherals:
                self.bus.export(p.path_on(adapter), p.devices[adapter])
        task = self._rssi_tasks.get(adapter)
        if task is None or task.done():
            self._rssi_tasks[adapter] = asyncio.ensure_future(self._rssi_updates(adapter))

    async def _rssi_updates(self, adapter: str) -> None:
        # Devices keep advertising while discovery runs (a silent device is never found).
        while (a := self.adapters.get(adapter)) is not None and a._discovering:
            for p in self.peripherals:
                if not p.connected:
                    p.rssi = -55 - (p.rssi + 56) % 5
                    p.devices[adapter].emit_properties_changed({"RSSI": p.rssi})
            await asyncio.sleep(0.2)

    async def connect(self, p: Peripheral, adapter: str = "hci0") -> None:
        a = self.adapters.get(adapter)
        if a is None or not a.powered:
            raise DBusError("org.bluez.Error.NotReady", "Resource Not Ready")
        if p.connected:
            if p.via == adapter:
                return
            # Connected through another adapter: it does not advertise, nothing answers.
            raise DBusError("org.bluez.Error.Failed", "le-connection-abort-by-local")
        limit = self.limits.get(adapter)
        if limit is not None and sum(q.connected and q.via == adapter
                                     for q in self.peripherals) >= limit:
            raise DBusError("org.bluez.Error.Failed",
                            "le-connection-concurrent-connection-limit")
        # A rebooting sensor does not advertise yet: BlueZ waits for it.
        await asyncio.sleep(max(0.0, p.booting_until - self.loop.time()))
        # Connection set-up and service discovery take a few hundred milliseconds on air.
        await asyncio.sleep(0.3)
        a = self.adapters.get(adapter)
        if a is None or not a.powered:
            raise DBusError("org.bluez.Error.Failed", "Software caused connection abort")
        if p.connected:               # connected meanwhile through another adapter
            raise DBusError("org.bluez.Error.Failed", "le-connection-abort-by-local")
        p.via = adapter
        objs = p.gatt_objects()
        self._gatt[p.address] = objs
        for path, iface in objs.items():
            self.bus.export(path, iface)
        p.connected = True
        p.device.emit_properties_changed({"Connected": True})
        p.device.emit_properties_changed({"ServicesResolved": True})

    def disconnect(self, p: Peripheral, remote: bool = False) -> None:
        if not p.connected:
            return
        p.connected = False
        p.stop_stream()
        p.device.emit_properties_changed({"ServicesResolved": False})
        p.device.emit_properties_changed({"Connected": False})
        for path in self._gatt.pop(p.address, {}):
            self.bus.unexport(path)
        p.chars = {}
        p.via = None

    def remove_adapter(self, name: str | None = None) -> None:
        name = name or self.adapter_names[0]
        a = self.adapters.get(name)
        if a is None:
            return
        for p in self.peripherals:
            if p.via == name:
                self.disconnect(p)
            if name in self._advertised:
                self.bus.unexport(p.path_on(name))
        self._advertised.discard(name)
        self.bus.unexport(a.path)
        self.adapters[name] = None

    def add_adapter(self, name: str | None = None) -> None:
        """The adapter is plugged in again: it knows no devices until it discovers them."""
        name = name or self.adapter_names[0]
        if self.adapters.get(name) is not None:
            return
        a = self.adapters[name] = Adapter(self, name, self.limits.get(name))
        self.bus.export(a.path, a)

    def power(self, on: bool, name: str | None = None) -> None:
        """Powered off, every link drops and discovery stops (BlueZ keeps the devices it
        knows); powered on, the adapter can discover and connect again."""
        name = name or self.adapter_names[0]
        a = self.adapters.get(name)
        if a is None or a.powered == on:
            return
        a.powered = on
        if not on:
            for p in self.peripherals:
                if p.via == name:
                    self.disconnect(p, remote=True)
            if a._discovering:
                a._discovering = False
                a.emit_properties_changed({"Discovering": False})
        a.emit_properties_changed({"Powered": on})


async def main() -> None:
    address, config_path = sys.argv[1], sys.argv[2]
    config = json.loads(Path(config_path).read_text())
    bus = await MessageBus(bus_address=address, bus_type=BusType.SYSTEM).connect()
    emu = Emulator(bus, config)
    emu.export()
    await bus.request_name("org.bluez")
    print("ready", flush=True)
    await bus.wait_for_disconnect()


if __name__ == "__main__":
    asyncio.run(main())
