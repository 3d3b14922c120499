"""Hashed audience exports: SHA-256 of normalized emails and phones for ad platforms.

Ad platforms match uploaded customer lists by the SHA-256 of a normalized email or
phone number. goldenrecord normalizes first (:func:`goldenrecord.normalize.email`
lower-cases, trims, folds ``googlemail.com`` into ``gmail.com``, drops the dots and the
``+tag`` of a Gmail address; :func:`goldenrecord.normalize.phone` gives E.164 with the
record's own country), then applies the platform's published rules on top:

========  ===========================================  ==========================================
platform  email                                        phone
========  ===========================================  ==========================================
google    trimmed, lower case; no dots before the      E.164, with ``+`` and country code
          ``@`` of gmail.com / googlemail.com          (``+14155552671``)
meta      trimmed, lower case                          digits only, country code, no ``+``, no
                                                       leading zeros (``14155552671``)
sha256    goldenrecord's normal form                   E.164 (``+14155552671``)
========  ===========================================  ==========================================

Google: "Normalize and hash user-provided data" in the Google Ads API guide to
enhanced conversions and Customer Match (remove leading and trailing whitespace,
lower-case, E.164 phones, remove periods before the domain of gmail.com and
googlemail.com addresses). Meta: "Hashing and Normalizing Data" of the Marketing API
Custom Audiences guide (trim and lower-case emails; phones with symbols, letters and
leading zeros removed, prefixed with the country code). The hash is the lower-case
hex SHA-256 of the UTF-8 text, unsalted, as both platforms require.

Only records (or profiles) whose consent for ``purpose`` is an explicit yes are
exported: unknown is not yes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any, Final

from goldenrecord._resolution import Resolution
from goldenrecord._table import to_columns
from goldenrecord.errors import SettingsError
from goldenrecord.normalize._column import column as normalize_column
from goldenrecord.profile import parse_consent
from goldenrecord.schema import Schema

__all__ = ["PLATFORMS", "audience", "platform_email", "platform_phone"]

PLATFORMS: Final = ("google", "meta", "sha256")
"""The platforms whose normalization :func:`audience` applies."""
_GMAIL: Final = ("gmail.com", "googlemail.com")


def platform_email(email: str, platform: str) -> str:
    """An email in a platform's normal form (``email`` is goldenrecord's already).

    >>> platform_email(" J.Smith@GoogleMail.com ", "google")
    'jsmith@googlemail.com'
    >>> platform_email(" J.Smith@Acme-Mail.net ", "meta")
    'j.smith@acme-mail.net'
    """
    text = email.strip().lower()
    if platform == "google":
        local, _, domain = text.rpartition("@")
        if domain in _GMAIL:
            text = f"{local.replace('.', '')}@{domain}"
    return text


def platform_phone(e164: str, platform: str) -> str:
    """A phone number in E.164 in a platform's normal form.

    >>> platform_phone("+14155552671", "meta"), platform_phone("+14155552671", "google")
    ('14155552671', '+14155552671')
    """
    if platform == "meta":
        return "".join(c for c in e164 if c.isdigit()).lstrip("0")
    return e164


def _sha256(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check(schema: Schema, platform: str, purpose: str) -> tuple[str | None, str | None]:
    if platform not in PLATFORMS:
        raise SettingsError(f"platform must be one of {', '.join(PLATFORMS)}, got {platform!r}")
    if purpose not in schema.consent:
        raise SettingsError(
            f"purpose {purpose!r} has no consent column in the schema; "
            f"choose one of {', '.join(schema.consent) or '(none)'}"
        )
    emails, phones = schema.columns_of("email"), schema.columns_of("phone")
    if not emails and not phones:
        raise SettingsError("the schema has no email or phone field to export")
    return (emails[0] if emails else None, phones[0] if phones else None)


def _hashed(
    emails: list[Any], phones: list[Any], regions: list[str | None], platform: str
) -> tuple[list[str | None], list[str | None]]:
    mail = normalize_column(emails, "email").values
    tel = normalize_column(phones, "phone", region=regions).values
    return (
        [_sha256(None if v is None else platform_email(v, platform)) for v in mail],
        [_sha256(None if v is None else platform_phone(v, platform)) for v in tel],
    )


def audience(
    table_or_resolution: object,
    schema: Schema,
    *,
    platform: str = "sha256",
    purpose: str,
) -> dict[str, list[str | None]]:
    """Hashed emails and phones, one row per record (a table) or profile (a resolution).

    Args:
        table_or_resolution: a customer table (one row per record) or the
            :class:`~goldenrecord.Resolution` of one (one row per golden profile).
        schema: the table's schema; its first email and phone fields are exported.
        platform: ``"google"``, ``"meta"`` or ``"sha256"`` (see the module docs).
        purpose: the consent purpose of the export; only rows with an explicit yes
            for it are included.

    Returns:
        Columns ``id`` (the record id or the profile id), ``email`` and ``phone``
        (lower-case hex SHA-256, None where missing); rows with neither are left out.

    Raises:
        SettingsError: an unknown platform, a purpose without a consent column, a
            schema without email or phone.

    >>> import goldenrecord as gr
    >>> s = gr.Schema(id="id", fields={"mail": "email"}, consent={"ads": "ok"})
    >>> out = gr.pprl.audience({"id": ["1", "2"], "mail": ["A@x.io", "b@y.io"],
    ...                         "ok": ["yes", "no"]}, s, platform="meta", purpose="ads")
    >>> out["id"], out["email"][0][:16]
    (['1'], 'aa8a6b1226018606')
    """
    email_col, phone_col = _check(schema, platform, purpose)
    ids: list[Any]
    if isinstance(table_or_resolution, Resolution):
        profiles = [p for p in table_or_resolution.profiles if p.consent(purpose) == "yes"]
        ids = [p.profile_id for p in profiles]

        def golden(p: Any, col: str | None) -> Any:
            found = p.attributes.get(col) if col is not None else None
            return None if found is None else found.value

        emails = [golden(p, email_col) for p in profiles]
        phones = [golden(p, phone_col) for p in profiles]
        countries = schema.columns_of("country")
        regions = [
            _region(golden(p, countries[0]) if countries else None, schema) for p in profiles
        ]
    else:
        cols: Mapping[str, list[Any]] = to_columns(table_or_resolution)
        schema.check_columns(cols)
        keep = [parse_consent(v) == "yes" for v in cols[schema.consent[purpose]]]
        rows = [i for i, k in enumerate(keep) if k]
        ids = [cols[schema.id][i] for i in rows]
        emails = [cols[email_col][i] for i in rows] if email_col else [None] * len(rows)
        phones = [cols[phone_col][i] for i in rows] if phone_col else [None] * len(rows)
        countries = schema.columns_of("country")
        regions = [_region(cols[countries[0]][i] if countries else None, schema) for i in rows]
    mail, tel = _hashed(emails, phones, regions, platform)
    out: dict[str, list[str | None]] = {"id": [], "email": [], "phone": []}
    for rid, m, t in zip(ids, mail, tel, strict=True):
        if m is not None or t is not None:
            out["id"].append(str(rid))
            out["email"].append(m)
            out["phone"].append(t)
    return out


def _region(country: object, schema: Schema) -> str | None:
    if country is None:
        return schema.default_region
    found = normalize_column([country], "country").values[0]
    return found if isinstance(found, str) else schema.default_region
