"""Throughput of the batch normalizers against direct calls, on repetitive customer data.

For each kind, the same N values (drawn with a Zipf-like skew from a pool of distinct
raw spellings, as customer columns are: the same cities, domains and family names over
and over) are normalized twice, each in a fresh process:

* ``goldenrecord``: ``gr.normalize.column(values, kind)``;
* ``direct``: the underlying library called on every value (email-validator's
  ``validate_email``; phonenumbers' ``parse`` + ``is_valid_number`` + ``format_number``),
  or, for kinds goldenrecord implements itself, its own scalar function in a loop.

It prints values per second, the goldenrecord/direct speed ratio and peak memory
(resident set growth of the measuring process), one row per kind.

    python benchmarks/normalize.py                 # 1,000,000 values, 10% distinct
    python benchmarks/normalize.py --n 200000 --distinct 1.0 --kinds email phone
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

FIRST = (
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Éloïse Chloé Léa Manon Jérôme "
    "François Hans Jürgen Günter Müller Sofía José María Lucía Giuseppe Francesca Mohammed "
    "Ahmed Fatima Aisha Wei Fang Elena Olga Ivan Priya Rahul Anita Björn Søren Zoë"
).split()
LAST = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
    "Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Dupont Durand "
    "Lefèvre Müller Schmidt Schneider Fischer Rossi Russo Ferrari Esposito García Fernández "
    "O'Brien McDonald Al-Sayed Haddad Wang Li Zhang Liu Ivanov Smirnova Sharma Patel Singh"
).split()
DOMAINS = (
    "gmail.com googlemail.com outlook.com hotmail.co.uk yahoo.fr icloud.com web.de orange.fr "
    "163.com yandex.ru acme-corp.com university.edu"
).split()
AREA = (201, 212, 213, 305, 312, 404, 415, 512, 617, 646, 702, 713, 718, 773, 818, 917)
STREETS = ("Main Street", "Market St.", "Rue de la Paix", "Hauptstraße", "Calle Mayor", "Oak Ave")
CITIES = ("Paris", "PARIS", "London", "New York", "München", "Saint-Étienne", "São Paulo")
COUNTRIES = ("France", "FR", "fra", "United Kingdom", "UK", "USA", "Deutschland", "España")
MONTHS = ("Jan", "March", "mars", "März", "marzo", "Oct.")


def _email(rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    local = rng.choice((f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}"))
    local += str(rng.randrange(100)) if rng.random() < 0.5 else ""
    if rng.random() < 0.15:
        local += "+" + rng.choice(("shop", "news", "promo"))
    addr = f"{local}@{rng.choice(DOMAINS)}".replace("'", "").replace(" ", "")
    return addr.upper() if rng.random() < 0.1 else addr


def _phone(rng: random.Random) -> str:
    a, e, line = rng.choice(AREA), rng.randrange(201, 999), rng.randrange(10000)
    while e == 555:
        e = rng.randrange(201, 999)
    fmt = rng.randrange(5)
    if fmt == 0:
        return f"({a}) {e}-{line:04d}"
    if fmt == 1:
        return f"{a}.{e}.{line:04d}"
    if fmt == 2:
        return f"+1 {a} {e} {line:04d}"
    if fmt == 3:
        return f"{a}{e}{line:04d}"
    return f"1-{a}-{e}-{line:04d}"


def _name(rng: random.Random) -> str:
    s = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return rng.choice((s, s.upper(), s.lower(), f"  {s} ", f"Mr. {s}"))


def _date(rng: random.Random) -> str:
    y, m, d = rng.randrange(1940, 2005), rng.randrange(1, 13), rng.randrange(1, 29)
    fmt = rng.randrange(4)
    if fmt == 0:
        return f"{y}-{m:02d}-{d:02d}"
    if fmt == 1:
        return f"{d:02d}/{m:02d}/{y}"
    if fmt == 2:
        return f"{d} {rng.choice(MONTHS)} {y}"
    return f"{y}{m:02d}{d:02d}"


def _postcode(rng: random.Random) -> str:
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    out = f"{rng.choice('ESWN')}{rng.choice('C1W')}{rng.randrange(1, 10)}"
    code = f"{out} {rng.randrange(10)}{rng.choice(letters)}{rng.choice(letters)}"
    return code.lower().replace(" ", "") if rng.random() < 0.3 else code


def _address(rng: random.Random) -> str:
    return f"{rng.randrange(1, 300)} {rng.choice(STREETS)}"


def _identifier(rng: random.Random) -> str:
    return f"{rng.choice('ABCDEF')}{rng.choice('- ')}{rng.randrange(10**6):06d}"


GENERATORS: dict[str, tuple[Callable[[random.Random], str], dict[str, Any]]] = {
    "email": (_email, {}),
    "phone": (_phone, {"region": "US"}),
    "name": (_name, {}),
    "name_key": (_name, {}),
    "date": (_date, {"dayfirst": True}),
    "postcode": (_postcode, {"country": "GB"}),
    "address": (_address, {}),
    "city": (lambda rng: rng.choice(CITIES), {}),
    "country": (lambda rng: rng.choice(COUNTRIES), {}),
    "identifier": (_identifier, {}),
}


def make_values(kind: str, n: int, distinct: float, seed: int) -> list[str]:
    """N cells of one kind: a pool of ``distinct * n`` spellings drawn with a Zipf-like skew."""
    rng = random.Random(seed)
    gen = GENERATORS[kind][0]
    pool = [gen(rng) for _ in range(max(1, int(n * distinct)))]
    if distinct >= 1.0:
        return pool[:n]
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(pool))]
    return rng.choices(pool, weights=weights, k=n)


def _direct(kind: str, options: dict[str, Any]) -> Callable[[str], Any]:
    if kind == "email":
        from email_validator import EmailNotValidError, validate_email

        def email(v: str) -> Any:
            try:
                return validate_email(v, check_deliverability=False).normalized
            except EmailNotValidError:
                return None

        return email
    if kind == "phone":
        import phonenumbers

        region = options["region"]

        def phone(v: str) -> Any:
            try:
                p = phonenumbers.parse(v, region)
            except phonenumbers.NumberParseException:
                return None
            if not phonenumbers.is_valid_number(p):
                return None
            return phonenumbers.format_number(p, phonenumbers.PhoneNumberFormat.E164)

        return phone
    import goldenrecord as gr

    scalar: Callable[..., Any] = {
        "city": gr.normalize.text,
        "name": gr.normalize.name,
    }.get(kind) or getattr(gr.normalize, kind)
    return lambda v: scalar(v, **options)


def _measure(side: str, kind: str, n: int, distinct: float, seed: int, queue: Any) -> None:
    values = make_values(kind, n, distinct, seed)
    options = GENERATORS[kind][1]
    import goldenrecord as gr

    fn = _direct(kind, options)
    fn(values[0])  # imports and lazy tables are not part of the measurement
    gr.normalize.column(values[:1], kind, **options)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    if side == "goldenrecord":
        kept = gr.normalize.column(values, kind, **options).kept
    else:
        kept = sum(fn(v) is not None for v in values)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    queue.put({"seconds": elapsed, "kept": kept, "peak_mib": peak / 1024})


def run(kind: str, side: str, n: int, distinct: float, seed: int) -> dict[str, Any]:
    """Measure one side for one kind in a fresh process."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_measure, args=(side, kind, n, distinct, seed, queue))
    proc.start()
    result: dict[str, Any] = queue.get()
    proc.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="values per kind")
    parser.add_argument("--distinct", type=float, default=0.1, help="share of distinct values")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--kinds", nargs="*", default=list(GENERATORS), choices=list(GENERATORS))
    parser.add_argument("--json", action="store_true", help="print JSON rows instead of a table")
    args = parser.parse_args(argv)

    rows = []
    header = (
        f"{'kind':<11} {'direct is':<13} {'direct v/s':>11} {'gr v/s':>11} {'ratio':>7} "
        f"{'direct MiB':>10} {'gr MiB':>8}"
    )
    if not args.json:
        print(f"{args.n:,} values per kind, {args.distinct:.0%} distinct, seed {args.seed}")
        print(header)
    for kind in args.kinds:
        direct = run(kind, "direct", args.n, args.distinct, args.seed)
        ours = run(kind, "goldenrecord", args.n, args.distinct, args.seed)
        peer = {"email": "email-validator", "phone": "phonenumbers"}.get(kind, "scalar loop")
        row = {
            "kind": kind,
            "direct": peer,
            "direct_values_per_s": args.n / direct["seconds"],
            "gr_values_per_s": args.n / ours["seconds"],
            "ratio": direct["seconds"] / ours["seconds"],
            "direct_peak_mib": direct["peak_mib"],
            "gr_peak_mib": ours["peak_mib"],
            "direct_kept": direct["kept"],
            "gr_kept": ours["kept"],
        }
        rows.append(row)
        if not args.json:
            print(
                f"{kind:<11} {peer:<13} {row['direct_values_per_s']:>11,.0f} "
                f"{row['gr_values_per_s']:>11,.0f} {row['ratio']:>6.1f}x "
                f"{row['direct_peak_mib']:>10.1f} {row['gr_peak_mib']:>8.1f}",
                flush=True,
            )
    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
