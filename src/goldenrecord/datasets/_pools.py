"""Names, streets, cities, phone plans and formats for the synthetic customers, per country.

A spelling entry is written ``"native1;native2|latin1;latin2"``: the spellings in the
country's own script before the bar, Latin spellings after it. Entries of Latin-script
countries have no bar (``"José;Jose"``: the usual spelling first, then a variant). A
gendered family name is written ``"male>female"``. Lists are ordered from the most common
value to the least, and the first given and family names of each country make its
namesakes (John Smith, Wang Wei, Mohammed Ali, ...).

Phone prefixes are chosen so that every number built from them, a prefix followed by
a digit 2-9 and random digits, is valid for ``phonenumbers`` (a test checks it).

The entries' shapes are in ``_pool_types``, the countries' pools in ``_countries_west``
and ``_countries_world``; everything is importable from here.
"""

from __future__ import annotations

from goldenrecord.datasets._countries_west import WEST
from goldenrecord.datasets._countries_world import WORLD
from goldenrecord.datasets._pool_types import Country, Spellings, _entries

__all__ = ["COUNTRIES", "NICKNAMES", "SOURCES", "Country", "Spellings"]

SOURCES = ("crm", "shop", "pos", "support", "whatsapp", "newsletter")
"""The channels a generated record comes from (the ``source`` column)."""

COUNTRIES: tuple[Country, ...] = (*WEST, *WORLD)
"""The supported countries, in a fixed order (the generator's draws depend on it)."""

NICKNAMES: dict[str, tuple[Spellings, ...]] = {
    key: _entries(value)
    for key, value in {
        "Robert": "Bob, Rob, Bobby",
        "William": "Bill, Will, Billy",
        "Elizabeth": "Liz, Beth, Lizzie",
        "Margaret": "Peggy, Maggie, Meg",
        "James": "Jim, Jimmy, Jamie",
        "John": "Johnny, Jack",
        "Michael": "Mike, Mick",
        "Richard": "Rick, Dick, Rich",
        "Joseph": "Joe, Joey",
        "Thomas": "Tom, Tommy",
        "Christopher": "Chris",
        "Daniel": "Dan, Danny",
        "Matthew": "Matt",
        "Anthony": "Tony",
        "Steven": "Steve",
        "Stephen": "Steve",
        "Andrew": "Andy, Drew",
        "Joshua": "Josh",
        "Edward": "Ed, Eddie, Ted",
        "Katherine": "Kate, Kathy, Katie",
        "Catherine": "Cathy, Kate",
        "Jennifer": "Jen, Jenny",
        "Patricia": "Pat, Patty, Trish",
        "Deborah": "Debbie, Deb",
        "Rebecca": "Becky",
        "Susan": "Sue, Susie",
        "Jessica": "Jess",
        "Victoria": "Vicky, Tori",
        "Alexander": "Alex",
        "Nicolas": "Nico",
        "José": "Pepe",
        "Francisco": "Paco, Pancho",
        "Manuel": "Manolo",
        "Dolores": "Lola",
        "Jesús": "Chuy",
        "Giuseppe": "Beppe, Pino",
        "Giovanni": "Gianni",
        "Johannes": "Hans",
        "Andreas": "Andi",
        "Katharina": "Kathi",
        "Hendrik": "Henk",
        "Cornelis": "Kees",
        "Willem": "Wim",
        "Александр": "Саша|Sasha",
        "Дмитрий": "Дима|Dima",
        "Елена": "Лена|Lena",
        "Наталья": "Наташа|Natasha",
        "Екатерина": "Катя|Katya",
        "Мария": "Маша|Masha",
        "Иван": "Ваня|Vanya",
        "Михаил": "Миша|Misha",
        "Анастасия": "Настя|Nastya",
        "Татьяна": "Таня|Tanya",
        "Владимир": "Володя|Volodya, Вова|Vova",
        "Γεώργιος": "Γιώργος|Giorgos",
        "Ιωάννης": "Γιάννης|Giannis",
        "Κωνσταντίνος": "Κώστας|Kostas",
        "Δημήτριος": "Δημήτρης|Dimitris",
        "Νικόλαος": "Νίκος|Nikos",
        "Αικατερίνη": "Κατερίνα|Katerina",
        "Ελένη": "Λένα|Lena",
        "محمد": "حمودي|Hamoudi, Mo",
        "عبدالله": "عبودي|Abboud",
    }.items()
}
"""Canonical spelling of a given name (its first native or Latin spelling) → nicknames."""
