"""The small interface every sensor family implements, and the registry that picks one."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any, ClassVar

from devices.decoders import Decoded
from devices.families import BATTERY_LEVEL

NotifyCallback = Callable[[str, bytes], None]


class SensorProtocolError(Exception):
    """The sensor refused a command or did not answer as its protocol says it must."""


class ReplyWaiter:
    """Lets a driver wait, during start, for a sensor's reply to a command.

    Wraps the notification callback: every notification still goes on to the queue (the
    decoder sees it too); those a driver waits for also resolve its future. Runs on the
    event loop that delivers the notifications.
    """

    def __init__(self, on_notify: NotifyCallback) -> None:
        self._on_notify = on_notify
        self._waiting: list[tuple[Callable[[str, bytes], bool], asyncio.Future]] = []

    def __call__(self, uuid: str, data: bytes) -> None:
        for entry in list(self._waiting):
            match, fut = entry
            if not fut.done() and match(uuid, data):
                fut.set_result(data)
                self._waiting.remove(entry)
        self._on_notify(uuid, data)

    def expect(self, match: Callable[[str, bytes], bool]) -> asyncio.Future:
        """A future for the next notification that ``match`` accepts (call before writing
        the command, so a quick reply is not missed)."""
        fut = asyncio.get_running_loop().create_future()
        self._waiting.append((match, fut))
        return fut

    async def wait(self, fut: asyncio.Future, timeout_s: float) -> bytes | None:
        try:
            return await asyncio.wait_for(fut, timeout_s)
        except TimeoutError:
            self._waiting = [e for e in self._waiting if e[1] is not fut]
            return None


class SensorDriver:
    """identify (from the advertisement) -> configure -> start -> decode -> stop.

    ``client`` is a connected bleak client; drivers pass ``response=`` explicitly to
    ``write_gatt_char`` and only ever use full 128-bit UUIDs.
    """

    family: ClassVar[str] = ""
    display_name: ClassVar[str] = ""
    manufacturer: ClassVar[str] = ""      # for exports (BIDS Manufacturer)
    model: ClassVar[str] = ""             # for exports (BIDS ManufacturersModelName)
    notify_uuids: ClassVar[list[str]] = []
    has_sensor_time: ClassVar[bool] = False
    default_rate_hz: ClassVar[float] = 50.0

    def __init__(self, rate_hz: float | None = None) -> None:
        self.rate_hz = float(rate_hz or self.default_rate_hz)
        self.decoder = self.make_decoder()

    @classmethod
    def matches(cls, name: str | None, uuids: list[str], manufacturer: dict[int, bytes]
                ) -> bool:
        raise NotImplementedError

    def make_decoder(self) -> Any:
        raise NotImplementedError

    async def configure(self, client) -> None:
        """Set the sample rate (before start)."""

    async def start(self, client, on_notify: NotifyCallback) -> None:
        for uuid in self.notify_uuids:
            await client.start_notify(uuid, lambda ch, data, u=uuid: on_notify(u, bytes(data)))

    async def stop(self, client) -> None:
        for uuid in self.notify_uuids:
            with contextlib.suppress(Exception):
                await client.stop_notify(uuid)

    def decode(self, uuid: str, data: bytes) -> Decoded:
        return self.decoder.feed(data)

    @property
    def bad_packets(self) -> int:
        return self.decoder.stats.bad

    def battery_from_stream(self) -> int | None:
        """Battery level that arrived in the data stream (register replies), if any."""
        return None

    async def battery(self, client) -> int | None:
        try:
            return int((await client.read_gatt_char(BATTERY_LEVEL))[0])
        except Exception:
            return None


REGISTRY: list[type[SensorDriver]] = []


def register(cls: type[SensorDriver]) -> type[SensorDriver]:
    REGISTRY.append(cls)
    return cls


def identify(name: str | None, uuids: list[str], manufacturer: dict[int, bytes]
             ) -> type[SensorDriver] | None:
    from devices.drivers import (  # noqa: F401 - registers the families
        metawear,
        movella_dot,
        movesense,
        polar,
        simulated,
        thingy52,
        witmotion,
    )

    uuids = [u.lower() for u in uuids]
    for cls in REGISTRY:
        if cls.matches(name, uuids, manufacturer):
            return cls
    return None


def driver_for_family(family: str) -> type[SensorDriver]:
    identify(None, [], {})
    for cls in REGISTRY:
        if cls.family == family:
            return cls
    raise KeyError(family)


def sensor_identity(family: str) -> dict[str, str]:
    """What a set stores about its sensor's make (for exports): family, manufacturer and
    model; an unknown family is stored as it is, its make left out."""
    try:
        cls = driver_for_family(family)
    except KeyError:
        return {"family": family}
    out = {"family": family, "model": cls.model}
    if cls.manufacturer:
        out["manufacturer"] = cls.manufacturer
    return out
