"""Email normalizer: one canonical address per mailbox.

The address is read from the forms people and systems write (``Name <addr>``,
``mailto:addr?subject=...``, surrounding quotes, brackets, a trailing dot or
semicolon, full-width characters), syntax-checked with email-validator (no DNS:
``check_deliverability=False``), lower-cased, and its domain given in Unicode form
(``xn--bcher-kva.de`` becomes ``bücher.de``).

Provider rules then fold the spellings one mailbox receives under:

* Gmail (``gmail.com``, ``googlemail.com``): dots and a ``+tag`` are removed from the
  local part and the domain becomes ``gmail.com``;
* providers that deliver ``user+tag`` to ``user`` (Microsoft's outlook/hotmail/live/msn
  domains, Apple's icloud/me/mac, Fastmail, Proton, Yandex, Zoho, ...): the ``+tag``
  is removed;
* Yahoo (``yahoo.*``, ``ymail.com``, ``rocketmail.com``) uses ``-`` for the same
  purpose: the ``-tag`` is removed;
* every other domain keeps its local part exactly (``+`` included): elsewhere it can
  be part of a real, different mailbox.

Reasons a value can be rejected:

* ``missing``: empty (not an error);
* ``invalid_syntax``: not an email address;
* ``placeholder``: an address that stands for "none" (``test@test.com``,
  ``noemail@shop.com``, ``none@none.com``, ``a@a.com``, ``noreply@...``) or one at a
  reserved domain (``example.com``, ``.test``, ``.invalid``, ``.localhost``);
* ``unsupported_type`` / ``invalid_encoding``: not text.

Shared real inboxes (``info@company.com``) are valid addresses here; telling that
several people use one is the matcher's job (by frequency), not the normalizer's.

>>> email("J.Smith+shop@GoogleMail.com")
'jsmith@gmail.com'
>>> email("Éloïse Dupont <Eloise.Dupont+news@Outlook.FR>")
'eloise.dupont@outlook.fr'
>>> email("mailto:user@xn--bcher-kva.de?subject=hi")
'user@bücher.de'
>>> email("test@test.com") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from email_validator import EmailNotValidError, validate_email

from goldenrecord.normalize._common import (
    INVALID,
    PLACEHOLDER,
    Errors,
    Rejected,
    as_text,
    finish,
)

__all__ = ["email"]

_GMAIL: Final = frozenset({"gmail.com", "googlemail.com"})
_PLUS_TAG_DOMAINS: Final = frozenset(
    {
        # Microsoft consumer mail.
        "outlook.com",
        "outlook.fr",
        "outlook.de",
        "outlook.es",
        "outlook.it",
        "outlook.co.uk",
        "outlook.jp",
        "outlook.com.br",
        "outlook.com.au",
        "outlook.be",
        "outlook.sa",
        "hotmail.com",
        "hotmail.co.uk",
        "hotmail.fr",
        "hotmail.de",
        "hotmail.es",
        "hotmail.it",
        "hotmail.be",
        "hotmail.nl",
        "hotmail.ca",
        "hotmail.com.br",
        "hotmail.com.au",
        "hotmail.co.jp",
        "hotmail.ch",
        "hotmail.se",
        "hotmail.no",
        "hotmail.dk",
        "live.com",
        "live.fr",
        "live.de",
        "live.co.uk",
        "live.it",
        "live.nl",
        "live.be",
        "live.ca",
        "live.com.au",
        "live.com.mx",
        "live.se",
        "live.dk",
        "live.no",
        "msn.com",
        "passport.com",
        "windowslive.com",
        # Apple.
        "icloud.com",
        "me.com",
        "mac.com",
        # Fastmail.
        "fastmail.com",
        "fastmail.fm",
        "fastmail.net",
        "fastmail.org",
        # Proton.
        "protonmail.com",
        "protonmail.ch",
        "proton.me",
        "pm.me",
        # Yandex.
        "yandex.ru",
        "yandex.com",
        "yandex.by",
        "yandex.kz",
        "yandex.ua",
        "ya.ru",
        # Zoho, Tutanota, GMX, mailbox.org, Runbox, Hey.
        "zoho.com",
        "zohomail.com",
        "tutanota.com",
        "tuta.io",
        "gmx.de",
        "gmx.net",
        "gmx.com",
        "gmx.at",
        "gmx.ch",
        "mailbox.org",
        "runbox.com",
        "hey.com",
    }
)
_YAHOO_EXTRA: Final = frozenset({"ymail.com", "rocketmail.com"})
_RESERVED_SUFFIXES: Final = (".test", ".example", ".invalid", ".localhost", ".local")
_RESERVED_DOMAINS: Final = frozenset(
    {"example.com", "example.net", "example.org", "example.edu", "localhost", "test", "invalid"}
)
# Local parts junk whatever the domain: nobody gives these as their own address.
_JUNK_ANYWHERE: Final = frozenset(
    {
        "noemail",
        "no-email",
        "no.email",
        "no_email",
        "nomail",
        "no-mail",
        "noreply",
        "no-reply",
        "no.reply",
        "donotreply",
        "do-not-reply",
        "do.not.reply",
        "unknown",
        "none",
        "null",
        "noone",
        "nobody",
        "notprovided",
        "not-provided",
        "declined",
        "refused",
        "noemailaddress",
        "nomailaddress",
        "none-given",
    }
)
# Local parts that are junk when the domain is junk too (test@test.com, na@na.com).
_JUNK_LOCALS: Final = _JUNK_ANYWHERE | frozenset(
    {
        "abc",
        "abcd",
        "anonymous",
        "asdf",
        "dummy",
        "email",
        "fake",
        "mail",
        "n-a",
        "n.a",
        "na",
        "nil",
        "qwerty",
        "sample",
        "test",
        "tester",
        "testing",
        "x",
        "xx",
        "xxx",
    }
)
_ANGLE: Final = re.compile(r"<([^<>]*)>\s*$")
_STRIP: Final = " \t\r\n\"'<>()[]{},;:."


def _extract(text: str) -> str:
    """The address out of ``Name <addr>``, ``mailto:`` and decorated forms."""
    s = unicodedata.normalize("NFKC", text).strip()
    angle = _ANGLE.search(s)
    if angle:
        s = angle.group(1)
    if s[:7].lower() == "mailto:":
        s = s[7:]
    s = s.split("?", 1)[0]
    return s.strip(_STRIP)


def _is_placeholder(local: str, domain: str) -> bool:
    if domain in _RESERVED_DOMAINS or domain.endswith(_RESERVED_SUFFIXES):
        return True
    if local in _JUNK_ANYWHERE:
        return True
    label = domain.split(".", 1)[0]
    if local == label and (local in _JUNK_LOCALS or len(local) <= 3):
        return True  # test@test.com, a@a.com, abc@abc.com, na@na.com
    return bool(local in _JUNK_LOCALS and label in _JUNK_LOCALS)


def _provider_rules(local: str, domain: str) -> tuple[str, str]:
    if domain in _GMAIL:
        return local.split("+", 1)[0].replace(".", ""), "gmail.com"
    if domain in _PLUS_TAG_DOMAINS:
        return local.split("+", 1)[0], domain
    if domain.startswith("yahoo.") or domain in _YAHOO_EXTRA:
        return local.split("-", 1)[0], domain
    return local, domain


def _email(x: object) -> str | Rejected:
    """Core of :func:`email`: the canonical address, or why there is none."""
    text = as_text(x)
    if isinstance(text, Rejected):
        return text
    s = _extract(text)
    if "@" not in s or len(s) > 320:
        return INVALID
    raw_local, _, raw_domain = s.rpartition("@")
    if _is_placeholder(raw_local.lower(), raw_domain.lower().rstrip(".")):
        return PLACEHOLDER
    try:
        valid = validate_email(s, check_deliverability=False)
    except EmailNotValidError:
        return INVALID
    except (ValueError, UnicodeError):  # defensive: malformed IDNA and the like
        return INVALID
    local, domain = valid.local_part.lower(), valid.domain.lower()
    if _is_placeholder(local, domain):
        return PLACEHOLDER
    local, domain = _provider_rules(local, domain)
    if not local:
        return INVALID
    return f"{local}@{domain}"


def email(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """The canonical form of an email address, or None.

    Args:
        x: one cell (str, bytes, None, NaN, ...).
        errors: ``"ignore"`` returns None for unusable values; ``"raise"`` raises
            :class:`~goldenrecord.NormalizationError` with the reason.

    >>> email("  BOB.smith@outlook.com ")
    'bob.smith@outlook.com'
    >>> email("bob.smith-promo@yahoo.co.uk")
    'bob.smith@yahoo.co.uk'
    """
    return finish(_email(x), errors, "email")
