"""The identity store's stored settings: reading them back checked, and comparing the
settings given on reopening with them."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from goldenrecord.errors import SettingsError, StoreError
from goldenrecord.match.blocking import BlockingRule, GroupRule, default_rules

__all__ = ["StoreSettings", "differing", "next_stamp", "parse_settings", "secret_check"]


def _frozen_limits(limits: Mapping[str, int] | None) -> Mapping[str, int] | None:
    return None if limits is None else MappingProxyType(dict(limits))


@attrs.frozen
class StoreSettings:
    """The settings a store was created with, read from its settings document: one
    frozen object every part of the store reads (the document also keeps the store's
    running state: ingest count, block caps, stamps, which stays a mapping).

    Attributes:
        rules: the blocking rules in effect (a rule that blocked nothing on the bulk
            load is dropped from them).
        limits: value limits as given (None: the defaults).
        shared_min_people: see :func:`goldenrecord.resolve` (None: no shared values).
        max_block_size: a key held by more records is not looked up.
        purpose: the consent purpose the store resolves for (None: none).
        one_per_source: a profile takes one record per source.
        attach: lone records are attached to the one profile they resemble, as
            ``gr.resolve(attach=True)`` attaches them (False in a store created before
            the option, which kept no matches below the threshold).
    """

    rules: tuple[BlockingRule, ...]
    limits: Mapping[str, int] | None = attrs.field(converter=_frozen_limits)
    shared_min_people: int | None
    max_block_size: int
    purpose: str | None = None
    one_per_source: bool = False
    attach: bool = False

    @classmethod
    def of(cls, doc: Mapping[str, Any]) -> StoreSettings:
        """The settings of a parsed settings document (:func:`parse_settings`)."""
        return cls(
            rules=tuple(BlockingRule(tuple(k), p) for k, p in doc["rules"]),
            limits=doc.get("limits"),
            shared_min_people=doc.get("shared_min_people"),
            max_block_size=int(doc["max_block_size"]),
            purpose=doc.get("purpose"),
            one_per_source=bool(doc.get("one_per_source")),
            attach=bool(doc.get("attach")),
        )


def differing(
    settings: Mapping[str, Any],
    *,
    rules: Sequence[BlockingRule | str | Iterable[str]] | None,
    limits: Mapping[str, int] | None,
    purpose: str | None,
    one_per_source: bool | None,
    attach: bool | None = None,
) -> list[str]:
    """The settings given on reopening that differ from the stored ones (names
    only: a setting not given is not compared)."""
    s = settings
    differ = []
    if rules is not None:
        given = [[list(r.keys), r.pairs_per_record] for r in map(BlockingRule.of, rules)]
        if given != s.get("rules_given", s["rules"]):
            differ.append("rules")
    if limits is not None and dict(limits) != s.get("limits"):
        differ.append("limits")
    if purpose is not None and purpose != s.get("purpose"):
        differ.append("purpose")
    if one_per_source is not None and bool(one_per_source) != bool(s.get("one_per_source")):
        differ.append("one_per_source")
    if attach is not None and bool(attach) != bool(s.get("attach")):
        differ.append("attach")
    return differ


def secret_check(settings_doc: str | None) -> str | None:
    """The stored check of the store's secret (None: a new store, or one written before
    the secret left the file)."""
    if settings_doc is None:
        return None
    try:
        check = json.loads(settings_doc).get("secret_check")
    except (ValueError, AttributeError):
        raise StoreError(
            "the identity store's settings are damaged (model table); "
            "run `goldenrecord check` on it"
        ) from None
    return check if isinstance(check, str) else None


def parse_settings(doc: str) -> dict[str, Any]:
    """The stored settings, with the entries every version keeps checked for type."""
    settings = json.loads(doc)
    if not isinstance(settings, dict):
        raise TypeError("settings")
    if not isinstance(settings["rules"], list) or not isinstance(settings["ingests"], int):
        raise TypeError("settings")
    if not isinstance(settings["max_block_size"], int):
        raise TypeError("settings")
    return settings


def next_stamp(settings: dict[str, Any]) -> str:
    """The time of this ingest (UTC, ISO 8601 with microseconds), later than every
    earlier ingest's (kept in ``settings["last_stamp"]``): for a schema without
    ``updated_at`` it is the written records' update time, so ingest order counts as
    recency (``most_recent``)."""
    now_us = time.time_ns() // 1000
    last = settings.get("last_stamp")
    stamp = max(now_us, int(last) + 1) if isinstance(last, int) else now_us
    settings["last_stamp"] = stamp
    seconds, micros = divmod(stamp, 1_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{micros:06d}Z"


def store_rules(
    rules: Iterable[BlockingRule | str | Iterable[str]] | None, fields: Mapping[str, str]
) -> list[BlockingRule]:
    """The blocking rules of a new store: those given, or batch's defaults (loose tier
    too) without the batch-only group rule. A record entering the store meets the
    profile of each record it shares a key with whole, which is what a
    :class:`~goldenrecord.match.blocking.GroupRule` gives batch."""
    if rules is None:
        return [r for r in default_rules(fields) if not isinstance(r, GroupRule)]
    picked = [BlockingRule.of(r) for r in rules]
    if any(isinstance(r, GroupRule) for r in picked):
        raise SettingsError(
            "the identity store does not take a GroupRule: a record entering the store "
            "is compared with the profiles of the records it shares a key with"
        )
    return picked
