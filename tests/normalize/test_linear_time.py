"""Every normalizer runs in time linear in its input, whatever shape the input has.

Free text in the wrong column (a sentence in a phone column), long runs of one
character, letters alternating with spaces, dots or digits, nested brackets, piles of
combining marks: none of them may cost more than their length. Wall-clock times are
never asserted; the test compares the time one normalizer takes on one shape at size
``n`` with the time it takes at ``2n`` and ``8n``. A linear function costs about 2x and
8x; the bounds (8x for the doubling, 40x for the eightfold input) leave room for a
noisy, shared machine while catching quadratic growth (64x) and exponential
backtracking (which already fails the doubling, long before it could hang the test).

Each normalizer is measured below its own length bound (a phone number reads at most
100 characters, an address line 500, any cell 10,000), where it still does its work;
cells beyond :data:`~goldenrecord.normalize._common.MAX_TEXT_LENGTH` are rejected as
``too_long`` without being read.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

import goldenrecord as gr
from goldenrecord.normalize._common import MAX_TEXT_LENGTH

_Normalizer = Callable[[str], object]

# (normalizer, the smallest size measured): 8 times that size stays within the
# normalizer's own bound, so every size is really read.
_NORMALIZERS: dict[str, tuple[_Normalizer, int]] = {
    "phone": (gr.normalize.phone, 8),
    "phone_region": (lambda s: gr.normalize.phone(s, region="US"), 8),
    "email": (gr.normalize.email, 120),
    "name": (gr.normalize.name, 500),
    "name_key": (gr.normalize.name_key, 500),
    "name_keys": (gr.normalize.name_keys, 500),
    "given_name_canonical": (gr.normalize.given_name_canonical, 500),
    "split_full_name": (gr.normalize.split_full_name, 500),
    "date": (gr.normalize.date, 12),
    "address": (gr.normalize.address, 60),
    "postcode": (gr.normalize.postcode, 5),
    "postcode_country": (lambda s: gr.normalize.postcode(s, country="GB"), 5),
    "country": (gr.normalize.country, 12),
    "identifier": (gr.normalize.identifier, 500),
    "text": (gr.normalize.text, 500),
}


def _repeat(unit: str, prefix: str = "") -> Callable[[int], str]:
    def make(size: int) -> str:
        body = unit * (size // len(unit) + 1)
        return (prefix + body)[:size]

    return make


def _blank_run(size: int) -> str:
    """A word, a long run of blanks, then a closing bracket (a trailing remark's shape)."""
    return "a" + " " * max(0, size - 3) + "b)"


def _nested(size: int) -> str:
    depth = size // 2
    return "(" * depth + ")" * (size - depth)


_SHAPES: dict[str, Callable[[int], str]] = {
    "one-letter-run": _repeat("a"),
    "sentence": _repeat("Customer refused to provide a phone number "),
    "letters-spaces": _repeat("a "),
    "words-dots-spaces": _repeat("ab. "),
    "letters-digits": _repeat("a1"),
    "digits-dashes": _repeat("1-"),
    "mixed-separators": _repeat("a .1-,;/"),
    "nested-brackets": _nested,
    "blank-run-bracket": _blank_run,
    "open-remarks": _repeat("(a"),
    "angles-ats": _repeat("<a@"),
    "hashes-numbers": _repeat("#1 "),
    "titles": _repeat("Mr. "),
    "combining-marks": _repeat("\u0301", prefix="e"),
    "lone-surrogates": _repeat("\udce9a"),
    "arabic-marks": _repeat("مُ"),
    "devanagari": _repeat("क्"),
    "courtesy-suffixes": _repeat("先生", prefix="王"),
    "pinyin-run": _repeat("zhang", prefix="Wang "),
}


def _seconds(f: _Normalizer, s: str, calls: int) -> float:
    """The least time, over a few trials, that ``calls`` calls of ``f(s)`` take.

    The garbage collector is paused while timing, as :mod:`timeit` does: a collection
    landing in one measurement says nothing about the normalizer.
    """
    best = float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(3):
            start = time.perf_counter()
            for _ in range(calls):
                f(s)
            best = min(best, time.perf_counter() - start)
    finally:
        if enabled:
            gc.enable()
    return best


def _growth(f: _Normalizer, make: Callable[[int], str], n: int) -> tuple[float, float]:
    """(time at 2n / time at n, time at 8n / time at n), each time long enough to measure."""
    small = make(n)
    f(small)  # tables some normalizers build on their first call
    once = _seconds(f, small, 1)
    calls = max(1, min(200, int(0.0003 / max(once, 1e-7))))
    base = _seconds(f, small, calls)
    double = _seconds(f, make(2 * n), calls)
    if double / base >= 8:  # stop here: exponential growth would not return from 8n
        return double / base, float("inf")
    return double / base, _seconds(f, make(8 * n), calls) / base


@pytest.mark.parametrize("shape", sorted(_SHAPES))
@pytest.mark.parametrize("kind", sorted(_NORMALIZERS))
def test_time_grows_linearly_with_the_input(kind: str, shape: str) -> None:
    """Twice the input costs less than 8x the time, eight times the input less than 40x."""
    f, n = _NORMALIZERS[kind]
    make = _SHAPES[shape]
    doubling, eightfold = _growth(f, make, n)
    if doubling >= 8 or eightfold >= 40:  # one retry: a shared machine has noisy moments
        doubling, eightfold = _growth(f, make, n)
    assert doubling < 8, f"{kind} on {shape}: doubling the input cost {doubling:.0f}x"
    assert eightfold < 40, f"{kind} on {shape}: 8x the input cost {eightfold:.0f}x"


@pytest.mark.parametrize("kind", sorted(gr.normalize.KINDS))
def test_an_absurdly_long_cell_is_rejected_as_too_long(kind: str) -> None:
    """A 1 MB cell is not read: it is rejected, counted as ``too_long``, in every kind.

    The bound counts the stripped text: white space around a short value is no reason.
    """
    cells = ["a" * 1_000_000, "1" * (MAX_TEXT_LENGTH + 1), " " * 1_000_000 + "x"]
    res = gr.normalize.column(cells, kind)
    assert res.reasons[:2] == ["too_long", "too_long"]
    assert res.reasons[2] != "too_long"
    assert res.rejected["too_long"] == 2


def test_a_sentence_in_a_phone_column_is_not_a_number() -> None:
    """Free text typed into a phone column is read quickly and rejected as not a number."""
    for cell in ("Customer refused to provide a phone number", "a" * 24, "Mobile please call"):
        assert gr.normalize.phone(cell) is None
        assert gr.normalize.phone(cell, region="US") is None
