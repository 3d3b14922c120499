"""No cell makes a normalizer raise: hostile objects, lone surrogates, any text at all.

A normalizer accepts whatever a table holds, including objects built to break it: a
``str`` subclass whose methods raise, an object whose ``__str__`` or ``__float__``
raises, integers too long to print, text with lone surrogates. In the default mode it
returns a value of its kind or ``None``; with ``errors="raise"`` the only exception is
:class:`~goldenrecord.NormalizationError`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import goldenrecord as gr

_Normalizer = Callable[..., object]

# Every public normalizer, with the type of what it returns, called with and without
# the options that change how it reads a value.
_NORMALIZERS: dict[str, tuple[_Normalizer, type]] = {
    "address": (gr.normalize.address, str),
    "country": (gr.normalize.country, str),
    "date": (gr.normalize.date, dt.date),
    "date_dayfirst": (lambda x, **kw: gr.normalize.date(x, dayfirst=True, **kw), dt.date),
    "email": (gr.normalize.email, str),
    "given_name_canonical": (gr.normalize.given_name_canonical, str),
    "identifier": (gr.normalize.identifier, str),
    "name": (gr.normalize.name, str),
    "name_key": (gr.normalize.name_key, str),
    "name_keys": (gr.normalize.name_keys, frozenset),
    "phone": (gr.normalize.phone, str),
    "phone_region": (lambda x, **kw: gr.normalize.phone(x, region="FR", **kw), str),
    "postcode": (gr.normalize.postcode, str),
    "postcode_country": (lambda x, **kw: gr.normalize.postcode(x, country="GB", **kw), str),
    "split_full_name": (gr.normalize.split_full_name, gr.normalize.NameParts),
    "text": (gr.normalize.text, str),
}


def test_every_public_normalizer_is_covered() -> None:
    """The table above lists every normalizer ``gr.normalize`` exports."""
    public = {
        name
        for name in gr.normalize.__all__
        if callable(getattr(gr.normalize, name)) and name[0].islower() and name != "column"
    }
    assert public <= set(_NORMALIZERS)


def _raising(f: _Normalizer, cell: object) -> object:
    """``f(cell, errors="raise")``: its value, or the NormalizationError it raised."""
    try:
        return f(cell, errors="raise")
    except gr.NormalizationError as error:
        return error


def _boom(*args: object, **kwargs: object) -> object:
    raise RuntimeError("a hostile method was called")


class _HostileStr(str):
    """A string whose every method a normalizer could call raises."""

    strip = lstrip = rstrip = lower = upper = casefold = split = partition = _boom
    replace = translate = encode = startswith = endswith = isascii = isalpha = _boom
    isdigit = isalnum = isspace = find = rfind = count = __iter__ = _boom  # type: ignore[assignment]
    __hash__ = __eq__ = __ne__ = __lt__ = __len__ = __getitem__ = __contains__ = _boom  # type: ignore[assignment]
    __str__ = __repr__ = __format__ = _boom  # type: ignore[assignment]


class _HostileObject:
    """An object whose conversions to text and numbers raise."""

    __str__ = __repr__ = __format__ = __float__ = __int__ = __index__ = __bytes__ = _boom
    __eq__ = __ne__ = __bool__ = __len__ = __iter__ = _boom  # type: ignore[assignment]
    __hash__ = None  # type: ignore[assignment]


class _HostileFloat(float):
    """A float whose conversions raise."""

    __float__ = __int__ = __repr__ = __str__ = is_integer = _boom  # type: ignore[assignment]


class _HostileInt(int):
    """An int whose conversions raise."""

    __int__ = __index__ = __str__ = __repr__ = bit_length = _boom  # type: ignore[assignment]


_HOSTILE_CELLS = [
    pytest.param(_HostileObject(), id="object-str-raises"),
    pytest.param(_HostileFloat(1.5), id="float-subclass-raises"),
    pytest.param(_HostileInt(7), id="int-subclass-raises"),
    pytest.param(10**5000, id="huge-int"),
    pytest.param(-(10**5000), id="huge-negative-int"),
    pytest.param(Decimal("1e5000"), id="huge-decimal"),
    pytest.param(Decimal("1e999999999"), id="astronomical-decimal"),
    pytest.param(Decimal("-1e-999999999"), id="tiny-decimal"),
    pytest.param(Decimal("NaN"), id="decimal-nan"),
    pytest.param(Decimal("sNaN"), id="decimal-signalling-nan"),
    pytest.param(Decimal("Infinity"), id="decimal-inf"),
    pytest.param(Fraction(10**400), id="fraction-too-big-for-a-float"),
    pytest.param(float("nan"), id="nan"),
    pytest.param(float("inf"), id="inf"),
    pytest.param(float("-inf"), id="minus-inf"),
    pytest.param(1e308, id="float-max"),
    pytest.param(True, id="true"),
    pytest.param(False, id="false"),
    pytest.param(b"\xff\xfe\x00", id="bytes-not-utf8"),
    pytest.param(b"Bob Smith", id="bytes"),
    pytest.param(bytearray(b"+33 6 12 34 56 78"), id="bytearray"),
    pytest.param(bytearray(b"\xed\xb3\xa9"), id="bytes-encoding-a-surrogate"),
    pytest.param([["nested", ["lists"]]], id="nested-lists"),
    pytest.param({"a": 1}, id="dict"),
    pytest.param(object(), id="object"),
    pytest.param(dt.time(12, 0), id="time"),
    pytest.param(complex(1, 2), id="complex"),
]


@pytest.mark.parametrize("cell", _HOSTILE_CELLS)
@pytest.mark.parametrize("kind", sorted(_NORMALIZERS))
def test_hostile_objects_give_none_or_a_normalization_error(kind: str, cell: object) -> None:
    """No object makes a normalizer raise anything but NormalizationError, and only on request."""
    f, expected_type = _NORMALIZERS[kind]
    out = f(cell)
    assert out is None or isinstance(out, expected_type)
    raised = _raising(f, cell)
    assert raised == out or isinstance(raised, gr.NormalizationError)


_PLAIN_VALUES = {
    "address": "500 Market Street, Apt 4",
    "country": "Deutschland",
    "date": "1980-03-07",
    "date_dayfirst": "07/03/1980",
    "email": "Bob.Smith+x@GoogleMail.com",
    "given_name_canonical": "Bob Smith",
    "identifier": " ab-123 ",
    "name": " Éloïse DUPONT ",
    "name_key": "Wang Wei",
    "name_keys": "Müller Ευαγγελία",
    "phone": "+1 (415) 555-2671",
    "phone_region": "06 12 34 56 78",
    "postcode": " ab-12 3x ",
    "postcode_country": "sw1a1aa",
    "split_full_name": "Maria de la Cruz",
    "text": "Saint-Étienne",
}


@pytest.mark.parametrize("kind", sorted(_NORMALIZERS))
def test_a_hostile_str_subclass_reads_as_the_text_it_holds(kind: str) -> None:
    """A ``str`` subclass gives what its plain text gives; none of its methods is called."""
    f, _ = _NORMALIZERS[kind]
    plain = _PLAIN_VALUES[kind]
    assert f(plain) is not None
    assert f(_HostileStr(plain)) == f(plain)
    assert f(_HostileStr(plain), errors="raise") == f(plain)


def test_hostile_str_subclasses_as_options() -> None:
    """A region or country given as a ``str`` subclass is read as its plain text."""
    assert gr.normalize.phone("06 12 34 56 78", region=_HostileStr("FR")) == "+33612345678"
    assert gr.normalize.postcode("sw1a1aa", country=_HostileStr("GB")) == "SW1A 1AA"
    assert gr.normalize.postcode("sw1a1aa", country=_HostileObject()) == "SW1A1AA"


@pytest.mark.parametrize("kind", sorted(_NORMALIZERS))
@pytest.mark.parametrize(
    "cell",
    [
        "M\udce9lanie",
        "\udce9",
        "m\udce9lanie@example.org",
        "m\udce9lanie@shop.fr",
        "melanie@sh\udce9p.fr",
        "+33 6 12 34 56 78 \udce9",
        "12 rue de l'\udc89glise",
        "\ud83d\ude00",
        "\udfff\ud800x",
        "1980-03-07\udce9",
        "SW1A\udce91AA",
    ],
)
def test_lone_surrogates_never_raise(kind: str, cell: str) -> None:
    """Text with lone surrogates (undecodable bytes kept by ``surrogateescape``) is read safely.

    The surrogate becomes U+FFFD, so no later step (IDNA, UTF-8 encoding) can fail on
    it, and no output carries one.
    """
    f, expected_type = _NORMALIZERS[kind]
    out = f(cell)
    assert out is None or isinstance(out, expected_type)
    if isinstance(out, str):
        out.encode("utf-8")
    raised = _raising(f, cell)
    assert raised == out or isinstance(raised, gr.NormalizationError)


def test_a_lone_surrogate_is_read_as_a_replacement_character() -> None:
    """``M\\udce9lanie`` reads as ``M\\ufffdlanie``: a name still, never an error."""
    assert gr.normalize.text("M\udce9lanie") == gr.normalize.text("M\ufffdlanie")
    assert gr.normalize.name("M\udce9lanie") == gr.normalize.name("M\ufffdlanie")
    assert gr.normalize.email("m\udce9lanie@shop.fr") is None


# Any text: every code point, lone surrogates and controls included.
_ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)
_CELLS = st.one_of(
    _ANY_TEXT,
    st.text(st.sampled_from("aZ09 .-+()@#,/'\u0301\udce9王مक्°:"), max_size=60),
    st.integers(),
    st.floats(),
    st.binary(max_size=20),
    st.none(),
    st.booleans(),
    st.decimals(),
)


@settings(derandomize=True, max_examples=250, deadline=None)
@given(cell=_CELLS)
@example(cell="M\udce9lanie")
@example(cell="Customer refused to provide a phone number")
@example(cell="500 Market Street")
@example(cell="\udce9@\udce9.com")
@example(cell="a@\udce9")
@example(cell="0")
def test_any_cell_gives_a_value_or_none_and_raises_only_normalization_error(cell: object) -> None:
    """The sweep: every public normalizer, any cell, both error modes."""
    for kind, (f, expected_type) in _NORMALIZERS.items():
        out = f(cell)
        assert out is None or isinstance(out, expected_type), kind
        if isinstance(out, str):
            out.encode("utf-8")
        raised = _raising(f, cell)
        if isinstance(raised, gr.NormalizationError):
            assert _no_value(out), kind
            assert raised.reason, kind
        else:
            assert raised == out, kind


def test_an_infinite_float_is_not_a_value() -> None:
    """``inf`` is rejected in every normalizer, never read as text."""
    for kind, (f, _) in _NORMALIZERS.items():
        assert _no_value(f(math.inf)), kind


def _no_value(out: object) -> bool:
    """A normalizer's "no value": None, or the empty set of a set-valued one
    (``name_keys``)."""
    return out is None or out == frozenset()
