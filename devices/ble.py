"""Bluetooth LE: scan, connect, stream, reconnect - on an event loop of its own.

The bleak event loop runs on its own thread; the Qt main thread and the pipeline never wait
for it. Notification callbacks only timestamp and queue the bytes; decoding, time alignment
and batching happen in :meth:`SensorLink.drain`, called by the consumer (the UI timer).

Connections that survive a clinic:
- scan first, then connect to the found device (never by address alone);
- retries with backoff chosen by the kind of failure; typed errors with advice;
- automatic reconnect after a drop that keeps the set going, marks the gap, re-applies the
  configuration, and ignores notifications of the old connection (no doubled stream);
- a watchdog that reconnects a sensor that stays connected but stops sending;
- an adapter pulled out or Bluetooth switched off mid-set: every link says so at once
  (status ``adapter_removed`` / ``bluetooth_off``), keeps waiting, finds its sensor again
  when the adapter is back and goes on; what was recorded stays;
- several adapters (a small group's sensors): each sensor is connected through the adapter
  with the fewest links that found it (bleak's BlueZ adapter selection); an adapter that
  refuses another link is full from then on; when every adapter is full the therapist is
  told how many sensors are connected where and what to do (``CapacityError``);
- a notification delivered twice (two subscriptions of one characteristic) is taken once;
  repeated or reordered samples of sensors with a clock, and a clock that restarted (a
  sensor that rebooted), are sorted out by the time alignment (``devices.timealign``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Final

from devices.drivers.base import SensorDriver, driver_for_family, identify
from devices.timealign import Aligner
from monitor.core.errors import MonitorError
from monitor.core.messages import Message
from monitor.core.samples import ImuBatch

log = logging.getLogger(__name__)

# Why these numbers: a BLE supervision timeout is 0.42-6 s; a silence of 2 s at >= 10 Hz is
# certainly not a slow sensor. Backoff starts fast (RF hiccups clear quickly) and caps so a
# sensor back in range is picked up within a few seconds.
WATCHDOG_S: Final = 2.0
CONNECT_TIMEOUT_S: Final = 10.0
BACKOFF_S: Final = (0.2, 0.5, 1.0, 2.0, 4.0)
# Without an adapter (or with Bluetooth off) nothing can be done but look again soon: a
# replugged dongle is ready within a second or two.
ADAPTER_POLL_S: Final = 0.5
# Looking for a sensor that has gone from the adapter's list (the adapter was away, the sensor
# rebooted): long enough for a few advertisements (20 ms-1 s apart).
RESCAN_S: Final = 3.0
# Below this a sensor may not last a set: commodity IMUs stream for 1-3 h on a full charge
# and their gauges are coarse near empty.
LOW_BATTERY_PCT: Final = 10
# Links one adapter is given at most. The Bluetooth LE specification sets no number; the
# controller's firmware does, and common USB dongles and laptop controllers manage 3-7
# streaming sensors (see README "Groups"). Seven is the most a good controller keeps
# streaming at 100 Hz; an adapter that refuses earlier is taken as full at that number.
MAX_LINKS_PER_ADAPTER: Final = 7
# Samples a second one adapter carries from all its sensors without loss: reports show
# packet loss beyond three sensors streaming at 100 Hz on one laptop adapter (about 300
# samples a second; see README "Groups"). A group with more sensors per adapter streams each
# of them slower, so that none loses samples ...
ADAPTER_BUDGET_HZ: Final = 300.0
# ... but never slower than this: the repetitions of strength exercises last a second or
# more, and count, ROM and tempo are measured at 50 Hz as at 100 Hz (the simulator's
# accuracy tests and the demo run at 50 Hz).
MIN_GROUP_RATE_HZ: Final = 50.0

# Link states: connecting, connected, reconnecting, adapter_removed, bluetooth_off, closed.
ADAPTER_DOWN: Final = ("adapter_removed", "bluetooth_off")


class BleError(MonitorError):
    """A Bluetooth problem, said so a therapist can act on it."""


class NoAdapterError(BleError):
    def __init__(self) -> None:
        super().__init__(Message("No Bluetooth adapter found. Plug in the Bluetooth dongle "
                                 "or switch Bluetooth on in the computer's settings, then try "
                                 "again."))


class NoBluetoothServiceError(BleError):
    def __init__(self) -> None:
        super().__init__(Message("The computer's Bluetooth service is not running. Start it "
                                 "(Linux: sudo systemctl start bluetooth) or ask whoever looks "
                                 "after this computer, then try again."))


class BluetoothOffError(BleError):
    def __init__(self) -> None:
        super().__init__(Message("Bluetooth is switched off. Switch it on in the computer's "
                                 "settings (or unblock it with the Bluetooth switch), then try "
                                 "again."))


class SensorNotFoundError(BleError):
    def __init__(self, address: str) -> None:
        super().__init__(Message("Sensor {address} was not found. Switch it on (check its "
                                 "battery) and bring it within a few metres of the computer.",
                                 address=address))


class BluetoothDeniedError(BleError):
    def __init__(self) -> None:
        super().__init__(Message("This computer does not allow the monitor to use Bluetooth. "
                                 "Allow it in the computer's privacy settings, or ask whoever "
                                 "looks after this computer."))


class ConnectionSlotsError(BleError):
    def __init__(self) -> None:
        super().__init__(Message("The Bluetooth adapter cannot take more sensors. Disconnect "
                                 "a sensor you do not need, or use a second adapter."))


class CapacityError(ConnectionSlotsError):
    """Every adapter holds as many sensors as it can."""

    def __init__(self, address: str, load: dict[str, int]) -> None:
        where = ", ".join(f"{a}: {n}" for a, n in load.items())
        BleError.__init__(self, Message(
            "Bluetooth is full: sensor {address} cannot be connected (sensors per adapter: "
            "{where}). "
            "Plug in another Bluetooth adapter, or connect fewer sensors (one per "
            "participant).", address=address, where=where))
        self.address = address
        self.load = load


@dataclass
class FoundSensor:
    family: str
    name: str
    address: str
    rssi: int
    device: Any = field(repr=False, default=None)
    # Adapter name -> the device as that adapter found it (a scan over several adapters).
    by_adapter: dict[str, Any] = field(repr=False, default_factory=dict)

    def to_json(self) -> dict:
        return {"family": self.family, "name": self.name, "address": self.address,
                "rssi": self.rssi}


# D-Bus error names (BlueZ on Linux) and what they mean here.
_DBUS_KINDS: Final = {
    # No BlueZ on the system bus (bluetoothd not running or not installed).
    "org.freedesktop.DBus.Error.ServiceUnknown": "service",
    "org.freedesktop.DBus.Error.NameHasNoOwner": "service",
    # BlueZ answers NotReady while the adapter is powered off.
    "org.bluez.Error.NotReady": "off",
    # The device (or the adapter under it) is no longer known to BlueZ.
    "org.freedesktop.DBus.Error.UnknownObject": "not_found",
    "org.bluez.Error.DoesNotExist": "not_found",
}


# BlueZ's reason codes for a connection refused because the controller holds as many links
# as it can (BlueZ src/error.h: BTD_ERR_LE_CONN_CONCURRENT_CONN_LIMIT).
_BLUEZ_FULL: Final = frozenset({"le-connection-concurrent-connection-limit"})


def _classify(exc: BaseException) -> str:
    """The kind of a Bluetooth failure, from the exception's type (and, for a D-Bus error,
    the error's name): never from its message text, which bleak words differently from
    version to version.

    ``off``: Bluetooth is switched off; ``adapter``: no (usable) adapter; ``service``: no
    Bluetooth service to talk to; ``denied``: the system does not allow Bluetooth;
    ``not_found``: the sensor is not known (any more); ``untyped``: bleak said only that
    something failed (ask again in a way that has a typed answer: a scan); ``transient``:
    anything else (try again)."""
    from bleak.exc import (
        BleakBluetoothNotAvailableError,
        BleakBluetoothNotAvailableReason,
        BleakDBusError,
        BleakDeviceNotFoundError,
        BleakError,
    )

    if isinstance(exc, BleakBluetoothNotAvailableError):
        reason = exc.reason
        if reason is BleakBluetoothNotAvailableReason.POWERED_OFF:
            return "off"
        if reason in (BleakBluetoothNotAvailableReason.DENIED_BY_USER,
                      BleakBluetoothNotAvailableReason.DENIED_BY_SYSTEM,
                      BleakBluetoothNotAvailableReason.DENIED_BY_UNKNOWN):
            return "denied"
        return "adapter"
    # No system bus to reach BlueZ through (its socket is missing or refuses).
    if isinstance(exc, FileNotFoundError | ConnectionRefusedError):
        return "service"
    if isinstance(exc, BleakDeviceNotFoundError):
        return "not_found"
    if isinstance(exc, BleakDBusError):
        # A controller at its connection limit: BlueZ's own reason code (src/error.h), the
        # body of its org.bluez.Error.Failed, not bleak's wording.
        if exc.dbus_error == "org.bluez.Error.Failed" and \
                exc.dbus_error_details in _BLUEZ_FULL:
            return "slots"
        return _DBUS_KINDS.get(exc.dbus_error, "transient")
    if type(exc) is BleakError:
        return "untyped"
    return "transient"


def _raise_for(kind: str, exc: BaseException) -> None:
    """The user's error for a kind of failure that waiting will not cure."""
    if kind == "adapter":
        raise NoAdapterError() from exc
    if kind == "off":
        raise BluetoothOffError() from exc
    if kind == "service":
        raise NoBluetoothServiceError() from exc
    if kind == "denied":
        raise BluetoothDeniedError() from exc
    if kind == "slots":
        raise ConnectionSlotsError() from exc


