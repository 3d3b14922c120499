"""goldenrecord.spark: the batch pipeline over pyspark DataFrames gives gr.resolve's answers.

Every test shares one local session (conftest) and small generated tables, so the
module adds little to a CI run.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import goldenrecord as gr
from goldenrecord import spark as grs
from goldenrecord.errors import SettingsError

pytestmark = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)


def _pandas(frame: Any) -> Any:
    """A Spark DataFrame's rows as pandas (through ``collect``: pyspark's ``toPandas``
    warns under pandas 3)."""
    import pandas as pd

    return pd.DataFrame([r.asDict() for r in frame.collect()], columns=frame.columns)


def _spark_frame(spark: Any, frame: Any) -> Any:
    """A Spark DataFrame of a pandas one (missing cells as nulls, every column as text)."""
    cells = frame.astype(object).where(frame.notna(), None)
    return spark.createDataFrame(cells)


def _with_conflict(frame: Any) -> Any:
    """The frame and one more record: a copy of a record whose customer number two other
    records confirm, carrying another confirmed customer number. Its matches with
    them are refused whatever the order (an identifier is exclusive)."""
    import pandas as pd

    numbers = frame["customer_number"].value_counts()
    confirmed = numbers[numbers >= 3].index.tolist()
    copy = frame[frame["customer_number"] == confirmed[1]].iloc[[0]].copy()
    copy["record_id"] = "zz-conflict"
    copy["customer_number"] = confirmed[2]
    return pd.concat([frame, copy], ignore_index=True)


@pytest.fixture(scope="module")
def generated(spark: Any) -> dict[str, Any]:
    """One generated table (with one record whose matches an exclusive identifier
    refuses) resolved in-process (blocking, not every pair) and on Spark, each
    fitting its own model (Spark from level-pattern counts); Spark splits every
    component over two records before clustering it."""
    table = gr.datasets.synthetic_customers(100, seed=5)
    frame, schema = _with_conflict(table.to_pandas()), table.schema()
    res = gr.resolve(frame, schema, exhaustive_limit=0)
    sres = grs.resolve(_spark_frame(spark, frame), schema, exhaustive_limit=0, max_component_size=2)
    return {"frame": frame, "schema": schema, "res": res, "sres": sres}


def test_giant_components_are_split_along_refused_matches(generated: dict[str, Any]) -> None:
    """A component over the bound is cut along the matches the clustering refuses at any
    turn (two different confirmed exclusive values): the conflicting record's three
    matches are cut and counted as refused by its identifier, as in-process, and every
    cluster stays gr.resolve's (asserted by the tests on clusters and the report)."""
    res, sres = generated["res"], generated["sres"]
    assert res.report.refused == {"customer_number": 3}
    assert sres.components["split_edges"] == 3
    assert sres.report.refused == res.report.refused
    assert sres.clusters.where("record_id = 'zz-conflict'").count() == 1


def test_the_model_fitted_from_pattern_counts_is_the_in_process_one(
    generated: dict[str, Any],
) -> None:
    """Without a matcher, Spark fits from the candidate pairs' level-pattern counts and a
    sample of random pairs, and gets the model gr.resolve fits (every learned table),
    so the tests below compare answers with the same model."""
    res, sres = generated["res"], generated["sres"]
    assert sres.model.is_fitted
    assert sres.model.to_dict() == res.matcher.to_dict()
    assert sres.model.em_iterations_ > 1


def test_same_clusters_and_profile_ids_as_in_process(generated: dict[str, Any]) -> None:
    """Every record lands in the profile, with the same id, that gr.resolve gives it."""
    res, sres = generated["res"], generated["sres"]
    got = {r["record_id"]: r["profile_id"] for r in sres.clusters.collect()}
    assert len(got) == len(res.clusters) > 200
    assert got == res.clusters
    assert sres.report.n_clusters == res.report.n_clusters < len(got)


def test_blocking_copies_and_shared_values_as_in_process(generated: dict[str, Any]) -> None:
    """The blocking report (pairs per rule, first-found pairs, skipped rules), the exact
    copies and the shared values are the in-process ones."""
    res, sres = generated["res"], generated["sres"]
    assert sres.report.blocking.rules == res.report.blocking.rules
    assert sres.report.blocking.n_pairs == res.report.blocking.n_pairs > 0
    assert sres.report.exact_copies == res.report.exact_copies
    assert sres.report.shared_values == res.report.shared_values
    assert sres.report.refused == res.report.refused
    assert sres.report.n_records == res.report.n_records


