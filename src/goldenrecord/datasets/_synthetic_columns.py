"""The synthetic table's columns: each record of each person written out with the noise of
its source (typos, variants, missing values, junk), from the drawn :class:`Population`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from goldenrecord.datasets import _noise
from goldenrecord.datasets._draws import Draws
from goldenrecord.datasets._format import (
    CLEAN_PHONE_STYLES,
    DATE_ISO,
    NOISY_PHONE_STYLES,
    format_date,
    format_phone,
    postcode_variant,
)
from goldenrecord.datasets._pools import COUNTRIES, SOURCES
from goldenrecord.datasets._population import (
    CRM,
    EVENTS,
    NEWSLETTER,
    POS,
    SHOP,
    SUPPORT,
    WHATSAPP,
    BoolArray,
    Column,
    Population,
)

COLUMNS = (
    "record_id",
    "source",
    "updated_at",
    "first_name",
    "last_name",
    "full_name",
    "email",
    "phone",
    "date_of_birth",
    "address",
    "city",
    "postcode",
    "country",
    "customer_number",
    "consent_marketing_email",
    "consent_profiling",
    "person_id",
)

_NATIVE_FACTOR = np.array([100, 70, 120, 80, 130, 60])  # percent of the country's share

# Percent of a source's records that fill a column (before noise removes more).
_FIELDS = (
    *("first", "last", "email", "phone", "dob", "address", "city", "postcode", "country"),
    *("customer_number", "marketing", "profiling"),
)

_PRESENCE = np.array(
    [
        [98, 98, 92, 88, 85, 92, 92, 92, 95, 100, 90, 85],  # crm
        [97, 97, 100, 80, 10, 97, 97, 97, 95, 0, 90, 60],  # shop
        [85, 85, 20, 75, 30, 0, 0, 85, 100, 70, 0, 80],  # pos
        [100, 100, 95, 40, 0, 5, 5, 5, 0, 0, 0, 0],  # support
        [100, 100, 0, 100, 0, 0, 0, 0, 0, 0, 0, 0],  # whatsapp
        [55, 15, 100, 0, 0, 0, 0, 0, 30, 0, 100, 0],  # newsletter
    ],
    dtype=np.int64,
)

# Noise rates at noise=1.0, per cell.
_RATES = {
    "name_typo": 0.03,
    "name_case": 0.05,
    "spaces": 0.02,
    "nickname": 0.07,
    "swap": 0.02,
    "missing": 0.03,
    "junk": 0.006,
    "gmail": 0.3,
    "email_case": 0.05,
    "email_domain_typo": 0.004,
    "phone_format": 0.12,
    "phone_typo": 0.01,
    "national_no_country": 0.1,
    "dob_swap": 0.03,
    "dob_short_year": 0.01,
    "address_typo": 0.02,
    "address_case": 0.05,
    "city_case": 0.05,
    "postcode_format": 0.08,
    "country_alias": 0.08,
    "customer_number_format": 0.1,
}

_GMAIL_TAGS = ("+shop", "+news", "+promo", "+orders", "+spam")

_DOMAIN_TYPOS = {"gmail.com": "gmial.com", "hotmail.com": "hotmial.com", "yahoo.com": "yaho.com"}

_EMOJI = ("🌸", "⚽", "✨", "🙂", "❤️", "🌴")


class _Writer(Population):
    """Writes the columns of a population's records."""

    def rate(self, name: str) -> float:
        return min(1.0, _RATES[name] * self.noise)

    # ----------------------------------------------------------------- columns

    def columns(self) -> dict[str, Column]:
        d = self.draws()
        n_rec, p, s = len(self.person), self.person, self.source
        present = {f: d.chance(_PRESENCE[s, j] / 100, n_rec) for j, f in enumerate(_FIELDS)}
        for f in _FIELDS[:9]:
            present[f] &= ~d.chance(self.rate("missing"), n_rec)
        share = np.array([c.native_share for c in COUNTRIES])[self.rec_country]
        self.native = d.chance(share * _NATIVE_FACTOR[s] / 10000, n_rec)
        self.present = present
        moved = self.rank >= self.move_rank[p]
        self.moved = moved
        cols: dict[str, Column] = {}
        cols["record_id"] = [
            f"{SOURCES[i]}-{j:06d}" for i, j in zip(s.tolist(), self.number.tolist(), strict=True)
        ]
        cols["source"] = [SOURCES[i] for i in s.tolist()]
        stamps = np.datetime_as_string(self.time.astype("datetime64[s]"), timezone="UTC")
        cols["updated_at"] = stamps.tolist()
        cols.update(self.names())
        cols["email"] = self.email_column()
        cols["phone"] = self.phone_column()
        cols["date_of_birth"] = self.dob_column()
        cols.update(self.address_columns())
        cols["customer_number"] = self.customer_numbers()
        cols["consent_marketing_email"] = self.consent_column("marketing", newsletter_yes=True)
        cols["consent_profiling"] = self.consent_column("profiling", newsletter_yes=False)
        cols["person_id"] = [f"P{i:07d}" for i in p.tolist()]
        return {name: cols[name] for name in COLUMNS}

    def _apply(self, column: Column, mask: BoolArray, fn: _Edit, d: Draws) -> None:
        """Replace the cells under ``mask`` (when not None) by ``fn(cell, random int)``."""
        idx = np.flatnonzero(mask).tolist()
        rnd = d.raw(len(idx)).tolist()
        for i, r in zip(idx, rnd, strict=True):
            value = column[i]
            if value is not None:
                column[i] = fn(value, r)

    def names(self) -> dict[str, Column]:
        d, pools, n_rec = self.draws(), self.pools, len(self.person)
        p, s, native = self.person, self.source, self.native
        switch = d.chance(EVENTS["spelling_switch"], n_rec)
        given = self.given[p]
        v_given = np.where(switch, d.below(4, n_rec), self.pref_given[p])
        v_family = np.where(switch, d.below(4, n_rec), self.pref_family[p])
        first: Column = list(pools.given.pick(given, native, v_given))
        last: Column = list(pools.family.pick(self.family[p], native, v_family))
        # Spanish second family names, written in some records only.
        fam2 = self.family2[p]
        two = np.flatnonzero((fam2 >= 0) & d.chance(0.5, n_rec)).tolist()
        second = pools.family.pick(fam2[two], np.zeros(len(two), bool), v_family[two])
        for i, extra in zip(two, second, strict=True):
            last[i] = f"{last[i]} {extra}"
        # Nicknames, far more common in messaging display names.
        nick_rate = np.where(s == WHATSAPP, 3.0, 1.0) * self.rate("nickname")
        nicks = pools.nicknames
        has_nick = np.array([bool(x) for x in nicks])[given]
        idx = np.flatnonzero(has_nick & d.chance(nick_rate, n_rec)).tolist()
        for i, r in zip(idx, d.raw(len(idx)).tolist(), strict=True):
            options = nicks[int(given[i])]
            nick = options[r % len(options)]
            first[i] = nick.native[0] if native[i] and nick.native else nick.latin[0]
        for column in (first, last):
            self._apply(column, d.chance(self.rate("name_typo"), n_rec), _noise.typo, d)
            self._apply(column, d.chance(self.rate("name_case"), n_rec), _noise.case, d)
            self._apply(column, d.chance(self.rate("spaces"), n_rec), _noise.spaces, d)
        for i in np.flatnonzero(d.chance(self.rate("swap"), n_rec)).tolist():
            first[i], last[i] = last[i], first[i]
        self._junk(first, "name", d)
        # Display names (WhatsApp) and ticket sender names (support) in one column.
        full: Column = [None] * n_rec
        support_full = (s == SUPPORT) & d.chance(0.65, n_rec)
        as_full = (s == WHATSAPP) | support_full
        idx = np.flatnonzero(as_full & self.present["first"]).tolist()
        family_first = np.array([c.family_first for c in COUNTRIES])[self.rec_country]
        for i, r in zip(idx, d.raw(len(idx)).tolist(), strict=True):
            full[i] = _full_name(first[i], last[i], bool(native[i]), bool(family_first[i]), r)
        mask_first = self.present["first"] & ~as_full
        mask_last = self.present["last"] & ~as_full
        return {
            "first_name": _masked(first, mask_first),
            "last_name": _masked(last, mask_last),
            "full_name": full,
        }

    def _junk(self, column: Column, kind: str, d: Draws) -> None:
        values = _noise.JUNK[kind]
        mask = d.chance(self.rate("junk"), len(column))
        self._apply(column, mask, lambda _v, r: values[r % len(values)], d)

    def email_column(self) -> Column:
        d, n_rec, p = self.draws(), len(self.person), self.person
        changed = (self.rank >= self.email_rank[p]).tolist()
        first, second = self.email, self.email2
        column: Column = [
            second[i] if c else first[i] for i, c in zip(p.tolist(), changed, strict=True)
        ]
        tags = np.array([_GMAIL_TAGS[min(i, 4)] for i in range(6)])[self.source].tolist()
        gmail = np.array([e is not None and e.endswith("@gmail.com") for e in column])
        idx = np.flatnonzero(gmail & d.chance(self.rate("gmail"), n_rec)).tolist()
        for i, r in zip(idx, d.raw(len(idx)).tolist(), strict=True):
            column[i] = _gmail_variant(str(column[i]), tags[i], r)
        self._apply(column, d.chance(self.rate("email_case"), n_rec), _email_case, d)
        self._apply(column, d.chance(self.rate("email_domain_typo"), n_rec), _email_domain_typo, d)
        self._apply(column, d.chance(self.rate("spaces") / 2, n_rec), _noise.spaces, d)
        self._junk(column, "email", d)
        return _masked(column, self.present["email"])

    def phone_column(self) -> Column:
        d, n_rec, p, s = self.draws(), len(self.person), self.person, self.source
        number = np.where(self.rank >= self.phone_rank[p], self.mobile2[p], self.mobile[p])
        line = self.landline[p]
        use_line = (line >= 0) & (s <= POS) & ~self.moved & d.chance(EVENTS["landline_use"], n_rec)
        number = np.where(use_line, line, number)
        present = self.present["phone"].copy()
        store = (s == POS) & ~present & d.chance(EVENTS["store_phone"], n_rec)
        slot = d.below(3, n_rec)
        number = np.where(store, self.store_phone[self.rec_country, slot], number)
        present |= store
        self.used_landline, self.used_store = use_line & present, store
        # Styles: each source its habits; without a country column, international forms.
        style_weights = np.array(
            [
                [30, 5, 15, 20, 30],  # crm
                [35, 15, 20, 20, 10],  # shop
                [35, 10, 55, 0, 0],  # pos
                [10, 5, 5, 50, 30],  # support
                [0, 0, 0, 60, 40],  # whatsapp
                [10, 10, 10, 35, 35],  # newsletter
            ],
            dtype=np.int64,
        )
        style = np.array(CLEAN_PHONE_STYLES)[d.weighted_rows(style_weights, s)]
        has_country = self.present["country"] & (_PRESENCE[s, _FIELDS.index("country")] > 0)
        national = style <= 2
        intl = np.where(d.chance(0.5, n_rec), 3, 4)
        keep_national = d.chance(self.rate("national_no_country"), n_rec)
        style = np.where(national & ~has_country & ~keep_national, intl, style)
        noisy = d.chance(self.rate("phone_format"), n_rec)
        style = np.where(noisy, np.array(NOISY_PHONE_STYLES)[d.below(4, n_rec)], style)
        nsn, plan, plans = self.phone_nsn, self.phone_plan, self.plans
        column: Column = [
            format_phone(plans[plan[j]], nsn[j], st) if ok else None
            for j, st, ok in zip(number.tolist(), style.tolist(), present.tolist(), strict=True)
        ]
        self._apply(column, d.chance(self.rate("phone_typo"), n_rec), _digit_typo, d)
        self._junk(column, "phone", d)
        return column

    def dob_column(self) -> Column:
        d, n_rec, p = self.draws(), len(self.person), self.person
        iso = (self.source == CRM) & d.chance(0.6, n_rec)
        swap = d.chance(self.rate("dob_swap"), n_rec)
        short = d.chance(self.rate("dob_short_year"), n_rec)
        r = d.raw(n_rec).tolist()
        year, month, day = self.year[p].tolist(), self.month[p].tolist(), self.day[p].tolist()
        country = self.rec_country.tolist()
        present = self.present["dob"].tolist()
        column: Column = [None] * n_rec
        for i in np.flatnonzero(present).tolist():
            if iso[i]:
                template = DATE_ISO
            else:
                dates = COUNTRIES[country[i]].dates
                template = dates[r[i] % len(dates)]
            y, m, dd = year[i], month[i], day[i]
            if swap[i] and dd <= 12 and dd != m:
                m, dd = dd, m
            if short[i]:
                template = template.replace("{yyyy}", "{yy}")
            column[i] = format_date(template, y, m, dd)
        self._junk(column, "date", d)
        return column

    def address_columns(self) -> dict[str, Column]:
        d, n_rec, p, pools = self.draws(), len(self.person), self.person, self.pools
        moved = self.moved
        a0, a1 = self.addr
        part = {key: np.where(moved, a1[key][p], a0[key][p]) for key in a0}
        native = self.native
        switch = d.chance(0.3, n_rec)
        v_type = np.where(switch, d.below(4, n_rec), self.pref_type[p])
        streets = pools.street.pick(part["street"], native, np.zeros(n_rec, np.int64))
        types = pools.type.pick(part["type"], native, v_type)
        uses_native = native & (pools.street.nnat[part["street"]] > 0)
        country = self.rec_country.tolist()
        number, unit = part["number"].tolist(), part["unit"].tolist()
        address: Column = [None] * n_rec
        for i in np.flatnonzero(self.present["address"]).tolist():
            c = COUNTRIES[country[i]]
            template = c.native_address if uses_native[i] else c.address
            text = template.format(n=number[i], street=streets[i], type=types[i])
            if unit[i]:
                fmt = self.unit_fmt[country[i]]
                text = (
                    fmt.format(u=unit[i]) + text
                    if fmt.endswith(", ")
                    else text + fmt.format(u=unit[i])
                )
            address[i] = text
        self._apply(address, d.chance(self.rate("address_typo"), n_rec), _noise.typo, d)
        self._apply(address, d.chance(self.rate("address_case"), n_rec), _noise.case, d)
        self._apply(address, d.chance(self.rate("spaces"), n_rec), _noise.spaces, d)
        self._junk(address, "address", d)

        v_city = np.where(d.chance(0.15, n_rec), d.below(3, n_rec), self.pref_city[p])
        city = pools.city.pick(part["city"], native, v_city)
        self._apply(city, d.chance(self.rate("city_case"), n_rec), _noise.case, d)
        self._apply(city, d.chance(self.rate("name_typo") / 3, n_rec), _noise.typo, d)

        codes = [c.code for c in COUNTRIES]
        patterns = [c.postcode for c in COUNTRIES]
        postcode: Column = [
            self.postcode(t, patterns[c], r) if ok else None
            for t, c, r, ok in zip(
                part["city"].tolist(),
                country,
                part["postcode"].tolist(),
                self.present["postcode"].tolist(),
                strict=True,
            )
        ]
        idx = np.flatnonzero(d.chance(self.rate("postcode_format"), n_rec)).tolist()
        for i, r in zip(idx, d.raw(len(idx)).tolist(), strict=True):
            code = postcode[i]
            if code is not None:
                postcode[i] = postcode_variant(codes[country[i]], code, r)
        self._junk(postcode, "postcode", d)

        label = np.where(self.source == SHOP, 1, 0)
        alias = d.chance(self.rate("country_alias"), n_rec)
        r = d.raw(n_rec).tolist()
        countries: Column = []
        for i, (c, lab, al) in enumerate(zip(country, label.tolist(), alias.tolist(), strict=True)):
            labels = COUNTRIES[c].labels
            countries.append(labels[2 + r[i] % (len(labels) - 2)] if al else labels[lab])
        return {
            "address": address,
            "city": _masked(city, self.present["city"]),
            "postcode": postcode,
            "country": _masked(countries, self.present["country"]),
        }

    def customer_numbers(self) -> Column:
        d, n_rec = self.draws(), len(self.person)
        offset = int(d.below(10**8, 1)[0])
        numbers = ((self.person * 48271 + offset) % 10**8).tolist()
        column: Column = [f"C{x:08d}" for x in numbers]
        self._apply(column, d.chance(self.rate("customer_number_format"), n_rec), _id_variant, d)
        return _masked(column, self.present["customer_number"])

    def consent_column(self, purpose: str, *, newsletter_yes: bool) -> Column:
        d, n_rec, p = self.draws(), len(self.person), self.person
        state = (self.marketing if purpose == "marketing" else self.profiling)[p]
        rank = (self.marketing_rank if purpose == "marketing" else self.profiling_rank)[p]
        if newsletter_yes:
            state = np.where(self.source == NEWSLETTER, "yes", state)
        state = np.where(self.rank >= rank, "no", state)
        state = np.where(d.chance(0.05, n_rec), "unknown", state)
        return _masked(state.tolist(), self.present[purpose])


