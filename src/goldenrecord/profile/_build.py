"""From a prepared table and cluster labels to golden profiles: :func:`build_profiles`."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.match._prepare import PreparedTable
from goldenrecord.profile._consent import consent_codes, effective_consent
from goldenrecord.profile._profile import LazyAttributes, LazyConsents, Profile, Store
from goldenrecord.profile._survivorship import Records, RuleSpec, group_field, rules_for
from goldenrecord.profile._time import parse_times

__all__ = ["ProfileList", "ProfileReport", "build_profiles", "profile_id_for"]

IntArray = npt.NDArray[np.int64]


def profile_id_for(record_key: str) -> str:
    """The stable profile id of the cluster whose smallest record key is ``record_key``.

    ``"gp_"`` and 16 hex digits of the key's BLAKE2b hash: the same records give the
    same id whatever the input order, and the id says nothing about the person.

    >>> profile_id_for("crm:000123")
    'gp_04ecc417eb0fba2a'
    """
    digest = hashlib.blake2b(record_key.encode("utf-8"), digest_size=8).hexdigest()
    return "gp_" + digest


@attrs.frozen
class ProfileReport:
    """Figures about one profile build (no personal values).

    Attributes:
        n_records: records that took part.
        n_profiles: profiles built.
        n_singletons: profiles of one record.
        updated_at_missing: records without an ``updated_at`` (ranked oldest).
        updated_at_unparseable: records whose ``updated_at`` could not be read
            (ranked oldest).
        consent_unrecognized: purpose → consent cells that could not be read (taken
            as "unknown").
        consent_profiles: purpose → effective state → number of profiles.
    """

    n_records: int
    n_profiles: int
    n_singletons: int
    updated_at_missing: int
    updated_at_unparseable: int
    consent_unrecognized: Mapping[str, int]
    consent_profiles: Mapping[str, Mapping[str, int]]


class ProfileList(list[Profile]):
    """The profiles of one build (a plain list), with its :class:`ProfileReport`."""

    def __init__(
        self, profiles: Iterable[Profile] = (), report: ProfileReport | None = None
    ) -> None:
        super().__init__(profiles)
        self.report = report

    def by_id(self) -> dict[str, Profile]:
        """``{profile_id: profile}``."""
        return {p.profile_id: p for p in self}


def _roots(labels: object, n: int) -> IntArray:
    """Each record's cluster as the index of its smallest member."""
    arr = np.asarray(labels)
    if arr.shape != (n,) or not (np.issubdtype(arr.dtype, np.integer) or n == 0):
        raise SettingsError(
            f"labels must be one integer per prepared record ({n}), "
            f"got shape {arr.shape} and dtype {arr.dtype}"
        )
    arr = arr.astype(np.int64, copy=False)
    position = np.arange(n, dtype=np.int64)
    if (
        n
        and arr.min() >= 0
        and arr.max() < n
        and np.array_equal(arr[arr], arr)
        and bool(np.all(arr <= position))
    ):
        return arr  # already "smallest member" labels, as connected_components gives
    _, inverse = np.unique(arr, return_inverse=True)
    smallest = np.full(int(inverse.max()) + 1 if n else 0, n, dtype=np.int64)
    np.minimum.at(smallest, inverse.reshape(-1), position)
    return smallest[inverse.reshape(-1)]


def _consent_columns(
    prepared: PreparedTable, consent_columns: Mapping[str, str] | None
) -> dict[str, str]:
    available = [c for c in prepared.raw if c not in prepared.fields]
    if consent_columns is None:
        return {c: c for c in available}
    missing = [c for c in consent_columns.values() if c not in available]
    if missing:
        raise SettingsError(
            f"consent column(s) {', '.join(map(repr, missing))} are not in the prepared "
            f"table; consent columns there: {', '.join(available) or 'none'}"
        )
    return dict(consent_columns)


