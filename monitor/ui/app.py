"""Start the desktop application (``monitor``, ``monitor --demo``)."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from pathlib import Path

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QObject,
    QTimer,
    QTranslator,
    Signal,
    Slot,
    qVersion,
)
from PySide6.QtWidgets import QApplication

from monitor.core.i18n import translate
from monitor.crashlog import describe, write_crash_report
from monitor.ui.main_window import MainWindow
from monitor.ui.settings import app_settings
from monitor.ui.style import STYLESHEET
from recordings.spool import upload_waiting
from recordings.store import open_store

TRANSLATIONS = Path(__file__).parent / "translations"
log = logging.getLogger(__name__)
QT_VERSION = qVersion()


def no_display() -> bool:
    """Linux without X11 or Wayland (and no platform chosen): Qt cannot open a window."""
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def check_qt() -> str | None:
    """PySide6 6.12.0 on Python 3.11 corrupts the reference count of None (crash)."""
    if PYSIDE_VERSION.startswith("6.12.0") and sys.version_info[:2] == (3, 11):
        return ("PySide6 6.12.0 crashes on Python 3.11; install PySide6-Essentials<6.12 "
                "or use Python 3.12+")
    return None


TRANSLATOR_NAME = "monitor_translator"    # the interface's translator, a child of the app


def make_app(argv: list[str] | None = None, lang: str | None = None
             ) -> tuple[QApplication, str]:
    """The application in ``lang``, remembered as the app's language (None: the remembered
    language, else the system's; nothing is changed)."""
    existing = QApplication.instance()
    if existing is not None and not isinstance(existing, QApplication):
        raise RuntimeError("a Qt application without widgets is already running")
    app = existing or QApplication(argv or [sys.argv[0]])
    QCoreApplication.setOrganizationName("legimu")
    QCoreApplication.setApplicationName("monitor")
    settings = app_settings()
    if lang:
        settings.setValue("ui/language", lang)
    lang = lang or settings.value("ui/language") or (
        "nl" if QLocale.system().name().startswith("nl") else "en")
    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.deleteLater()
    # Numbers typed and shown in boxes follow the interface's language (a decimal comma in
    # Dutch), not the system's: "12,4" in a Dutch interface is 12.4 whatever the system.
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
                       if lang == "nl" else
                       QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    if lang != "en":
        tr = QTranslator(app)
        if tr.load(str(TRANSLATIONS / f"monitor_{lang}.qm")):
            tr.setObjectName(TRANSLATOR_NAME)   # the application keeps it (its parent)
            app.installTranslator(tr)
    # Set once: setting them again (a language switch) re-polishes every widget there is.
    f = app.font()
    if f.pointSize() != 12:
        f.setPointSize(12)
        app.setFont(f)
    if app.styleSheet() != STYLESHEET:
        app.setStyleSheet(STYLESHEET)
    return app, lang


class _StatusLine(QObject):
    """Shows a text in a window's status bar on the window's (main) thread, whichever
    thread says it: a signal to an object of the main thread is queued there."""

    said = Signal(str)

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win
        self.said.connect(self.show)

    @Slot(str)
    def show(self, text: str) -> None:
        self.win.statusBar().showMessage(text, 30000)


def install_crash_handler(win: MainWindow) -> None:
    """A defect in a handler is reported in words and kept in a crash report; the app (and
    a set being recorded: its samples are committed as they come) goes on."""
    status = _StatusLine(win)

    def report(exc: BaseException, where: str) -> None:
        text = describe(exc, write_crash_report(exc, where))
        print(f"monitor: {text}", file=sys.stderr)
        log.error("unexpected problem in %s: %s", where, text)
        # From another thread (the Bluetooth loop) the window is told on the main thread.
        status.said.emit(text)

    def on_main(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report(exc.with_traceback(tb), "user interface")

    def on_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            report(args.exc_value, f"thread {args.thread.name if args.thread else '?'}")

    sys.excepthook = on_main
    threading.excepthook = on_thread


def run(db: Path | str, demo: bool, quit_after: float | None, screenshot: str | None,
        lang: str | None = None) -> int:
    problem = check_qt()
    if problem:
        print(f"monitor: error: {problem}", file=sys.stderr)
        return 2
    if no_display():
        if not screenshot:
            # Qt would abort with a core dump naming a library that is installed.
            print(translate("cli", "monitor: error: {what}").format(what=translate(
                "cli", "no display to open the window on (DISPLAY is not set: over ssh or "
                       "in a console). Start it from the desktop, or try it without a screen: "
                       "QT_QPA_PLATFORM=offscreen monitor --demo --quit-after 20 --screenshot "
                       "demo.png; the command line works anywhere (monitor --help).")),
                  file=sys.stderr)
            return 4
        os.environ["QT_QPA_PLATFORM"] = "offscreen"      # a screenshot needs no screen
    app, lang = make_app(lang=lang)
    log.info("app on Qt %s (PySide6 %s), platform %s", QT_VERSION, PYSIDE_VERSION,
             app.platformName())
    store = open_store(db)        # an error in words: see monitor.cli.main
    # What this computer recorded while the practice's server could not be reached.
    upload_waiting(store, say=lambda text: print(f"monitor: {text}", file=sys.stderr))
    win = MainWindow(store, lang=lang)
    install_crash_handler(win)

    def took_over(new: MainWindow) -> None:       # the language changed inside the app
        nonlocal win
        win = new
        install_crash_handler(win)
        win.language_switched.connect(took_over)

    win.language_switched.connect(took_over)
    win.show()
    if demo:
        win.patient_edit.setText("DEMO")
        win.open_patient()
        while win.controller is not None and win.controller.visit.questions:
            win.answer(None)                  # the demo set shows at once, not a question
        win.connect_demo()
        win.calibrate()
        win.start_set()

    def finish() -> None:
        if win.controller is not None and win.controller.state != "idle":
            win.stop_set()
        if screenshot:
            win.grab().save(screenshot)
        win.close()
        app.quit()

    if quit_after is not None:
        QTimer.singleShot(int(quit_after * 1000), finish)
    # Ctrl-C in the terminal ends the app as closing its window does (the set is stopped
    # and saved), without a traceback.
    signal.signal(signal.SIGINT, lambda *_: QTimer.singleShot(0, finish))
    app.exec()
    print(win.summary_json())
    return 0
