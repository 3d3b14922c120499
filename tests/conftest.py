"""Test-suite options: ``--fuzz-long`` runs the fuzz suite (tests/fuzz) deeper.

Hypothesis runs derandomized when ``CI`` is set (as ``.ci/run`` is run), so a CI run
is repeatable; elsewhere it draws fresh examples, to keep finding new ones.

The tests in :data:`SLOW_TESTS` carry the ``slow`` marker: benchmark-sized runs
(generated customer tables, the docs site, subprocesses) that take more than about
three seconds each (``pytest --durations=50``). CI runs them like any other test;
``pytest -m "not slow"`` leaves them out of a quick local run.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


# "path::function" (every parametrization of the function is slow). Listed here, in one
# place, rather than decorated in each module; tests/test_slow_marker.py checks that
# every entry still names a test.
SLOW_TESTS: frozenset[str] = frozenset(
    {
        "tests/fuzz/test_fuzz_resolve.py::test_bad_data_never_raises_under_a_valid_configuration",
        "tests/fuzz/test_fuzz_resolve.py::test_junk_tables_raise_only_library_errors_and_lose_no_record",
        "tests/fuzz/test_fuzz_store.py::test_store_accounts_for_every_junk_row",
        "tests/match/test_lookalikes.py::test_explanations_show_the_lookalike_step",
        "tests/match/test_lookalikes.py::test_households_are_not_merged_on_generated_customers",
        "tests/match/test_lookalikes.py::test_namesakes_are_not_merged_on_generated_customers",
        "tests/match/test_lookalikes.py::test_scores_carry_the_household_adjustment_and_survive_json",
        "tests/match/test_lookalikes.py::test_the_household_class_lives_at_one_address",
        "tests/match/test_model.py::test_dependent_comparisons_name_two_fields_holding_one_name",
        "tests/match/test_model.py::test_name_m_is_counted_on_anchor_pairs_when_there_are_enough",
        "tests/match/test_names.py::test_explanations_add_up_with_the_name_comparison",
        "tests/match/test_names.py::test_the_household_class_holds_the_levels_where_given_names_agree",
        "tests/match/test_region.py::test_recall_without_country_codes_improves_on_generated_customers",
        "tests/normalize/test_email.py::test_fast_path_accepts_only_what_email_validator_accepts",
        "tests/profile/test_build.py::test_every_record_in_exactly_one_profile",
        "tests/store/test_durability.py::test_readers_read_committed_states_while_a_writer_ingests",
        "tests/store/test_inputs.py::test_one_per_source_as_batch",
        "tests/store/test_inputs.py::test_purpose_keeps_records_that_said_no_apart_as_batch_does",
        "tests/store/test_store.py::test_incremental_agrees_with_batch",
        "tests/store/test_store.py::test_ingest_order_and_chunking_do_not_change_clusters",
        "tests/test_cli.py::test_demo_draws_stage_progress_unless_quiet",
        "tests/test_cli.py::test_module_entry_point_runs",
        "tests/test_cli.py::test_module_runs_resolve_on_a_csv",
        "tests/test_cli_store.py::test_module_ingests_and_forgets_in_a_process",
        "tests/test_docs.py::test_notebook_executes",
        "tests/test_docs.py::test_page_examples_run",
        "tests/test_docs.py::test_site_builds_strict",
        "tests/test_resolve_profiles.py::test_invariants_on_generated_tables",
        "tests/test_resolve_profiles.py::test_loose_blocking_scales_the_candidate_pairs",
        "tests/test_resolve_profiles.py::test_profiles_and_ids_do_not_depend_on_input_order",
        "tests/test_resolve_profiles.py::test_the_bundled_sample_resolves_well",
        "tests/test_schema.py::test_from_json_raises_only_settings_error_on_any_json_value",
        "tests/test_viz.py::test_graph_drawing_of_a_resolved_profile",
        "tests/test_viz.py::test_resolution_graph_knows_each_records_source",
        "tests/test_warnings.py::test_a_wrong_kind_warns_at_the_callers_line_and_is_in_the_report",
        "tests/test_warnings.py::test_the_generated_customers_and_the_sample_resolve_without_warnings",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.split("[", 1)[0] in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        default=False,
        help=(
            "run the fuzz suite (tests/fuzz) with many more random examples instead of the "
            "short derandomized run used in CI; GOLDENRECORD_FUZZ_EXAMPLES sets the count"
        ),
    )


def pytest_configure(config: pytest.Config) -> None:
    # Read by tests/fuzz/budget.py when the fuzz modules are imported (after this hook).
    if config.getoption("--fuzz-long"):
        os.environ["GOLDENRECORD_FUZZ_LONG"] = "1"
