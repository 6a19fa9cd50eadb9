"""Custom Great Expectations expectations: what the built-in ones cannot say.

Importing this module registers them with GE (suites in ``expectations/gx/expectations/*.json``
refer to them by name). The logic is the pure functions of :mod:`extractor.validate.consistency`.

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
from great_expectations.expectations.expectation import MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)

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


class MulticolumnFirstInSet(MulticolumnMapMetricProvider):
    condition_metric_name = "multicolumn_values.first_in_set"
    condition_domain_keys = ("batch_id", "table", "column_list", "row_condition", "condition_parser",
                             "ignore_row_if")
    condition_value_keys = ("value_set",)

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list: pd.DataFrame, value_set: list[str] | None = None, **kwargs: object) -> pd.Series:
        allowed = set(value_set or [])
        return column_list.iloc[:, 0].map(lambda v: v in allowed).astype(bool)


class ExpectNotesToBeCited(MulticolumnMapExpectation):
    """Every note is cited: the first column (``note_id``) is among ``value_set`` (the note ids that
    citations resolve to, a run-time parameter); the other columns locate the note in Data Docs."""

    value_set: list[str] | dict

    map_metric = "multicolumn_values.first_in_set"
    success_keys = ("column_list", "value_set", "mostly", "ignore_row_if")
    library_metadata: ClassVar[dict] = {"tags": ["report-extractor", "integrity"], "contributors": []}
