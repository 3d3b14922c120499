"""The small, realistic mistakes the generator puts into values: typos, case, spaces.

Each function takes the value and one random integer and is deterministic in both.
"""

from __future__ import annotations

__all__ = ["JUNK", "case", "spaces", "typo"]

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEAR: dict[str, str] = {}
for _r, _row in enumerate(_ROWS):
    for _i, _ch in enumerate(_row):
        _near = _row[max(0, _i - 1) : _i] + _row[_i + 1 : _i + 2]
        _NEAR[_ch] = _near

JUNK: dict[str, tuple[str, ...]] = {
    "name": ("n/a", "test", "xxx", "-", "unknown", "NA"),
    "email": ("test@test.com", "n/a", "noemail@noemail.com", "none@none.com", "a@a.com", "x@x.com"),
    "phone": (
        "000-000-0000",
        "0000000000",
        "1234567890",
        "n/a",
        "-",
        "999999999",
        "+1 000 000 0000",
    ),
    "date": ("01/01/1900", "1900-01-01", "n/a", "00/00/0000"),
    "address": ("n/a", "unknown", "-", "xxx", "no address"),
    "postcode": ("00000", "n/a", "-", "XXXXX"),
}
"""Placeholder values people type when a form insists on a field."""


def typo(value: str, r: int) -> str:
    """One edit (delete, swap, double or mistype a character), never the first character.

    >>> typo("Smith", 0), typo("Smith", 1), typo("Smith", 2), typo("Smith", 3)
    ('Sith', 'Simth', 'Smmith', 'Snith')
    >>> typo("Li", 5)
    'Li'
    """
    n = len(value)
    if n < 3:
        return value
    op, r = r % 4, r // 4
    i = 1 + r % (n - 2)
    r //= n
    ch = value[i]
    if op == 1 and value[i + 1] != ch:
        return value[:i] + value[i + 1] + ch + value[i + 2 :]
    if op == 2:
        return value[:i] + ch + value[i:]
    if op == 3:
        near = _NEAR.get(ch.lower())
        if near:
            sub = near[r % len(near)]
            return value[:i] + (sub.upper() if ch.isupper() else sub) + value[i + 1 :]
    return value[:i] + value[i + 1 :]


def case(value: str, r: int) -> str:
    """Upper-, lower- or title-cased.

    >>> case("McDonald", 0), case("McDonald", 1), case("ana lima", 2)
    ('MCDONALD', 'mcdonald', 'Ana Lima')
    """
    op = r % 3
    if op == 0:
        return value.upper()
    if op == 1:
        return value.lower()
    return value.title()


def spaces(value: str, r: int) -> str:
    """A stray space before, after or inside the value.

    >>> spaces("Ana Lima", 0), spaces("Ana Lima", 1), spaces("Ana Lima", 2)
    (' Ana Lima', 'Ana Lima ', 'Ana  Lima')
    """
    op = r % 3
    if op == 0:
        return " " + value
    if op == 1 or " " not in value:
        return value + " "
    return value.replace(" ", "  ", 1)
