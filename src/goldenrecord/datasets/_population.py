"""The people behind the synthetic customer table, and which records each of them has.

People are drawn as NumPy arrays: country, household, names, date of birth, addresses,
phones, emails, consent, life events (moving, changing email or phone, withdrawing
consent); then each person gets a long-tailed number of records spread over the
sources, in time order. Every draw comes from a :class:`~goldenrecord.datasets._draws.Draws`
stream of its own, so the result depends only on the arguments, never on hash seeds,
platforms or library versions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from goldenrecord.datasets._draws import Draws, IntArray
from goldenrecord.datasets._format import PhonePlan
from goldenrecord.datasets._pools import COUNTRIES, SOURCES, Country
from goldenrecord.datasets._population_pools import _UNUSED, Column, _ascii, _pools
from goldenrecord.datasets._population_pools import BoolArray as BoolArray

__all__ = ["EVENTS", "SOURCE_INDEX", "Column", "Population"]

SOURCE_INDEX = {name: i for i, name in enumerate(SOURCES)}
CRM, SHOP, POS, SUPPORT, WHATSAPP, NEWSLETTER = range(6)

_SOURCE_WEIGHTS = (12, 30, 22, 10, 12, 14)
_REPEAT_PERCENT = np.array([10, 55, 55, 35, 40, 5])  # next record in the same source
_WHATSAPP_FACTOR = {"US": 30, "CN": 20, "IN": 250, "BR": 250, "ES": 200, "IT": 200, "AE": 200}

# Records per person: many with one or two, a long tail up to 30.
_RECORD_COUNTS = [5200, 2500, 1200, 700, 450, 300] + [3000 // (k * k) for k in range(7, 31)]

# Household size of a group of people: (1, 2, 3, 4).
_HOUSEHOLD_SIZES = (930, 45, 15, 10)

# Life events and hard cases: not noise, the same at every noise level (fractions).
EVENTS = {
    "namesake": 0.04,
    "shared_inbox": 0.03,
    "landline_single": 0.25,
    "landline_use": 0.4,
    "store_phone": 0.4,
    "mover": 0.1,
    "email_change": 0.08,
    "phone_change": 0.06,
    "twins": 0.35,
    "spelling_switch": 0.2,
    "latin_pref_other": 0.3,
    "unit": 0.12,
}

_EPOCH_2019 = 1546300800  # 2019-01-01T00:00:00Z
_SPAN = 1751241600 - _EPOCH_2019  # up to 2025-06-30
_GAP_DAYS = (7, 45, 200, 700)
_GAP_WEIGHTS = (40, 30, 20, 10)
_INBOX_PREFIX = {"DE": "kontakt", "FR": "contact", "ES": "contacto", "BR": "contato"}
_DAYS_IN_MONTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
_UNIT = {
    "US": ", Apt {u}",
    "GB": "Flat {u}, ",
    "FR": ", Apt {u}",
    "DE": ", {u}. OG",
    "ES": ", {u}º",
    "IT": ", int. {u}",
    "NL": "-{u}",
    "IN": "Flat {u}, ",
    "RU": ", кв. {u}",
    "BR": ", apto {u}",
}


class Population:
    """The people of one run of the generator and their records (see ``_synthetic``)."""

    def __init__(
        self,
        n_people: int,
        seed: int,
        countries: Sequence[str],
        sources: Sequence[str],
        noise: float,
    ) -> None:
        self.n = n_people
        self.seed = seed
        self.noise = noise
        self.pools = _pools()
        self.countries = [c.code in countries for c in COUNTRIES]
        self.sources = [s in sources for s in SOURCES]
        self._stream = 0

    def draws(self) -> Draws:
        """A fresh stream; streams are numbered in the fixed order the code asks for them."""
        self._stream += 1
        return Draws(self.seed, self._stream)

    # ----------------------------------------------------------------- people

    def people(self) -> None:
        n, pools = self.n, self.pools
        d = self.draws()
        weights = [
            c.weight if keep else 0 for c, keep in zip(COUNTRIES, self.countries, strict=True)
        ]
        # Households: groups of 1-4 consecutive people sharing one head.
        sizes = d.weighted(_HOUSEHOLD_SIZES, n) + 1
        ends = np.cumsum(sizes)
        n_groups = int(np.searchsorted(ends, n)) + 1
        sizes = sizes[:n_groups]
        sizes[-1] -= int(ends[n_groups - 1]) - n
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        head = np.repeat(starts, sizes)
        size = np.repeat(sizes, sizes)
        pos = np.arange(n) - head
        twins = np.repeat(d.chance(EVENTS["twins"], n_groups), sizes) & (size >= 3)
        twin = twins & (pos >= size - 2)
        child = twin | (pos >= 2)
        self.head, self.household_size, self.twin = head, size, twin

        country = d.weighted(weights, n)[head]
        gender = d.below(2, n)
        partner = (pos == 1) & ~child
        gender = np.where(partner, 1 - gender[head], gender)
        self.country, self.gender = country, gender

        # Given names, different within a household.
        m_start, m_size = pools.start_size("male", country)
        f_start, f_size = pools.start_size("female", country)
        g_size = np.where(gender == 0, m_size, f_size)
        g_start = np.where(gender == 0, m_start, f_start + pools.n_male)
        g_local = d.weighted_rows(pools.zipf, g_size)
        for p in (1, 2, 3):
            for q in range(p):
                back = p - q
                same = (g_local == np.roll(g_local, back)) & (gender == np.roll(gender, back))
                clash = (pos == p) & same
                g_local = np.where(clash, (g_local + 1 + q) % g_size, g_local)
        fam_start, fam_size = pools.start_size("family", country)
        fam_local = d.weighted_rows(pools.zipf, fam_size)[head]
        fam2_local = np.where(
            country == _code_index("ES"), d.weighted_rows(pools.zipf, fam_size)[head], -1
        )
        # Namesakes: single people given the country's most common full name.
        namesake = (size == 1) & d.chance(EVENTS["namesake"], n)
        g_local = np.where(namesake, 0, g_local)
        fam_local = np.where(namesake, 0, fam_local)
        fam2_local = np.where(namesake, -1, fam2_local)
        self.namesake = namesake
        self.given = g_start + g_local
        self.family = fam_start + fam_local + gender * pools.n_family
        self.family2 = np.where(fam2_local >= 0, fam_start + fam2_local, -1)
        self.pref_given = np.where(d.chance(EVENTS["latin_pref_other"], n), d.below(4, n), 0)
        self.pref_family = np.where(d.chance(EVENTS["latin_pref_other"], n), d.below(4, n), 0)

        # Dates of birth: partners near the head's age, children 22-35 years younger.
        household = size > 1
        year = 1940 + d.below(66, n)
        year = np.where(household, 1940 + d.below(33, n), year)[head]
        year = np.where(partner, year + d.below(7, n) - 3, year)
        year = np.where(child, np.minimum(year + 22 + d.below(14, n), 2006), year)
        month = 1 + d.below(12, n)
        leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
        days = _DAYS_IN_MONTH[month] + ((month == 2) & leap)
        day = 1 + d.below(days, n)
        first_twin = twin & (pos == size - 1)
        year = np.where(first_twin, np.roll(year, 1), year)
        month = np.where(first_twin, np.roll(month, 1), month)
        day = np.where(first_twin, np.roll(day, 1), day)
        self.year, self.month, self.day = year, month, day
        self.in_household = household

    def records_per_person(self) -> None:
        d = self.draws()
        self.k = d.weighted(_RECORD_COUNTS, self.n) + 1
        n, k = self.n, self.k
        several = k >= 2
        self.move_rank = self._event_rank(d, several & d.chance(EVENTS["mover"], n))
        self.email_rank = self._event_rank(d, several & d.chance(EVENTS["email_change"], n))
        self.phone_rank = self._event_rank(d, several & d.chance(EVENTS["phone_change"], n))

    def _event_rank(self, d: Draws, happens: BoolArray) -> IntArray:
        """For people with an event: the rank of their first record after it."""
        return np.where(happens, 1 + d.below(np.maximum(self.k - 1, 1), self.n), _UNUSED)

    def addresses(self) -> None:
        n, d = self.n, self.draws()
        self.addr = [self._address(d, self.country), self._address(d, self.country)]
        for key, arr in self.addr[0].items():
            self.addr[0][key] = arr[self.head]
        self.unit_fmt = [_UNIT.get(c.code, ", {u}") for c in COUNTRIES]
        self.pref_type = np.where(d.chance(0.4, n), d.below(4, n), 0)
        self.pref_city = np.where(d.chance(0.25, n), d.below(3, n), 0)

    def _address(self, d: Draws, country: IntArray) -> dict[str, IntArray]:
        pools, n = self.pools, self.n
        c_start, c_size = pools.start_size("city", country)
        s_start, s_size = pools.start_size("street", country)
        t_start, t_size = pools.start_size("type", country)
        city = c_start + d.weighted_rows(pools.zipf, c_size)
        number = 1 + d.below(1 + d.below(180, n), n)
        unit = np.where(d.chance(EVENTS["unit"], n), 1 + d.below(30, n), 0)
        return {
            "city": city,
            "street": s_start + d.below(s_size, n),
            "type": t_start + d.weighted_rows(pools.zipf, t_size),
            "number": number,
            "unit": unit,
            "postcode": d.below(1 << 40, n),
            "landline": d.below(1 << 40, n),
        }

    def postcode(self, city: int, pattern: str, r: int) -> str | None:
        """A city's postcode: one of its prefixes completed by the country's pattern."""
        prefixes = self.pools.city_postcodes[city]
        if not prefixes:
            return None
        out = [prefixes[r % len(prefixes)]]
        r //= len(prefixes)
        for ch in pattern:
            if ch == "#":
                out.append("0123456789"[r % 10])
                r //= 10
            elif ch == "A":
                out.append("ABDEFGHJLNPQRSTUWXYZ"[r % 20])
                r //= 20
            elif ch == "@":
                out.append("ABCEGHJKLMNPRTVWXZ"[r % 18])
                r //= 18
            else:
                out.append(ch)
        return "".join(out)

    # ----------------------------------------------------------------- contact

    def phones(self) -> None:
        """Mobile numbers (a second one for people who change), shared landlines, shop phones."""
        n, pools, d = self.n, self.pools, self.draws()
        self.plans: list[PhonePlan] = []
        self._plan_ids: dict[tuple[int, int, int], int] = {}
        self.phone_nsn: list[str] = []
        self.phone_plan: list[int] = []
        country = self.country.tolist()
        city0 = self.addr[0]["city"].tolist()
        r1, r2 = d.raw(n).tolist(), d.raw(n).tolist()
        self.mobile = np.array(
            [self._mobile(c, t, r) for c, t, r in zip(country, city0, r1, strict=True)]
        )
        city1 = self.addr[1]["city"].tolist()
        self.mobile2 = np.array(
            [self._mobile(c, t, r) for c, t, r in zip(country, city1, r2, strict=True)]
        )
        has_line = self.in_household | d.chance(EVENTS["landline_single"], n)
        lines = self.addr[0]["landline"].tolist()
        self.landline = np.array(
            [
                self._fixed(c, t, r) if keep else -1
                for c, t, r, keep in zip(
                    country, city0, lines, has_line[self.head].tolist(), strict=True
                )
            ]
        )
        stores = d.raw(3 * len(COUNTRIES)).tolist()
        self.store_phone = np.array(
            [
                self._fixed(ci, pools.ranges["city"][ci][0] + j, stores[3 * ci + j])
                for ci in range(len(COUNTRIES))
                for j in range(3)
            ]
        ).reshape(len(COUNTRIES), 3)

    def _number(self, ci: int, kind: int, prefix: str, length: int, r: int) -> int:
        key = (ci, kind, length)
        plan = self._plan_ids.get(key)
        if plan is None:
            c = COUNTRIES[ci]
            trunk = c.mobile_trunk if kind == 0 else c.trunk
            plan = self._plan_ids[key] = len(self.plans)
            self.plans.append(
                PhonePlan(c.calling_code, trunk, c.phone_groups[length], c.phone_style)
            )
        rest = length - len(prefix) - 1
        self.phone_nsn.append(f"{prefix}{'23456789'[r % 8]}{r // 8 % 10**rest:0{rest}d}")
        self.phone_plan.append(plan)
        return len(self.phone_nsn) - 1

    def _mobile(self, ci: int, city: int, r: int) -> int:
        prefixes = self.pools.city_mobiles[city]
        prefix = prefixes[r % len(prefixes)]
        return self._number(ci, 0, prefix, COUNTRIES[ci].mobile_length, r // len(prefixes))

    def _fixed(self, ci: int, city: int, r: int) -> int:
        lines = self.pools.city_landlines[city]
        prefix, length = lines[r % len(lines)]
        return self._number(ci, 1, prefix, length, r // len(lines))

    def emails(self) -> None:
        """Personal addresses built from the name, unique per person; some shared inboxes."""
        n, pools, d = self.n, self.pools, self.draws()
        latin = np.zeros(n, bool)
        given_ascii = [_ascii(v) for v in pools.given.values]
        family_ascii = [_ascii(v) for v in pools.family.values]
        given = [given_ascii[i] for i in pools.given.index(self.given, latin, self.pref_given)]
        family = [family_ascii[i] for i in pools.family.index(self.family, latin, self.pref_family)]
        country = self.country.tolist()
        years = self.year.tolist()
        seen: dict[str, int] = {}
        out: list[list[str]] = []
        for attempt in range(2):
            r = d.raw(n).tolist()
            emails = []
            for i in range(n):
                email = _personal_email(given[i], family[i], COUNTRIES[country[i]], years[i], r[i])
                if _mailbox(email) in seen:
                    at = email.index("@")
                    email = f"{email[:at]}{i % 97 + attempt}{i // 97}{email[at:]}"
                seen[_mailbox(email)] = i
                emails.append(email)
            out.append(emails)
        self.email, self.email2 = out
        # Shared inboxes of small businesses: several single people of one country use one.
        shared = (self.household_size == 1) & ~self.namesake
        shared &= d.chance(EVENTS["shared_inbox"], n)
        self.shared_inbox = shared
        r = d.raw(n).tolist()
        inbox_of: dict[tuple[int, int], str] = {}
        for ci, c in enumerate(COUNTRIES):
            members = np.flatnonzero(shared & (self.country == ci)).tolist()
            groups = max(1, len(members) // 3)
            f_start, f_size = pools.ranges["family"][ci]
            for i in members:
                key = (ci, r[i] % groups)
                if key not in inbox_of:
                    name = _ascii(pools.family.entries[f_start + key[1] % f_size].latin[0])
                    word = c.business[r[i] // 7 % len(c.business)]
                    box = f"{_INBOX_PREFIX.get(c.code, 'info')}@{name}-{word}.{c.tld}"
                    if _mailbox(box) in seen:
                        box = box.replace("@", f"@{key[1]}")
                    seen[_mailbox(box)] = i
                    inbox_of[key] = box
                self.email[i] = self.email2[i] = inbox_of[key]

    def consent(self) -> None:
        """Each person's marketing and profiling consent, and when some withdraw it."""
        n, d = self.n, self.draws()
        states = np.array(["yes", "no", "unknown"])
        self.marketing = states[d.weighted((55, 25, 20), n)]
        self.profiling = states[d.weighted((45, 30, 25), n)]
        self.marketing_rank = self._event_rank(d, (self.marketing == "yes") & d.chance(0.2, n))
        self.profiling_rank = self._event_rank(d, (self.profiling == "yes") & d.chance(0.15, n))

    # ----------------------------------------------------------------- records

    def records(self) -> None:
        """Who each record belongs to, its source, time and id, in the table's final order."""
        d, k = self.draws(), self.k
        person = np.repeat(np.arange(self.n), k)
        starts = np.concatenate(([0], np.cumsum(k)[:-1]))
        rank = np.arange(len(person)) - np.repeat(starts, k)
        n_rec = len(person)
        table = np.array(
            [
                [
                    w * (_WHATSAPP_FACTOR.get(c.code, 100) if s == WHATSAPP else 100) * keep
                    for s, (w, keep) in enumerate(zip(_SOURCE_WEIGHTS, self.sources, strict=True))
                ]
                for c in COUNTRIES
            ],
            dtype=np.int64,
        )
        rec_country = self.country[person]
        source = d.weighted_rows(table, rec_country)
        repeat = d.raw(n_rec) % np.uint64(100)
        for r in range(1, int(k.max()) if n_rec else 1):
            at = np.flatnonzero(rank == r)
            prev = source[at - 1]
            keep = (repeat[at] < _REPEAT_PERCENT[prev].astype(np.uint64)) & np.asarray(
                self.sources
            )[prev]
            source[at] = np.where(keep, prev, source[at])
        # Times: the last record of each person in 2019-2025, earlier ones before it.
        gap_class = d.weighted(_GAP_WEIGHTS, n_rec)
        gaps = 3600 + d.below(np.array(_GAP_DAYS)[gap_class] * 86400, n_rec)
        gaps[rank == 0] = 0
        cum = np.cumsum(gaps)
        last = np.repeat(cum[starts + k - 1], k)
        t_last = _EPOCH_2019 + d.below(_SPAN, self.n)
        time = t_last[person] - (last - cum)
        order = np.lexsort((np.arange(n_rec), time, source))
        self.person, self.rank, self.source, self.time = (
            person[order],
            rank[order],
            source[order],
            time[order],
        )
        self.rec_country = self.country[self.person]
        first_of_source = np.searchsorted(self.source, np.arange(len(SOURCES)))
        self.number = np.arange(n_rec) - first_of_source[self.source] + 1


