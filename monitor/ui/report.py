"""The progress report as a PDF: the treatment and its progress over measurement moments.

Laid out as a rich-text document (Qt's QTextDocument), so that tables break across pages
between rows and the report pages properly however many moments there are; charts are drawn
into images at a fixed size with as many labels as fit. Contents: the patient (code, joint,
side, year of birth, sex, intake), the goals and their status at every moment, pain over
time against the pain-monitoring model, the programme with every dated change, adherence
per visit, and per exercise its moments (load, ROM, tempo, effort, pain) with a chart.
"""

from __future__ import annotations

import html
import itertools
import math
import re
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QPointF,
    QRectF,
    Qt,
    QTranslator,
    QUrl,
)
from PySide6.QtGui import (
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from monitor.core.battery import battery_test, change_text, is_test, questionnaire_def, value_text
from monitor.core.dosing import Load
from monitor.core.exercises import catalogue
from monitor.core.messages import Message
from monitor.ui import style
from monitor.ui.messages import CONTEXT, WORD_PARAMS
from recordings.export import private_file
from recordings.measurements import battery_table
from recordings.progress import SessionProgress, pain_over_time, progress
from recordings.store import Store
from recordings.treatment import (
    adherence,
    goal_status,
    goal_text,
    goal_value_text,
    reason_messages,
)

TRANSLATIONS = Path(__file__).parent / "translations"

# The report's words: (English, Dutch). The report's language is chosen per report
# (``monitor report --lang``), independently of the interface's.
WORDS = {
    "title": ("Progress report", "Voortgangsrapport"),
    "made": ("made", "gemaakt"),
    "patient": ("Patient", "Patiënt"),
    "joint": ("joint", "gewricht"), "side": ("side", "zijde"),
    "born": ("year of birth", "geboortejaar"), "sex": ("sex", "geslacht"),
    "intake": ("intake", "intake"), "sessions": ("sessions", "sessies"),
    "session": ("session", "sessie"),
    "goals": ("Goals", "Doelen"), "goal": ("goal", "doel"), "no goals": (
        "No goals recorded.", "Geen doelen vastgelegd."),
    "in words": ("in words", "in woorden"),
    "pain": ("Pain (0-10, numeric rating scale)", "Pijn (0-10, NPRS)"),
    "before": ("before", "voor"), "after": ("after (highest)", "na (hoogste)"),
    "morning": ("next morning", "ochtend erna"),
    "no pain": ("No pain recorded.", "Geen pijn vastgelegd."),
    "pain model": ("Pain-monitoring model: up to 5/10 during exercise is acceptable if it has "
                   "settled by the next morning and does not rise from week to week "
                   "(Thomeé 1997).",
                   "Pijnmonitoringsmodel: tot 5/10 tijdens het oefenen is aanvaardbaar als "
                   "het de ochtend erna weer gezakt is en niet van week tot week stijgt "
                   "(Thomeé 1997)."),
    "programme": ("Programme", "Programma"), "exercise": ("exercise", "oefening"),
    "dose": ("dose", "dosering"), "tempo": ("tempo (s)", "tempo (s)"),
    "range": ("range", "bereik"), "rest": ("rest", "rust"), "since": ("since", "sinds"),
    "changes": ("Changes", "Wijzigingen"), "from": ("from", "van"), "to": ("until", "tot"),
    "why": ("why", "waarom"), "now": ("now", "nu"),
    "no programme": ("No programme.", "Geen programma."),
    "adherence": ("Adherence (done / prescribed)", "Therapietrouw (gedaan / voorgeschreven)"),
    "prescribed": ("prescribed", "voorgeschreven"), "done": ("done", "gedaan"),
    "moment": ("moment", "moment"), "date": ("date", "datum"), "sets": ("sets", "series"),
    "reps": ("reps", "herh."), "load": ("load", "belasting"),
    "rom": ("ROM best / mean", "ROM beste / gem."),
    "tempo col": ("up / down (s)", "op / neer (s)"), "change": ("change", "verschil"),
    "effort": ("effort", "inspanning"), "pain col": ("pain", "pijn"),
    "result": ("result", "resultaat"),
    "legend rom": ("blue: best ROM, orange: mean ROM (degrees)",
                   "blauw: beste ROM, oranje: gemiddelde ROM (graden)"),
    "legend pain": ("blue: before the session, red: after an exercise, orange: next morning; "
                    "dashed: 5/10",
                    "blauw: voor de sessie, rood: na een oefening, oranje: ochtend erna; "
                    "stippellijn: 5/10"),
    "battery": ("Tests and questionnaires", "Testen en vragenlijsten"),
    "test": ("test", "test"), "norm": ("norm", "norm"),
    "since first": ("since the first measurement", "sinds de eerste meting"),
    "lsi": ("knee flexion symmetry", "symmetrie kniebuiging"),
    "battery note": ("Norms: age from the year of birth. Meaningful: at least the minimal "
                     "clinically important difference (MCID) or detectable change (MDC) of "
                     "the source; where none is known, the change is shown without a "
                     "judgement.",
                     "Normen: leeftijd uit het geboortejaar. Betekenisvol: minstens het "
                     "minimaal klinisch relevante verschil (MCID) of de minimaal detecteerbare "
                     "verandering (MDC) van de bron; waar die onbekend is, staat het verschil "
                     "er zonder oordeel."),
    "v_below": ("below the normal range", "onder het normale bereik"),
    "v_within": ("within the normal range", "binnen het normale bereik"),
    "v_above": ("above the normal range", "boven het normale bereik"),
    "v_worse_than_average": ("worse than average", "slechter dan gemiddeld"),
    "v_average_or_better": ("average or better", "gemiddeld of beter"),
    "v_above_the_mean": ("slower than the mean", "langzamer dan gemiddeld"),
    "v_at_or_below_the_mean": ("at or faster than the mean", "gemiddeld of sneller"),
    "v_enough": ("enough", "voldoende"), "v_not_enough": ("not enough", "onvoldoende"),
    "m_improvement": ("meaningful improvement", "betekenisvolle verbetering"),
    "m_decline": ("meaningful decline", "betekenisvolle achteruitgang"),
    "m_no_change": ("no meaningful change", "geen betekenisvolle verandering"),
    "m_None": ("no threshold known", "geen drempel bekend"),
    "s_increase": ("increase", "verhogen"), "s_hold": ("hold", "gelijk houden"),
    "s_decrease": ("decrease", "verlagen"),
    "training": ("training", "training"), "met": ("met", "gehaald"),
    "not met": ("not met", "niet gehaald"),
    "knee": ("knee", "knie"), "hip": ("hip", "heup"), "knee,hip": ("knee and hip",
                                                                  "knie en heup"),
    "left": ("left", "links"), "right": ("right", "rechts"), "both": ("both", "beide"),
    "f": ("female", "vrouw"), "m": ("male", "man"), "x": ("other", "anders"),
    "intake moment": ("intake", "intake"), "week 6": ("week 6", "week 6"),
    "week 12": ("week 12", "week 12"), "discharge": ("discharge", "eindmeting"),
    "follow-up": ("follow-up", "nameting"),
}


# The charts' width on the page: the text width A4 leaves within the writer's margins and
# the document's own (wider, they ran past the tables into the right margin).
CHART_WIDTH = 520


def write_report(store: Store, patient: str, path: str | Path, lang: str = "en") -> Path:
    """The report of one patient as a PDF at ``path``.

    The PDF is made in memory and then written, so a full disk or a folder that cannot be
    written raises OSError (Qt's writer would leave a silent, broken file).
    """
    path = Path(path)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15)))
    writer.setResolution(150)
    writer.setTitle(f"{_w('title', lang)} {patient}")
    doc = build_document(store, patient, lang)
    doc.print_(writer)
    buffer.close()
    if data.size() == 0:
        raise OSError("the PDF writer could not start")
    try:
        private_file(path)                 # a patient's report: readable by the user only
        path.write_bytes(data.data())
    except OSError:
        if path.is_file():
            path.unlink(missing_ok=True)    # no half-written report left behind
        raise
    return path


