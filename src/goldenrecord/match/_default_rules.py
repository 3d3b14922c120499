"""The blocking rules derived from a schema's field kinds (see :func:`default_rules`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from goldenrecord.errors import SettingsError
from goldenrecord.match._encoded import encoded_rules, is_encoded
from goldenrecord.match._names import folds_names
from goldenrecord.match._rules import BlockingRule, GroupRule

__all__ = [
    "GROUP_PAIRS_PER_RECORD",
    "LOOSE_PAIRS_PER_RECORD",
    "NAME_PAIRS_PER_RECORD",
    "default_rules",
]

LOOSE_PAIRS_PER_RECORD: Final = 64.0
"""Budget of the whole loose tier of the default rules, in candidate pairs per record.

Measured (benchmarks/blocking.py, accuracy.py, scale.py): historical_50k pairs
completeness 0.876 / 0.865 / 0.799 and pairwise F1 0.898 / 0.897 / 0.895 with no
shared budget / 48 / 32; 1M generated customers 27M pairs, 157 s, 5.0 GB with 48 and
20M pairs, 138 s, 4.2 GB with 32. With the name-and-place rules added to both tiers
(three-key exact rules, nickname and phonetic loose rules), historical_50k reaches
0.879 at 459,023 pairs with 64 (0.845 at 384,986 with 48, 0.780 at 328,520 with 32:
each added loose rule takes its share of the budget)."""

GROUP_PAIRS_PER_RECORD: Final = 4.0
"""Budget of the default :class:`~goldenrecord.match.blocking.GroupRule`, in pairs per record.

The pairs inside the groups that the exact rules link, smallest groups first, counting
the pairs already found. Measured (benchmarks/blocking.py): historical_50k pairs
completeness 0.879 without the rule, 0.891 / 0.903 / 0.912 / 0.916 with 2 / 3 / 4 / 6
(459,023 pairs, then 463,960 / 468,068 / 481,919 / 545,481); fake_1000 (blocking
forced) 0.909 -> 0.940 and FEBRL3 0.9994 -> 1.0000 with 4. On generated customers the
rule adds about 2 new pairs per record at 5,000 and at 20,000 people."""


NAME_PAIRS_PER_RECORD: Final = 2.0
"""Budget of the default rule on the whole name key alone (``_name:key``), in pairs per record.

