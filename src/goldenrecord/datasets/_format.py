"""How values are written down: phone numbers, dates of birth, postcodes, per country.

Each writer takes the canonical parts and a small integer style and returns the string
a person or a system would have typed.
"""

from __future__ import annotations

import attrs

__all__ = [
    "CLEAN_PHONE_STYLES",
    "DATE_ISO",
    "NOISY_PHONE_STYLES",
    "PhonePlan",
    "format_date",
    "format_phone",
    "postcode_variant",
]

NATIONAL, DASHED, COMPACT, INTL_SPACED, E164 = 0, 1, 2, 3, 4
IDD_00, PAREN_0, FLOAT, INTL_TRUNK = 5, 6, 7, 8
CLEAN_PHONE_STYLES = (NATIONAL, DASHED, COMPACT, INTL_SPACED, E164)
NOISY_PHONE_STYLES = (IDD_00, PAREN_0, FLOAT, INTL_TRUNK)
DATE_ISO = "{yyyy}-{mm}-{dd}"

_TWO = [f"{i:02d}" for i in range(100)]


@attrs.frozen
class PhonePlan:
    """How the numbers of one country and kind (mobile or fixed) of one length are written."""

    calling_code: str
    trunk: str
    groups: tuple[int, ...]
    style: str

    def split(self, nsn: str) -> list[str]:
        """The national significant number cut into its digit groups."""
        out, i = [], 0
        for g in self.groups:
            out.append(nsn[i : i + g])
            i += g
        if i < len(nsn):
            out[-1] += nsn[i:]
        return out


def format_phone(plan: PhonePlan, nsn: str, style: int) -> str:
    """Write a number in one of the styles.

    >>> us = PhonePlan("1", "", (3, 3, 4), "us")
    >>> [format_phone(us, "4155552671", s) for s in range(9)]  # doctest: +NORMALIZE_WHITESPACE
    ['(415) 555-2671', '415-555-2671', '4155552671', '+1 415 555 2671', '+14155552671',
     '001 415 555 2671', '001 415 555 2671', '4155552671.0', '4155552671.0']
    >>> gb = PhonePlan("44", "0", (2, 4, 4), "gb")
    >>> styles = (0, 3, 5, 6, 7, 8)
    >>> [format_phone(gb, "2079460018", s) for s in styles]  # doctest: +NORMALIZE_WHITESPACE
    ['020 7946 0018', '+44 20 7946 0018', '0044 20 7946 0018', '+44 (0)20 7946 0018',
     '2079460018.0', '+44 020 7946 0018']
    """
    g = plan.split(nsn)
    cc, trunk = plan.calling_code, plan.trunk
    if style == NATIONAL:
        if plan.style == "us" or plan.style == "br":
            return f"({g[0]}) {g[1]}-{''.join(g[2:])}"
        if plan.style == "ru":
            return f"8 ({g[0]}) {g[1]}-{g[2]}-{g[3]}"
        return trunk + " ".join(g)
    if style == DASHED:
        sep = "." if plan.style == "fr" else "-"
        return trunk + sep.join(g)
    if style == COMPACT:
        return trunk + nsn
    if style == INTL_SPACED:
        return f"+{cc} " + " ".join(g)
    if style == E164:
        return f"+{cc}{nsn}"
    if style == PAREN_0 and trunk == "0":
        return f"+{cc} (0)" + " ".join(g)
    if style in (IDD_00, PAREN_0):
        idd = "001" if cc == "1" else "00" + cc
        return f"{idd} " + " ".join(g)
    if style == INTL_TRUNK and trunk:
        return f"+{cc} {trunk}" + " ".join(g)
    return nsn.lstrip("0") + ".0"


def format_date(template: str, year: int, month: int, day: int) -> str:
    """A date written with a template of ``{yyyy} {yy} {mm} {m} {dd} {d}`` fields.

    >>> format_date("{mm}/{dd}/{yyyy}", 1980, 3, 7), format_date("{yyyy}年{m}月{d}日", 1980, 3, 7)
    ('03/07/1980', '1980年3月7日')
    """
    return template.format(
        yyyy=year, yy=_TWO[year % 100], mm=_TWO[month], m=month, dd=_TWO[day], d=day
    )


def postcode_variant(code: str, canonical: str, r: int) -> str:
    """A common way of mangling a postcode of one country: spacing, case, prefixes, lost zeros.

    >>> postcode_variant("GB", "SW1A 1AA", 0), postcode_variant("US", "02134", 1)
    ('SW1A1AA', '2134')
    >>> postcode_variant("BR", "01310-100", 0), postcode_variant("DE", "10115", 0)
    ('01310100', 'D-10115')
    """
    op = r % 2
    if code in ("GB", "NL"):
        return canonical.replace(" ", "") if op == 0 else canonical.lower()
    if code == "GR":
        return canonical.replace(" ", "")
    if code == "BR":
        return canonical.replace("-", "") if op == 0 else canonical
    if code == "US":
        if op == 0:
            return f"{canonical}-{_TWO[r // 2 % 100]}{_TWO[r // 200 % 100]}"
        return canonical.lstrip("0")
    if op == 0 and code in ("DE", "FR", "IT", "ES"):
        return {"DE": "D-", "FR": "F-", "IT": "I-", "ES": "E-"}[code] + canonical
    if op == 1 and canonical.startswith("0"):
        return canonical.lstrip("0")
    return " " + canonical
