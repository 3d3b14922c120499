"""Dates as people in many countries write them: read to a day, or rejected with a reason."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord.normalize._date import _TIME

TODAY = dt.date(2026, 1, 1)
D = dt.date(1980, 3, 7)


def _date(x: object, dayfirst: bool | None = None) -> dt.date | None:
    return gr.normalize.date(x, dayfirst, today=TODAY)


# Dates as written, read with dayfirst=None (inferred; ambiguous ones give None).
WRITTEN = [
    # ISO 8601 and its relatives (machines everywhere)
    pytest.param("1980-03-07", D, id="iso"),
    pytest.param("1980-03-07T10:00:00Z", D, id="iso-datetime-utc"),
    pytest.param("1980-03-07T23:59:59+05:30", D, id="iso-datetime-offset"),
    pytest.param("1980-03-07 10:00:00.123456", D, id="iso-space-micro"),
    pytest.param("1980-03-07T10:00", D, id="iso-minutes"),
    pytest.param("1980/03/07", D, id="iso-slashes"),
    pytest.param("1980-3-7", D, id="iso-no-padding"),
    pytest.param(" 1980-03-07 ", D, id="iso-blanks"),
    pytest.param("1980.03.07", D, id="ymd-dots"),
    pytest.param("19800307", D, id="yyyymmdd"),
    pytest.param(19800307, D, id="yyyymmdd-int"),
    pytest.param(19800307.0, D, id="yyyymmdd-float"),
    pytest.param(np.int64(19800307), D, id="yyyymmdd-numpy-int"),
    pytest.param(np.float64(19800307.0), D, id="yyyymmdd-numpy-float"),
    pytest.param(Decimal("19800307"), D, id="yyyymmdd-decimal"),
    pytest.param(b"1980-03-07", D, id="iso-bytes"),
    pytest.param("Fri Mar 07 1980 00:00:00 GMT+0100 (CET)", D, id="javascript-date"),
    # United States
    pytest.param("March 7, 1980", D, id="us-long"),
    pytest.param("Mar 7th, 1980", D, id="us-ordinal"),
    pytest.param("Mar. 7, 1980", D, id="us-abbrev-dot"),
    pytest.param("MARCH 7 1980", D, id="us-upper"),
    pytest.param("Friday, March 7, 1980", D, id="us-weekday"),
    pytest.param("12/25/1980", dt.date(1980, 12, 25), id="us-day-over-12"),
    pytest.param("2/29/1980", dt.date(1980, 2, 29), id="us-leap-day"),
    # United Kingdom
    pytest.param("7 March 1980", D, id="gb-long"),
    pytest.param("7th March 1980", D, id="gb-ordinal"),
    pytest.param("Friday, 7 March 1980", D, id="gb-weekday"),
    pytest.param("Friday 7th of March 1980", D, id="gb-of"),
    pytest.param("7-Mar-80", D, id="gb-oracle-two-digit"),
    pytest.param("07-MAR-1980", D, id="oracle-upper"),
    pytest.param("1980-Mar-07", D, id="year-first-abbrev"),
    pytest.param("25/12/1980", dt.date(1980, 12, 25), id="gb-day-over-12"),
    pytest.param("31/01/1999", dt.date(1999, 1, 31), id="gb-day-31"),
    # France
    pytest.param("7 mars 1980", D, id="fr-long"),
    pytest.param("1er mars 1980", dt.date(1980, 3, 1), id="fr-premier"),
    pytest.param("1 févr. 1990", dt.date(1990, 2, 1), id="fr-fevr-dot"),
    pytest.param("1 FÉVRIER 1990", dt.date(1990, 2, 1), id="fr-upper-accent"),
    pytest.param("1 fevrier 1990", dt.date(1990, 2, 1), id="fr-no-accent"),
    pytest.param("15 août 1969", dt.date(1969, 8, 15), id="fr-aout"),
    pytest.param("vendredi 7 mars 1980", D, id="fr-weekday"),
    pytest.param("le 3 décembre 1975", dt.date(1975, 12, 3), id="fr-le"),
    pytest.param("14 juil. 1989", dt.date(1989, 7, 14), id="fr-juil"),
    pytest.param("20/12/1985", dt.date(1985, 12, 20), id="fr-numeric"),
    # Germany, Austria, Switzerland
    pytest.param("7. März 1980", D, id="de-long"),
    pytest.param("7. Maerz 1980", D, id="de-ae"),
    pytest.param("7. Mrz. 1980", D, id="de-mrz"),
    pytest.param("Freitag, 7. März 1980", D, id="de-weekday"),
    pytest.param("am 7. März 1980", D, id="de-am"),
    pytest.param("3. Oktober 1990", dt.date(1990, 10, 3), id="de-oktober"),
    pytest.param("24. Dez. 1980", dt.date(1980, 12, 24), id="de-dez"),
    pytest.param("12. Jänner 1980", dt.date(1980, 1, 12), id="at-jaenner"),
    pytest.param("24.12.1980", dt.date(1980, 12, 24), id="de-numeric"),
    pytest.param("24.12.1980.", dt.date(1980, 12, 24), id="numeric-trailing-dot"),
    # Spain and Latin America
    pytest.param("7 de marzo de 1980", D, id="es-long"),
    pytest.param("viernes, 7 de marzo de 1980", D, id="es-weekday"),
    pytest.param("1 de enero de 1990", dt.date(1990, 1, 1), id="es-enero"),
    pytest.param("7-mar-1980", D, id="es-abbrev"),
    pytest.param("5 de setiembre de 1970", dt.date(1970, 9, 5), id="pe-setiembre"),
    pytest.param("31 dic 1999", dt.date(1999, 12, 31), id="es-dic"),
    pytest.param("16 de septiembre del 1985", dt.date(1985, 9, 16), id="mx-del"),
    # Italy
    pytest.param("7 marzo 1980", D, id="it-long"),
    pytest.param("venerdì 7 marzo 1980", D, id="it-weekday"),
    pytest.param("2 giugno 1946", dt.date(1946, 6, 2), id="it-giugno"),
    pytest.param("1 gen 2000", dt.date(2000, 1, 1), id="it-gen"),
    pytest.param("7.III.1980", D, id="it-roman-month"),
    pytest.param("25 dicembre 1980", dt.date(1980, 12, 25), id="it-dicembre"),
    # Portugal and Brazil
    pytest.param("7 de março de 1980", D, id="pt-long"),
    pytest.param("1º de maio de 1990", dt.date(1990, 5, 1), id="br-ordinal"),
    pytest.param("2 de fevereiro de 1990", dt.date(1990, 2, 2), id="pt-fevereiro"),
    pytest.param("12 out 1985", dt.date(1985, 10, 12), id="br-out"),
    pytest.param("sexta-feira, 7 de março de 1980", D, id="br-weekday"),
    # Netherlands and Belgium
    pytest.param("7 maart 1980", D, id="nl-long"),
    pytest.param("7 mrt 1980", D, id="nl-mrt"),
    pytest.param("27 april 1967", dt.date(1967, 4, 27), id="nl-april"),
    pytest.param("5 mei 1945", dt.date(1945, 5, 5), id="nl-mei"),
    pytest.param("7-3-1980", None, id="nl-numeric-ambiguous"),
    # Scandinavia
    pytest.param("17. mai 1980", dt.date(1980, 5, 17), id="no-mai"),
    pytest.param("6 juni 1983", dt.date(1983, 6, 6), id="se-juni"),
    pytest.param("5. maj 1975", dt.date(1975, 5, 5), id="dk-maj"),
    # Turkey
    pytest.param("29 Ekim 1923", dt.date(1923, 10, 29), id="tr-ekim"),
    pytest.param("7 Şubat 1980", dt.date(1980, 2, 7), id="tr-subat"),
    pytest.param("19 Mayıs 1981", dt.date(1981, 5, 19), id="tr-mayis"),
    # Russia, Ukraine (Cyrillic)
    pytest.param("7 марта 1980", D, id="ru-genitive"),
    pytest.param("7 марта 1980 г.", D, id="ru-goda"),
    pytest.param("7 МАРТА 1980 года", D, id="ru-upper-goda"),
    pytest.param("12 апр 1961", dt.date(1961, 4, 12), id="ru-abbrev"),
    pytest.param("31 декабря 1999", dt.date(1999, 12, 31), id="ru-december"),
    pytest.param("7 березня 1980", D, id="ua-genitive"),
    pytest.param("24 серпня 1991", dt.date(1991, 8, 24), id="ua-serpen"),
    pytest.param("25.12.1980", dt.date(1980, 12, 25), id="ru-numeric"),
    # Greece (Greek)
    pytest.param("7 Μαρτίου 1980", D, id="gr-genitive"),
    pytest.param("7 ΜΑΡΤΙΟΥ 1980", D, id="gr-upper"),
    pytest.param("25 Δεκ 1980", dt.date(1980, 12, 25), id="gr-abbrev"),
    pytest.param("28 Οκτωβρίου 1940", dt.date(1940, 10, 28), id="gr-oktovriou"),
    # Arabic script and digits
    pytest.param("7 مارس 1980", D, id="eg-month"),
    pytest.param("٧ مارس ١٩٨٠", D, id="eg-arabic-indic"),
    pytest.param("١٥ أغسطس ١٩٧٠", dt.date(1970, 8, 15), id="eg-hamza"),
    pytest.param("٢٥/١٢/١٩٨٠", dt.date(1980, 12, 25), id="sa-arabic-indic-numeric"),
    pytest.param("١٩٨٠-٠٣-٠٧", D, id="arabic-indic-iso"),
    pytest.param("۱۹۸۰/۰۳/۰۷", D, id="ir-persian-digits-ymd"),
    # India (Devanagari)
    pytest.param("7 मार्च 1980", D, id="in-hindi-month"),
    pytest.param("१५ अगस्त १९४७", dt.date(1947, 8, 15), id="in-devanagari-digits"),
    pytest.param("26 जनवरी 1950", dt.date(1950, 1, 26), id="in-january"),
    pytest.param("25/12/1980", dt.date(1980, 12, 25), id="in-numeric"),
    # China, Japan, Korea
    pytest.param("1980年3月7日", D, id="cn-jp"),
    pytest.param("1980年03月07日", D, id="cn-padded"),
    pytest.param("1980 年 3 月 7 日", D, id="cn-spaced"),
    pytest.param("１９８０年３月７日", D, id="jp-fullwidth"),
    pytest.param("1980年3月7日（金）", D, id="jp-weekday"),
    pytest.param("1980年3月7日生", D, id="jp-born"),
    pytest.param("1980年3月7号", D, id="cn-hao"),
    pytest.param("昭和55年3月7日", D, id="jp-showa"),
    pytest.param("平成元年1月8日", dt.date(1989, 1, 8), id="jp-heisei-gannen"),
    pytest.param("令和2年5月1日", dt.date(2020, 5, 1), id="jp-reiwa"),
    pytest.param("S55.3.7", D, id="jp-showa-letter"),
    pytest.param("H1.1.8", dt.date(1989, 1, 8), id="jp-heisei-letter"),
    pytest.param("1980/3/7", D, id="jp-slashes"),
    pytest.param("1980년 3월 7일", D, id="kr"),
    pytest.param("1980년3월7일", D, id="kr-compact"),
    pytest.param("1980년 3월 7일 (금)", D, id="kr-weekday"),
    pytest.param("1980. 3. 7.", D, id="kr-dots"),
    # Two-digit years (today pinned to 2026-01-01)
    pytest.param("80/03/07", D, id="yy-mm-dd-year-over-31"),
    pytest.param("25/12/80", dt.date(1980, 12, 25), id="two-digit-1980"),
    pytest.param("25/12/15", dt.date(2015, 12, 25), id="two-digit-2015"),
    pytest.param("25/12/25", dt.date(2025, 12, 25), id="two-digit-last-week"),
    pytest.param("25/12/26", dt.date(1926, 12, 25), id="two-digit-next-year-is-1926"),
    pytest.param("29/02/00", dt.date(2000, 2, 29), id="two-digit-leap-2000"),
    pytest.param("Mar 7, 80", D, id="us-two-digit-year"),
    pytest.param("80年3月7日", D, id="cn-two-digit-year"),
    # Both readings equal
    pytest.param("05/05/1980", dt.date(1980, 5, 5), id="same-both-ways"),
    pytest.param("12.12.1912", dt.date(1912, 12, 12), id="same-both-ways-dots"),
    pytest.param("07031980", None, id="ddmmyyyy-ambiguous"),
    pytest.param("25121980", dt.date(1980, 12, 25), id="ddmmyyyy"),
    pytest.param("12251980", dt.date(1980, 12, 25), id="mmddyyyy"),
]


@pytest.mark.parametrize(("raw", "expected"), WRITTEN)
def test_reads_dates_written_around_the_world(raw: object, expected: dt.date | None) -> None:
    """Dates in the ways people of many countries write them, read with dayfirst=None."""
    assert _date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "dayfirst", "expected"),
    [
        pytest.param("07/03/1980", True, D, id="gb-day-first"),
        pytest.param("03/07/1980", False, D, id="us-month-first"),
        pytest.param("07/03/1980", False, dt.date(1980, 7, 3), id="us-reads-july"),
        pytest.param("07.03.1980", True, D, id="de-ru-dots"),
        pytest.param("7.3.1980", True, D, id="de-no-padding"),
        pytest.param("07-03-1980", True, D, id="nl-dashes"),
        pytest.param("07 03 1980", True, D, id="spaces"),
        pytest.param("07 / 03 / 1980", True, D, id="spaced-slashes"),
        pytest.param("3/7/1980", False, D, id="us-short"),
        pytest.param("3/7/1980 12:00:00 AM", False, D, id="us-excel-export"),
        pytest.param("07/03/1980 10:45", True, D, id="fr-with-time"),
        pytest.param("07/03/80", True, D, id="gb-two-digit"),
        pytest.param("03/07/80", False, D, id="us-two-digit"),
        pytest.param("07/03/15", True, dt.date(2015, 3, 7), id="two-digit-2015"),
        pytest.param("٠٧/٠٣/١٩٨٠", True, D, id="arabic-indic"),
        pytest.param("०७/०३/१९८०", True, D, id="devanagari-digits"),
        pytest.param("７/３/１９８０", True, D, id="fullwidth"),
        pytest.param("07031980", True, D, id="ddmmyyyy"),
        pytest.param("03071980", False, D, id="mmddyyyy"),
        pytest.param("Friday 07/03/1980", True, D, id="weekday-numeric"),
        pytest.param("25/03/1980", False, None, id="month-first-month-25"),
        pytest.param("03/25/1980", True, None, id="day-first-month-25"),
        pytest.param("1980-03-07", False, D, id="iso-ignores-dayfirst"),
        pytest.param("7 March 1980", False, D, id="month-name-ignores-dayfirst"),
        pytest.param(np.bool_(True), True, None, id="numpy-bool-cell"),
    ],
)
def test_dayfirst_decides_numeric_dates(
    raw: object, dayfirst: bool, expected: dt.date | None
) -> None:
    """dayfirst picks the reading of all-numeric dates and of nothing else."""
    assert _date(raw, dayfirst) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param("07/03/1980", "ambiguous", id="ambiguous-slashes"),
        pytest.param("07.03.1980", "ambiguous", id="ambiguous-dots"),
        pytest.param("01/02/03", "ambiguous", id="ambiguous-two-digit"),
        pytest.param("31/02/1980", "impossible_date", id="feb-31"),
        pytest.param("29/02/1981", "impossible_date", id="feb-29-common-year"),
        pytest.param("1980-13-01", "impossible_date", id="month-13"),
        pytest.param("1980-00-10", "impossible_date", id="month-0"),
        pytest.param("1980-04-31", "impossible_date", id="april-31"),
        pytest.param("13/13/1980", "impossible_date", id="both-over-12"),
        pytest.param("32 March 1980", "impossible_date", id="day-32-named"),
        pytest.param("1980年2月30日", "impossible_date", id="cn-feb-30"),
        pytest.param("1900-01-01", "placeholder", id="sentinel-1900"),
        pytest.param("01/01/1900", "placeholder", id="sentinel-1900-numeric"),
        pytest.param("1901-01-01", "placeholder", id="sentinel-1901"),
        pytest.param("0000-00-00", "placeholder", id="mysql-zero"),
        pytest.param("00/00/0000", "placeholder", id="zero-numeric"),
        pytest.param("00000000", "placeholder", id="zero-compact"),
        pytest.param("1111-11-11", "placeholder", id="ones"),
        pytest.param("9999-12-31", "placeholder", id="end-of-time"),
        pytest.param("99991231", "placeholder", id="end-of-time-compact"),
        pytest.param("0001-01-01", "placeholder", id="dotnet-min"),
        pytest.param("1753-01-01", "placeholder", id="sqlserver-min"),
        pytest.param("1899-12-30", "placeholder", id="excel-zero"),
        pytest.param(dt.date(1900, 1, 1), "placeholder", id="sentinel-object"),
        pytest.param("0999-12-31", "out_of_range", id="before-1000"),
        pytest.param("0198-05-05", "out_of_range", id="typo-year"),
        pytest.param(dt.date(900, 5, 5), "out_of_range", id="old-object"),
        pytest.param("2026-01-02", "future_date", id="tomorrow"),
        pytest.param("2030-01-01", "future_date", id="future-iso"),
        pytest.param("7 March 2099", "future_date", id="future-named"),
        pytest.param(dt.datetime(2027, 1, 1, 12), "future_date", id="future-object"),
        pytest.param(np.datetime64("2200-01-01"), "future_date", id="future-numpy"),
        pytest.param("hello", "invalid_syntax", id="word"),
        pytest.param("03/1980", "invalid_syntax", id="month-year-only"),
        pytest.param("1980", "invalid_syntax", id="year-only"),
        pytest.param(29287, "invalid_syntax", id="excel-serial"),
        pytest.param("070380", "invalid_syntax", id="six-digits"),
        pytest.param("7 Foo 1980", "invalid_syntax", id="unknown-word"),
        pytest.param("7 March", "invalid_syntax", id="no-year"),
        pytest.param("March March 1980", "invalid_syntax", id="two-months"),
        pytest.param("7 March 198", "invalid_syntax", id="three-digit-year"),
        pytest.param("1/2/3/4", "invalid_syntax", id="four-numbers"),
        pytest.param("-19800307", "invalid_syntax", id="negative-int-text"),
        pytest.param(19800307.5, "invalid_syntax", id="fractional-float"),
        pytest.param("1980-03-07" * 20, "invalid_syntax", id="too-long"),
        pytest.param(float("inf"), "invalid_syntax", id="infinity"),
        pytest.param(True, "unsupported_type", id="bool"),
        pytest.param(dt.time(10, 0), "unsupported_type", id="time-of-day"),
        pytest.param([1980, 3, 7], "unsupported_type", id="list"),
    ],
)
def test_rejects_with_a_reason(raw: object, reason: str) -> None:
    """Unusable dates give None, and errors='raise' names the reason."""
    assert _date(raw) is None
    with pytest.raises(gr.NormalizationError) as info:
        gr.normalize.date(raw, today=TODAY, errors="raise")
    assert info.value.reason == reason
    assert info.value.kind == "date"


@pytest.mark.parametrize(
    "raw",
    [None, float("nan"), "", "   ", np.float64("nan"), np.datetime64("NaT")],
)
def test_missing_is_none_even_when_raising(raw: object) -> None:
    """Empty cells are missing, not errors."""
    assert gr.normalize.date(raw, today=TODAY, errors="raise") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(dt.date(1980, 3, 7), D, id="date"),
        pytest.param(dt.datetime(1980, 3, 7, 23, 59), D, id="datetime"),
        pytest.param(
            dt.datetime(1980, 3, 7, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
            D,
            id="aware-datetime-keeps-its-own-date",
        ),
        pytest.param(np.datetime64("1980-03-07"), D, id="numpy-day"),
        pytest.param(np.datetime64("1980-03-07T10:11:12.123456789"), D, id="numpy-ns"),
        pytest.param(np.datetime64("1600-01-02"), dt.date(1600, 1, 2), id="numpy-old"),
        pytest.param(np.datetime64("0900-01-01"), None, id="numpy-too-old"),
    ],
)
def test_reads_date_objects(raw: object, expected: dt.date | None) -> None:
    """Date and datetime objects from a DataFrame give their calendar date."""
    assert _date(raw) == expected


def test_reads_pandas_timestamps() -> None:
    """A pandas Timestamp gives its date and NaT is missing."""
    pd = pytest.importorskip("pandas")
    assert _date(pd.Timestamp("1980-03-07 10:00")) == D
    assert _date(pd.Timestamp("1980-03-07", tz="Asia/Tokyo")) == D
    assert gr.normalize.date(pd.NaT, today=TODAY, errors="raise") is None
    assert _date(pd.NA) is None


@pytest.mark.parametrize(
    ("raw", "today", "expected"),
    [
        pytest.param("07/03/15", dt.date(2026, 6, 1), dt.date(2015, 3, 7), id="2015"),
        pytest.param("07/03/15", dt.date(2014, 6, 1), dt.date(1915, 3, 7), id="1915-before-2015"),
        pytest.param("07/03/26", dt.date(2026, 3, 7), dt.date(2026, 3, 7), id="today-itself"),
        pytest.param("08/03/26", dt.date(2026, 3, 7), dt.date(1926, 3, 8), id="tomorrow-is-1926"),
        pytest.param("2026-03-08", dt.date(2026, 3, 7), None, id="future-four-digits"),
        pytest.param("07/03/80", dt.datetime(2026, 1, 1, 9), D, id="today-as-datetime"),
    ],
)
def test_today_pins_two_digit_years_and_the_future(
    raw: str, today: dt.date, expected: dt.date | None
) -> None:
    """Two-digit years never land after today; today is a parameter so results are stable."""
    assert gr.normalize.date(raw, True, today=today) == expected


def test_default_today_is_the_current_date() -> None:
    """Without today=, tomorrow is in the future and yesterday is not."""
    now = dt.date.today()
    assert gr.normalize.date(now - dt.timedelta(days=1)) == now - dt.timedelta(days=1)
    assert gr.normalize.date(now + dt.timedelta(days=2)) is None


@pytest.mark.parametrize(
    ("dayfirst", "today"),
    [("yes", None), (1, None), (None, "2026-01-01"), (None, 20260101)],
)
def test_bad_options_are_settings_errors(dayfirst: object, today: object) -> None:
    """A wrong dayfirst or today is a configuration mistake that names the option."""
    with pytest.raises(gr.SettingsError, match=r"dayfirst|today"):
        gr.normalize.date("1980-03-07", dayfirst, today=today)  # type: ignore[arg-type]


REASONS = {
    "ambiguous",
    "future_date",
    "impossible_date",
    "invalid_encoding",
    "invalid_syntax",
    "out_of_range",
    "placeholder",
    "unsupported_type",
}

# --- properties -----------------------------------------------------------------

_CELLS = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789/-. :TZ+年月日", max_size=20),
    st.integers(),
    st.floats(),
    st.none(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.binary(max_size=12),
)


@settings(max_examples=300)
@given(_CELLS, st.sampled_from([None, True, False]))
def test_never_raises_by_default(x: object, dayfirst: bool | None) -> None:
    """Whatever the cell holds, the default mode returns a date or None."""
    result = gr.normalize.date(x, dayfirst, today=TODAY)
    assert result is None or (type(result) is dt.date and dt.date(1000, 1, 1) <= result <= TODAY)


@settings(max_examples=200)
@given(st.dates(min_value=dt.date(1850, 1, 1), max_value=TODAY), st.booleans())
def test_written_dates_read_back(day: dt.date, dayfirst: bool) -> None:
    """A date written in ISO, numerically with the right dayfirst, or with a month name reads
    back to itself, and reading the result again changes nothing."""
    numeric = day.strftime("%d/%m/%Y" if dayfirst else "%m/%d/%Y")
    for written in (day.isoformat(), numeric, day.strftime("%d %B %Y"), day.strftime("%Y%m%d")):
        got = gr.normalize.date(written, dayfirst, today=TODAY)
        if (day.year, day.month, day.day) in {
            (1900, 1, 1),
            (1901, 1, 1),
            (1899, 12, 30),
            (1899, 12, 31),
        }:
            assert got is None
        else:
            assert got == day
            assert gr.normalize.date(got, dayfirst, today=TODAY) == got


@settings(max_examples=150)
@given(
    st.sampled_from(
        [
            "7 March 1980",
            "1 févr. 1990",
            "7. März 1980",
            "7 марта 1980",
            "7 de marzo de 1980",
            "Mar 7th, 1980",
            "28 Οκτωβρίου 1940",
            "1980-03-07",
        ]
    ),
    st.sampled_from([str.upper, str.lower, str.title, str.casefold]),
    st.text(alphabet=" \t\n\u00a0\u3000", max_size=3),
    st.text(alphabet=" \t\n\u00a0\u3000", max_size=3),
)
def test_insensitive_to_case_and_surrounding_blanks(
    written: str, case: object, before: str, after: str
) -> None:
    """Upper, lower or title case and blanks around the value do not change the date."""
    assert callable(case)
    expected = gr.normalize.date(written, today=TODAY)
    assert expected is not None
    assert gr.normalize.date(before + case(written) + after, today=TODAY) == expected


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=25), st.text(alphabet="0123456789/.- ", max_size=12)))
def test_raise_exactly_when_ignore_gives_none(x: str) -> None:
    """errors='raise' raises for a non-missing value exactly when the default returns None,
    and its message is made of the kind and the reason only, never the value."""
    quiet = gr.normalize.date(x, today=TODAY)
    if quiet is None and x.strip():
        with pytest.raises(gr.NormalizationError) as info:
            gr.normalize.date(x, today=TODAY, errors="raise")
        assert info.value.reason in REASONS
        assert str(info.value) == f"date rejected: {info.value.reason}"
    else:
        assert gr.normalize.date(x, today=TODAY, errors="raise") == quiet


_TIME_BEFORE = re.compile(r"(?:(?<=\d)t|[\s,]+)\d{1,2}:\d{2}.*$", re.ASCII | re.DOTALL)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" ,\t\nt0123456789:aé", max_size=30))
@example("1980-03-07 12:30")
@example("7 march 1980,  09:15 pm")
@example("a" + " " * 60 + "b)")
def test_time_of_day_is_cut_where_it_was_before(s: str) -> None:
    """The time-of-day pattern, made linear on runs of blanks, cuts every text as before."""
    assert _TIME.sub("", s) == _TIME_BEFORE.sub("", s)