class SensorLink:
    """One sensor: its connection, its queue of notifications, its aligned samples."""

    def __init__(self, hub: BleHub, found: FoundSensor, placement: str,
                 rate_hz: float | None = None) -> None:
        self.hub = hub
        self.found = found
        self.placement = placement
        self.driver: SensorDriver = driver_for_family(found.family)(rate_hz)
        self.rate_hz = self.driver.rate_hz
        self.status = "connecting"
        self.adapter: str | None = None          # the adapter it is connected through
        self.battery_pct: int | None = None
        self.reconnects = 0
        self.generation = 0
        self.last_notify = 0.0
        self._q: queue.SimpleQueue = queue.SimpleQueue()
        self.aligner: Aligner | None = None
        self.client: Any = None           # bleak.BleakClient once connected
        self.error: BleError | None = None
        self.on_status: Callable[[SensorLink], None] | None = None
        self._previous: dict[str, bytes] = {}       # last notification per characteristic
        self._bad_at_start = 0

    # -- called on the BLE thread ----------------------------------------------------------
    def _callback(self, generation: int) -> Callable[[str, bytes], None]:
        def on_notify(uuid: str, data: bytes) -> None:
            if generation != self.generation:
                return                     # a notification of an old connection: drop it
            now = time.monotonic()
            self.last_notify = now
            self._q.put((now, uuid, data))
        return on_notify

    def _set_status(self, status: str) -> None:
        if status != self.status:
            # Sensors by family, address and placement: nothing about the patient.
            log.log(logging.INFO if status in ("connected", "connecting", "closed")
                    else logging.WARNING,
                    "sensor %s %s (%s): %s", self.found.family, self.found.address,
                    self.placement, status)
        self.status = status
        if self.on_status:
            self.on_status(self)

    def _new_connection(self) -> None:
        """Marks, in the order of the queue, where the notifications of a new connection
        start (called on the BLE thread before notifications are switched on)."""
        self._q.put((time.monotonic(), None, b""))

    # -- called by the consumer -----------------------------------------------------------
    def drain(self, now: float | None = None) -> ImuBatch | None:
        """Decode and time-align everything queued since the last call."""
        al = self._aligner()
        while True:
            try:
                arrival, uuid, data = self._q.get_nowait()
            except queue.Empty:
                break
            if uuid is None:                        # a new connection starts here
                al.new_connection()
                self._previous.clear()
                reset = getattr(self.driver.decoder, "new_connection", None)
                if reset is not None:
                    reset()                         # a frame cut off by the drop is gone
                continue
            # The same notification twice in a row on one characteristic is one delivered
            # twice: a sample is never repeated to the bit (noise), a counter never repeats.
            if self._previous.get(uuid) == data:
                al.stats.duplicates += 1
                continue
            self._previous[uuid] = data
            dropped = getattr(self.driver.decoder, "samples_dropped", 0)
            d = self.driver.decode(uuid, data)
            al.skip(getattr(self.driver.decoder, "samples_dropped", 0) - dropped)
            if len(d) == 0:
                continue
            al.push(arrival, d.sensor_time_s, (d.acc, d.gyr))
        pct = self.driver.battery_from_stream()
        if pct is not None:
            self.battery_pct = pct
        return self._batch(al.pop(time.monotonic() if now is None else now))

    def _aligner(self) -> Aligner:
        if self.aligner is None:
            self.aligner = Aligner(self.rate_hz, self.hub.session_start)
        return self.aligner

    @staticmethod
    def _batch(out) -> ImuBatch | None:
        if out is None:
            return None
        t, (acc, gyr) = out
        return ImuBatch(t, acc, gyr)

    def start_set(self, now: float | None = None) -> None:
        """A set starts: what came before is dropped, the statistics count from here."""
        now = time.monotonic() if now is None else now
        self.drain(now)
        self._aligner().start_set(now)
        self._bad_at_start = self.driver.bad_packets

    def finish_set(self, now: float | None = None) -> ImuBatch | None:
        """The set ends: the samples still queued or waiting for a reordered packet, and the
        statistics count a silence at the end as lost."""
        now = time.monotonic() if now is None else now
        last = self.drain(now)
        rest = self._batch(self._aligner().finish_set(now))
        parts = [b for b in (last, rest) if b is not None]
        return ImuBatch.concat(parts) if parts else None

    def set_stats(self) -> dict:
        """What the sensor delivered since the set started, for the user and the record."""
        out = self._aligner().stats.to_json()
        out["bad_packets"] = self.driver.bad_packets - self._bad_at_start
        out["battery_pct"] = self.battery_pct
        out["status"] = self.status
        return out

    def battery_warning(self) -> Message | None:
        if self.battery_pct is None or self.battery_pct > LOW_BATTERY_PCT:
            return None
        return Message("The battery of the {placement} sensor ({name}) is at {pct}%: it may "
                       "stop during the set. Charge it or use another sensor.",
                       placement=self.placement.replace("_", " "), name=self.found.name,
                       pct=self.battery_pct)

    @property
    def bad_packets(self) -> int:
        return self.driver.bad_packets