def _w(key: str, lang: str) -> str:
    en, nl = WORDS[key]
    return nl if lang == "nl" else en


def _moment(label: str | None, lang: str) -> str:
    if not label:
        return _w("training", lang)
    key = "intake moment" if label == "intake" else label
    return _w(key, lang) if key in WORDS else label


def _day(t: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(t))


def _num(v: float, fmt: str, lang: str) -> str:
    text = format(v, fmt)
    return text.replace(".", ",") if lang == "nl" else text


@cache
def _translator(lang: str) -> QTranslator | None:
    """The interface's translations, for a report in another language than the app's."""
    tr = QTranslator()
    return tr if tr.load(str(TRANSLATIONS / f"monitor_{lang}.qm")) else None


def _say(msg: Message, lang: str) -> str:
    """A message of the pure packages in the report's language."""
    tr = _translator(lang) if lang != "en" else None
    if tr is None:
        return str(msg)

    def t(text: str) -> str:
        return tr.translate(CONTEXT, text) or text

    params = {k: (t(v) if k in WORD_PARAMS else v) for k, v in msg.params.items()}
    if lang == "nl":
        params = {k: re.sub(r"(?<=\d)\.(?=\d)", ",", v) for k, v in params.items()}
    return t(msg.template).format(**params)


def _reason(reason: str | None, lang: str) -> str:
    """Why the programme changed, in the report's language."""
    suggestion, reasons = reason_messages(reason)
    text = "; ".join(_say(r, lang) for r in reasons)
    return text if suggestion is None else f"{_w('s_' + suggestion, lang)}: {text}"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """A table that fits the page: short cells do not break, long ones wrap between words,
    a line break in a cell ("\n") is kept."""
    def cell(c: str) -> str:
        text = html.escape(c).replace("\n", "<br>")
        if len(c) <= 12 or (all(len(w) <= 12 for w in c.split()) and len(c) <= 24):
            return f"<td style='white-space:nowrap'>{text}</td>"
        return f"<td>{text}</td>"

    head = "".join(f"<th align='left'>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(cell(c) for c in r) + "</tr>" for r in rows)
    return ("<table border='1' cellspacing='0' cellpadding='2' width='100%' "
            "style='border-collapse:collapse; font-size:8pt'>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def build_document(store: Store, patient: str, lang: str = "en") -> QTextDocument:
    """The report as a rich-text document (also shown or tested without a PDF)."""
    doc = QTextDocument()
    font = style.font(9)
    doc.setDefaultFont(font)
    def w(key):
        return (_w(key, lang))
    sessions = store.sessions(patient)
    info = store.patient(patient) or {}
    parts = [f"<h1>{html.escape(w('title'))} — {html.escape(patient)}</h1>",
             f"<p>{w('made')} {time.strftime('%Y-%m-%d')} · {len(sessions)} "
             f"{w('session' if len(sessions) == 1 else 'sessions')}</p>"]
    details = []
    for key in ("joint", "side", "sex"):
        if info.get(key):
            details.append(f"{w(key)}: {w(info[key]) if info[key] in WORDS else info[key]}")
    if info.get("birth_year"):
        details.append(f"{w('born')}: {info['birth_year']}")
    if info.get("intake_date"):
        details.append(f"{w('intake')}: {info['intake_date']}")
    if details:
        parts.append("<p>" + html.escape(" · ".join(details)) + "</p>")

    # Goals and their status at every measurement moment.
    parts.append(f"<h2>{w('goals')}</h2>")
    goals = goal_status(store, patient)
    labelled = [s for s in sessions if s.label]
    if goals:
        # The goals numbered, then one row per moment (however many) with each measurable
        # goal's value and status there.
        parts.append("<ol>" + "".join(
            f"<li>{html.escape(goal_text(g, lang))}"
            + ("" if g["measure"] else f" <i>({html.escape(w('in words'))})</i>") + "</li>"
            for g in goals) + "</ol>")
        measured = [(i, g) for i, g in enumerate(goals, start=1) if g["measure"]]
        rows = []
        for s in labelled:
            cells = []
            for _i, g in measured:
                m = next((m for m in g["moments"] if m["session"] == s.id), None)
                cells.append("" if m is None else
                             f"{w('met') if m['met'] else w('not met')} "
                             f"({goal_value_text(g['measure'], m['value'], lang)})")
            if any(cells):
                rows.append([_moment(s.label, lang), _day(s.started_at), *cells])
        if measured and rows:
            parts.append(_table([w("moment"), w("date")]
                                + [f"{w('goal')} {i}" for i, _g in measured], rows))
    else:
        parts.append(f"<p>{w('no goals')}</p>")

    # The measurement battery at each moment, against norms and the first measurement.
    battery_rows = battery_table(store, patient, lang)
    if battery_rows:
        parts.append(f"<h2>{w('battery')}</h2>")
        rows = []
        for row in battery_rows:
            for name, j in row["tests"].items():
                test, _, side = name.partition(":")
                if test == "knee_rom_lsi":
                    rows.append([_moment(row['label'], lang), row['date'], w("lsi"),
                                 j["text"], "", ""])
                    continue
                label = battery_test(test)["name"][lang if lang == "nl" else "en"]
                if side:
                    label += f" ({_w(side, lang)})"
                norm_words = ""
                if j["norm"]:
                    norm_words = f"{_norm_band(j['norm'], lang)}: " \
                                 f"{_w('v_' + j['norm']['verdict'], lang)}"
                elif j["no_norm_message"]:
                    m = j["no_norm_message"]
                    norm_words = _say(Message(m["template"], **m["params"]), lang)
                if j["cutoff"] and j["cutoff"]["reached"]:
                    norm_words += "; " + j["cutoff"]["text"][lang if lang == "nl" else "en"]
                c = j["change"]
                change_words = "" if not c else (
                    f"{change_text(test, c['delta'], lang)} "
                    f"({_w('m_' + str(c['meaningful']), lang)})")
                rows.append([_moment(row['label'], lang), row['date'], label,
                             _num_text(j["text"], lang), norm_words, change_words])
            for name, q in row["questionnaires"].items():
                qd = questionnaire_def(name)
                c = q["change"]
                rows.append([_moment(row['label'], lang), row['date'],
                             qd["name"][lang if lang == "nl" else "en"],
                             _num(q["value"], "g", lang), "",
                             "" if not c else f"{_num(c['delta'], '+g', lang)} "
                             f"({_w('m_' + str(c['meaningful']), lang)})"])
        parts.append(_table([w("moment"), w("date"), w("test"), w("result"), w("norm"),
                             w("since first")], rows))
        parts.append(f"<p><i>{html.escape(w('battery note'))}</i></p>")

    # Pain over time.
    parts.append(f"<h2>{w('pain')}</h2>")
    pain = [r for r in pain_over_time(store, patient)
            if any(r[k] is not None for k in ("before", "after", "next_morning"))]
    if pain:
        parts.append(_table(
            [w("moment"), w("date"), w("before"), w("after"), w("morning")],
            [[_moment(r["label"], lang), _day(r["started_at"])]
             + ["" if r[k] is None else f"{r[k]}/10" for k in ("before", "after",
                                                                "next_morning")]
             for r in pain]))
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl("chart://pain"),
                        _pain_chart(pain, lang))
        parts.append(f"<p><img src='chart://pain' width='{CHART_WIDTH}'></p>")
        parts.append(f"<p>{html.escape(w('pain model'))}</p>")
    else:
        parts.append(f"<p>{w('no pain')}</p>")

    # The programme and its changes.
    parts.append(f"<h2>{w('programme')}</h2>")
    items = store.programme(patient)
    if items:
        rows = []
        for it in items:
            d = it["dose"]
            load = Load.from_json(d["load"]).text(lang)
            rows.append([catalogue()[it["exercise"]].display_name(lang),
                         f"{d['sets']} x {d['reps']} · {load}",
                         "/".join(_num(t, "g", lang) for t in d["tempo_s"]),
                         f"{d['target_deg'][0]:g}-{d['target_deg'][1]:g}°",
                         f"{d['rest_s']:g} s", _day(it["valid_from"])])
        parts.append(_table([w("exercise"), w("dose"), w("tempo"), w("range"), w("rest"),
                             w("since")], rows))
        history = store.programme_history(patient)
        if len(history) > len(items):
            parts.append(f"<h3>{w('changes')}</h3>")
            parts.append(_table(
                [w("from"), w("to"), w("exercise"), w("dose"), w("why")],
                [[_day(h["valid_from"]), _day(h["valid_to"]) if h["valid_to"] else w("now"),
                  catalogue()[h["exercise"]].display_name(lang),
                  f"{h['dose']['sets']} x {h['dose']['reps']} · "
                  f"{Load.from_json(h['dose']['load']).text(lang)}",
                  _reason(h["reason"], lang)]
                 for h in history]))
    else:
        parts.append(f"<p>{w('no programme')}</p>")

    # Adherence per visit.
    rows = []
    for s in sessions:
        for a in adherence(store, patient, s.id):
            if a["prescribed"] is None:
                continue
            p = a["prescribed"]
            rows.append([_moment(s.label, lang), _day(s.started_at),
                         catalogue()[a["exercise"]].display_name(lang),
                         f"{p['sets']} x {p['reps']} · "
                         f"{Load.from_json(p['load']).text(lang)}",
                         f"{a['done']['sets']}/{p['sets']}",
                         " + ".join(str(n) for n in a["done"]["reps"]) or "0"])
    if rows:
        parts.append(f"<h2>{w('adherence')}</h2>")
        parts.append(_table([w("moment"), w("date"), w("exercise"), w("prescribed"),
                             w("sets"), w("reps")], rows))

    # Per exercise: its moments and a chart.
    exercises = sorted({e for s in sessions if s.exercise for e in s.exercise.split(",")})
    for ex_id in exercises:
        moments = progress(store, patient, ex_id)
        if not moments:
            continue
        parts.append(f"<h2>{html.escape(catalogue()[ex_id].display_name(lang))}</h2>")
        table_rows = []
        for r in moments:
            result = ", ".join(
                (("" if not t.get("side") else _w(t["side"], lang) + " ")
                 + value_text(ex_id, t["value"], lang)) if is_test(ex_id)
                else _test_text(t, lang) for t in r.test_results or [])
            rom = "-" if r.best_rom_deg is None else (
                f"{r.best_rom_deg:.0f}° / {r.mean_rom_deg:.0f}°")
            tempo = "-" if r.mean_concentric_s is None or r.mean_eccentric_s is None else (
                f"{_num(r.mean_concentric_s, '.1f', lang)} / "
                f"{_num(r.mean_eccentric_s, '.1f', lang)}")
            table_rows.append([
                _moment(r.label, lang), _day(r.started_at),
                str(r.sets) if r.sets_prescribed is None else f"{r.sets}/{r.sets_prescribed}",
                str(r.reps),
                "" if not r.loads else Load.texts(r.loads, lang),
                rom,
                "-" if r.change_best_rom_deg is None else (
                    "±0°" if round(r.change_best_rom_deg) == 0
                    else f"{round(r.change_best_rom_deg):+d}°"),
                tempo,
                "" if r.effort_max is None else f"{r.effort_max}/10",
                "" if r.pain_after is None else f"{r.pain_after}/10"]
                + ([result] if any(x.test_results for x in moments) else []))
        headers = [w("moment"), w("date"), w("sets"), w("reps"), w("load"), w("rom"),
                   w("change"), w("tempo col"), w("effort"), w("pain col")]
        if any(x.test_results for x in moments):
            headers.append(w("result"))
        if is_test(ex_id):
            # A test has no dose: sets, load, change and effort would be empty columns
            # that squeeze the result out of the page, and its result is its count (the
            # set's repetitions include those after the test's time).
            keep = [i for i, h in enumerate(headers)
                    if h not in (w("sets"), w("reps"), w("load"), w("change"), w("effort"))]
            headers = [headers[i] for i in keep]
            table_rows = [[row[i] for i in keep] for row in table_rows]
        parts.append(_table(headers, table_rows))
        if any(r.best_rom_deg is not None for r in moments):
            url = f"chart://{ex_id}"
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url),
                            _rom_chart(moments, lang))
            parts.append(f"<p><img src='{url}' width='{CHART_WIDTH}'></p>")
    doc.setHtml("".join(parts))
    return doc