def test_scored_pairs_are_the_in_process_ones(generated: dict[str, Any]) -> None:
    """The same pairs, with the same match weights (the same levels, term frequencies
    and model)."""
    res, sres = generated["res"], generated["sres"]
    mine = _pandas(sres.pairs()).sort_values(["id_l", "id_r"]).reset_index(drop=True)
    theirs = res.pairs_frame().sort_values(["id_l", "id_r"]).reset_index(drop=True)
    assert mine["id_l"].tolist() == theirs["id_l"].tolist()
    assert mine["id_r"].tolist() == theirs["id_r"].tolist()
    np.testing.assert_allclose(mine["match_weight"], theirs["match_weight"], rtol=0, atol=1e-9)
    name = res.matcher.comparisons_[0].name
    assert mine[name].tolist() == theirs[name].astype(str).tolist()


def test_profiles_and_lineage_as_in_process(generated: dict[str, Any]) -> None:
    """Golden profiles (values as text) and lineage rows are those of the Resolution."""
    res, sres = generated["res"], generated["sres"]
    mine = _pandas(sres.profiles()).sort_values("profile_id").reset_index(drop=True)
    theirs = res.to_pandas().sort_values("profile_id").reset_index(drop=True)
    assert list(mine.columns) == list(theirs.columns)
    assert mine["n_records"].tolist() == theirs["n_records"].tolist()
    for column in theirs.columns:
        if column in ("profile_id", "n_records"):
            continue
        want = [None if v is None or v != v else str(v) for v in theirs[column]]
        got = [None if v is None or v != v else v for v in mine[column]]
        assert got == want, column

    def rows(frame: Any) -> set[tuple[Any, ...]]:
        return {
            (r.profile_id, r.attribute, str(r.value), bool(r.chosen), r.rule, tuple(r.record_ids))
            for r in frame.itertuples()
        }

    assert rows(_pandas(sres.lineage())) == rows(res.lineage_frame())


def test_write_parquet_round_trips(generated: dict[str, Any], spark: Any, tmp_path: Any) -> None:
    """write() stores each export as Parquet; an unknown export is a SettingsError."""
    sres = generated["sres"]
    sres.write(str(tmp_path / "clusters"), what="clusters")
    back = spark.read.parquet(str(tmp_path / "clusters"))
    assert sorted(back.columns) == ["profile_id", "record_id", "source"]
    assert back.count() == generated["res"].report.n_records
    with pytest.raises(SettingsError, match="what must be one of"):
        sres.write(str(tmp_path / "x"), what="everything")


def test_sources_link_only_and_a_model_fitted_from_counts(spark: Any) -> None:
    """A mapping of sources with link_only: keys are "source:id" as in-process; the model
    fitted from counts over the pairs across sources (random pairs drawn across
    sources too) is gr.resolve's, and so are the clusters."""
    table = gr.datasets.synthetic_customers(40, seed=11)
    frame, schema = table.to_pandas(), table.schema()
    half = len(frame) // 2
    parts = {"a": frame.iloc[:half], "b": frame.iloc[half:]}
    res = gr.resolve(parts, schema, link_only=True)
    sres = grs.resolve(
        {k: _spark_frame(spark, v) for k, v in parts.items()}, schema, link_only=True
    )
    assert sres.model.to_dict() == res.matcher.to_dict()
    got = {r["record_id"]: r["profile_id"] for r in sres.clusters.collect()}
    assert got == res.clusters
    assert len(set(got.values())) < len(got)


def test_a_long_chain_resolves_in_logarithmic_rounds(spark: Any) -> None:
    """A chain of records linked end to end is one component after a number of rounds
    that grows with log n (large-star/small-star), not one round per link."""
    n = 2_000
    rng = np.random.default_rng(3)
    names = [f"r{i:06d}" for i in rng.permutation(n)]
    edges = spark.createDataFrame(
        [(names[i], names[i + 1]) for i in range(n - 1)], "a string, b string"
    )
    found = grs.connected_components(edges)
    roots = found.labels.select("root").distinct().collect()
    assert [r["root"] for r in roots] == [min(names)]
    assert found.labels.count() == n
    assert found.rounds <= 30