def _masked(values: Sequence[str | None], mask: BoolArray) -> Column:
    return [v if keep else None for v, keep in zip(values, mask.tolist(), strict=True)]


class _Edit(Protocol):
    def __call__(self, value: str, r: int, /) -> str: ...


def _full_name(
    first: str | None, last: str | None, native: bool, family_first: bool, r: int
) -> str:
    first = first or ""
    last = last or ""
    if native and family_first:
        return f"{last}{first}"
    op = r % 20
    if family_first and op < 8:
        return f"{last} {first}".strip()
    if op < 10:
        return f"{first} {last}".strip()
    if op < 15 or not last:
        return first or last
    if op < 17:
        return f"{first} {last[0]}.".strip()
    if op < 19:
        return f"{last}, {first}"
    return f"{first} {_EMOJI[r // 20 % len(_EMOJI)]}"


def _gmail_variant(email: str, tag: str, r: int) -> str:
    local, _, _domain = email.partition("@")
    op = r % 4
    if op == 0 and "." in local:
        return local.replace(".", "") + "@gmail.com"
    if op == 1:
        return f"{local}{tag}@gmail.com"
    if op == 2:
        return f"{local}@googlemail.com"
    i = 1 + r // 4 % max(1, len(local) - 1)
    return f"{local[:i]}.{local[i:]}@gmail.com"


def _email_case(email: str, r: int) -> str:
    if r % 2:
        return email.upper()
    local, _, domain = email.partition("@")
    return ".".join(part[:1].upper() + part[1:] for part in local.split(".")) + "@" + domain.title()


def _email_domain_typo(email: str, r: int) -> str:
    local, _, domain = email.partition("@")
    return f"{local}@{_DOMAIN_TYPOS.get(domain, domain[:-1] + 'm' if r % 2 else domain)}"


def _digit_typo(phone: str, r: int) -> str:
    positions = [i for i, ch in enumerate(phone) if ch.isdigit()]
    if len(positions) < 4:
        return phone
    i = positions[len(positions) - 1 - r % (len(positions) - 2)]
    new = "0123456789"[(int(phone[i]) + 1 + r // 97 % 9) % 10]
    return phone[:i] + new + phone[i + 1 :]


def _id_variant(value: str, r: int) -> str:
    op = r % 3
    if op == 0:
        return f"{value[:1]}-{value[1:5]} {value[5:]}"
    if op == 1:
        return value.lower()
    return f"{value[:1]} {value[1:]}"
