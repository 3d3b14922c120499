"""What each column of a customer table holds: the :class:`Schema`.

A schema names the record-id column, optionally the source and last-update columns,
maps every column used for matching to a field *kind*, and maps consent purposes to
the columns that hold each record's consent statement.

>>> s = Schema(id="record_id", fields={"email": "email", "mobile": "phone"}, default_region="GB")
>>> s.kind_of("mobile")
'phone'
>>> Schema.from_json(s.to_json()) == s
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs
import phonenumbers

from goldenrecord._schema_guess import (
    _consent_purpose,
    _fold_column_name,
    _kind_from_name,
    _kind_from_script,
    _kind_from_values,
)
from goldenrecord._schema_words import _ROLE_NAMES
from goldenrecord._table import to_columns
from goldenrecord._warnings import emit, kind_warnings
from goldenrecord.errors import SettingsError

__all__ = ["FIELD_KINDS", "SCHEMA_VERSION", "Schema", "infer_schema"]

FIELD_KINDS: Final[tuple[str, ...]] = (
    "address",
    "bloom",
    "city",
    "country",
    "date",
    "email",
    "family_name",
    "full_name",
    "given_name",
    "hmac",
    "identifier",
    "phone",
    "postcode",
    "region",
    "text",
)
"""The kinds a field can have; each has its normalizer and its comparison.

``region`` is a state, province, county or region: a place too wide to tell people
apart on its own, compared as the weakest level of the location comparison.

``hmac`` and ``bloom`` are the kinds of tables encoded by :func:`goldenrecord.pprl.encode`
(a keyed hash of an exact value; a Bloom filter of a name or an address)."""

SCHEMA_VERSION: Final = 1


def _json_type(value: object) -> str:
    """The JSON name of a value's type, with its article (for messages, never the value)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "an array"
    return f"a {type(value).__name__}"


def _clipped(name: str, width: int = 40) -> str:
    """A key's repr, cut to ``width`` characters."""
    text = repr(name)
    return text if len(text) <= width else text[: width - 1] + "…"


def _frozen_mapping(value: Mapping[str, str] | None) -> dict[str, str]:
    return dict(value) if value else {}


def _problems(schema: Schema) -> list[str]:
    problems: list[str] = []
    if not isinstance(schema.id, str) or not schema.id:
        problems.append("id must name the record-id column (a non-empty string)")
    for column, kind in schema.fields.items():
        if kind not in FIELD_KINDS:
            problems.append(
                f"field {column!r} has unknown kind {kind!r}; "
                f"choose one of {', '.join(FIELD_KINDS)}"
            )
    roles = [("id", schema.id), ("source", schema.source), ("updated_at", schema.updated_at)]
    for role, role_column in roles:
        if role_column is not None and role_column in schema.fields:
            problems.append(
                f"column {role_column!r} is the {role} column and cannot also be a field"
            )
    for purpose, column in schema.consent.items():
        if not purpose or not column:
            problems.append("consent maps purposes to column names; both must be non-empty")
        elif column in schema.fields or column == schema.id:
            problems.append(f"consent column {column!r} for {purpose!r} is also used elsewhere")
    if schema.default_region is not None and (
        schema.default_region not in phonenumbers.SUPPORTED_REGIONS
    ):
        problems.append(
            f"default_region {schema.default_region!r} is not an ISO 3166 alpha-2 region code "
            "(upper case, e.g. 'US', 'GB', 'FR')"
        )
    return problems


