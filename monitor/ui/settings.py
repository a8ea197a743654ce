"""The app's settings: one INI file in the platform's settings folder (``monitor.core.places``)
on every system, the file the command line reads the remembered language from.

Qt's default would be the registry on Windows and a property list on macOS, which the command
line cannot read without Qt; settings an earlier version left there are taken over once.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings

from monitor.core import places

# Where earlier versions' settings are on Windows and macOS (Qt's native format).
LEGACY_ORGANIZATION = "legimu"
LEGACY_APPLICATION = "monitor"


def app_settings() -> QSettings:
    path = places.settings_path()
    fresh = not path.exists()
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    if fresh and sys.platform in ("win32", "darwin"):
        old = QSettings(LEGACY_ORGANIZATION, LEGACY_APPLICATION)
        for key in old.allKeys():
            settings.setValue(key, old.value(key))
        settings.sync()
    return settings
