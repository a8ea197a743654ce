"""The command line in Dutch: --lang before or after the command, the app's remembered
language, the system's; the words, decimal commas, singular and plural, errors; JSON the same
in every language."""

from __future__ import annotations

import ast
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import cli

from monitor.cli import main
from monitor.core import i18n

ROOT = Path(__file__).resolve().parents[1]

# Per command: Dutch that must appear, English that must not (of that output).
EXPECTED = {
    ("patients",): (["knie,heup", "links", "3 sessies", "1 sessie", "laatst", " v "],
                    ["sessions", "session ", "last ", "left", "knee"]),
    ("patient", "show", "P001"): (["geboren 1960", "geslacht v", "notities:", "doel:",
                                  "gehaald", "niet gehaald", "knie,heup, links"],
                                 ["born", "sex", "notes:", "goal:", " met", "not met"]),
    ("programme", "P001", "--history"): (["Kniestrekking in zit", "2,5 kg", "tempo 2/1/2,5/1 s",
                                         "bereik 10-90°", "rust 60 s", "sinds", " - nu:",
                                         "via de opdrachtregel ingesteld"],
                                        ["range", "rest", "since", "deg", "2.5",
                                         "set from the command line"]),
    ("advise", "P001"): (["Kniestrekking in zit: gelijk houden (3 x 10 · 2,5 kg)",
                          "1 van 3 series gedaan", "pijn na de oefening 4/10"],
                         ["hold", "sets done", "pain after", "2.5"]),
    ("tests", "P001"): (["leeftijd 66", "30-seconden stoeltest: 9 keer", "ingevoerd",
                         "norm 11-16 keer voor vrouwen 65-69", "onder het normale bereik",
                         "Timed Up and Go: 14,3 s", "gemiddeld 8,1 s voor leeftijd 60-69",
                         "13,5 s of meer: valrisico", "verschil -4,5 s: betekenisvolle verbetering",
                         "KOOS pijn: 70,5; verschil +15,5"],
                        ["age", "stands", "entered", "norm 11-16 stands", "below the normal",
                         "women", "mean", "change", "meaningful", "14.3", "fall risk"]),
    ("sessions",): (["30-seconden stoeltest: 9 keer", "Timed Up and Go: 14,3 s", "herh."],
                    ["stands", "14.3", "reps", "chair_stand_30s"]),
}


def _year_of_birth_for_66() -> int:
    import time

    return time.localtime().tm_year - 66


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("nl") / "s.db")
    born = str(_year_of_birth_for_66())
    steps = [
        ["patient", "add", "P001", "--joint", "knee,hip", "--side", "left", "--birth-year",
         born, "--sex", "f", "--notes", "TKP", "--goal", "test:chair_stand_30s >= 12",
         "--goal", "pain <= 3"],
        ["patient", "add", "P002", "--joint", "hip"],
        ["programme", "P001", "--exercise", "knee_extension_seated", "--sets", "3", "--reps",
         "10", "--load", "2.5", "--tempo", "2/1/2.5/1"],
        ["tests", "P001", "--label", "intake", "--add", "chair_stand_30s=9", "--add",
         "timed_up_and_go=14.3", "--score", "koos_pain=55"],
        ["tests", "P001", "--label", "week 6", "--add", "chair_stand_30s=13", "--add",
         "timed_up_and_go=9.8", "--score", "koos_pain=70.5"],
        ["tests", "P002", "--label", "intake", "--add", "timed_up_and_go=8.2"],
        ["record", "--demo", "--fast", "--patient", "P001", "--exercise",
         "knee_extension_seated", "--reps", "3", "--pain", "4", "--effort", "5"],
    ]
    for args in steps:
        assert main(["--lang", "en", "--db", path, *args]) == 0, args
    return path


def _nl(capsys, db, args, how):
    if how == "before":
        return cli(capsys, "--db", db, "--lang", "nl", *args)
    if how == "after":
        return cli(capsys, "--db", db, *args, "--lang", "nl")
    return cli(capsys, "--db", db, *args)


def _remember(lang: str) -> None:
    """The app's remembered language as Qt writes it (QSettings, INI on Linux)."""
    path = i18n.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"[ui]\nlanguage={lang}\n", encoding="utf-8")


