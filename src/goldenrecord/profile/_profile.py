"""Golden profiles: :class:`Profile` and its consent-aware :class:`ProfileView`.

A profile's values are not copied into Python objects when profiles are built: the
ranked values of every attribute live in shared NumPy arrays, and a
:class:`GoldenValue` is made when someone looks at it. To the reader a profile is a
frozen object with a mapping of attributes like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord._html import TABLE, badge, breakable, esc, heading, records, view
from goldenrecord.errors import SettingsError
from goldenrecord.profile._consent import CONSENT_STATES, ConsentState
from goldenrecord.profile._golden import GoldenValue
from goldenrecord.profile._survivorship import FieldGroups, Records

__all__ = ["Profile", "ProfileView", "allowed", "check_default"]

_STATE_OF_CODE: Final[dict[int, ConsentState]] = {1: "yes", 0: "no", -1: "unknown"}


def check_default(default: str) -> None:
    """A view's default for unknown consent must be "yes" or "no"."""
    if default not in ("yes", "no"):
        raise SettingsError(f"default must be 'yes' or 'no', got {default!r}")


def allowed(state: ConsentState, default: ConsentState) -> bool:
    """Whether a view for a purpose may carry personal values, given the consent state."""
    return state == "yes" or (state == "unknown" and default == "yes")


@attrs.frozen(eq=False)
class Store:
    """The columnar state behind every profile of one build."""

    fields: dict[str, str]
    table: Records
    groups: dict[str, FieldGroups]
    consent: dict[str, npt.NDArray[np.int8]]
    stated_by: dict[str, npt.NDArray[np.int64]]

    def check_field(self, field: str) -> None:
        if field not in self.fields:
            raise SettingsError(
                f"{field!r} is not a field of the schema; fields: {', '.join(self.fields)}"
            )

    def check_purpose(self, purpose: str) -> None:
        if purpose not in self.consent:
            known = ", ".join(self.consent) or "none (the schema maps no consent column)"
            raise SettingsError(f"unknown consent purpose {purpose!r}; purposes: {known}")


class LazyAttributes(Mapping[str, GoldenValue]):
    """A profile's golden values by field column, made on access from the shared store."""

    __slots__ = ("_k", "_store")

    def __init__(self, store: Store, k: int) -> None:
        self._store = store
        self._k = k

    def __getitem__(self, field: str) -> GoldenValue:
        groups = self._store.groups.get(field)
        value = None if groups is None else groups.golden(self._store.table, self._k)
        if value is None:
            raise KeyError(field)
        return value

    def _present(self) -> list[str]:
        k = self._k
        return [f for f, g in self._store.groups.items() if g.first_group[k] < g.end_group[k]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._present())

    def __len__(self) -> int:
        return len(self._present())

    def __contains__(self, field: object) -> bool:
        groups = self._store.groups.get(field) if isinstance(field, str) else None
        return groups is not None and bool(groups.first_group[self._k] < groups.end_group[self._k])

    def __repr__(self) -> str:
        return repr(dict(self))

    def distinct(self, field: str) -> tuple[GoldenValue, ...]:
        """Every distinct value of ``field``, the golden value first."""
        self._store.check_field(field)
        return self._store.groups[field].values(self._store.table, self._k)


class LazyConsents(Mapping[str, ConsentState]):
    """A profile's effective consent state per purpose."""

    __slots__ = ("_k", "_store")

    def __init__(self, store: Store, k: int) -> None:
        self._store = store
        self._k = k

    def __getitem__(self, purpose: str) -> ConsentState:
        codes = self._store.consent.get(purpose)
        if codes is None:
            raise KeyError(purpose)
        return _STATE_OF_CODE[int(codes[self._k])]

    def __iter__(self) -> Iterator[str]:
        return iter(self._store.consent)

    def record(self, purpose: str) -> str | None:
        """The key of the member record whose statement is in force (None: unknown)."""
        self._store.check_purpose(purpose)
        i = int(self._store.stated_by[purpose][self._k])
        return None if i < 0 else self._store.table.keys[i]

    def __len__(self) -> int:
        return len(self._store.consent)

    def __repr__(self) -> str:
        return repr(dict(self))


def _seen(when: dt.datetime | None) -> str:
    """A first/last seen cell: the day, with the full UTC time as a tooltip."""
    if when is None:
        return "<td></td>"
    return f'<td class="num" title="{esc(when.isoformat())}">{when.date().isoformat()}</td>'