def _mailbox(email: str) -> str:
    """The mailbox an address delivers to: Gmail ignores dots and case in the local part,
    so ``ana.lee@gmail.com`` and ``analee@gmail.com`` are one person's, never two.

    >>> _mailbox("Ana.Lee@gmail.com"), _mailbox("ana.lee@web.de")
    ('analee@gmail.com', 'ana.lee@web.de')
    """
    local, _, domain = email.lower().partition("@")
    if domain in ("gmail.com", "googlemail.com"):
        local = local.replace(".", "")
    return f"{local}@{domain}"


def _personal_email(given: str, family: str, country: Country, year: int, r: int) -> str:
    """An address built from ASCII-folded names the way people choose them."""
    domains = country.email_domains
    domain = domains[r % len(domains)]
    r //= len(domains)
    if domain == "qq.com":
        return f"{10000 + r % 3000000000}@qq.com"
    f, g = given, family
    yy = f"{year % 100:02d}"
    local = (
        f"{f}.{g}",
        f"{f}{g}",
        f"{f[:1]}.{g}",
        f"{f}_{g}",
        f"{f}.{g}{yy}",
        f"{f}{year}",
        f"{g}{f[:1]}",
        f"{f}{g}{r // 8 % 100}",
    )[r % 8]
    return f"{local}@{domain}"


def _code_index(code: str) -> int:
    return next(i for i, c in enumerate(COUNTRIES) if c.code == code)
