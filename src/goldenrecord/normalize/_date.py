"""Date normalizer: dates of birth (and other calendar dates) written the way people write them.

What is read:

* ISO dates, with or without a time and a zone: ``1980-03-07``, ``1980/03/07``,
  ``1980-03-07T10:00:00Z``. A time is dropped and a zone is not applied: the date is
  the one written.
* Day, month and year as numbers separated by ``/``, ``-``, ``.`` or spaces:
  ``07/03/1980``, ``7.3.1980``, ``03-07-1980``, ``07 03 80``. Which number is the day
  is decided by ``dayfirst``: ``True`` reads day first (Europe, Latin America, most of
  the world), ``False`` month first (United States), ``None`` infers it when only one
  reading is a real date (``25/03/1980``, ``03/25/1980``) or both readings are the same
  date (``05/05/1980``) and otherwise rejects the value as ``ambiguous``. A value
  that starts with a four-digit year is always year, month, day.
* Eight digits ``yyyymmdd`` (``19800307``, also the int ``19800307`` and the float
  ``19800307.0``); ``ddmmyyyy``/``mmddyyyy`` when the fifth and sixth digits
  (18, 19 or 20) cannot be a month (``07031980`` is read like ``07/03/1980``).
* Month names and abbreviations in English, French, German, Spanish, Italian,
  Portuguese, Dutch, Danish, Norwegian, Swedish, Turkish, Russian, Ukrainian, Greek,
  Arabic and Hindi, in any case, with or without accents and trailing dots, with
  ordinals, weekday names and small words ignored: ``7 March 1980``,
  ``March 7th, 1980``, ``1er mars 1980``, ``7. März 1980``, ``7 de marzo de 1980``,
  ``1 févr. 1990``, ``7-Mar-80``, ``Friday, 7 March 1980``, ``7 марта 1980 г.``.
  Roman-numeral months (``7.III.1980``) are read too.
* Chinese, Japanese and Korean dates: ``1980年3月7日``, ``1980년 3월 7일``, and the
  Japanese eras ``昭和55年3月7日``, ``平成元年1月8日``, ``S55.3.7``.
* Digits of any script (Arabic-Indic ``٠٧/٠٣/١٩٨٠``, Devanagari, full-width).
* ``datetime.date`` and ``datetime.datetime`` objects (a datetime gives its date),
  pandas ``Timestamp`` (``NaT`` is missing) and NumPy ``datetime64``.

Two-digit years take the latest century that does not put the date after ``today``:
with today in 2026, ``07/03/15`` is 2015 and ``07/03/80`` is 1980.

Not read, on purpose: Excel serial day numbers (an int such as ``29287`` cannot be
told from other numbers; convert the column first), six-digit ``ddmmyy``/``yymmdd``
runs (too ambiguous), partial dates (``03/1980``), and calendars other than the
Gregorian one (a Solar Hijri or Buddhist-era year is out of range or in the future).

Reasons a value can be rejected (``Rejected.reason``):

* ``missing``: None, NaN, NaT, an empty or blank string (not an error).
* ``invalid_syntax``: the text cannot be read as a date.
* ``ambiguous``: ``dayfirst=None`` and both the day-first and the month-first
  reading are real, different dates (``07/03/1980``).
* ``impossible_date``: no such day (``31/02/1980``, month 13, day 0).
* ``placeholder``: a sentinel date that stands for "unknown": ``0000-00-00``,
  ``0001-01-01``, ``1111-11-11``, ``1753-01-01``, ``1800-01-01``, ``1899-12-30``,
  ``1899-12-31``, ``1900-01-01``, ``1901-01-01``, ``2999-12-31``, ``9999-01-01``,
  ``9999-09-09``, ``9999-12-31``.
* ``out_of_range``: a year before 1000 (:data:`MIN_DATE`): a typo, not a date. Old dates
  are kept, so records of historical persons (born 1630) still match on their dates.
* ``future_date``: after ``today``.
* ``unsupported_type``: a bool, a time of day, a container.
* ``invalid_encoding``: bytes that are not UTF-8.

>>> date("1980-03-07")
datetime.date(1980, 3, 7)
>>> date("7 de marzo de 1980"), date("07/03/1980", dayfirst=True)
(datetime.date(1980, 3, 7), datetime.date(1980, 3, 7))
>>> date("07/03/1980") is None  # day first or month first?
True
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Final

from goldenrecord.errors import SettingsError
from goldenrecord.normalize._common import (
    INVALID,
    MISSING,
    PLACEHOLDER,
    UNSUPPORTED_TYPE,
    Errors,
    Rejected,
    cell_text,
    finish,
    fold_latin,
)
from goldenrecord.normalize._date_order import _NUMERIC, date_order
from goldenrecord.normalize._date_words import _IGNORED, _MONTHS, _fold_word

__all__ = [
    "AMBIGUOUS",
    "FUTURE_DATE",
    "IMPOSSIBLE_DATE",
    "INVALID_SYNTAX",
    "MIN_DATE",
    "OUT_OF_RANGE",
    "date",
    "date_order",
]

INVALID_SYNTAX: Final = Rejected("invalid_syntax")
"""The text cannot be read as a date."""
AMBIGUOUS: Final = Rejected("ambiguous")
"""Day-first and month-first readings are both real, different dates."""
IMPOSSIBLE_DATE: Final = Rejected("impossible_date")
"""No such calendar day (31 February, month 13)."""
FUTURE_DATE: Final = Rejected("future_date")
"""The date is after ``today``."""
OUT_OF_RANGE: Final = Rejected("out_of_range")
"""The date is before :data:`MIN_DATE`."""

MIN_DATE: Final = dt.date(1000, 1, 1)
"""The earliest date accepted: nobody alive (or recently dead) was born before it."""

_MAX_LEN: Final = 100  # longer text is not a date; refuse it before any work

_SENTINELS: Final = frozenset(
    {
        (0, 0, 0),
        (1, 1, 1),
        (1111, 11, 11),
        (1753, 1, 1),
        (1800, 1, 1),
        (1899, 12, 30),
        (1899, 12, 31),
        (1900, 1, 1),
        (1901, 1, 1),
        (2999, 12, 31),
        (9999, 1, 1),
        (9999, 9, 9),
        (9999, 12, 31),
    }
)

_ISO: Final = re.compile(
    r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.ASCII,
)
# A time of day and whatever follows it. A run of blanks may start a match only where the
# run starts: tried at every blank of a long run, it was quadratic in the run's length.
_TIME: Final = re.compile(r"(?:(?<=\d)t|(?<![\s,])[\s,]+)\d{1,2}:\d{2}.*$", re.ASCII | re.DOTALL)
_SPLIT: Final = re.compile(r"[\s,./\-'()\[\]،、·]+")
_NUMBER: Final = re.compile(r"(\d{1,4})(st|nd|rd|th|er|re|e|eme|o|a|°)?", re.ASCII)
_ERA_OFFSETS: Final = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
_ERA_LETTERS: Final = {"m": 1867, "t": 1911, "s": 1925, "h": 1988, "r": 2018}
_CJK: Final = re.compile(
    r"(明治|大正|昭和|平成|令和)?\s*(\d{1,4}|元)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})"
    r"\s*[日일号號]?\s*生?\s*(?:\(.{1,5}\)|\S{1,2}요일|星期.|周.|.曜日?)?"
)
_ERA_LETTER: Final = re.compile(r"([mtshr])(\d{1,2})[./-](\d{1,2})[./-](\d{1,2})", re.ASCII)


def _ascii_digits(s: str) -> str:
    """``s`` with every Unicode decimal digit replaced by its ASCII digit."""
    return "".join(
        ch if ch.isascii() or not ch.isdecimal() else str(unicodedata.decimal(ch)) for ch in s
    )


def _check_options(dayfirst: object, today: object) -> dt.date | None:
    kind = type(dayfirst).__name__
    if dayfirst is not None and not isinstance(dayfirst, bool) and kind != "bool_":
        raise SettingsError(f"dayfirst must be True, False or None, not {kind}")
    if today is None:
        return None
    if isinstance(today, dt.datetime):
        return today.date()
    if isinstance(today, dt.date):
        return today
    raise SettingsError(f"today must be a datetime.date or None, not {type(today).__name__}")


def _checked(day: dt.date, today: dt.date | None) -> dt.date | Rejected:
    """``day`` unless it is a sentinel, too early or after ``today``."""
    if (day.year, day.month, day.day) in _SENTINELS:
        return PLACEHOLDER
    if day < MIN_DATE:
        return OUT_OF_RANGE
    if day > (dt.date.today() if today is None else today):
        return FUTURE_DATE
    return day


def _build(year: int, month: int, day: int, today: dt.date | None) -> dt.date | Rejected:
    """The date of a four-digit ``year``, checked for sentinels, range and the future."""
    if (year, month, day) in _SENTINELS:
        return PLACEHOLDER
    if year < MIN_DATE.year:
        return OUT_OF_RANGE
    try:
        built = dt.date(year, month, day)
    except ValueError:
        return IMPOSSIBLE_DATE
    return _checked(built, today)


def _build_short(yy: int, month: int, day: int, today: dt.date | None) -> dt.date | Rejected:
    """The date of a two-digit year: the latest century that is not in the future."""
    now = dt.date.today() if today is None else today
    century = now.year // 100 * 100
    for year in (century + yy, century + yy - 100):
        try:
            built = dt.date(year, month, day)
        except ValueError:
            continue
        if built <= now:
            return _checked(built, now)
    return IMPOSSIBLE_DATE


def _is_real(month: int, day: int) -> bool:
    """Whether ``day``/``month`` exists in some year (29 February does)."""
    try:
        dt.date(2000, month, day)
    except ValueError:
        return False
    return True


def _day_month(a: int, b: int, dayfirst: bool | None) -> tuple[int, int] | Rejected:
    """(day, month) from the first two numbers ``a`` and ``b`` of a numeric date."""
    if dayfirst is not None:
        return (a, b) if dayfirst else (b, a)
    if a == b:
        return (a, b)
    day_first = _is_real(b, a)
    month_first = _is_real(a, b)
    if day_first and month_first:
        return AMBIGUOUS
    return (b, a) if month_first else (a, b)


def _from_numbers(
    parts: list[str], dayfirst: bool | None, today: dt.date | None
) -> dt.date | Rejected:
    """A date from three all-digit parts, in the order they were written."""
    first, second, third = parts
    if len(first) == 4 and len(second) <= 2 and len(third) <= 2:
        return _build(int(first), int(second), int(third), today)
    if len(first) > 2 or len(second) > 2 or len(third) not in (2, 4):
        return INVALID_SYNTAX
    if len(third) == 2 and len(first) == 2 and int(first) > 31:  # yy/mm/dd
        return _build_short(int(first), int(second), int(third), today)
    day_month = _day_month(int(first), int(second), dayfirst)
    if isinstance(day_month, Rejected):
        return day_month
    day, month = day_month
    if len(third) == 4:
        return _build(int(third), month, day, today)
    return _build_short(int(third), month, day, today)


def _from_compact(s: str, dayfirst: bool | None, today: dt.date | None) -> dt.date | Rejected:
    """A date from eight digits: ``yyyymmdd``, or ``ddmmyyyy``/``mmddyyyy``."""
    if int(s[4:6]) > 12 and s[4:6] in ("18", "19", "20"):
        return _from_numbers([s[:2], s[2:4], s[4:]], dayfirst, today)
    return _build(int(s[:4]), int(s[4:6]), int(s[6:]), today)


def _from_words(
    tokens: Iterable[str], dayfirst: bool | None, today: dt.date | None
) -> dt.date | Rejected:
    """A date from the tokens of a free-form text: numbers, a month name, ignored words."""
    numbers: list[str] = []
    ordinal: int | None = None  # index in ``numbers`` of the one written as an ordinal
    month: int | None = None
    for token in tokens:
        match = _NUMBER.fullmatch(token)
        if match:
            if match.group(2):
                if ordinal is not None:
                    return INVALID_SYNTAX
                ordinal = len(numbers)
            numbers.append(match.group(1))
            continue
        word = token if token.isascii() else _fold_word(token)
        if word in _IGNORED:
            continue
        if word in _MONTHS and month is None:
            month = _MONTHS[word]
            continue
        return INVALID_SYNTAX
    if month is None:
        if len(numbers) == 3 and ordinal is None:
            return _from_numbers(numbers, dayfirst, today)
        return INVALID_SYNTAX
    if len(numbers) != 2:
        return INVALID_SYNTAX
    if ordinal is not None:
        day, year = numbers[ordinal], numbers[1 - ordinal]
    elif len(numbers[0]) > 2 or (len(numbers[1]) <= 2 and int(numbers[0]) > 31):
        year, day = numbers
    else:
        day, year = numbers
    if len(day) > 2 or len(year) not in (2, 4):
        return INVALID_SYNTAX
    if len(year) == 2:
        return _build_short(int(year), month, int(day), today)
    return _build(int(year), month, int(day), today)


def _from_cjk(match: re.Match[str], today: dt.date | None) -> dt.date | Rejected:
    """A date from ``1980年3月7日``, ``1980년 3월 7일`` or ``昭和55年3月7日``."""
    era, year, month, day = match.groups()
    if era is not None:
        return _build(
            _ERA_OFFSETS[era] + (1 if year == "元" else int(year)), int(month), int(day), today
        )
    if len(year) == 4:
        return _build(int(year), int(month), int(day), today)
    if len(year) == 2:
        return _build_short(int(year), int(month), int(day), today)
    return INVALID_SYNTAX


def _from_object(x: object, today: dt.date | None) -> dt.date | Rejected | None:
    """The date held by a date-like object, or None when ``x`` is not one."""
    if isinstance(x, dt.datetime):
        if type(x).__name__ == "NaTType":
            return MISSING
        return _checked(x.date(), today)
    if isinstance(x, dt.date):
        return _checked(x if type(x) is dt.date else dt.date(x.year, x.month, x.day), today)
    if type(x).__name__ == "datetime64":
        if str(x) == "NaT":
            return MISSING
        try:
            value = x.astype("datetime64[D]").item()  # type: ignore[attr-defined]
        except (ValueError, OverflowError):
            return OUT_OF_RANGE
        if isinstance(value, dt.date):
            return _checked(value, today)
        return FUTURE_DATE if value > 0 else OUT_OF_RANGE  # days beyond 1..9999
    return None


def _date(
    x: object, dayfirst: bool | None = None, today: dt.date | None = None
) -> dt.date | Rejected:
    """Core of :func:`date`: the calendar date, or why there is none."""
    today = _check_options(dayfirst, today)
    if not isinstance(x, str):
        try:
            held = _from_object(x, today)
        except Exception:  # a date-like object whose methods raise
            return UNSUPPORTED_TYPE
        if held is not None:
            return held
    s = cell_text(x)
    if isinstance(s, Rejected):
        return INVALID_SYNTAX if s is INVALID else s
    if len(s) > _MAX_LEN:
        return INVALID_SYNTAX
    match = _ISO.fullmatch(s)
    if match:
        return _build(int(match[1]), int(match[2]), int(match[3]), today)
    match = _NUMERIC.fullmatch(s)
    if match:
        return _from_numbers([match[1], match[3], match[4]], dayfirst, today)
    s = fold_latin(s)
    if not s.isascii():
        s = _ascii_digits(s)
        cjk = _CJK.fullmatch(s)
        if cjk:
            return _from_cjk(cjk, today)
    if len(s) == 8 and s.isascii() and s.isdigit():
        return _from_compact(s, dayfirst, today)
    s = _TIME.sub("", s)
    era = _ERA_LETTER.fullmatch(s)
    if era:
        year = _ERA_LETTERS[era[1]] + int(era[2])
        return _build(year, int(era[3]), int(era[4]), today)
    return _from_words((t for t in _SPLIT.split(s) if t), dayfirst, today)


def date(
    x: object,
    /,
    dayfirst: bool | None = None,
    *,
    today: dt.date | None = None,
    errors: Errors = "ignore",
) -> dt.date | None:
    """Read a calendar date (a date of birth, typically) from one cell.

    Args:
        x: one cell: a string in any of the forms listed in the module docs, a
            ``datetime.date``/``datetime``, a pandas ``Timestamp``, a NumPy
            ``datetime64``, an int or float ``yyyymmdd``, None, NaN.
        dayfirst: how to read all-numeric dates such as ``07/03/1980``: ``True``
            day first, ``False`` month first, ``None`` (the default) infer it when
            only one reading is a real date and reject ``ambiguous`` values.
        today: the reference for "in the future" and for two-digit years; defaults
            to ``datetime.date.today()``. Pin it for reproducible results.
        errors: ``"ignore"`` (the default) returns ``None`` for unusable values;
            ``"raise"`` raises :class:`~goldenrecord.NormalizationError` with the
            reason instead (a missing value still gives ``None``).

    Returns:
        The date, or ``None`` when the value is missing, unreadable, ambiguous,
        impossible, a sentinel, before 1000 or after ``today``.

    Raises:
        NormalizationError: only with ``errors="raise"``, for a rejected non-missing
            value; the message gives the reason, never the value.
        SettingsError: ``dayfirst`` or ``today`` is not of an accepted type.

    >>> import datetime
    >>> today = datetime.date(2026, 1, 1)
    >>> date("March 7th, 1980"), date("7. März 1980"), date("1980年3月7日")
    (datetime.date(1980, 3, 7), datetime.date(1980, 3, 7), datetime.date(1980, 3, 7))
    >>> date("03/25/1980"), date(19800307.0)
    (datetime.date(1980, 3, 25), datetime.date(1980, 3, 7))
    >>> date("07/03/15", dayfirst=True, today=today)
    datetime.date(2015, 3, 7)
    >>> date("07/03/80", dayfirst=False, today=today)
    datetime.date(1980, 7, 3)
    >>> date("31/02/1980", errors="raise")
    Traceback (most recent call last):
    ...
    goldenrecord.errors.NormalizationError: date rejected: impossible_date
    >>> date("07/03/1980", errors="raise")
    Traceback (most recent call last):
    ...
    goldenrecord.errors.NormalizationError: date rejected: ambiguous
    """
    return finish(_date(x, dayfirst, today), errors, "date")