class BleHub:
    """Owns the adapter and a private asyncio loop thread; thread-safe entry points."""

    def __init__(self, adapters: list[str] | None = None,
                 max_links_per_adapter: int = MAX_LINKS_PER_ADAPTER) -> None:
        # None: the system's default adapter (one). Else the adapters to spread over.
        self.adapters = list(adapters) if adapters else None
        self.max_links = dict.fromkeys(self.adapters or [], max_links_per_adapter)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="ble", daemon=True)
        self.thread.start()
        self.links: dict[str, SensorLink] = {}
        self.session_start = time.monotonic()
        self._watchdog: Future | None = None
        self._closing = False
        self._tasks: set[asyncio.Future] = set()

    def run(self, coro, timeout: float | None = None):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    # -- scanning -------------------------------------------------------------------------
    async def _scan(self, seconds: float, addresses: set[str] | None = None
                    ) -> list[FoundSensor]:
        from bleak import BleakScanner

        found: dict[str, FoundSensor] = {}
        seen: dict[str, set[str]] = {}           # address -> adapters that found it

        def on_adv(device, adv, adapter: str | None = None) -> None:
            cls = identify(adv.local_name or device.name, list(adv.service_uuids or []),
                           dict(adv.manufacturer_data or {}))
            if cls is None:
                return
            name = adv.local_name or device.name or "?"
            if adapter is None:                  # the default adapter: the latest heard
                found[device.address] = FoundSensor(cls.family, name, device.address,
                                                    adv.rssi, device)
                return
            f = found.get(device.address)
            if f is None:
                f = found[device.address] = FoundSensor(cls.family, name, device.address,
                                                        adv.rssi, device)
            f.rssi = max(f.rssi, adv.rssi)
            f.by_adapter[adapter] = device
            seen.setdefault(device.address.upper(), set()).add(adapter)

        def on_adv_of(adapter: str | None):
            def callback(device, adv) -> None:       # bleak wants two parameters
                on_adv(device, adv, adapter)
            return callback

        def complete() -> bool:
            adapters, wanted = self.adapters, addresses or set()
            if adapters is None:
                return wanted <= {a.upper() for a in found}
            return all(seen.get(a, set()) >= set(adapters) for a in wanted)

        try:
            async with contextlib.AsyncExitStack() as stack:
                every: list[str | None] = [*self.adapters] if self.adapters else [None]
                for adapter in every:
                    if adapter is None:
                        scanner = BleakScanner(detection_callback=on_adv_of(None))
                    else:
                        scanner = BleakScanner(detection_callback=on_adv_of(adapter),
                                               bluez={"adapter": adapter})
                    await stack.enter_async_context(scanner)
                if not addresses:
                    await asyncio.sleep(seconds)
                else:                       # until the sensors asked for are all found
                    end = self.loop.time() + seconds
                    while self.loop.time() < end and not complete():
                        await asyncio.sleep(0.05)
        except Exception as exc:
            _raise_for(_classify(exc), exc)
            raise BleError(Message("Scanning for sensors failed ({detail}). Check that "
                                   "Bluetooth is on.", detail=exc)) from exc
        return sorted(found.values(), key=lambda f: -f.rssi)

    def scan(self, seconds: float = 3.0, addresses: list[str] | None = None
             ) -> list[FoundSensor]:
        """Sensors nearby, strongest first; given ``addresses``, the scan ends as soon as all
        of them are found (at most ``seconds``)."""
        want = {a.upper() for a in addresses} if addresses else None
        return self.run(self._scan(seconds, want), timeout=seconds + 30)

    async def _adapters_present(self) -> list[str]:
        from dbus_fast import BusType, MessageType
        from dbus_fast import Message as DBusMessage
        from dbus_fast.aio import MessageBus

        try:
            bus = await MessageBus(bus_type=BusType.SYSTEM).connect()
        except Exception as exc:
            raise NoBluetoothServiceError() from exc
        try:
            reply = await bus.call(DBusMessage(
                destination="org.bluez", path="/",
                interface="org.freedesktop.DBus.ObjectManager", member="GetManagedObjects"))
        finally:
            bus.disconnect()
        if reply.message_type == MessageType.ERROR:
            raise NoBluetoothServiceError()
        return sorted(path.rsplit("/", 1)[1] for path, ifaces in reply.body[0].items()
                      if "org.bluez.Adapter1" in ifaces)

    def adapters_present(self) -> list[str]:
        """The Bluetooth adapters BlueZ knows (``hci0``, ``hci1``, ...)."""
        return self.run(self._adapters_present(), timeout=10)

    def use_all_adapters(self) -> list[str]:
        """Spread the sensors connected from now on over every adapter present."""
        present = self.adapters_present()
        if not present:
            raise NoAdapterError()
        self.adapters = present
        for a in present:
            self.max_links.setdefault(a, MAX_LINKS_PER_ADAPTER)
        return present

    # -- connecting -----------------------------------------------------------------------
    async def _open(self, link: SensorLink) -> None:
        from bleak import BleakClient

        link.generation += 1
        gen = link.generation
        device = link.found.by_adapter.get(link.adapter, link.found.device) \
            if link.adapter else link.found.device
        client = BleakClient(device, timeout=CONNECT_TIMEOUT_S,
                             disconnected_callback=lambda c: self._dropped(link, gen))
        await client.connect()
        link.client = client
        link._new_connection()
        await link.driver.configure(client)
        await link.driver.start(client, link._callback(gen))
        link.battery_pct = await link.driver.battery(client)
        link.last_notify = time.monotonic()
        link._set_status("connected")

    async def _connect_with_retries(self, link: SensorLink, attempts: int = 5) -> None:
        last: BaseException | None = None
        for k in range(attempts):
            try:
                await self._open(link)
                return
            except Exception as exc:
                last = exc
                _raise_for(_classify(exc), exc)
                await self._close_client(link)
                await asyncio.sleep(BACKOFF_S[min(k, len(BACKOFF_S) - 1)])
        if last is not None and _classify(last) == "not_found":
            raise SensorNotFoundError(link.found.address) from last
        raise BleError(Message("Could not connect to {name} ({detail}). Bring it closer and "
                               "try again.", name=link.found.name, detail=last)) from last

    def scan_async(self, seconds: float = 4.0) -> Future:
        """Non-blocking scan for a UI: poll ``.done()`` from a timer."""
        return asyncio.run_coroutine_threadsafe(self._scan(seconds), self.loop)

    def connect_async(self, found: FoundSensor, placement: str,
                      rate_hz: float | None = None) -> tuple[SensorLink, Future]:
        link = SensorLink(self, found, placement, rate_hz)
        self.links[found.address] = link
        fut = asyncio.run_coroutine_threadsafe(self._connect_with_retries(link), self.loop)
        if self._watchdog is None:
            self._watchdog = asyncio.run_coroutine_threadsafe(self._watch(), self.loop)
        return link, fut

    def connect(self, found: FoundSensor, placement: str, rate_hz: float | None = None
                ) -> SensorLink:
        link = SensorLink(self, found, placement, rate_hz)
        if self.adapters is None:
            self.links[found.address] = link
            self.run(self._connect_with_retries(link), timeout=120)
        else:
            self.run(self._connect_spread(link), timeout=120 * len(self.adapters))
            self.links[found.address] = link
        if self._watchdog is None:
            self._watchdog = asyncio.run_coroutine_threadsafe(self._watch(), self.loop)
        return link

    def planned_rate_hz(self, family: str, sensors: int) -> float | None:
        """The sample rate for a sensor of ``family`` when ``sensors`` are to be connected
        over the adapters in use: the family's own rate while the adapters carry it
        (``ADAPTER_BUDGET_HZ`` each, the sensors spread evenly), else lower, down to
        ``MIN_GROUP_RATE_HZ``; None: the family's own rate (nothing lowered). The driver
        takes the nearest rate the sensor offers."""
        cls = driver_for_family(family)
        per_adapter = -(-max(1, sensors) // max(1, len(self.adapters or [None])))
        target = max(MIN_GROUP_RATE_HZ, ADAPTER_BUDGET_HZ / per_adapter)
        if target >= cls(None).rate_hz / 1.05:       # within 5 %: as good as carried
            return None
        # The highest rate the sensor offers that is not above the target (a sensor snaps
        # to its nearest rate, which may lie above); at least the one nearest the floor.
        own = cls(None).rate_hz
        rate = next((cls(float(r)).rate_hz for r in range(int(target),
                                                          int(MIN_GROUP_RATE_HZ) - 1, -1)
                     if cls(float(r)).rate_hz <= target), cls(MIN_GROUP_RATE_HZ).rate_hz)
        return rate if rate < own else None

    def connect_many_async(self, wanted: list[tuple[FoundSensor, str]]) -> Future:
        """Connect several sensors one after another (each through the adapter with the
        fewest links, at the rate the adapters carry: :meth:`planned_rate_hz`); the future's
        result has, for each, its :class:`SensorLink` or the :class:`BleError` that kept it
        out. One after another: a controller opens one LE connection at a time anyway, and
        an adapter found full is known to be full before the next sensor tries it."""
        async def connect_all() -> list[SensorLink | BleError]:
            out: list[SensorLink | BleError] = []
            for found, placement in wanted:
                link = SensorLink(self, found, placement,
                                  self.planned_rate_hz(found.family, len(wanted)))
                try:
                    if self.adapters is None:
                        self.links[found.address] = link
                        await self._connect_with_retries(link)
                    else:
                        await self._connect_spread(link)
                        self.links[found.address] = link
                    out.append(link)
                except BleError as exc:
                    self.links.pop(found.address, None)
                    link.status = "closed"
                    out.append(exc)
            return out

        fut = asyncio.run_coroutine_threadsafe(connect_all(), self.loop)
        if self._watchdog is None:
            self._watchdog = asyncio.run_coroutine_threadsafe(self._watch(), self.loop)
        return fut

    def release(self, links: list[SensorLink]) -> None:
        """Stop and disconnect these sensors (a group that ended); the others stay."""
        async def release_all() -> None:
            for link in links:
                link.status = "closed"
                if link.client is not None:
                    with contextlib.suppress(Exception):
                        await link.driver.stop(link.client)
                await self._close_client(link)
                if self.links.get(link.found.address) is link:
                    del self.links[link.found.address]

        self.run(release_all(), timeout=30)

    def load(self) -> dict[str, int]:
        """Sensors connected (or reconnecting) through each adapter."""
        out = dict.fromkeys(self.adapters or [], 0)
        for link in self.links.values():
            if link.adapter is not None and link.status != "closed":
                out[link.adapter] = out.get(link.adapter, 0) + 1
        return out

    def capacity_left(self) -> int:
        """How many more sensors the adapters take (as far as is known)."""
        load = self.load()
        return sum(max(0, self.max_links[a] - load.get(a, 0)) for a in self.adapters or [])

    async def _connect_spread(self, link: SensorLink) -> None:
        """Connect through the adapter with the fewest links that found the sensor and is
        not full; an adapter that refuses a link for lack of room is full from now on."""
        tried: set[str] = set()
        adapters = self.adapters or []
        while True:
            load = self.load()
            free = [a for a in adapters if a not in tried
                    and load.get(a, 0) < self.max_links[a]
                    and (a in link.found.by_adapter or not link.found.by_adapter)]
            if not free:
                raise CapacityError(link.found.address, load)
            adapter = min(free, key=lambda a: (load.get(a, 0), adapters.index(a)))
            link.adapter = adapter
            tried.add(adapter)
            try:
                await self._connect_with_retries(link)
                return
            except ConnectionSlotsError:
                # The controller holds fewer links than assumed: full at what it has.
                self.max_links[adapter] = load.get(adapter, 0)
                link.adapter = None

    async def _close_client(self, link: SensorLink) -> None:
        client, link.client = link.client, None
        if client is not None:
            with contextlib.suppress(Exception):
                await client.disconnect()

    def _dropped(self, link: SensorLink, generation: int) -> None:
        if self._closing or generation != link.generation or link.status == "closed":
            return
        link._set_status("reconnecting")
        self._spawn(self._reconnect(link))

    async def _reconnect(self, link: SensorLink) -> None:
        link.reconnects += 1
        link.generation += 1             # everything of the old connection is ignored now
        await self._close_client(link)
        k = 0
        while not self._closing and link.status != "closed":
            try:
                await self._open(link)
                link.error = None
                return
            except Exception as exc:
                kind = _classify(exc)
            await self._close_client(link)
            if kind in ("not_found", "adapter", "off", "untyped") and not self._closing:
                # The adapter may be away or off, or have forgotten the sensor (replugged,
                # the sensor rebooted): look for it again, which also says which it is
                # (a scan's failures are typed where a connection's may not be).
                kind = await self._find_again(link)
                if kind == "found":
                    continue
            if self._closing or link.status == "closed":
                return
            if kind in ("adapter", "off"):
                link.error = NoAdapterError() if kind == "adapter" else BluetoothOffError()
                link._set_status("adapter_removed" if kind == "adapter" else "bluetooth_off")
                await asyncio.sleep(ADAPTER_POLL_S)
                continue
            if link.status != "reconnecting":
                link._set_status("reconnecting")
            await asyncio.sleep(BACKOFF_S[min(k, len(BACKOFF_S) - 1)])
            k += 1

    async def _find_again(self, link: SensorLink) -> str:
        from bleak import BleakScanner

        extra: dict[str, Any] = {"bluez": {"adapter": link.adapter}} if link.adapter else {}
        try:
            device = await BleakScanner.find_device_by_address(link.found.address,
                                                               timeout=RESCAN_S, **extra)
        except Exception as exc:
            return _classify(exc)
        if device is None:
            return "not_found"
        link.found.device = device
        if link.adapter:
            link.found.by_adapter[link.adapter] = device
        return "found"

    async def _watch(self) -> None:
        self._watch_task = asyncio.current_task()
        while not self._closing:
            await asyncio.sleep(0.5)
            now = time.monotonic()
            for link in list(self.links.values()):
                if link.status == "connected" and now - link.last_notify > WATCHDOG_S:
                    log.warning("sensor %s %s (%s) stopped sending", link.found.family,
                                link.found.address, link.placement)
                    link.status = "reconnecting"
                    link._set_status("reconnecting")
                    self._spawn(self._reconnect(link))

    def _spawn(self, coro) -> None:
        task = asyncio.ensure_future(coro, loop=self.loop)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- closing --------------------------------------------------------------------------
    async def _close(self) -> None:
        self._closing = True
        # Reconnections still waiting (for an adapter, for a sensor to advertise) end here.
        watch = getattr(self, "_watch_task", None)
        for task in [*self._tasks, *([watch] if watch is not None else [])]:
            task.cancel()
        await asyncio.gather(*self._tasks, *([watch] if watch is not None else []),
                             return_exceptions=True)
        for link in self.links.values():
            link.status = "closed"
            if link.client is not None:
                with contextlib.suppress(Exception):
                    await link.driver.stop(link.client)
            await self._close_client(link)

    def close(self) -> None:
        if self.loop.is_closed():
            return
        try:
            self.run(self._close(), timeout=20)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=5)
            if not self.thread.is_alive():     # its sockets go now, not at some later time
                self.loop.close()