def test_bad_input_raises_settings_errors(spark: Any, generated: dict[str, Any]) -> None:
    """Not a DataFrame, or an unknown purpose: a SettingsError naming the problem."""
    with pytest.raises(SettingsError, match="pyspark DataFrame"):
        grs.resolve([{"id": 1}], generated["schema"])
    frame = _spark_frame(spark, generated["frame"].head(5))
    with pytest.raises(SettingsError, match="unknown purpose"):
        grs.resolve(frame, generated["schema"], purpose="nothing")


def test_missing_java_fails_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Java the Spark tests fail saying what to install (they do not skip)."""
    from tests.spark.conftest import _java_missing

    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", "")
    message = _java_missing()
    assert message is not None
    assert "Java 17" in message


def test_date_order_is_read_off_the_whole_column(spark: Any) -> None:
    """Each partition is prepared with the date order of the whole column (a partition's
    own dates may not reach the share that decides it)."""
    from goldenrecord.normalize._date_order import date_order
    from goldenrecord.spark._counts import date_orders

    dates = ["25/03/1980"] * 46 + ["03/25/1980"] * 4 + ["05/06/1990"] * 10 + [None] * 3
    rows = [{"id": str(i), "dob": d, "name": "x"} for i, d in enumerate(dates)]
    schema = gr.Schema(id="id", fields={"dob": "date", "name": "full_name"})
    frame = spark.createDataFrame(rows, "id string, dob string, name string")
    assert date_orders(frame, schema) == {"dob": date_order(dates)} == {"dob": True}
    assert date_order(dates[40:]) is None  # a part of the column alone does not decide


def test_prepare_takes_the_date_order_it_is_given() -> None:
    """prepare(date_orders=) reads an ambiguous date in the order given for its column."""
    from goldenrecord.match.stages import prepare

    schema = gr.Schema(id="id", fields={"dob": "date"})
    rows = [{"id": "1", "dob": "03/04/1980"}]
    assert prepare(rows, schema, date_orders={"dob": True}).columns["dob"][0] == "1980-04-03"
    assert prepare(rows, schema, date_orders={"dob": False}).columns["dob"][0] == "1980-03-04"


def test_a_wrong_kind_warns_on_spark_as_in_process(spark: Any) -> None:
    """A date of birth mapped as a postcode: the Spark report holds the warnings
    in-process resolution gives (the column's kind and its rejected values), and they
    are emitted as ResolutionWarning too."""
    table = gr.datasets.synthetic_customers(40, seed=7)
    frame = table.to_pandas()
    fields = {**table.schema().fields, "date_of_birth": "postcode"}
    schema = gr.Schema(id=table.schema().id, fields=fields)
    with pytest.warns(gr.ResolutionWarning):
        res = gr.resolve(frame, schema, exhaustive_limit=0)
    with pytest.warns(gr.ResolutionWarning) as caught:
        sres = grs.resolve(_spark_frame(spark, frame), schema, exhaustive_limit=0)
    codes = [w.code for w in sres.report.warnings]
    assert "kind_mismatch" in codes
    assert codes == [w.code for w in res.report.warnings]
    assert {getattr(w.message, "code", None) for w in caught} >= set(codes)


def test_attachments_are_the_in_process_ones(spark: Any, generated: dict[str, Any]) -> None:
    """With ``attach=True`` (lone records joining the one profile they resemble), Spark
    decides the attachments over the whole table from its first clustering and
    clusters again: the same clusters and ids as gr.resolve, which attaches records
    here (fewer profiles than without)."""
    frame, schema, res = generated["frame"], generated["schema"], generated["res"]
    attached = gr.resolve(frame, schema, matcher=res.matcher, exhaustive_limit=0, attach=True)
    assert attached.report.n_clusters < res.report.n_clusters
    sres = grs.resolve(
        _spark_frame(spark, frame), schema, matcher=res.matcher, exhaustive_limit=0, attach=True
    )
    got = {r["record_id"]: r["profile_id"] for r in sres.clusters.collect()}
    assert got == attached.clusters
    assert sres.report.refused == attached.report.refused