def _lineage_rows(profile: Profile, sources: bool, seen: bool) -> list[str]:
    """One row per golden value, then a grey row per other distinct value of it; with
    the sources and first/last seen cells when ``sources`` and ``seen``."""
    rows = []
    for field in profile.attributes:
        for k, v in enumerate(profile.values(field)):
            name, rule, css = (field, v.rule, "") if k == 0 else ("", "", ' class="other"')
            rows.append(
                # Attribute and rule names may wrap after an underscore
                # (customer_ number), so the table fits beside a notebook prompt.
                f'<tr{css}><td class="wrap">{breakable(name)}</td>'
                f'<td class="wrap">{breakable(v.value)}</td>'
                f'<td class="wrap">{breakable(rule)}</td>'
                f'<td class="wrap">{records(v.record_ids)}</td>'
                + (f'<td class="wrap">{esc(", ".join(v.sources))}</td>' if sources else "")
                + (f"{_seen(v.first_seen)}{_seen(v.last_seen)}" if seen else "")
                + "</tr>"
            )
    return rows


def _consent_badges(profile: Profile, purposes: Iterable[str]) -> str:
    """The consent state per purpose, each with the record whose statement is in force."""
    badges = []
    for purpose in purposes:
        state = profile.consent(purpose)
        stated_by = profile.consent_record(purpose)
        text = f"{purpose}: {state}" + ("" if stated_by is None else f" ({stated_by})")
        badges.append(badge(text, state))
    return f"<p>consent {''.join(badges)}</p>" if badges else ""


def _profile_html(profile: Profile, purposes: Iterable[str], title: str) -> str:
    """A profile's id, consent badges and golden values with their lineage. The sources
    column is shown when some value has a source (the schema reads a source column, or
    the input was a mapping of sources), first/last seen when some value has a time
    (the schema reads an update time): never a column empty from top to bottom."""
    every = [v for field in profile.attributes for v in profile.values(field)]
    sources = any(v.sources for v in every)
    seen = any(v.first_seen is not None or v.last_seen is not None for v in every)
    rows = _lineage_rows(profile, sources, seen)
    head = "<th>attribute</th><th>value</th><th>rule</th><th>records</th>"
    head += "<th>sources</th>" if sources else ""
    head += '<th class="num">first seen</th><th class="num">last seen</th>' if seen else ""
    values = f"{TABLE}<tr>{head}</tr>{''.join(rows)}</table>" if rows else "<p>no values</p>"
    return view(heading(title), _consent_badges(profile, purposes), values)


@attrs.frozen(repr=False)
class Profile:
    """One person's golden profile: member records, golden values, consent.

    Attributes:
        profile_id: a stable id derived from the smallest member record key
            (see :func:`profile_id_for`).
        record_ids: the member record keys, sorted.
        attributes: field column → :class:`GoldenValue`, for the fields that some
            member carries (in schema order).
        consents: purpose → effective consent state (``"yes"``, ``"no"``, ``"unknown"``).

    >>> p = Profile("gp_1", ("r1", "r2"),
    ...             {"email": GoldenValue("A@x.io", "a@x.io", "most_recent", ("r2",))},
    ...             {"marketing": "no"})
    >>> p["email"].value, p.consent("marketing"), p.n_records
    ('A@x.io', 'no', 2)
    >>> p.view("marketing")
    ProfileView('gp_1', purpose='marketing', consent='no', withheld)
    """

    profile_id: str
    record_ids: tuple[str, ...]
    attributes: Mapping[str, GoldenValue] = attrs.field(factory=dict, hash=False)
    consents: Mapping[str, ConsentState] = attrs.field(factory=dict, hash=False)

    @property
    def n_records(self) -> int:
        """How many records the profile joins."""
        return len(self.record_ids)

    def __getitem__(self, field: str) -> GoldenValue:
        """The golden value of ``field``.

        Raises:
            KeyError: (the field name only) when no member record carries a value.
            SettingsError: when ``field`` is not a field of the schema.
        """
        if isinstance(self.attributes, LazyAttributes):
            self.attributes._store.check_field(field)
        return self.attributes[field]

    def get(self, field: str, default: Any = None) -> Any:
        """The golden value of ``field``, or ``default`` when no member carries one."""
        try:
            return self[field]
        except KeyError:
            return default

    def values(self, field: str) -> tuple[GoldenValue, ...]:
        """Every distinct value of ``field`` among the members, the golden value first.

        The others follow in the order the rule ranks them; each keeps its own
        records, sources and first/last seen times (``chosen`` is False).
        """
        if isinstance(self.attributes, LazyAttributes):
            return self.attributes.distinct(field)
        return (self.attributes[field],) if field in self.attributes else ()

    def consent(self, purpose: str) -> ConsentState:
        """The latest explicit statement for ``purpose`` among the members.

        ``"yes"`` or ``"no"`` from the most recently updated member record that
        states one (equally recent: ``"no"``); ``"unknown"`` when none does.

        Raises:
            SettingsError: when ``purpose`` is not a consent purpose of the schema.
        """
        if isinstance(self.consents, LazyConsents):
            self.consents._store.check_purpose(purpose)
        elif purpose not in self.consents:
            known = ", ".join(self.consents) or "none"
            raise SettingsError(f"unknown consent purpose {purpose!r}; purposes: {known}")
        return self.consents[purpose]

    def consent_record(self, purpose: str) -> str | None:
        """The member record whose statement for ``purpose`` is in force, for lineage.

        None when the consent is unknown (or the profile was built by hand).
        """
        self.consent(purpose)
        if isinstance(self.consents, LazyConsents):
            return self.consents.record(purpose)
        return None

    def view(self, purpose: str, *, default: ConsentState = "no") -> ProfileView:
        """The profile as it may be used for ``purpose``.

        Args:
            purpose: a consent purpose of the schema.
            default: how to treat an ``"unknown"`` effective consent: ``"no"``
                (withhold, the default) or ``"yes"``.

        Returns:
            A :class:`ProfileView` with every value when the effective consent is
            yes (or unknown with ``default="yes"``); otherwise only the profile id,
            the record count and the consent state.
        """
        check_default(default)
        state = self.consent(purpose)
        shown = allowed(state, default)
        return ProfileView(
            profile_id=self.profile_id,
            purpose=purpose,
            consent=state,
            n_records=self.n_records,
            withheld=not shown,
            record_ids=self.record_ids if shown else (),
            attributes=self.attributes if shown else {},
            profile=self if shown else None,
        )

    def to_dict(self) -> dict[str, Any]:
        """``profile_id``, ``n_records`` and each golden value (raw, as written)."""
        out: dict[str, Any] = {"profile_id": self.profile_id, "n_records": self.n_records}
        out.update((field, v.value) for field, v in self.attributes.items())
        return out

    def __repr__(self) -> str:
        return f"Profile({self.profile_id!r}, records={self.n_records})"

    def _repr_html_(self) -> str:
        """For Jupyter: consent per purpose and every golden value with its lineage.

        Each attribute shows the golden value, the rule that chose it, the records
        and sources carrying it and when it was first and last seen; the other
        distinct values follow in grey. Every value is escaped.
        """
        return _profile_html(self, self.consents, f"{self.profile_id} ({self.n_records} records)")