@pytest.mark.parametrize("args", list(EXPECTED), ids=" ".join)
def test_dutch_before_after_and_remembered(capsys, db, args):
    outs = []
    for how in ("before", "after", "remembered"):
        if how == "remembered":
            _remember("nl")
        code, out, err = _nl(capsys, db, args, how)
        assert code == 0 and err == "", (how, err)
        outs.append(out)
    assert outs[0] == outs[1] == outs[2]
    dutch, english = EXPECTED[args]
    for word in dutch:
        assert word in outs[0], (word, outs[0])
    for word in english:
        assert word not in outs[0], (word, outs[0])
    # --lang wins over the remembered language; English as it always was.
    code, en, _err = cli(capsys, "--db", db, *args, "--lang", "en")
    assert code == 0 and en != outs[0]
    assert not any(word in en for word in dutch if word not in ("Timed Up and Go: 14,3 s",))


def test_english_words_and_plural(capsys, db):
    _code, out, _err = cli(capsys, "--db", db, "patients")
    assert "3 sessions" in out and "1 session " in out and "last " in out
    _code, out, _err = cli(capsys, "--db", db, "tests", "P001")
    assert "9 stands" in out and "14.3 s" in out and "norm 11-16 stands for women 65-69" in out


@pytest.mark.parametrize("args", [("patients",), ("patient", "show", "P001"),
                                  ("programme", "P001", "--history"), ("advise", "P001"),
                                  ("tests", "P001"), ("sessions",)], ids=" ".join)
def test_json_is_the_same_in_every_language(capsys, db, args):
    _c, en, _e = cli(capsys, "--db", db, *args, "--json", "--lang", "en")
    _c, nl, _e = cli(capsys, "--db", db, *args, "--json", "--lang", "nl")
    assert isinstance(en, dict) and en == nl