def _num_text(text: str, lang: str) -> str:
    """A value with its unit in the report's language (decimal comma, Dutch units)."""
    if lang != "nl":
        return text
    return text.replace("stands", "keer").replace(".", ",")


def _norm_band(norm: dict, lang: str) -> str:
    band, group = norm["band"], norm["group"]
    if lang == "nl":
        for en, nl in (("at most", "hoogstens"), ("at least", "minstens"),
                       ("mean", "gemiddeld"), ("stands", "keer"), ("women", "vrouwen"),
                       ("men", "mannen"), ("age", "leeftijd"), ("everyone", "iedereen")):
            band, group = band.replace(en, nl), group.replace(en, nl)
        band = band.replace(".", ",")
    return f"{band} ({group}, {norm['source']})"


def _test_text(result: dict, lang: str) -> str:
    if result.get("time_s") is not None:
        return _num(result["time_s"], ".1f", lang) + " s"
    if result.get("count") is not None:
        return str(result["count"])
    if result.get("max_deg") is not None:
        return f"{result['max_deg']:.0f}°"
    return "-"


CHART_W, CHART_H = 1280, 440
LEGEND_H = 70          # the legend is drawn in the chart, so that a page never parts them


def chart_ticks(lo: float, hi: float, most: int = 6) -> list[float]:
    """Round values for a chart's axis from ``lo`` to at least ``hi``: steps of 1, 2 or 5
    times a power of ten, at most ``most`` of them; the axis ends at the last tick."""
    span = max(hi - lo, 1e-9)
    power = 10.0 ** math.floor(math.log10(span / most))
    step = next(m * power for m in (1, 2, 5, 10) if span / (m * power) <= most)
    first = math.floor(lo / step + 1e-9) * step
    count = math.ceil((hi - first) / step - 1e-9)
    return [round(first + k * step, 10) for k in range(max(count, 1) + 1)]