class LinkWatcher:
    """What happened to the links, as messages for the user: each said once, when it happens.

    An adapter pulled out or Bluetooth switched off is said once for all sensors, at once; a
    single sensor that stops sending is said when it has not come back within
    ``SAY_RECONNECTING_S`` (a link dropped by a pulled adapter says "reconnecting" for a few
    milliseconds first), and each sensor said to be away is said to be back.
    """

    SAY_RECONNECTING_S: Final = 0.3

    def __init__(self, links: dict[str, SensorLink],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.links = links
        self.clock = clock
        self._status = {label: link.status for label, link in links.items()}
        self._since = dict.fromkeys(links, clock())
        self._away: set[str] = set()          # said to be away, not yet said to be back
        self.adapter_down: str | None = None

    def changes(self) -> list[Message]:
        out: list[Message] = []
        t = self.clock()
        now = {label: link.status for label, link in self.links.items()}
        for label, status in now.items():
            if status != self._status.get(label):
                self._since[label] = t
        self._status = now
        down = next((s for s in ADAPTER_DOWN if s in now.values()), None)
        if down is not None and down != self.adapter_down:
            out.append(Message(
                "The Bluetooth adapter was removed: the set waits for it and keeps what was "
                "recorded. Plug it in again to go on.") if down == "adapter_removed" else
                Message("Bluetooth was switched off: the set waits for it and keeps what was "
                        "recorded. Switch it on again to go on."))
        elif down is None and self.adapter_down is not None:
            out.append(Message("Bluetooth is back: connecting the sensors again."))
        self.adapter_down = down
        for label, status in now.items():
            placement = self.links[label].placement.replace("_", " ")
            if status in ADAPTER_DOWN:
                self._away.add(label)
            elif (status == "reconnecting" and down is None and label not in self._away
                  and t - self._since[label] >= self.SAY_RECONNECTING_S):
                self._away.add(label)
                out.append(Message("The {placement} sensor stopped sending: reconnecting.",
                                   placement=placement))
            elif status == "connected" and label in self._away:
                self._away.discard(label)
                out.append(Message("The {placement} sensor is connected again: recording "
                                   "goes on.", placement=placement))
        return out