def test_errors_in_dutch(capsys, db):
    code, _out, err = cli(capsys, "--db", db, "patient", "show", "P999", "--lang", "nl")
    assert code == 2
    assert err.startswith("monitor: fout: geen patiënt 'P999' in ") and "voeg" in err
    with pytest.raises(SystemExit) as info:
        main(["--db", db, "--lang", "nl", "record", "--demo", "--exercise",
              "knee_extension_seated", "--pain", "11"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "fout: argument --pain: pijn moet 0-10 zijn, niet 11" in err and "zie" in err
    with pytest.raises(SystemExit) as info:
        main(["--db", db, "tests", "P001", "--lang", "nl", "--foo"])
    assert info.value.code == 2
    assert "onbekende argumenten: --foo" in capsys.readouterr().err
    # A message of the pure packages (monitor.core.dosing), with its own words.
    code, _out, err = cli(capsys, "--db", db, "programme", "P001", "--exercise",
                          "knee_extension_seated", "--tempo", "x", "--lang", "nl")
    assert code == 2 and "tempo 'x' is niet te lezen" in err and "not understood" not in err
    # The same in English, as before.
    code, _out, err = cli(capsys, "--db", db, "patient", "show", "P999")
    assert code == 2 and err.startswith("monitor: error: no patient 'P999' in ")


def test_lang_after_every_command_and_report_lang_kept():
    from monitor.cli import build_parser

    parser = build_parser()
    for argv in (["tests", "P1"], ["patients"], ["patient", "show", "P1"], ["sessions"],
                 ["advise", "P1"], ["programme", "P1"], ["analyze", "f.csv"],
                 ["record", "--exercise", "x"], ["db", "recover", "a", "b"]):
        assert parser.parse_args([*argv, "--lang", "nl"]).lang == "nl", argv
        assert parser.parse_args(["--lang", "nl", *argv]).lang == "nl", argv
        assert parser.parse_args(argv).lang is None
    args = parser.parse_args(["report", "P1", "--out", "r.pdf", "--lang", "nl"])
    assert args.report_lang == "nl" and args.lang is None


def test_the_language_when_none_is_given(monkeypatch):
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(key, raising=False)
    assert i18n.choose_language(None) == "en"
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    assert i18n.choose_language(None) == "nl"
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")          # LC_ALL before LANG
    assert i18n.choose_language(None) == "en"
    _remember("nl")
    assert i18n.choose_language(None) == "nl"             # the app's choice before the system's
    _remember("en")
    monkeypatch.setenv("LC_ALL", "nl_NL.UTF-8")
    assert i18n.choose_language(None) == "en"
    assert i18n.choose_language("nl") == "nl"              # --lang before everything
    i18n.settings_path().write_text("not an ini file [", encoding="utf-8")
    assert i18n.choose_language(None) == "nl"             # unreadable: the system's


def test_the_system_locale_without_settings(capsys, db, monkeypatch):
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    _code, out, _err = cli(capsys, "--db", db, "patients")
    assert "3 sessies" in out


def test_reads_what_the_app_remembers(tmp_path, monkeypatch):
    """The file the app writes (Qt's QSettings) is the one the command line reads."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c",
                    "from monitor.ui.app import make_app; make_app(lang='nl')"],
                   env=env, check=True, cwd=ROOT, timeout=120)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert i18n.remembered_language() == "nl"


def test_no_qt_on_the_command_line(tmp_path, db):
    """In Dutch, the command line imports no Qt (it works where Qt cannot start)."""
    code = ("import sys; from monitor.cli import main; "
            f"rc = main(['--db', {db!r}, '--lang', 'nl', 'tests', 'P001']); "
            "assert rc == 0; assert not any(m.startswith(('PySide6', 'shiboken6')) "
            "for m in sys.modules), 'Qt imported'")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, env={**os.environ,
                                                      "XDG_CONFIG_HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    assert "30-seconden stoeltest" in out.stdout


def _marked_words() -> set[str]:
    """Every literal translate("cli", ...) and QT_TRANSLATE_NOOP("cli", ...) of the command
    line's source files."""
    words = set()
    for name in ("monitor/cli.py", "monitor/treatment_commands.py"):
        tree = ast.parse((ROOT / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("translate", "QT_TRANSLATE_NOOP")
                    and len(node.args) == 2
                    and isinstance(node.args[0], ast.Constant) and node.args[0].value == "cli"
                    and isinstance(node.args[1], ast.Constant)):
                words.add(node.args[1].value)
    return words


def test_every_word_of_the_command_line_has_its_dutch():
    words = _marked_words()
    assert len(words) > 100
    dutch = i18n.catalogue("nl")
    missing = sorted(w for w in words if ("cli", w) not in dutch)
    assert not missing, (f"run 'make translations' (and add the Dutch to fill_nl.py): "
                         f"{missing}")
    def params(text):
        return {f[1] for f in string.Formatter().parse(text) if f[1]}

    for w in words:                                   # the same parameters in both
        assert params(w) == params(dutch[("cli", w)]), w


def test_counted_and_decimals_follow_the_language():
    try:
        i18n.set_language("nl")
        assert i18n.counted(1, "session") == "1 sessie"
        assert i18n.counted(0, "session") == "0 sessies"
        assert i18n.counted(2, "repetition") == "2 herhalingen"
        assert i18n.decimal("8.5 kg") == "8,5 kg" and i18n.decimal("P0.1x") == "P0.1x"
        assert i18n.number(2.5) == "2,5"
        i18n.set_language("en")
        assert i18n.counted(1, "session") == "1 session"
        assert i18n.counted(3, "session") == "3 sessions"
        assert i18n.number(2.5) == "2.5"
    finally:
        i18n.set_language("en")


def test_analyze_and_record_in_dutch(capsys, db, tmp_path):
    stem = str(tmp_path / "sim")
    code, out, _err = cli(capsys, "simulate", "--exercise", "knee_extension_seated", "--out",
                          stem, "--reps", "3", "--lang", "nl")
    assert code == 0 and "3 herhalingen" in out and "geschreven" in out and "wrote" not in out
    code, out, _err = cli(capsys, "analyze", stem + ".csv", "--lang", "nl")
    assert code == 0
    assert "3 herhalingen van Kniestrekking in zit in " in out
    assert "hoek: kniehoek van beide sensoren" in out and " rust " in out and "°" in out
    for word in ("repetitions", " rest ", " deg", "angle:", "knee angle"):
        assert word not in out, word
    assert "," in out.splitlines()[0] and "." not in out.splitlines()[2].split("s  ROM")[0]
    _code, en, _err = cli(capsys, "analyze", stem + ".csv")
    assert "3 repetitions of Seated knee extension" in en and " rest " in en
    code, out, err = cli(capsys, "--db", db, "record", "--demo", "--fast", "--patient", "P001",
                         "--exercise", "knee_extension_seated", "--reps", "2", "--lang", "nl")
    assert code == 0 and "herhaling 1: ROM" in err and "rep 1" not in err
    assert isinstance(out, dict) and out["rep_count"] >= 1       # the JSON line as always


def test_recover_in_dutch(capsys, db, tmp_path):
    out_db = str(tmp_path / "new.db")
    code, out, _err = cli(capsys, "db", "recover", db, out_db, "--lang", "nl")
    assert code == 0 and out.startswith("hersteld in ") and "2 patiënten" in out
    assert "ongewijzigd" in out and "patients" not in out and "sessions" not in out


HEADER = "time_s,sensor,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z\n"
# A malformed file: its contents, the Dutch of its message, the English (as it always was).
MALFORMED = {
    "a non-number": (HEADER + "0.0,a,1,2,abc,0,0,0\n",
                     ", regel 2, kolom 'acc_z': 'abc' is geen getal",
                     ", line 2, column 'acc_z': 'abc' is not a number"),
    "too few fields": (HEADER + "0.0,a,1,2\n",
                       ", regel 2, kolom 'acc_z': de rij heeft 4 velden, verwacht 8 "
                       "(afgebroken rij?)",
                       ", line 2, column 'acc_z': row has 4 fields, expected 8 "
                       "(truncated row?)"),
    "an empty file": ("", ": het bestand is leeg (verwacht een kopregel en metingen)",
                      ": file is empty (expected a header row and samples)"),
    "a ';'-separated file": (HEADER.replace(",", ";") + "0,0;a;1;2;3;0;0;0\n",
                             ", regel 1: het bestand is gescheiden door ';': sla het op als "
                             "CSV gescheiden door komma's",
                             ", line 1: the file is separated by ';': save it as "
                             "comma-separated CSV"),
}
ENGLISH_WORDS = ("line", "column", "not a number", "fields", "expected", "truncated", "empty",
                 "separated", "save it", "unknown", "known", "a score", "not 11")


def _no_english(err: str) -> None:
    for word in ENGLISH_WORDS:
        assert word not in err, (word, err)


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_file_in_dutch(capsys, tmp_path, case):
    text, dutch, english = MALFORMED[case]
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    code, _out, err = cli(capsys, "analyze", str(path), "--lang", "nl")
    assert code == 3 and err.startswith(f"monitor: fout: {path}{dutch}"), err
    _no_english(err)
    code, _out, err = cli(capsys, "analyze", str(path), "--lang", "en")
    assert code == 3 and err.startswith(f"monitor: error: {path}{english}"), err


def test_unknown_names_and_scores_in_dutch(capsys, tmp_path):
    db = str(tmp_path / "s.db")
    assert main(["--lang", "en", "--db", db, "patient", "add", "P1"]) == 0
    capsys.readouterr()
    cases = [
        (("tests", "P1", "--label", "intake", "--add", "knee_rom=3"),
         "onbekende test 'knee_rom'; bekende testen: chair_stand_30s",
         "unknown test 'knee_rom'; known tests: chair_stand_30s"),
        (("tests", "P1", "--label", "intake", "--score", "nprs_now=11"),
         "nprs_now: een score is 0-10, niet 11", "nprs_now: a score is 0-10, not 11"),
        (("tests", "P1", "--label", "intake", "--score", "nope=1"),
         "onbekende vragenlijstscore 'nope'; bekend: ", "unknown questionnaire score 'nope'; "
         "known: "),
        (("programme", "P1", "--exercise", "nope", "--sets", "3", "--reps", "10"),
         "onbekende oefening 'nope'; bekende oefeningen: ",
         "unknown exercise 'nope'; known exercises: "),
    ]
    for args, dutch, english in cases:
        code, _out, err = cli(capsys, "--db", db, *args, "--lang", "nl")
        assert code == 2 and dutch in err, (args, err)
        _no_english(err)
        code, _out, err = cli(capsys, "--db", db, *args, "--lang", "en")
        assert code == 2 and english in err, (args, err)


def test_placements_in_dutch(capsys, tmp_path):
    path = tmp_path / "still.csv"
    path.write_text(HEADER + "".join(f"{i / 100:.2f},a,0,0,9.81,0,0,0\n" for i in range(50)),
                    encoding="utf-8")
    code, _out, err = cli(capsys, "analyze", str(path), "--placement", "x", "--lang", "nl")
    assert code == 2 and ("--placement 'x': verwacht LABEL=PLACEMENT met als PLACEMENT een van "
                          in err) and "expected" not in err
    code, _out, err = cli(capsys, "analyze", str(path), "--placement", "x")
    assert code == 2 and "--placement 'x': expected LABEL=PLACEMENT with PLACEMENT one of " in err
