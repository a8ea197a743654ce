"""Patient codes are pseudonyms: a code that looks like a name or a date of birth is said.

The store keeps a free-text code per patient and no personal data (DESIGN: pseudonymous
codes, year of birth and sex only for the norms). Nothing stops a user from typing
"Jan de Vries, born 1950-03-02" as a code; these checks catch the usual ways a name or a
date of birth gets in, so that the user can choose a code instead (the code is kept if
they do not). They err on the side of saying it: a false alarm costs a glance.
"""

from __future__ import annotations

import datetime
import re

from monitor.core.messages import Message

# Words that introduce a date of birth (English, Dutch, German, French).
_BIRTH_WORDS = re.compile(r"\b(born|birth|dob|d\.o\.b|geb|geboren|geboortedatum|"
                          r"né|née)\b", re.IGNORECASE)
_DMY = re.compile(r"(?<!\d)(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4}|\d{2})(?!\d)")
_YMD = re.compile(r"(?<!\d)(\d{4})[-/. ](\d{1,2})[-/. ](\d{1,2})(?!\d)")
_EIGHT = re.compile(r"(?<!\d)(\d{8})(?!\d)")
_LETTERS = re.compile(r"[^\W\d_]+")
# Particles of family names ("de Vries", "van den Berg", "von", "di").
_PARTICLES = frozenset({"de", "van", "der", "den", "ten", "ter", "het", "te", "von", "zu",
                        "le", "la", "du", "di", "da", "del", "dos", "el", "al", "bin", "mc"})


def _is_date(year: int, month: int, day: int) -> bool:
    if not 1900 <= year <= datetime.date.today().year:
        return False
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _year(two_or_four: str) -> int:
    y = int(two_or_four)
    if len(two_or_four) == 4:
        return y
    return 1900 + y if y > datetime.date.today().year % 100 else 2000 + y


def looks_like_date(code: str) -> bool:
    for m in _DMY.finditer(code):
        d, mo, y = int(m[1]), int(m[2]), _year(m[3])
        if _is_date(y, mo, d) or _is_date(y, d, mo):       # day-month or month-day
            return True
    for m in _YMD.finditer(code):
        if _is_date(int(m[1]), int(m[2]), int(m[3])):
            return True
    for m in _EIGHT.finditer(code):
        s = m[1]
        if _is_date(int(s[:4]), int(s[4:6]), int(s[6:])) or _is_date(
                int(s[4:]), int(s[2:4]), int(s[:2])):
            return True
    return bool(_BIRTH_WORDS.search(code))


def looks_like_name(code: str) -> bool:
    words = _LETTERS.findall(code)
    has_digits = any(c.isdigit() for c in code)
    titled = [w for w in words if len(w) >= 3 and w[0].isupper() and w[1:].islower()]
    long_words = [w for w in words if len(w) >= 2]
    if any(w.lower() in _PARTICLES for w in words) and titled:
        return True                      # "de Vries", "van den Berg"
    if len(long_words) >= 2 and (not has_digits or titled):
        return True                      # "Jan Jansen", "jan jansen", "P12 Anna Smit"
    # One word written as a name ("Jansen"), nothing else in the code.
    return len(words) == 1 and not has_digits and len(titled) == 1 and len(titled[0]) >= 4


def patient_code_concern(code: str) -> Message | None:
    """Words for the user when ``code`` looks like a name or a date of birth, else None."""
    code = code.strip()
    if not code:
        return None
    date, name = looks_like_date(code), looks_like_name(code)
    shown = code if len(code) <= 40 else code[:40] + "..."
    if date and name:
        return Message("the patient code '{code}' looks like a name and a date of birth: "
                       "the app keeps pseudonymous codes (e.g. P0012); use a code that does "
                       "not identify the patient", code=shown)
    if date:
        return Message("the patient code '{code}' looks like a date of birth: the app keeps "
                       "pseudonymous codes (e.g. P0012); use a code that does not identify "
                       "the patient", code=shown)
    if name:
        return Message("the patient code '{code}' looks like a name: the app keeps "
                       "pseudonymous codes (e.g. P0012); use a code that does not identify "
                       "the patient", code=shown)
    return None
