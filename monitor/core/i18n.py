"""The command line's words in the user's language, without Qt.

The Dutch comes from the translations the app ships (``monitor/ui/translations/
monitor_nl.ts``, read as XML, never imported): the context "messages" holds the templates of
:class:`monitor.core.messages.Message` (the pure packages' words), the context "cli" the
command line's own words. The command line marks its words with :func:`translate` or
:func:`QT_TRANSLATE_NOOP` and a literal context and text, which ``pyside6-lupdate`` finds in
its source files (``make translations``).

The language when none is given: the app's remembered choice (its settings file, key
``language`` of section ``[ui]``; where the file is: ``monitor.core.places``), else the
system's (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English.
"""

from __future__ import annotations

import configparser
import functools
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from monitor.core.messages import Message

LANGUAGES = ("en", "nl")
CLI = "cli"
MESSAGES = "messages"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "ui" / "translations"

_current = ["en"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for translation (found by ``pyside6-lupdate``); returns it unchanged."""
    return text


# -- which language --------------------------------------------------------------------------
def settings_path() -> Path:
    """The app's settings file (an INI file in the platform's settings folder, written by
    the app through QSettings)."""
    from monitor.core import places

    return places.settings_path()


def remembered_language() -> str | None:
    """The language last chosen in the app (None: none chosen, or the file unreadable)."""
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read(settings_path(), encoding="utf-8")
        value = parser.get("ui", "language", fallback=None)
    except (configparser.Error, OSError, UnicodeDecodeError):
        return None
    value = (value or "").strip().strip('"').strip()
    return value if value in LANGUAGES else None


def system_language() -> str | None:
    """Dutch when the system's locale is (``nl_NL.UTF-8``, ``nl_BE``, ``nl``)."""
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(key)
        if value:
            return "nl" if value.lower().startswith("nl") else None
    return None


def choose_language(given: str | None = None) -> str:
    """``given``, else the app's remembered language, else the system's, else English."""
    if given in LANGUAGES:
        return given
    return remembered_language() or system_language() or "en"


def set_language(lang: str) -> None:
    _current[0] = lang if lang in LANGUAGES else "en"


def language() -> str:
    return _current[0]


# -- the translations ------------------------------------------------------------------------
@functools.cache
def catalogue(lang: str) -> dict[tuple[str, str], str]:
    """(context, English) -> the translation, of the finished entries of the shipped .ts."""
    path = TRANSLATIONS / f"monitor_{lang}.ts"
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return {}
    out = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source")
            tr = msg.find("translation")
            if source is None or tr is None or tr.get("type") or not tr.text:
                continue                         # unfinished, vanished or obsolete
            out[(name, source)] = tr.text
    return out


def translate(context: str, text: str) -> str:
    """``text`` in the current language (itself when English or not translated)."""
    lang = _current[0]
    if lang == "en":
        return text
    return catalogue(lang).get((context, text), text)


_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?( ?(kg|cm|s|%|°|m/s))?")
_DECIMAL = re.compile(r"(?<=\d)\.(?=\d)")


def decimal(text: str) -> str:
    """A number (with its unit) written with the language's decimal separator ("8,5 kg" in
    Dutch); any other text unchanged."""
    if _current[0] != "nl" or not _NUMBER.fullmatch(text):
        return text
    return text.replace(".", ",")


def decimals(text: str) -> str:
    """Every decimal point between digits in ``text`` a comma in Dutch (for lines made of
    numbers only: not for file names or free text)."""
    return _DECIMAL.sub(",", text) if _current[0] == "nl" else text


def number(value: float, fmt: str = "g") -> str:
    """``value`` formatted (``fmt`` as in ``format``) with the language's decimal separator."""
    return decimals(format(value, fmt))


# Parameters of a Message that are words (a segment, a placement, a load) are translated too.
WORD_PARAMS = ("segment", "placement", "old", "new", "load", "dose")


def say(text: object) -> str:
    """``text`` in the current language: a Message by its template (its parameters' words
    and numbers too, a parameter that is a Message said in turn), anything else as it is."""
    if not isinstance(text, Message):
        return str(text)
    if _current[0] == "en":
        return str(text)
    params = {k: say(v) if isinstance(v, Message) else
              decimal(translate(MESSAGES, v) if k in WORD_PARAMS else v)
              for k, v in text.params.items()}
    template = translate(MESSAGES, text.template)
    if template == text.template:
        template = translate(CLI, text.template)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):          # a translation that lost a parameter
        return str(text)


def say_error(exc: BaseException) -> str:
    """An error's message in the current language."""
    if exc.args and isinstance(exc.args[0], Message):
        return say(exc.args[0])
    return str(exc)


def counted(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the word in the singular or plural, in the current language ("1 session",
    "3 sessions"; "3 sessies"). The words are marked for translation where they are listed
    (``QT_TRANSLATE_NOOP("cli", ...)``)."""
    word = one if n == 1 else many or one + "s"
    return f"{n} {translate(CLI, word)}"
