"""Email normalizer: one canonical address per mailbox.

The address is read from the forms people and systems write (``Name <addr>``,
``"Name" <addr>``, ``mailto:addr?subject=...``, surrounding quotes, brackets, a
trailing comment, dot, comma or semicolon, spaces around the ``@``, full-width
characters, a byte-order mark), syntax-checked with email-validator (no DNS:
``check_deliverability=False``), lower-cased, and its domain given in Unicode form
(``xn--bcher-kva.de`` becomes ``bücher.de``). Plain ASCII addresses take a fast
path whose regular expression accepts only addresses email-validator accepts (a
property test holds it to that); everything else goes through email-validator itself.

Provider rules then fold the spellings one mailbox receives under:

* Gmail (``gmail.com``, ``googlemail.com``): dots and a ``+tag`` are removed from the
  local part and the domain becomes ``gmail.com``;
* providers that deliver ``user+tag`` to ``user``: Microsoft's consumer domains
  (``outlook.*``, ``hotmail.*``, ``live.*`` with a country suffix such as ``.fr`` or
  ``.co.uk``, ``msn.com``), Apple (``icloud.com``, ``me.com``, ``mac.com``), Fastmail,
  Proton (``protonmail.com``, ``protonmail.ch``, ``proton.me``, ``pm.me``), Yandex,
  Zoho, mailbox.org and HEY: the ``+tag`` is removed;
* Yahoo (``yahoo.*``, ``ymail.com``, ``rocketmail.com``) uses ``-`` for the same
  purpose: the ``-tag`` is removed;
* every other domain keeps its local part exactly (``+`` included): elsewhere it can
  be part of a real, different mailbox.

Reasons a value can be rejected:

* ``missing``: empty (not an error);
* ``invalid_syntax``: not an email address;
* ``placeholder``: an address that stands for "none": a junk local part whatever the
  domain (``noemail@``, ``no-reply@``, ``donotreply@``, ``unknown@``, ``null@``,
  ``none@``, ``asdf@``, ``xxxx@``), a junk domain (``@noemail.com``), the same junk
  word or letter on both sides (``test@test.com``, ``a@a.com``, ``abc@abc.com``,
  ``na@na.com``, ``email@email.com``), or a reserved domain (``example.com``,
  ``.test``, ``.example``, ``.invalid``, ``.localhost``, ``localhost``);
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
from urllib.parse import unquote

from email_validator import validate_email

from goldenrecord.normalize._common import (
    INVALID,
    PLACEHOLDER,
    Errors,
    Rejected,
    cell_text,
    finish,
)

__all__ = ["email"]

_GMAIL: Final = frozenset({"gmail.com", "googlemail.com"})
# Domains that deliver user+tag to user, beyond the outlook/hotmail/live family that
# _PROVIDER_FAMILY recognizes under any country suffix.
_PLUS_TAG_DOMAINS: Final = frozenset(
    {
        # Microsoft consumer mail outside the outlook/hotmail/live family.
        "msn.com",
        "passport.com",
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
        # Zoho.
        "zoho.com",
        "zohomail.com",
        "zohomail.eu",
        "zohomail.in",
        # Others with documented plus addressing.
        "mailbox.org",
        "hey.com",
    }
)
# Provider families whose domains exist under many country suffixes: hotmail.fr,
# live.co.uk, outlook.com.br, yahoo.co.jp, ...
_PROVIDER_FAMILY: Final = re.compile(
    r"(?:(?P<microsoft>hotmail|outlook|live|windowslive)|(?P<yahoo>yahoo|ymail|rocketmail))"
    r"\.(?:com|net|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})"
)

_RESERVED_SUFFIXES: Final = (
    ".test",
    ".example",
    ".invalid",
    ".localhost",
    ".local",
    ".example.com",
    ".example.net",
    ".example.org",
    ".example.edu",
)
_RESERVED_DOMAINS: Final = frozenset(
    {
        "example.com",
        "example.net",
        "example.org",
        "example.edu",
        "localhost",
        "test",
        "invalid",
        "example",
    }
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
        "no_reply",
        "donotreply",
        "do-not-reply",
        "do.not.reply",
        "do_not_reply",
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
        "fake",
        "fakeemail",
        "fake.email",
        "fake-email",
        "dummy",
        "dummyemail",
        "asdf",
        "asdfgh",
        "asdfghjkl",
        "qwerty",
        "qwertyuiop",
    }
)
# Local parts that are junk when the domain is junk too (test@test.com, na@na.com).
_JUNK_LOCALS: Final = _JUNK_ANYWHERE | frozenset(
    {
        "123",
        "1234",
        "12345",
        "abc",
        "abcd",
        "abcde",
        "anonymous",
        "email",
        "mail",
        "n-a",
        "n.a",
        "na",
        "nil",
        "sample",
        "test",
        "tester",
        "testing",
        "x",
        "xx",
        "xxx",
    }
)
# First labels of domains that only placeholders live at (anyone@noemail.com).
_JUNK_DOMAIN_LABELS: Final = frozenset(
    {
        "noemail",
        "no-email",
        "nomail",
        "no-mail",
        "noreply",
        "no-reply",
        "donotreply",
        "none",
        "null",
        "nowhere",
        "unknown",
        "fakeemail",
        "fake-email",
        "example",
    }
)
_REPEATED: Final = re.compile(r"(.)\1{2,}")

# A plain ASCII address email-validator certainly accepts: a dot-atom local part of
# RFC 5322 atext, host labels of letters, digits and inner hyphens (at most 63
# characters), an alphabetic top-level domain. Domains holding "--" (Punycode and the
# reserved R-LDH labels) and special-use TLDs are left to email-validator.
_ATEXT: Final = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]"
_LABEL: Final = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_FAST_ADDRESS: Final = re.compile(rf"({_ATEXT}+(?:\.{_ATEXT}+)*)@((?:{_LABEL}\.)+([a-z]{{2,63}}))")
_SPECIAL_USE_TLDS: Final = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})
_MAX_ADDRESS: Final = 254  # email-validator's limit on the whole address

_ANGLE: Final = re.compile(r"<([^<>]*)>[\s.,;]*$")
# No leading \s*: tried at every blank of a long run, it made the search quadratic.
_COMMENT: Final = re.compile(r"\([^()@]*\)$")
_SPACED_AT: Final = re.compile(r"\s*@\s*")
_EDGES: Final = " \t\r\n\"'<>[]\ufeff\u200b"
_TRAILING: Final = ".,;:"


def _extract(text: str) -> str:
    """The address out of ``Name <addr>``, ``mailto:`` and decorated forms.

    >>> _extract('"Dupont, Ana" <ana@shop.fr>;')
    'ana@shop.fr'
    >>> _extract("MAILTO:ana%2Bnews@shop.fr?subject=Hi")
    'ana+news@shop.fr'
    >>> _extract("ana@shop.fr (Ana Dupont).")
    'ana@shop.fr'
    >>> _extract("ana @ shop.fr")
    'ana@shop.fr'
    """
    s = text if text.isascii() else unicodedata.normalize("NFKC", text)
    if "<" in s:
        angle = _ANGLE.search(s)
        if angle:
            s = angle.group(1)
    s = s.strip(_EDGES).rstrip(_TRAILING)
    if s.endswith(")"):
        s = _COMMENT.sub("", s).rstrip()
    if s[:7].lower() == "mailto:":
        s = unquote(s[7:].split("?", 1)[0])
    if s[:1] == "(" and s[-1:] == ")":
        s = s[1:-1]
    if " @" in s or "@ " in s:
        s = _SPACED_AT.sub("@", s)  # "bob @ shop.fr": no address holds a bare space
    return s.strip(_EDGES).rstrip(_TRAILING).strip(_EDGES)


def _fast_split(s: str) -> tuple[str, str] | None:
    """``(local, domain)`` lower-cased when ``s`` is a plain ASCII address, else None.

    Only addresses email-validator accepts, with the same local part and domain, pass;
    anything unusual returns None and is left to email-validator.

    >>> _fast_split("Ana.Lima@Shop.CO.UK")
    ('ana.lima', 'shop.co.uk')
    >>> _fast_split("ana@xn--bcher-kva.de") is None
    True
    """
    if len(s) > _MAX_ADDRESS or not s.isascii():
        return None
    m = _FAST_ADDRESS.fullmatch(s.lower())
    if m is None or "--" in m.group(2) or m.group(3) in _SPECIAL_USE_TLDS:
        return None
    return m.group(1), m.group(2)


def _is_reserved(domain: str) -> bool:
    return (
        domain in _RESERVED_DOMAINS
        or domain.endswith(_RESERVED_SUFFIXES)
        or (domain.startswith("example.") and domain.count(".") <= 2)
    )


def _is_placeholder(local: str, domain: str) -> bool:
    """True for a junk address (``local`` and ``domain`` lower-cased, canonical).

    >>> _is_placeholder("a", "a.com"), _is_placeholder("no-reply+x", "shop.com")
    (True, True)
    >>> _is_placeholder("info", "shop.com"), _is_placeholder("li", "li.com")
    (False, False)
    """
    if _is_reserved(domain):
        return True
    base = local.split("+", 1)[0]
    if base in _JUNK_ANYWHERE or _REPEATED.fullmatch(base):
        return True
    label = domain.split(".", 1)[0]
    if label in _JUNK_DOMAIN_LABELS:
        return True
    if local == label and (len(local) == 1 or local in _JUNK_LOCALS):
        return True  # test@test.com, a@a.com, abc@abc.com, na@na.com
    return local in _JUNK_LOCALS and label in _JUNK_LOCALS  # test@email.com


def _provider_rules(local: str, domain: str) -> tuple[str, str]:
    """Fold the spellings a provider delivers to one mailbox.

    >>> _provider_rules("j.smith+shop", "googlemail.com")
    ('jsmith', 'gmail.com')
    >>> _provider_rules("ana+promo", "hotmail.co.uk"), _provider_rules("ana-x", "yahoo.fr")
    (('ana', 'hotmail.co.uk'), ('ana', 'yahoo.fr'))
    >>> _provider_rules("ana+promo", "company.com")
    ('ana+promo', 'company.com')
    """
    if domain in _GMAIL:
        return local.split("+", 1)[0].replace(".", ""), "gmail.com"
    if domain in _PLUS_TAG_DOMAINS:
        return local.split("+", 1)[0], domain
    family = _PROVIDER_FAMILY.fullmatch(domain)
    if family is None:
        return local, domain
    if family.group("microsoft"):
        return local.split("+", 1)[0], domain
    return local.split("-", 1)[0], domain


def _email(x: object) -> str | Rejected:
    """Core of :func:`email`: the canonical address, or why there is none."""
    text = cell_text(x)
    if isinstance(text, Rejected):
        return text
    if len(text) > 1000:
        return INVALID
    s = _extract(text)
    at = s.rfind("@")
    if at <= 0 or "\ufffd" in s:  # U+FFFD stands for a byte that was lost: no address
        return INVALID
    parts = _fast_split(s)
    if parts is None:
        try:
            valid = validate_email(s, check_deliverability=False)
        except (ValueError, UnicodeError):  # EmailNotValidError, and malformed IDNA
            return PLACEHOLDER if _is_reserved(s[at + 1 :].lower()) else INVALID
        parts = valid.local_part.lower(), valid.domain.lower()
    local, domain = _provider_rules(*parts)
    if not local:
        return INVALID
    if _is_placeholder(local, domain):
        return PLACEHOLDER
    return f"{local}@{domain}"


def email(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """The canonical form of an email address, or None.

    Args:
        x: one cell (str, bytes, None, NaN, ...).
        errors: ``"ignore"`` returns None for unusable values; ``"raise"`` raises
            :class:`~goldenrecord.NormalizationError` with the reason.

    Returns:
        The lower-cased address with its domain in Unicode form and the provider's
        subaddress tags removed, or None when the cell is empty or unusable.

    Raises:
        NormalizationError: only with ``errors="raise"``, for a non-empty cell that is
            not a usable address; its ``reason`` says why, the value is not echoed.

    >>> email("  BOB.smith@outlook.com ")
    'bob.smith@outlook.com'
    >>> email("bob.smith-promo@yahoo.co.uk")
    'bob.smith@yahoo.co.uk'
    >>> email("noreply@shop.com", errors="raise")
    Traceback (most recent call last):
    ...
    goldenrecord.errors.NormalizationError: email rejected: placeholder
    """
    return finish(_email(x), errors, "email")