@attrs.frozen
class Schema:
    """Which columns hold what, for one customer table (or several with the same layout).

    Attributes:
        id: the column with each record's unique id within its source.
        source: the column naming each record's source system, if the table has one.
        updated_at: the column with each record's last-update time (used by the
            "most recent" survivorship rule and for consent), if any.
        fields: column name → field kind (see :data:`FIELD_KINDS`).
        default_region: ISO 3166 alpha-2 region for phones and postcodes of records
            without a country of their own.
        consent: consent purpose → column holding each record's statement for it.
        inferred: for a schema built by :meth:`infer`, column → how its kind was
            chosen (``"name"`` or ``"values"``); not part of equality.

    Raises:
        SettingsError: on construction, listing every problem at once (unknown kinds,
            a column used twice, an unknown region).
    """

    id: str
    source: str | None = None
    updated_at: str | None = None
    fields: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_mapping)
    default_region: str | None = None
    consent: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_mapping)
    inferred: Mapping[str, str] = attrs.field(
        factory=dict, converter=_frozen_mapping, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise SettingsError("invalid Schema: " + "; ".join(problems))

    def kind_of(self, column: str) -> str:
        """The field kind of ``column``; SettingsError naming the fields if it is not one."""
        try:
            return self.fields[column]
        except KeyError:
            raise SettingsError(
                f"{column!r} is not a field of this schema; fields: {', '.join(self.fields)}"
            ) from None

    def columns_of(self, kind: str) -> list[str]:
        """The field columns of one kind, in schema order."""
        if kind not in FIELD_KINDS:
            raise SettingsError(f"unknown kind {kind!r}; choose one of {', '.join(FIELD_KINDS)}")
        return [column for column, k in self.fields.items() if k == kind]

    @property
    def required_columns(self) -> list[str]:
        """Every column this schema reads, in a stable order."""
        cols = [self.id, self.source, self.updated_at, *self.fields, *self.consent.values()]
        return list(dict.fromkeys(c for c in cols if c is not None))

    def check_columns(self, available: Iterable[str]) -> None:
        """Raise SettingsError naming every schema column missing from ``available``."""
        have = list(available)
        missing = [c for c in self.required_columns if c not in have]
        if missing:
            raise SettingsError(
                f"column(s) {', '.join(map(repr, missing))} named in the schema are not in the "
                f"table; available: {', '.join(have)}"
            )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with a ``schema_version``."""
        return {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "source": self.source,
            "updated_at": self.updated_at,
            "fields": dict(self.fields),
            "default_region": self.default_region,
            "consent": dict(self.consent),
        }

    def to_json(self) -> str:
        """Serialize to JSON (see :meth:`from_json`)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Schema:
        """Build from :meth:`to_dict` output.

        Raises:
            SettingsError: for anything that is not such a document (not an object, an
                unknown key or version, a value of the wrong type at any level), listing
                every problem at once; a message names keys and types, never echoes a
                value of the document other than the column names and kinds it maps.
        """
        if not isinstance(doc, Mapping):
            raise SettingsError(f"a schema must be a JSON object, not {_json_type(doc)}")
        version = doc.get("schema_version", SCHEMA_VERSION)
        if type(version) is not int or version != SCHEMA_VERSION:
            named = f"schema_version {version}" if type(version) is int else "schema_version"
            if type(version) is int and abs(version) >= 10**9:
                named = "schema_version"
            raise SettingsError(
                f"{named} is not supported (it must be the number {SCHEMA_VERSION}); this "
                f"goldenrecord reads version {SCHEMA_VERSION}"
            )
        accepted = {"schema_version", "id", "source", "updated_at", "fields", "default_region"}
        accepted.add("consent")
        if not all(isinstance(k, str) for k in doc):
            raise SettingsError("a schema's keys must be strings")
        unknown = sorted(set(doc) - accepted)
        if unknown:
            raise SettingsError(
                f"unknown schema key(s) {', '.join(_clipped(k) for k in unknown)}; "
                f"accepted: {', '.join(sorted(accepted))}"
            )
        if "id" not in doc:
            raise SettingsError("a schema needs 'id', the record-id column")
        problems = []
        for key in ("id", "source", "updated_at", "default_region"):
            value = doc.get(key)
            if not (isinstance(value, str) or (value is None and key != "id")):
                allowed = "a string" if key == "id" else "a string or null"
                problems.append(f"{key!r} must be {allowed}, not {_json_type(value)}")
        for key in ("fields", "consent"):
            value = doc.get(key)
            if value is None:
                continue
            if not isinstance(value, Mapping):
                problems.append(f"{key!r} must be an object, not {_json_type(value)}")
            elif not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                problems.append(f"{key!r} must map strings to strings")
        if problems:
            raise SettingsError("invalid schema: " + "; ".join(problems))
        return cls(
            id=doc["id"],
            source=doc.get("source"),
            updated_at=doc.get("updated_at"),
            fields=doc.get("fields") or {},
            default_region=doc.get("default_region"),
            consent=doc.get("consent") or {},
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Schema:
        """Parse :meth:`to_json` output.

        Raises:
            SettingsError: for any text that is not a valid schema document: not JSON,
                not UTF-8, nested too deep, numbers too large, wrong types (see
                :meth:`from_dict`).

        >>> Schema.from_json('{"id": ["record_id"]}')
        Traceback (most recent call last):
        ...
        goldenrecord.errors.SettingsError: invalid schema: 'id' must be a string, not an array
        """
        if not isinstance(text, (str, bytes, bytearray)):
            raise SettingsError(f"schema JSON must be text, not {type(text).__name__}")
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as err:
            raise SettingsError(
                f"schema JSON does not parse: {err.msg} at line {err.lineno}"
            ) from None
        except UnicodeDecodeError:
            raise SettingsError("schema JSON is not UTF-8 text") from None
        except ValueError:  # e.g. an integer with more digits than Python converts
            raise SettingsError("schema JSON holds a number too large to read") from None
        except RecursionError:
            raise SettingsError("schema JSON is nested too deeply") from None
        if not isinstance(doc, dict):
            raise SettingsError(f"schema JSON must be an object, not {_json_type(doc)}")
        return cls.from_dict(doc)

    @classmethod
    def infer(cls, table: object, *, default_region: str | None = None) -> Schema:
        """Guess a schema from column names (in several languages) and, failing that, values.

        Column names are matched after folding case, accents and separators
        (``"Date de naissance"`` reads as ``date_de_naissance``), then by their words:
        a place word (``birth_place``, ``suburb``, ``ville``, ``ciudad``, ``城市``) makes
        a city or a country, never a date; an id word (``soc_sec_id``, ``member
        number``, ``customer no.``) makes an identifier, never a phone; a state or
        region is a ``region`` (weak evidence within the location); a street or
        house number, a second address line, a gender or an occupation is kept as
        ``text`` (two records that differ on it are seldom one person). A column whose
        name says nothing is classified from a sample of its values when they are
        clearly emails, phone numbers or dates (bare numbers shorter than a national
        phone number are left out: they are more often ids or amounts); otherwise it
        is left out. ``inferred`` records how each field was chosen.

        A column whose name says one kind while its values clearly are another raises a
        :class:`~goldenrecord.errors.ResolutionWarning` (``kind_mismatch``); the
        column keeps the kind its name says, so check it.

        >>> table = {"ID": [1], "Prénom": ["Ana"], "Nom": ["Lima"], "Courriel": ["a@b.io"]}
        >>> s = Schema.infer(table)
        >>> s.id, dict(s.fields)
        ('ID', {'Prénom': 'given_name', 'Nom': 'family_name', 'Courriel': 'email'})
        >>> table = {"rec_id": ["a"], "soc_sec_id": ["5304218"], "birth_place": ["devon"],
        ...          "state": ["nsw"], "street_number": ["8"], "gender": ["f"]}
        >>> Schema.infer(table).fields  # doctest: +NORMALIZE_WHITESPACE
        {'soc_sec_id': 'identifier', 'birth_place': 'city', 'state': 'region',
         'street_number': 'text', 'gender': 'text'}

        Raises:
            SettingsError: no column looks like a record id.
        """
        schema = infer_schema(table, default_region=default_region)
        columns = to_columns(table)
        found = []
        for column, kind in schema.fields.items():
            if schema.inferred.get(column) == "name":
                found += kind_warnings(column, kind, columns[column])
        emit(found, stacklevel=2)
        return schema


def infer_schema(table: object, *, default_region: str | None = None) -> Schema:
    """:meth:`Schema.infer` without its warnings (the caller checks the kinds itself)."""
    columns = to_columns(table)
    id_col: str | None = None
    source: str | None = None
    updated_at: str | None = None
    fields: dict[str, str] = {}
    consent: dict[str, str] = {}
    how: dict[str, str] = {}
    for column, cells in columns.items():
        key = _fold_column_name(column)
        role = _ROLE_NAMES.get(key)
        if role == "id" and id_col is None:
            id_col = column
        elif role == "source" and source is None:
            source = column
        elif role == "updated_at" and updated_at is None:
            updated_at = column
        elif (purpose := _consent_purpose(key)) is not None:
            consent.setdefault(purpose, column)
        elif (kind := _kind_from_name(key) or _kind_from_script(column)) is not None:
            fields[column] = kind
            how[column] = "name"
        elif (kind := _kind_from_values(cells)) is not None:
            fields[column] = kind
            how[column] = "values"
    if id_col is None:
        raise SettingsError(
            "no column looks like a record id (e.g. 'id', 'record_id', 'customer_id'); "
            f"columns: {', '.join(columns)}; give Schema(id=...) explicitly"
        )
    return Schema(
        id=id_col,
        source=source,
        updated_at=updated_at,
        fields=fields,
        default_region=default_region,
        consent=consent,
        inferred=how,
    )


def as_schema(schema: object) -> Schema | None:
    """``schema`` as a :class:`Schema`: a Schema as is, a mapping through
    :meth:`Schema.from_dict` (same keys, same checks), ``None`` as ``None``.

    Raises:
        SettingsError: for a mapping that is not a valid schema, or anything else.

    >>> as_schema({"id": "id", "fields": {"email": "email"}}).fields
    {'email': 'email'}
    """
    if schema is None or isinstance(schema, Schema):
        return schema
    if isinstance(schema, Mapping):
        return Schema.from_dict(schema)
    hint = "; read a JSON file with Schema.from_json" if isinstance(schema, (str, bytes)) else ""
    raise SettingsError(
        "schema must be a goldenrecord.Schema or a mapping with its keys (id, fields, "
        f"source, updated_at, default_region, consent), not a {type(schema).__name__}{hint}"
    )