def _chart_frame(p: QPainter, labels: list[str], lo: float, hi: float, unit: str,
                 legend: str = "") -> tuple[QRectF, Callable[[int, float], QPointF]]:
    plot = QRectF(90, 20, CHART_W - 120, CHART_H - 90)
    p.fillRect(QRectF(0, 0, CHART_W, CHART_H + LEGEND_H), Qt.GlobalColor.white)
    if legend:
        f = style.font(17)
        f.setItalic(True)
        p.setFont(f)
        p.setPen(QPen(style.GREY, 2))
        p.drawText(QRectF(20, CHART_H, CHART_W - 40, LEGEND_H),
                   Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, legend)
    p.setPen(QPen(style.GREY, 2))
    p.drawRect(plot)
    p.setFont(style.font(16))
    ticks = chart_ticks(lo, hi)
    lo, hi = ticks[0], ticks[-1]
    for v in ticks:
        yy = plot.bottom() - plot.height() * (v - lo) / (hi - lo)
        p.drawText(QRectF(0, yy - 14, 82, 28), Qt.AlignmentFlag.AlignRight,
                   f"{v:g}{unit}")
    n = max(1, len(labels))
    # As many moment labels as fit (every k-th), whatever the number of moments.
    every = max(1, -(-n * 130 // int(plot.width())))
    for i, text in enumerate(labels):
        if i % every and i != n - 1:
            continue
        x = plot.left() + plot.width() * (i + 0.5) / n
        p.drawText(QRectF(x - 65, plot.bottom() + 8, 130, 30), Qt.AlignmentFlag.AlignCenter,
                   text)

    def pt(i: int, v: float) -> QPointF:
        x = plot.left() + plot.width() * (i + 0.5) / n
        return QPointF(x, plot.bottom() - plot.height() * (v - lo) / (hi - lo))

    return plot, pt


def _series(p: QPainter, pts: list[QPointF], colour) -> None:
    p.setPen(QPen(colour, 4))
    for a, b in itertools.pairwise(pts):
        p.drawLine(a, b)
    for q in pts:
        p.drawEllipse(q, 6, 6)


def _rom_chart(rows: list[SessionProgress], lang: str) -> QImage:
    img = QImage(CHART_W, CHART_H + LEGEND_H, QImage.Format.Format_RGB32)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    vals = [v for r in rows for v in (r.best_rom_deg, r.mean_rom_deg) if v is not None]
    hi = max(vals) * 1.15 + 1 if vals else 90.0
    _plot, pt = _chart_frame(p, [_moment(r.label, lang) if r.label else _day(r.started_at)[5:]
                                 for r in rows], 0.0, hi, "°", _w("legend rom", lang))
    for attr, colour in (("best_rom_deg", style.BLUE), ("mean_rom_deg", style.ORANGE)):
        _series(p, [pt(i, getattr(r, attr)) for i, r in enumerate(rows)
                    if getattr(r, attr) is not None], colour)
    p.end()
    return img


def _pain_chart(rows: list[dict], lang: str) -> QImage:
    img = QImage(CHART_W, CHART_H + LEGEND_H, QImage.Format.Format_RGB32)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    plot, pt = _chart_frame(p, [_moment(r["label"], lang) if r["label"] else
                                _day(r["started_at"])[5:] for r in rows], 0.0, 10.0, "",
                            _w("legend pain", lang))
    p.setPen(QPen(style.GREY, 2, Qt.PenStyle.DashLine))
    y5 = pt(0, 5.0).y()
    p.drawLine(QPointF(plot.left(), y5), QPointF(plot.right(), y5))
    for key, colour in (("before", style.BLUE), ("after", style.VERMILLION),
                        ("next_morning", style.ORANGE)):
        _series(p, [pt(i, r[key]) for i, r in enumerate(rows) if r[key] is not None],
                colour)
    p.end()
    return img