def build_profiles(
    prepared: PreparedTable,
    labels: npt.ArrayLike,
    *,
    rules: Mapping[str, RuleSpec] | None = None,
    source_priority: Sequence[str] | None = None,
    consent_columns: Mapping[str, str] | None = None,
) -> ProfileList:
    """One golden profile per cluster, with survivorship, lineage and consent.

    Args:
        prepared: the prepared records (:func:`goldenrecord.match._prepare.prepare`).
        labels: one integer per record; records with equal labels form one profile
            (e.g. :func:`goldenrecord.graph.connected_components`: the index of the
            smallest member).
        rules: survivorship rule per field column or field kind: a rule name (see
            :data:`RULES`), a sequence of them (later ones break ties), or a callable
            given the ranked candidates (:class:`GoldenValue`, two or more) that
            returns one of them or its position. Unnamed fields use
            :data:`DEFAULT_RULES`.
        source_priority: source names, best first, for the ``source_priority`` rule;
            when given it also breaks the remaining ties of every other rule. Sources
            not listed rank after all listed ones.
        consent_columns: consent purpose → column (the schema's ``consent``); by
            default every consent column in ``prepared`` is a purpose of its own name.

    Returns:
        A :class:`ProfileList` (a list of :class:`Profile` with a ``report``), sorted
        by each profile's smallest member key, so in the same order for any input order.

    Raises:
        SettingsError: labels of the wrong length, unknown fields or rules, unknown
            consent columns (all survivorship problems are reported at once).
    """
    n = len(prepared)
    roots = _roots(labels, n)
    rule_of = rules_for(prepared.fields, rules, source_priority)
    purposes = _consent_columns(prepared, consent_columns)

    position = np.arange(n, dtype=np.int64)
    root_ids = np.flatnonzero(roots == position)
    n_clusters = root_ids.size
    cluster_of_root = np.full(n, -1, dtype=np.int64)
    cluster_of_root[root_ids] = np.arange(n_clusters, dtype=np.int64)
    cluster = cluster_of_root[roots]

    times = parse_times(prepared.updated_at)
    source_rank = None
    if source_priority is not None:
        rank = {s: i for i, s in reversed(list(enumerate(source_priority)))}
        last = len(rank)
        source_rank = np.array(
            [last if s is None else rank.get(s, last) for s in prepared.sources], dtype=np.int64
        )
    table = Records(prepared.keys, prepared.sources, times.micros, source_rank)

    groups = {
        column: group_field(
            column,
            prepared.columns[column].tolist(),
            prepared.raw[column],
            rule_of[column],
            table,
            cluster,
            n_clusters,
        )
        for column in prepared.fields
    }
    consent: dict[str, npt.NDArray[np.int8]] = {}
    stated_by: dict[str, IntArray] = {}
    unrecognized: dict[str, int] = {}
    tallies: dict[str, dict[str, int]] = {}
    for purpose, column in purposes.items():
        codes, unrecognized[purpose] = consent_codes(prepared.raw[column])
        consent[purpose], stated_by[purpose] = effective_consent(
            codes, times.micros, roots, n_clusters, cluster_of_root
        )
        counts = np.bincount(consent[purpose].astype(np.int64) + 1, minlength=3).tolist()
        tallies[purpose] = {"yes": counts[2], "no": counts[1], "unknown": counts[0]}
    store = Store(dict(prepared.fields), table, groups, consent, stated_by)

    sizes = np.bincount(cluster, minlength=n_clusters)
    keys = prepared.keys
    members = [keys[i] for i in np.argsort(cluster, kind="stable").tolist()]
    bounds = np.cumsum(sizes).tolist()
    blake2b = hashlib.blake2b
    profiles = ProfileList()
    append = profiles.append
    lo = 0
    for k, hi in enumerate(bounds):
        key = members[lo]  # the smallest key of the cluster: records are in key order
        pid = "gp_" + blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
        record_ids = (key,) if hi - lo == 1 else tuple(members[lo:hi])
        append(Profile(pid, record_ids, LazyAttributes(store, k), LazyConsents(store, k)))
        lo = hi
    profiles.report = ProfileReport(
        n_records=n,
        n_profiles=n_clusters,
        n_singletons=int(np.count_nonzero(sizes == 1)),
        updated_at_missing=times.missing,
        updated_at_unparseable=times.unparseable,
        consent_unrecognized=unrecognized,
        consent_profiles=tallies,
    )
    return profiles
