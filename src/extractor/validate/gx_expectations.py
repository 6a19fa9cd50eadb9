"""Custom Great Expectations expectations: what the built-in ones cannot say.

Importing this module registers them with GE (suites in ``expectations/gx/expectations/*.json``
refer to them by name). The logic is the pure functions of :mod:`extractor.validate.consistency`.

``expect_column_values_to_be_known_ids`` and ``expect_notes_to_be_cited``
    Cross-table integrity against the ids of another table of the same run, passed as a run-time
    parameter. The ids travel as one newline-separated string (:func:`join_ids`), not a list: GE
    copies and serialises an expectation's configuration many times per run, and a list of tens
    of thousands of ids made that the largest cost of validating a big batch (and printed every
    id in Data Docs).

``expect_consistency_checks_to_hold``
    Every row of ``consistency_checks`` of the given kinds has status ``consistent`` and its
    values re-check (a figure group's values agree, a part is no larger than its whole, a share is
    within 0-100). Column list: ``kind, values, status, pages, message`` so that each failing row
    shows in Data Docs with its pages and the message quoting the sentences.
"""
from __future__ import annotations

from typing import ClassVar

import pandas as pd
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import ColumnMapExpectation, MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import (
    ColumnMapMetricProvider,
    MulticolumnMapMetricProvider,
    column_condition_partial,
    multicolumn_condition_partial,
)
from great_expectations.render import LegacyRendererType, RenderedStringTemplateContent
from great_expectations.render.renderer.renderer import renderer

from extractor.validate.consistency import relation_holds


class MulticolumnConsistencyHolds(MulticolumnMapMetricProvider):
    condition_metric_name = "multicolumn_values.consistency_holds"
    condition_domain_keys = ("batch_id", "table", "column_list", "row_condition", "condition_parser",
                             "ignore_row_if")
    condition_value_keys = ("kinds",)

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list: pd.DataFrame, kinds: list[str] | None = None, **kwargs: object) -> pd.Series:
        def holds(row: pd.Series) -> bool:
            kind = str(row["kind"])
            if kinds and kind not in kinds:
                return True
            return str(row["status"]) == "consistent" and relation_holds(kind, str(row["values"]))

        return column_list.apply(holds, axis=1).astype(bool)


class ExpectConsistencyChecksToHold(MulticolumnMapExpectation):
    """Rows of ``consistency_checks`` (of ``kinds``, or all) are consistent and re-check."""

    kinds: list[str] | None = None

    map_metric = "multicolumn_values.consistency_holds"
    success_keys = ("column_list", "kinds", "mostly", "ignore_row_if")
    library_metadata: ClassVar[dict] = {"tags": ["report-extractor", "consistency"], "contributors": []}


class MulticolumnFirstIsTrue(MulticolumnMapMetricProvider):
    condition_metric_name = "multicolumn_values.first_is_true"
    condition_domain_keys = ("batch_id", "table", "column_list", "row_condition", "condition_parser",
                             "ignore_row_if")

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list: pd.DataFrame, **kwargs: object) -> pd.Series:
        first = column_list.iloc[:, 0]
        return first.fillna(False).astype(bool)


class ExpectCitationMarkersToResolve(MulticolumnMapExpectation):
    """Every marker has a note: the first column (``resolved``) is true. The other columns (page,
    marker, sentence) are there so that Data Docs show where each unresolved marker stands."""

    map_metric = "multicolumn_values.first_is_true"
    success_keys = ("column_list", "mostly", "ignore_row_if")
    library_metadata: ClassVar[dict] = {"tags": ["report-extractor", "integrity"], "contributors": []}


def join_ids(ids: list[str] | set[str]) -> str:
    """The run-time parameter form of an id set: sorted, one per line."""
    return "\n".join(sorted(ids))


def _id_set(ids: str | None) -> set[str]:
    return set(ids.split("\n")) if ids else set()


class ColumnValuesAmongIds(ColumnMapMetricProvider):
    condition_metric_name = "column_values.among_ids"
    condition_value_keys = ("ids",)

    @column_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column: pd.Series, ids: str | None = None, **kwargs: object) -> pd.Series:
        return column.astype(str).isin(_id_set(ids))


class ExpectColumnValuesToBeKnownIds(ColumnMapExpectation):
    """Every (non-null) value of ``column`` is one of ``ids``, the ids of the ``of_table`` table of
    the same run (a run-time parameter made by :func:`join_ids`)."""

    ids: str | dict
    of_table: str

    map_metric = "column_values.among_ids"
    success_keys = ("ids", "mostly")
    library_metadata: ClassVar[dict] = {"tags": ["report-extractor", "integrity"], "contributors": []}

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def _prescriptive_renderer(cls, configuration: object = None, result: object = None,
                               runtime_configuration: dict | None = None) -> list[RenderedStringTemplateContent]:
        kwargs = _kwargs(configuration, result)
        return _sentence("$column values must be ids of the $of_table table of the same run.",
                         {"column": kwargs.get("column"), "of_table": kwargs.get("of_table")})


class MulticolumnFirstAmongIds(MulticolumnMapMetricProvider):
    condition_metric_name = "multicolumn_values.first_among_ids"
    condition_domain_keys = ("batch_id", "table", "column_list", "row_condition", "condition_parser",
                             "ignore_row_if")
    condition_value_keys = ("ids",)

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list: pd.DataFrame, ids: str | None = None, **kwargs: object) -> pd.Series:
        return column_list.iloc[:, 0].astype(str).isin(_id_set(ids))


class ExpectNotesToBeCited(MulticolumnMapExpectation):
    """Every note is cited: the first column (``note_id``) is among ``ids`` (the note ids that
    citations resolve to, a run-time parameter made by :func:`join_ids`); the other columns locate
    the note in Data Docs."""

    ids: str | dict

    map_metric = "multicolumn_values.first_among_ids"
    success_keys = ("column_list", "ids", "mostly", "ignore_row_if")
    library_metadata: ClassVar[dict] = {"tags": ["report-extractor", "integrity"], "contributors": []}

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def _prescriptive_renderer(cls, configuration: object = None, result: object = None,
                               runtime_configuration: dict | None = None) -> list[RenderedStringTemplateContent]:
        return _sentence("Every note ($column) is cited by at least one marker in the body.",
                         {"column": (_kwargs(configuration, result).get("column_list") or ["note_id"])[0]})


def _kwargs(configuration: object, result: object) -> dict:
    """The expectation's arguments, from its configuration or from the result that carries it."""
    config = configuration or getattr(result, "expectation_config", None)
    return dict(getattr(config, "kwargs", None) or {})


def _sentence(template: str, params: dict) -> list[RenderedStringTemplateContent]:
    """One line of Data Docs text (instead of GE's fallback, which prints every argument: here,
    every id of the run)."""
    return [RenderedStringTemplateContent(content_block_type="string_template",
                                          string_template={"template": template, "params": params,
                                                           "styling": {"params": {k: {"classes": ["badge"]} for k in params}}})]
