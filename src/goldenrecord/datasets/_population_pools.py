"""The generator's pools as arrays: every country's spellings flattened once, looked up by
entry, script and variant; built on first use and shared by all draws.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from goldenrecord.datasets._draws import IntArray
from goldenrecord.datasets._pools import COUNTRIES, NICKNAMES, Spellings

BoolArray = npt.NDArray[np.bool_]

Column = list[str | None]

_ASCII = str.maketrans(
    "áàâäãåçéèêëíìîïñóòôöõøúùûüýÿšžčćłńśźżőűğışİ",
    "aaaaaaceeeeiiiinoooooouuuuyyszcclnszzougisI",
    " '’",
)

_UNUSED = 1 << 30


class _Flat:
    """Spelling entries flattened into one list, picked by index arithmetic."""

    def __init__(self, entries: Sequence[Spellings]) -> None:
        self.values: list[str] = []
        off, nnat, nlat = [], [], []
        for e in entries:
            off.append(len(self.values))
            nnat.append(len(e.native))
            nlat.append(len(e.latin))
            self.values.extend(e.native)
            self.values.extend(e.latin)
        self.entries = list(entries)
        self.off = np.array(off, dtype=np.int64)
        self.nnat = np.array(nnat, dtype=np.int64)
        self.nlat = np.array(nlat, dtype=np.int64)

    def index(self, entry: IntArray, native: BoolArray, variant: IntArray) -> IntArray:
        nn, nl = self.nnat[entry], self.nlat[entry]
        use_native = native & (nn > 0)
        return np.where(
            use_native,
            self.off[entry] + variant % np.maximum(nn, 1),
            self.off[entry] + nn + variant % nl,
        )

    def pick(self, entry: IntArray, native: BoolArray, variant: IntArray) -> Column:
        values = self.values
        return [values[i] for i in self.index(entry, native, variant).tolist()]


def _ascii(text: str) -> str:
    return text.lower().translate(_ASCII)


def _zipf_table(max_size: int) -> npt.NDArray[np.int64]:
    """Row n: weights of a pool of n values, the first most common (Zipf-like, flat head)."""
    table = np.zeros((max_size + 1, max_size), dtype=np.int64)
    for n in range(1, max_size + 1):
        table[n, :n] = [1000 // (i + 8) for i in range(n)]
    return table


class _Pools:
    """All countries' pools flattened, with per-country ranges into them."""

    def __init__(self) -> None:
        male: list[Spellings] = []
        female: list[Spellings] = []
        fam_m: list[Spellings] = []
        fam_f: list[Spellings] = []
        cities: list[Spellings] = []
        streets: list[Spellings] = []
        types: list[Spellings] = []
        self.ranges: dict[str, list[tuple[int, int]]] = {
            k: [] for k in ("male", "female", "family", "city", "street", "type")
        }
        self.city_postcodes: list[tuple[str, ...]] = []
        self.city_landlines: list[tuple[tuple[str, int], ...]] = []
        self.city_mobiles: list[tuple[str, ...]] = []
        for c in COUNTRIES:
            for key, target, items in (
                ("male", male, c.male),
                ("female", female, c.female),
                ("street", streets, c.streets),
                ("type", types, c.street_types),
            ):
                self.ranges[key].append((len(target), len(items)))
                target.extend(items)
            self.ranges["family"].append((len(fam_m), len(c.families)))
            fam_m.extend(m for m, _ in c.families)
            fam_f.extend(f for _, f in c.families)
            self.ranges["city"].append((len(cities), len(c.cities)))
            for city in c.cities:
                cities.append(city.names)
                self.city_postcodes.append(city.postcodes)
                lines = []
                for token in city.landlines:
                    prefix, _, length = token.partition(":")
                    lines.append((prefix, int(length) if length else c.fixed_length))
                self.city_landlines.append(tuple(lines))
                self.city_mobiles.append(city.mobiles or c.mobiles)
        self.given = _Flat(male + female)
        self.n_male = len(male)
        self.family = _Flat(fam_m + fam_f)
        self.n_family = len(fam_m)
        self.city = _Flat(cities)
        self.street = _Flat(streets)
        self.type = _Flat(types)
        self.zipf = _zipf_table(40)
        nick_keys = [(e.native or e.latin)[0] for e in self.given.entries]
        self.nicknames = [NICKNAMES.get(k, ()) for k in nick_keys]

    def start_size(self, key: str, country: IntArray) -> tuple[IntArray, IntArray]:
        table = np.array(self.ranges[key], dtype=np.int64)
        return table[country, 0], table[country, 1]


_POOLS: _Pools | None = None


def _pools() -> _Pools:
    global _POOLS
    if _POOLS is None:
        _POOLS = _Pools()
    return _POOLS
