"""Sound cues: a tick per counted repetition, a distinct tone when the target is reached,
and spoken counts where a speech engine exists. All switchable; silent where no audio device
is present (offscreen tests)."""

from __future__ import annotations

import getpass
import os
import tempfile
import wave
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QUrl

from monitor.core import places

if TYPE_CHECKING:                # imported where speech is first asked for (say)
    from PySide6.QtTextToSpeech import QTextToSpeech

try:
    from PySide6.QtMultimedia import QSoundEffect
    HAVE_MULTIMEDIA = True
except ImportError:  # pragma: no cover - Qt without multimedia
    HAVE_MULTIMEDIA = False


def _tone(path: Path, freqs: list[float], seconds: float, rate: int = 22050) -> None:
    t = np.arange(int(seconds * rate)) / rate
    y = sum(np.sin(2 * np.pi * f * t) for f in freqs) / len(freqs)
    env = np.minimum(1.0, np.minimum(t / 0.005, (seconds - t) / 0.02))
    data = (0.6 * 32767 * y * env).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data.tobytes())


def _sound_dir() -> Path:
    """The cues are made once into the platform's cache folder; where that cannot be
    written, into a folder of this user's in the temporary folder."""
    d = places.cache_dir() / "sounds"
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError:
        d = Path(tempfile.gettempdir()) / f"legimu-monitor-sounds-{_user_tag()}"
        d.mkdir(parents=True, exist_ok=True)
    return d


def _user_tag() -> str:
    """Tells this user's temporary folder from another's: the user id where there is one
    (POSIX), else the login name (Windows, whose temporary folder is per user anyway)."""
    getuid = getattr(os, "getuid", None)
    if getuid is not None:
        return str(getuid())
    try:
        name = getpass.getuser()
    except Exception:           # no login name to be had: the folder is the user's anyway
        return "user"
    return "".join(c if c.isalnum() else "_" for c in name) or "user"


class SoundCues:
    def __init__(self) -> None:
        self.enabled = True
        self.speech_enabled = False
        d = _sound_dir()
        if not (d / "tick.wav").exists():
            _tone(d / "tick.wav", [1200.0], 0.05)
        if not (d / "target.wav").exists():
            _tone(d / "target.wav", [660.0, 990.0], 0.25)
        if not (d / "rest.wav").exists():
            _tone(d / "rest.wav", [523.0, 784.0, 1047.0], 0.6)
        self._effects = {}
        if HAVE_MULTIMEDIA:
            for name in ("tick", "target", "rest"):
                e = QSoundEffect()
                e.setSource(QUrl.fromLocalFile(str(d / f"{name}.wav")))
                e.setVolume(0.8)
                self._effects[name] = e
        self._speech: QTextToSpeech | None = None
        self.played: list[str] = []          # what was cued (for tests and the log)

    def _play(self, name: str) -> None:
        self.played.append(name)
        if self.enabled and name in self._effects:
            self._effects[name].play()

    def rep(self, count: int) -> None:
        """A repetition was counted: a tick (and the count spoken, if switched on)."""
        if not self.enabled:
            return
        self._play("tick")
        if self.speech_enabled:
            self.say(str(count))

    def target(self) -> None:
        """The angle reached the end of the target range: a distinct, brighter tone."""
        if self.enabled:
            self._play("target")

    def rest_over(self) -> None:
        """The rest between sets is over: a longer chord, heard across the room."""
        if self.enabled:
            self._play("rest")

    def say(self, text: str) -> None:
        if self._speech is None:
            try:
                from PySide6.QtTextToSpeech import QTextToSpeech
                self._speech = QTextToSpeech()
            except Exception:
                self.speech_enabled = False
                return
        self._speech.say(text)
