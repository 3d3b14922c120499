"""Survivorship: which of a profile's distinct values of an attribute becomes its golden value.

The values of one attribute are grouped per profile by their canonical (normalized)
form; records whose value is missing or was rejected carry no value. The groups are
then ranked within each profile, all profiles of one attribute at once with NumPy, by
the attribute's rule:

``most_recent``
    the latest ``updated_at`` among the records carrying the value;
``most_frequent``
    the number of member records carrying it;
``longest``
    the longest canonical form (the most complete spelling);
``source_priority``
    the best-placed source (in the ``source_priority`` list) among its records;
``validated_first``
    a value that normalized successfully before one that did not; only this rule
    keeps values that failed normalization (by their stripped text), and only
    shows one when no member has a valid value;

or a chain of them (each later rule breaks the ties of the earlier ones), or a user
callable that picks one of the candidates. Whatever the rule, remaining ties go to
``source_priority`` (when a list is given), then ``most_recent``, then
``most_frequent``, then the value carried by the smallest record key: never to input
order (records are in key order, whatever the order of the input rows).

Spelling. Records that normalise alike may spell a value differently ("DeLuca",
"deluca", "DELUCA"); the golden value shows the best-formed of them: for names,
cities and regions a spelling in mixed case before one all in lower or upper case,
one with accents before one without; then the spelling most records carry, then the
most recent. And for those kinds, a value that only abbreviates another value of the
same profile ("SP" for "São Paulo", "Amanda F." for "Amanda Fernandes") never wins
over it, whatever the rule: the rule ranks the remaining values as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.normalize._common import as_text
from goldenrecord.profile._golden import GoldenValue
from goldenrecord.profile._spelling import SPELLED, abbreviations, best_spelling
from goldenrecord.profile._time import OLDEST, from_micros

__all__ = ["DEFAULT_RULES", "RULES", "FieldGroups", "Rule", "RuleSpec", "group_field", "rules_for"]

IntArray: TypeAlias = npt.NDArray[np.int64]
Chooser: TypeAlias = Callable[[Sequence[GoldenValue]], "GoldenValue | int"]
RuleSpec: TypeAlias = "str | Sequence[str] | Chooser"
"""How a field's golden value is chosen: a rule name, a chain of names tried in turn, or a
function that picks one of the candidate values (or its position)."""

RULES: Final[tuple[str, ...]] = (
    "longest",
    "most_frequent",
    "most_recent",
    "source_priority",
    "validated_first",
)
"""The named survivorship rules."""

DEFAULT_RULES: Final[Mapping[str, tuple[str, ...]]] = {
    "address": ("most_recent",),
    "bloom": ("most_frequent",),
    "city": ("most_recent",),
    "country": ("most_recent",),
    "date": ("most_frequent",),
    "email": ("most_recent",),
    "family_name": ("most_frequent", "longest"),
    "full_name": ("most_frequent", "longest"),
    "given_name": ("most_frequent", "longest"),
    "hmac": ("most_frequent",),
    "identifier": ("most_frequent",),
    "phone": ("most_recent",),
    "postcode": ("most_recent",),
    "region": ("most_recent",),
    "text": ("most_recent",),
}
"""The rule chain of each field kind when no rule is given for it."""

_NEWEST: Final = 2**62


@attrs.frozen
class Rule:
    """The survivorship rule of one attribute: a chain of named rules, or a chooser.

    Attributes:
        name: what :attr:`GoldenValue.rule` reports.
        chain: the named rules ranking the candidates (for a chooser: the kind's
            default chain, which orders the candidates it is shown).
        choose: a user callable given the ranked candidates (two or more) and
            returning one of them (or its position); None for named rules.
        kind: the field kind of the attribute, when known: names, cities and
            regions prefer well-formed spellings (see :func:`group_field`).
    """

    name: str
    chain: tuple[str, ...]
    choose: Chooser | None = None
    kind: str | None = None


def rules_for(
    fields: Mapping[str, str],
    rules: Mapping[str, RuleSpec] | None,
    source_priority: Sequence[str] | None,
) -> dict[str, Rule]:
    """Each field column's :class:`Rule`; every problem in the settings reported at once.

    ``rules`` is keyed by field column or by field kind (a column's own entry wins).

    >>> rules_for({"mail": "email"}, {"email": "most_frequent"}, None)["mail"].chain
    ('most_frequent',)

    Raises:
        SettingsError: an unknown column or kind, an unknown rule name, or
            ``source_priority`` used without a list of sources.
    """
    given = dict(rules or {})
    problems: list[str] = []
    kinds = set(fields.values())
    for key in given:
        if key not in fields and key not in kinds:
            problems.append(
                f"rules: {key!r} is neither a field column ({', '.join(fields)}) "
                f"nor a kind of one ({', '.join(sorted(kinds))})"
            )
    if source_priority is not None and (
        isinstance(source_priority, str) or not all(isinstance(s, str) for s in source_priority)
    ):
        problems.append("source_priority must be a list of source names, best first")
    out: dict[str, Rule] = {}
    for column, kind in fields.items():
        spec = given.get(column, given.get(kind))
        default = DEFAULT_RULES.get(kind, ("most_recent",))
        if spec is None:
            out[column] = Rule(default[0], default, kind=kind)
        elif callable(spec):
            out[column] = Rule(getattr(spec, "__name__", "custom"), default, spec, kind=kind)
        else:
            chain = (spec,) if isinstance(spec, str) else tuple(spec)
            unknown = [r for r in chain if r not in RULES]
            if unknown or not chain:
                problems.append(
                    f"rules[{column!r}]: unknown rule {', '.join(map(repr, unknown)) or '()'}; "
                    f"choose one of {', '.join(RULES)}, a sequence of them, or a callable"
                )
                continue
            if "source_priority" in chain and source_priority is None:
                problems.append(
                    f"rules[{column!r}]: 'source_priority' needs source_priority=[...] "
                    "(source names, best first)"
                )
            out[column] = Rule(chain[0], chain, kind=kind)
    if problems:
        raise SettingsError("invalid survivorship settings: " + "; ".join(problems))
    return out


@attrs.frozen
class Records:
    """What lineage needs of every record: keys, sources, update times, raw cells."""

    keys: list[str]
    sources: list[str | None]
    times: IntArray
    source_rank: IntArray | None


def _codes(
    canonical: Sequence[Any], raw: Sequence[Any], keep_invalid: bool
) -> tuple[IntArray, list[Any], int]:
    """Value codes in order of first appearance (-1: no value), the values, how many valid.

    Records are in key order, so the codes do not depend on the order of the input.
    """
    uniq = list(dict.fromkeys(canonical))
    if None in uniq:
        uniq.remove(None)
    index: dict[Any, int] = {v: i for i, v in enumerate(uniq)}
    index[None] = -1
    codes = np.array(list(map(index.__getitem__, canonical)), dtype=np.int64)
    n_valid = len(uniq)
    if keep_invalid:
        missing = np.flatnonzero(codes < 0).tolist()
        texts = {i: t for i in missing if isinstance(t := as_text(raw[i]), str)}
        extra = list(dict.fromkeys(texts.values()))
        extra_index = {v: n_valid + i for i, v in enumerate(extra)}
        for i, t in texts.items():
            codes[i] = extra_index[t]
        uniq.extend(extra)
    return codes, uniq, n_valid


@attrs.frozen(eq=False)
class FieldGroups:
    """The distinct values of one attribute in every profile, ranked best first.

    ``records`` lists the carrying records grouped by profile, then by value, in key
    order within a value. Group ``g`` spans ``records[start[g]:end[g]]`` and shows
    the raw cell of record ``shown[g]`` (its most recent record; equally recent: the
    smallest key). Profile ``k`` spans groups ``first_group[k]:end_group[k]``, its
    golden value first and the others in rank order.
    """

    column: str
    rule: Rule
    raw: Sequence[Any]
    uniq: list[Any]
    n_valid: int
    records: IntArray
    start: IntArray
    end: IntArray
    shown: IntArray
    code: IntArray
    first: IntArray
    last: IntArray
    first_group: IntArray
    end_group: IntArray

    def entry(self, table: Records, g: int, chosen: bool) -> GoldenValue:
        """Group ``g`` as a :class:`GoldenValue`."""
        lo, hi = int(self.start[g]), int(self.end[g])
        code = int(self.code[g])
        keys, sources = table.keys, table.sources
        if hi - lo == 1:
            i = int(self.records[lo])
            record_ids: tuple[str, ...] = (keys[i],)
            source = sources[i]
            carried_by: tuple[str, ...] = () if source is None else (source,)
        else:
            members = self.records[lo:hi].tolist()
            record_ids = tuple([keys[i] for i in members])
            carried_by = tuple(sorted({s for i in members if (s := sources[i]) is not None}))
        return GoldenValue(
            value=self.raw[int(self.shown[g])],
            canonical=self.uniq[code],
            rule=self.rule.name,
            record_ids=record_ids,
            sources=carried_by,
            first_seen=from_micros(int(self.first[g])),
            last_seen=from_micros(int(self.last[g])),
            chosen=chosen,
            validated=code < self.n_valid,
        )

    def golden(self, table: Records, k: int) -> GoldenValue | None:
        """Profile ``k``'s golden value (None when no member carries a value)."""
        g = int(self.first_group[k])
        return self.entry(table, g, True) if g < int(self.end_group[k]) else None

    def values(self, table: Records, k: int) -> tuple[GoldenValue, ...]:
        """Every distinct value of profile ``k``, the golden value first."""
        g0, g1 = int(self.first_group[k]), int(self.end_group[k])
        return tuple(self.entry(table, g, g == g0) for g in range(g0, g1))

    def golden_records(self, ks: IntArray) -> IntArray:
        """For each profile in ``ks``, the record whose raw cell is its golden value (-1: none)."""
        g = self.first_group[ks]
        has = g < self.end_group[ks]
        out = np.full(ks.size, -1, dtype=np.int64)
        out[has] = self.shown[g[has]]
        return out


def _sort_keys(
    chain: tuple[str, ...],
    ranked_by_source: bool,
    stats: Mapping[str, IntArray],
) -> list[IntArray]:
    """``np.lexsort`` keys (least significant first) ranking groups best first."""
    order = list(dict.fromkeys((*chain, *(("source_priority",) if ranked_by_source else ()))))
    order += [r for r in ("most_recent", "most_frequent") if r not in order]
    keys = [stats["smallest"]]  # last resort: the value of the smallest record key
    keys += [-stats[r] for r in reversed(order)]  # every rule: higher is better
    keys.append(stats["cluster"])
    return keys


def _segment_stats(
    records: IntArray, start: IntArray, end: IntArray, times: IntArray
) -> tuple[IntArray, IntArray, IntArray]:
    """Per group: latest time, earliest known time, and the record shown (latest, then key)."""
    t = times[records]
    last = np.maximum.reduceat(t, start)
    first = np.minimum.reduceat(np.where(t == OLDEST, _NEWEST, t), start)
    first = np.where(first == _NEWEST, OLDEST, first)
    latest = t == np.repeat(last, end - start)
    position = np.where(latest, np.arange(records.size, dtype=np.int64), records.size)
    shown = records[np.minimum.reduceat(position, start)]
    return last, first, shown


def group_field(
    column: str,
    canonical: Sequence[Any],
    raw: Sequence[Any],
    rule: Rule,
    table: Records,
    cluster: IntArray,
    n_clusters: int,
) -> FieldGroups:
    """Group and rank one attribute's values in every profile at once.

    Args:
        column: the field column.
        canonical: each record's normalized value (None: missing or rejected).
        raw: each record's raw cell.
        rule: the attribute's rule.
        table: keys, sources and times of the records.
        cluster: each record's profile ordinal (0 .. n_clusters - 1).
        n_clusters: how many profiles.
    """
    codes, uniq, n_valid = _codes(canonical, raw, "validated_first" in rule.chain)
    idx = np.flatnonzero(codes >= 0)
    group_key = cluster[idx] * (len(uniq) + 1) + codes[idx]
    order = np.argsort(group_key, kind="stable")  # stable: key order within a value
    records, group_key = idx[order], group_key[order]
    new = np.ones(records.size, dtype=bool)
    new[1:] = group_key[1:] != group_key[:-1]
    start = np.flatnonzero(new)
    end = np.append(start[1:], records.size).astype(np.int64)
    empty = np.empty(0, dtype=np.int64)
    last, first, shown = (
        _segment_stats(records, start, end, table.times) if start.size else (empty,) * 3
    )
    if start.size:
        best = best_spelling(records, start, end, raw, rule.kind in SPELLED)
        shown = np.where(best >= 0, records[np.maximum(best, 0)], shown)
    group_cluster = cluster[records[start]]
    sizes = np.bincount(group_cluster, minlength=n_clusters).astype(np.int64)
    end_group = np.cumsum(sizes)
    # Only profiles with two or more distinct values need ranking.
    contested = np.flatnonzero(sizes[group_cluster] > 1)
    if contested.size:
        at = start[contested]
        stats: dict[str, IntArray] = {
            "cluster": group_cluster[contested],
            "smallest": records[at],
            "most_recent": last[contested],
            "most_frequent": (end - start)[contested],
        }
        code = codes[records[at]]
        if "longest" in rule.chain:
            lengths = np.array([len(str(uniq[c])) for c in code.tolist()], dtype=np.int64)
            stats["longest"] = lengths
        stats["validated_first"] = (code < n_valid).astype(np.int64)
        if table.source_rank is not None:
            rank = np.minimum.reduceat(table.source_rank[records], start)
            stats["source_priority"] = -rank[contested]
        keys = _sort_keys(rule.chain, table.source_rank is not None, stats)
        if rule.kind in SPELLED:  # an abbreviation gives way to what it abbreviates
            keys.insert(-1, abbreviations(uniq, code, stats["cluster"]))
        ranked = contested[np.lexsort(keys)]
        perm = np.arange(start.size, dtype=np.int64)
        perm[contested] = ranked
        start, end, last, first, shown = (a[perm] for a in (start, end, last, first, shown))
    groups = FieldGroups(
        column=column,
        rule=rule,
        raw=raw,
        uniq=uniq,
        n_valid=n_valid,
        records=records,
        start=start,
        end=end,
        shown=shown,
        code=codes[records[start]] if start.size else empty,
        first=first,
        last=last,
        first_group=end_group - sizes,
        end_group=end_group,
    )
    if rule.choose is not None:
        _apply_chooser(groups, table, rule.choose)
    return groups


def _apply_chooser(groups: FieldGroups, table: Records, choose: Chooser) -> None:
    """Move the candidate a user callable picks to the front of each profile's groups."""
    contested = np.flatnonzero(groups.end_group - groups.first_group > 1)
    arrays = (groups.start, groups.end, groups.shown, groups.code, groups.first, groups.last)
    for k in contested.tolist():
        g0, g1 = int(groups.first_group[k]), int(groups.end_group[k])
        candidates = tuple(groups.entry(table, g, False) for g in range(g0, g1))
        picked = choose(candidates)
        if isinstance(picked, (int, np.integer)) and not isinstance(picked, bool):
            at = int(picked)
            valid = 0 <= at < len(candidates)
        else:
            at = next((i for i, c in enumerate(candidates) if c is picked), -1)
            if at < 0:
                at = next((i for i, c in enumerate(candidates) if c == picked), -1)
            valid = at >= 0
        if not valid:
            raise SettingsError(
                f"the survivorship callable for {groups.column!r} returned neither one of "
                "the candidates it was given nor a position among them"
            )
        if at:
            for array in arrays:
                array[g0 : g0 + at + 1] = np.roll(array[g0 : g0 + at + 1], 1)