@attrs.frozen(repr=False)
class ProfileView:
    """A profile as it may be used for one purpose (see :meth:`Profile.view`).

    Attributes:
        profile_id: the profile's id.
        purpose: the consent purpose.
        consent: the profile's effective consent state for it.
        n_records: how many records the profile joins.
        withheld: True when the view carries no personal values.
        record_ids: the member record keys (empty when withheld).
        attributes: the golden values (empty when withheld).
    """

    profile_id: str
    purpose: str
    consent: ConsentState = attrs.field(validator=attrs.validators.in_(CONSENT_STATES))
    n_records: int
    withheld: bool
    record_ids: tuple[str, ...] = ()
    attributes: Mapping[str, GoldenValue] = attrs.field(factory=dict, hash=False)
    _profile: Profile | None = attrs.field(default=None, eq=False, repr=False, alias="profile")

    def __getitem__(self, field: str) -> GoldenValue:
        """The golden value of ``field``; KeyError when withheld or absent."""
        if self._profile is not None:
            return self._profile[field]
        raise KeyError(field)

    def values(self, field: str) -> tuple[GoldenValue, ...]:
        """Every distinct value of ``field``; empty when withheld."""
        return () if self._profile is None else self._profile.values(field)

    def to_dict(self) -> dict[str, Any]:
        """Like :meth:`Profile.to_dict`, plus the purpose and consent state."""
        out: dict[str, Any] = {"profile_id": self.profile_id, "n_records": self.n_records}
        out.update((field, v.value) for field, v in self.attributes.items())
        out[f"consent_{self.purpose}"] = self.consent
        return out

    def __repr__(self) -> str:
        state = "withheld" if self.withheld else f"records={self.n_records}"
        return (
            f"ProfileView({self.profile_id!r}, purpose={self.purpose!r}, "
            f"consent={self.consent!r}, {state})"
        )

    def _repr_html_(self) -> str:
        """For Jupyter: the profile as :meth:`Profile._repr_html_` shows it, under the
        view's purpose and consent; when withheld, only the id, the record count and
        the consent state (no personal values, no record ids)."""
        title = f"{self.profile_id} ({self.n_records} records), view for {self.purpose}"
        if self.withheld:
            return view(
                heading(title),
                f"<p>consent {badge(f'{self.purpose}: {self.consent}', self.consent)}"
                "personal values withheld</p>",
            )
        profile = self._profile or Profile(
            self.profile_id, self.record_ids, self.attributes, {self.purpose: self.consent}
        )
        return _profile_html(profile, (self.purpose,), title)