The name key of every record that has a given and a family name, from its name columns
or split from its full name (any order, any script): records that share nothing else
(one from a messaging app with a display name only, one from a till with a postcode)
meet where their name is rare. Measured (benchmarks/blocking.py and the generator):
20,000 generated people 0.883 -> 0.903 pairs completeness at 20.15 -> 20.54 pairs per
record; historical_50k +121 pairs, FEBRL3 +5, FEBRL4 +20, fake_1000 none, completeness
unchanged."""


def default_rules(fields: Mapping[str, str], *, loose: float = 1.0) -> tuple[BlockingRule, ...]:
    """Blocking rules derived from a schema's fields (column → kind).

    Three tiers, each written in terms of field kinds only:

    1. exact contact identifiers (email, phone and its national number, identifier);
    2. tight rules, expanded whole: the whole-name key with date of birth, postcode or
       city; the given initial with the postcode; family name (key, first four
       letters) or nickname-canonical given name with the date; date with postcode
       or city, birth year with postcode; the given name (initial, first two
       letters or nickname-canonical) with the phonetic family name and the city;
       the sound of any word of the name with the postcode;
    3. loose rules with a pair budget (``pairs_per_record``): they expand only their
       smallest blocks, where a shared value is rare enough to say something. They
       catch what typos, swapped or missing name parts and moved people hide from
       the tight rules: family name (key, phonetic code, prefix) with a place or a
       given-name key; the nickname-canonical given name with the city or the
       phonetic family name; any word of the whole name (``_name:words``, or its first four
       letters, or its metaphone code) with a place, a date or another name part, or
       alone; date with postcode area or city; date or postcode alone;
    4. the whole name key alone (``_name:key``, ``NAME_PAIRS_PER_RECORD``), where the
       schema's names are compared as one, for records that share nothing but a rare name;
    5. a :class:`~goldenrecord.match.blocking.GroupRule`: records that the rules of
       tiers 1 and 2 link into a small group, directly or through one another, are
       compared with each other (``GROUP_PAIRS_PER_RECORD`` pairs per record).

    Each loose rule costs at most its budget times the number of records, and the
    budgets together at most :data:`LOOSE_PAIRS_PER_RECORD` per record (each rule
    keeps its share), so the whole set stays linear in the input, whatever its
    common values and however many fields the schema has.

    Args:
        fields: column → field kind.
        loose: multiplies the budget of every loose rule and of the group rule; 0
            leaves them out (fewer candidate pairs, fewer pairs found where names
            are damaged).

    Raises:
        SettingsError: ``loose`` is negative.

    >>> [r.name for r in default_rules({"mail": "email", "dob": "date", "first": "given_name",
    ...                                 "last": "family_name"})][:3]
    ['mail', '_name & dob', 'last:key & dob']
    """
    if not loose >= 0:
        raise SettingsError(f"loose must be a number at least 0, got {loose!r}")
    if is_encoded(fields):  # hmac and bloom fields only: see goldenrecord.match._encoded
        return encoded_rules(fields, loose=loose)
    by_kind: dict[str, list[str]] = {}
    for column, kind in fields.items():
        by_kind.setdefault(kind, []).append(column)
    dates = by_kind.get("date", [])
    postcodes = by_kind.get("postcode", [])
    cities = by_kind.get("city", [])
    given = by_kind.get("given_name", [])
    family = by_kind.get("family_name", [])
    full = by_kind.get("full_name", [])
    has_name = bool(given or family or full)
    places = (*postcodes, *cities)

    exact: list[tuple[str, ...]] = []
    for kind in ("email", "phone", "identifier"):
        exact.extend((c,) for c in by_kind.get(kind, ()))
    # A phone's national number meets the same number written without its country code.
    exact.extend((f"{c}:national",) for c in by_kind.get("phone", ()))
    if has_name:
        exact.extend(("_name", c) for c in (*dates, *postcodes, *cities))
    for g in given:
        exact.extend((f"{g}:initial", p) for p in postcodes)
    for f in family:
        exact.extend((f"{f}:key", d) for d in dates)
        exact.extend((f"{f}:prefix4", d) for d in dates)
    for g in given:
        exact.extend((f"{g}:canon", d) for d in dates)
    for d in dates:
        exact.extend((d, c) for c in places)
        exact.extend((f"{d}:year", p) for p in postcodes)
    for f in family:
        for g in given:
            for c in cities:
                exact.append((f"{g}:initial", f"{f}:phonetic", c))
                exact.append((f"{g}:prefix2", f"{f}:phonetic", c))
                exact.append((f"{g}:canon", f"{f}:phonetic", c))
    if has_name:
        exact.extend((p, "_name:sounds") for p in postcodes)

    tier: list[tuple[tuple[str, ...], float]] = []
    for f in family:
        tier.extend(((f"{f}:key", c), 2.0) for c in cities)
        tier.extend(((f"{f}:phonetic", c), 2.0) for c in cities)
        tier.extend(((f"{f}:phonetic", f"{p}:area"), 4.0) for p in postcodes)
        for g in given:
            tier.append(((f"{f}:phonetic", f"{g}:prefix2"), 2.0))
            tier.append(((f"{f}:key", f"{g}:initial"), 2.0))
            tier.append(((f"{f}:key", f"{g}:prefix2"), 4.0))
            tier.append(((f"{g}:canon", f"{f}:prefix4"), 2.0))
        tier.extend(((f"{f}:prefix4", c), 4.0) for c in cities)
    for g in given:
        tier.extend(((f"{g}:canon", c), 2.0) for c in cities)
        for f in family:
            tier.append(((f"{g}:canon", f"{f}:phonetic"), 2.0))
            tier.append(((f"{f}:phonetic", f"{g}:initial"), 4.0))
    if has_name:
        tier.extend((("_name:sounds", c), 4.0) for c in cities)
        tier.extend((("_name:words", c), 4.0) for c in cities)
        tier.extend((("_name:prefixes", c), 4.0) for c in cities)
        tier.extend((("_name:sounds", f"{f}:phonetic"), 4.0) for f in family)
        tier.extend((("_name:prefixes", f"{g}:initial"), 4.0) for g in given)
        tier.extend((("_name:sounds", f"{d}:monthday"), 2.0) for d in dates)
        tier.extend((("_name:prefixes", d), 4.0) for d in dates)
        tier.extend((("_name:prefixes", f"{p}:area"), 4.0) for p in postcodes)
        tier.append((("_name:words",), 4.0))
    for d in dates:
        tier.extend(((f"{d}:monthday", c), 1.0) for c in places)
        tier.extend(((d, f"{p}:area"), 2.0) for p in postcodes)
        tier.append(((d,), 1.0))
    tier.extend(((p,), 2.0) for p in postcodes)
    if has_name and not (dates or postcodes or cities):
        exact.append(("_name",))
    rules = [BlockingRule(r) for r in dict.fromkeys(exact)]
    budgets: dict[tuple[str, ...], float] = {}
    for rule, k in tier:
        budgets.setdefault(rule, k)
    # The whole loose tier shares one budget of LOOSE_PAIRS_PER_RECORD: with many name,
    # date and place fields, each rule gets its share, so a wide schema costs no more.
    share = min(1.0, LOOSE_PAIRS_PER_RECORD / max(sum(budgets.values()), 1.0))
    if loose > 0:
        rules.extend(
            BlockingRule(r, pairs_per_record=k * share * loose) for r, k in budgets.items()
        )
        if folds_names(fields):  # the whole name alone, where it is rare
            rules.append(
                BlockingRule(("_name:key",), pairs_per_record=NAME_PAIRS_PER_RECORD * loose)
            )
        if exact:
            rules.append(GroupRule(pairs_per_record=GROUP_PAIRS_PER_RECORD * loose))
    return tuple(rules)
