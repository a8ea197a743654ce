"""Where the product keeps its files on this computer: the platform's own places.

platformdirs names them, with one folder name, ``legimu-monitor``, everywhere:

- data (the session database): Linux ``~/.local/share/legimu-monitor`` (``$XDG_DATA_HOME``),
  macOS ``~/Library/Application Support/legimu-monitor``, Windows
  ``%LOCALAPPDATA%\\legimu-monitor``;
- settings (``monitor.conf``, an INI file on every system): Linux ``~/.config/legimu-monitor``
  (``$XDG_CONFIG_HOME``), macOS and Windows the same folder as the data;
- the log (``monitor.log``) and the crash reports (``crash-reports``): Linux
  ``~/.local/state/legimu-monitor/log`` (``$XDG_STATE_HOME``), macOS
  ``~/Library/Logs/legimu-monitor``, Windows ``%LOCALAPPDATA%\\legimu-monitor\\Logs``;
- the cache (sound cues): Linux ``~/.cache/legimu-monitor``, macOS
  ``~/Library/Caches/legimu-monitor``, Windows ``%LOCALAPPDATA%\\legimu-monitor\\Cache``.

Earlier versions kept the data in ``~/.local/share/legimu-monitor`` on every system and the
settings in ``~/.config/legimu/monitor.conf`` (Linux). A computer that still has them keeps
them: the first start of this version moves the old folder to its new place in one rename
(nothing is copied, nothing can be half moved) and says so; where it cannot be moved (another
program has it open, another disk) the old folder stays in use, and that is said too.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Final

import platformdirs

from monitor.core.messages import Message

APP: Final = "legimu-monitor"
SETTINGS_FILE: Final = "monitor.conf"

log = logging.getLogger(__name__)

# What moving (or not moving) an earlier version's folder had to say, for the command line
# and the app to show once; also in the log.
NOTES: list[Message] = []


def data_dir() -> Path:
    """The folder of the session database (and the demo's); an earlier version's folder is
    moved here first, or used where it is when it cannot be moved."""
    new = platform_data_dir()
    old = legacy_data_dir()
    return adopt_legacy_folder(old, new, "monitor.db")


def platform_data_dir() -> Path:
    return platformdirs.user_data_path(APP, appauthor=False)


def legacy_data_dir() -> Path:
    """Where versions before the platform's places kept the data, on every system."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / APP


def config_dir() -> Path:
    return platformdirs.user_config_path(APP, appauthor=False)


def settings_path() -> Path:
    """The app's settings (an INI file on every system, also read by the command line)."""
    path = config_dir() / SETTINGS_FILE
    old = legacy_settings_path()
    if old != path and old.is_file() and not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(old, path)
            log.info("settings copied from %s to %s", old, path)
        except OSError as exc:
            log.warning("settings could not be copied from %s to %s: %s", old, path, exc)
            return old
    return path


def legacy_settings_path() -> Path:
    """Where Qt kept the app's settings on Linux in versions before this one."""
    base = os.environ.get("XDG_CONFIG_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".config"
    return root / "legimu" / SETTINGS_FILE


def log_dir() -> Path:
    """The rotating log file and, in ``crash-reports``, the crash reports."""
    return platformdirs.user_log_path(APP, appauthor=False)


def crash_dir() -> Path:
    return log_dir() / "crash-reports"


def cache_dir() -> Path:
    """Files that can be made again (the sound cues)."""
    return platformdirs.user_cache_path(APP, appauthor=False)


def is_own(st: os.stat_result) -> bool:
    """Is the file of ``st`` this user's (to make it private)? Windows has no user ids on
    files (its files in the user's folders are the user's): yes."""
    geteuid = getattr(os, "geteuid", None)
    return geteuid is None or st.st_uid == geteuid()


def adopt_legacy_folder(old: Path, new: Path, marker: str) -> Path:
    """The folder to use: ``new``, after moving ``old`` there when ``old`` holds ``marker``
    (the database) and ``new`` does not; ``old`` itself when it cannot be moved.

    The move is one rename of the whole folder, so a database and its write-ahead log always
    travel together. It is only tried while ``new`` does not exist yet (or is an empty
    folder): nothing of the new place is ever overwritten.
    """
    if old == new or not (old / marker).exists() or (new / marker).exists():
        return new
    try:
        if new.is_dir() and not any(new.iterdir()):
            new.rmdir()
        new.parent.mkdir(parents=True, exist_ok=True)
        os.rename(old, new)
    except OSError as exc:
        _note(Message("The session data stays in {old}, where an earlier version kept it: it "
                      "could not be moved to {new} ({detail}). Close every program that uses "
                      "it and start the monitor again, or move the folder there by hand.",
                      old=old, new=new, detail=exc.strerror or exc))
        return old
    _note(Message("The session data was moved from {old}, where an earlier version kept it, to "
                  "{new}, this computer's place for it.", old=old, new=new))
    return new


def _note(msg: Message) -> None:
    log.warning("%s", msg)
    if all(str(m) != str(msg) for m in NOTES):
        NOTES.append(msg)


def take_notes() -> list[Message]:
    """The notes not shown yet (each is shown once)."""
    out = list(NOTES)
    NOTES.clear()
    return out
