"""Recall when phones are written without their country code and no country is known.

For the bundled sample (``gr.datasets.load_sample()``, about 600 records) and a
generated customer table (``synthetic_customers``), three variants of one table are
resolved with default settings:

* ``as generated``: the table as it is, country column included;
* ``no country``: the country column removed from the table and the schema;
* ``no country, national phones``: also every phone written in its national form
  (``+33 6 12 34 56 78`` → ``06 12 34 56 78``), as a single-country system would
  store it: without a region such numbers cannot be read as E.164.

Printed per table and variant: pairwise and B-cubed F1 (``gr.evaluate``), the phone
values rejected as ``no_region``, candidate pairs, and the prepare time.

    python benchmarks/phone_region.py                    # sample and 5,000 people
    python benchmarks/phone_region.py --people 20000
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import phonenumbers

import goldenrecord as gr
from goldenrecord.datasets import CustomerTable, load_sample, synthetic_customers


def national_form(cell: str | None, region: str | None) -> str | None:
    """The national form of a phone cell (with the record's true region), else the cell."""
    if cell is None:
        return None
    try:
        parsed = phonenumbers.parse(cell, region)
    except phonenumbers.NumberParseException:
        return cell
    if not phonenumbers.is_valid_number(parsed):
        return cell
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def variants(table: CustomerTable) -> dict[str, tuple[dict[str, list[Any]], gr.Schema]]:
    """The three variants of a table (see the module docstring), with their schemas."""
    cols = {c: list(v) for c, v in table.columns.items()}
    schema = table.schema()
    fields = {c: k for c, k in schema.fields.items() if k != "country"}
    no_country_schema = gr.Schema(
        id=schema.id,
        source=schema.source,
        updated_at=schema.updated_at,
        fields=fields,
        consent=dict(schema.consent),
    )
    countries = [gr.normalize.country(c) for c in cols["country"]]
    no_country = {c: v for c, v in cols.items() if c != "country"}
    national = dict(no_country)
    national["phone"] = [national_form(p, r) for p, r in zip(cols["phone"], countries, strict=True)]
    return {
        "as generated": (cols, schema),
        "no country": (no_country, no_country_schema),
        "no country, national phones": (national, no_country_schema),
    }


def run(name: str, table: CustomerTable) -> None:
    truth = table.truth
    for variant, (cols, schema) in variants(table).items():
        start = time.perf_counter()
        res = gr.resolve(cols, schema)
        seconds = time.perf_counter() - start
        ev = gr.evaluate(res.clusters, truth)
        no_region = res.report.rejected_values.get("phone", {}).get("no_region", 0)
        print(
            f"{name:<14} {variant:<29} pairwise F1 {ev.pairwise_f1:.4f}  "
            f"B-cubed F1 {ev.bcubed_f1:.4f}  no_region {no_region:>6}  "
            f"pairs {res.report.blocking.n_pairs:>9}  "
            f"prepare {res.report.timings.get('prepare', 0.0):.2f} s  total {seconds:.1f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000, help="people of the generated table")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    run("sample", load_sample())
    run(f"generated {args.people}", synthetic_customers(args.people, seed=args.seed))


if __name__ == "__main__":
    main()
