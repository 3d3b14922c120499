"""Fast paths of the normalizers give what the full path gives.

Each fast path skips work it can prove changes nothing (a pattern tried only when the
character it cannot match without is present, ASCII text spared Unicode
normalization). The full path is written out here as it was before, and both are
run on many generated values: drawn from alphabets rich in the characters that
trigger each step, so that a guard that skipped a step it needed would show.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from goldenrecord.normalize import _address as addr
from goldenrecord.normalize import _phone as phone
from goldenrecord.normalize._column import _option_value, _option_values
from goldenrecord.normalize._common import (
    _PLACEHOLDER_WORDS,
    fold_latin,
    integral_text,
    is_placeholder_text,
)
from goldenrecord.normalize._phone_text import _RUN, _clean, _is_placeholder

# Characters and words each guarded step of the address line looks for.
_ADDRESS_PIECES = [
    *"abcnoprstvz0123456789 .-#'`\u2018\u2019\u02bc\u00b4\u00b0\u00e9",
    "str",
    "strasse",
    "strase",
    "straat",
    "platz",
    "n\u00b0",
    "p.za",
    "p. o. box",
    "c.so",
    "v.le",
    "\u043f\u0440-\u0442",
    "\u0431-\u0440",
    "apt",
    "suite",
    "n.w.",
    "-str",
    "-platz",
    " ",
]
_address_lines = st.lists(st.sampled_from(_ADDRESS_PIECES), max_size=14).map("".join)


def _rewritten_in_full(s: str) -> str:
    """Every pattern of the line's rewriting tried, unguarded, in order."""
    s = addr._APOSTROPHES.sub(" ", s)
    s = addr._NUMBER_SIGN.sub(" ", s)
    s = addr._HASH_UNIT.sub(" apt ", s)
    s = addr._NUMERO_SIGN.sub(" ", s)
    s = addr._GLUED_UNIT.sub(r"\1 ", s)
    for pattern, short in addr._DOTTED_SHORT:
        s = pattern.sub(short, s)
    s = addr._DOTTED.sub(lambda m: m.group(0).replace(".", ""), s)
    s = addr._JOINED_STREET.sub("", s)
    s = addr._depunct(s)
    s = addr._GERMAN_STREET.sub("str", s)
    s = addr._GERMAN_PLATZ.sub("pl", s)
    return addr._DUTCH_STREET.sub("str", s)


@given(_address_lines)
def test_address_rewriting_tries_only_patterns_that_can_match(line: str) -> None:
    """The guarded rewriting equals trying every pattern, on lines full of triggers."""
    folded = fold_latin(line)
    assert addr._rewritten(folded) == _rewritten_in_full(folded)


def test_address_rewriting_cases_with_every_trigger() -> None:
    """Known lines where each guarded step does change the line."""
    for line in [
        "calle 26 # 13-19",
        "500 market st #4",
        "n\u00b0 12 rue x",
        "p.za navona 1",
        "p. o. box 12",
        "n.w. 5th st",
        "haupt-strasse 5",
        "hauptstrasse 5",
        "marktplatz 1",
        "kalverstraat 1",
        "rue de l'eglise",
        "\u043f\u0440-\u0442 \u043c\u0438\u0440\u0430 1",
    ]:
        assert addr._rewritten(line) == _rewritten_in_full(line)
        assert addr._rewritten(line) != line


_REPEATED_CHAR = re.compile(r"^(.)\1+$")


def _is_placeholder_text_in_full(folded: str) -> bool:
    s = folded.strip()
    return s in _PLACEHOLDER_WORDS or (bool(_REPEATED_CHAR.match(s)) and not s.isdigit())


@given(st.text(alphabet="ax0 \n\t.-?\u00e9\u3000", max_size=8))
def test_repeated_character_without_the_regex(text: str) -> None:
    """``is_placeholder_text`` reads "one character repeated" as the regex did."""
    assert is_placeholder_text(text) == _is_placeholder_text_in_full(text)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=20))
def test_fold_latin_of_ascii_is_lower_case(text: str) -> None:
    """ASCII text skips NFKC and case folding: ``lower`` gives what they give."""
    assert fold_latin(text) == unicodedata.normalize("NFKC", text).casefold()


@given(st.text(alphabet="+0123456789 .-", min_size=1, max_size=24).map(str.strip))
def test_plain_phone_text_has_nothing_for_clean_to_take_off(text: str) -> None:
    """A phone text of digits, blanks, dots and dashes (``+`` first) skips ``_clean``:
    it gives what ``integral_text`` gives, and holds no letter."""
    if not phone._PLAIN_TEXT.fullmatch(text):
        return
    assert _clean(text) == integral_text(text)
    assert not any(map(str.isalpha, text))


@given(st.text(alphabet="0123456789", min_size=6, max_size=20))
def test_counting_run_found_without_a_search_of_every_number(digits: str) -> None:
    """The placeholder check searches for nine counting digits only in numbers holding
    1234, 5678, 4321 or 8765: it finds what a search of every number finds."""
    by_search = digits.count(digits[0]) == len(digits) or _RUN.search(digits) is not None
    assert _is_placeholder(digits) == by_search


def test_every_counting_run_holds_a_hint() -> None:
    """The hint the search is guarded by is in each of the twenty nine-digit runs."""
    for pattern in _RUN.pattern.split("|"):
        assert any(h in pattern for h in ("1234", "5678", "4321", "8765"))


@given(st.lists(st.one_of(st.none(), st.text(max_size=3), st.floats(), st.integers())))
def test_per_value_options_read_as_each_option_alone(options: list[object]) -> None:
    """A column of per-value options is read as each option alone would be."""
    assert _option_values(options) == [_option_value(x) for x in options]


@given(
    st.lists(
        st.sampled_from(["post office box", "pobox", "pob", "p o", "o", "b", "x", " ", "1"]),
        max_size=8,
    ).map("".join)
)
def test_post_office_box_rewritten_only_where_po_is(line: str) -> None:
    """Every spelling of a post office box holds ``po``: a line without it is unchanged."""
    if "po" not in line:
        assert addr._PO_BOX.sub("po box", line) == line
    assert addr._address("pobox 12") == "po box 12"
