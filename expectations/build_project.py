"""Maintenance script: (re)write the file-backed Great Expectations project the run validates with.

The run never builds suites in code: it loads the JSON this script wrote, shipped inside the
package (``src/extractor/validate/gx/``, package data). Edit the declarations below, run
``.venv/bin/python expectations/build_project.py``, review the JSON diff and commit it. A team that
keeps its own edited suites writes them elsewhere (``--out DIR``) and runs with
``report-extract run ... --expectations DIR``.

Severity is GX's own ``severity`` field: ``critical`` (a defect of our tables) fails the run,
``warning`` (a finding about the report) is counted per document and shown in the report.

Run-time parameters (``{"$PARAMETER": name}``) are filled by ``extractor.validate.run`` from the
tables of the same run: ``cited_note_ids``, ``claim_ids``, ``citation_ids``, ``place_ids`` (each a
newline-separated string of ids, see ``extractor.validate.gx_expectations.join_ids``).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

import great_expectations as gx  # noqa: E402
import great_expectations.expectations as gxe  # noqa: E402
from great_expectations.expectations.row_conditions import Column  # noqa: E402

from extractor.gazetteer import PLACE_TYPES  # noqa: E402  (data/lexicons/place_types.toml)
from extractor.numbers import OUT_OF_RANGE  # noqa: E402
from extractor.tables import SCHEMAS  # noqa: E402
from extractor.validate import gx_expectations as cx  # noqa: E402
from extractor.validate.consistency import KINDS, STATUSES  # noqa: E402
from extractor.validate.run import (  # noqa: E402
    ASSET_TABLES, BATCH_DEFINITION, DATASOURCE, checkpoint_name, suite_name,
)

#: Where the project is written by default: the folder holding the package's own copy (``gx/``).
SHIPPED = HERE.parent / "src" / "extractor" / "validate"

#: GX's own severity field is the one source of severity. ``critical``: a defect of our tables (schema,
#: types, keys, ids that point nowhere) - the run fails. ``warning``: a finding about the report (its
#: conflicts, uncited notes, unresolved markers, malformed or scheme-less URLs) - counted per document.
CRITICAL, WARNING = "critical", "warning"


def p(name: str) -> dict[str, str]:
    return {"$PARAMETER": name}


def common(table: str, id_col: str | None) -> list:
    ex = [gxe.ExpectTableColumnsToMatchSet(column_set=list(SCHEMAS[table].names), exact_match=True, severity=CRITICAL),
          gxe.ExpectColumnValuesToNotBeNull(column="doc_id", severity=CRITICAL)]
    if id_col:
        ex += [gxe.ExpectColumnValuesToNotBeNull(column=id_col, severity=CRITICAL),
               gxe.ExpectColumnValuesToBeUnique(column=id_col, severity=CRITICAL)]
    return ex


def page(col: str = "page") -> list:
    return [gxe.ExpectColumnValuesToNotBeNull(column=col, severity=CRITICAL),
            gxe.ExpectColumnValuesToBeBetween(column=col, min_value=1, severity=CRITICAL)]


def span(start: str = "char_start", end: str = "char_end") -> list:
    return [gxe.ExpectColumnValuesToBeBetween(column=start, min_value=0, severity=CRITICAL),
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A=end, column_B=start, or_equal=False,
                                                        ignore_row_if="either_value_is_missing", severity=CRITICAL)]


def box() -> list:
    """A row's box on its PDF page (``extractor.provenance``) is never inside out."""
    return [gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A=b, column_B=a, or_equal=True,
                                                        ignore_row_if="either_value_is_missing", severity=CRITICAL)
            for a, b in (("x0", "x1"), ("top", "bottom"))]


URL = r"^https?://[^\s/]+\.[^\s]+$"
SUITES: dict[str, list] = {
    "documents": common("documents", "doc_id") + [
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=["ok", "failed"], severity=CRITICAL),
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=["ok"], severity=WARNING,
                                        notes="A report that failed to process."),
        gxe.ExpectColumnValuesToMatchRegex(column="sha256", regex=r"^[0-9a-f]{64}$", severity=CRITICAL),
        gxe.ExpectColumnValuesToBeBetween(column="n_pages", min_value=1, severity=CRITICAL),
    ],
    "sections": common("sections", None) + [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["doc_id", "section_id"], severity=CRITICAL),
        gxe.ExpectColumnValuesToNotBeNull(column="section_id", severity=CRITICAL),
        gxe.ExpectColumnValuesToBeBetween(column="level", min_value=1, max_value=6, severity=CRITICAL),
        *page(), *span(),
    ],
    "claims": common("claims", "claim_id") + [
        # a value is stored unless it is out of range (then value_flag says so, the value is null)
        gxe.ExpectColumnValuesToNotBeNull(column="value", row_condition=Column("value_flag").is_null(),
                                          severity=CRITICAL),
        gxe.ExpectColumnValuesToBeNull(column="value", row_condition=Column("value_flag").is_not_null(),
                                       severity=CRITICAL),
        gxe.ExpectColumnValuesToBeInSet(column="value_flag", value_set=[OUT_OF_RANGE], severity=CRITICAL),
        gxe.ExpectColumnValuesToNotBeNull(column="surface", severity=CRITICAL),
        gxe.ExpectColumnValuesToNotBeNull(column="unit", severity=CRITICAL),
        gxe.ExpectColumnValuesToMatchRegex(column="unit", regex=r"^[^\W\d_][\w\-/]*$", severity=CRITICAL,
                                            notes="A unit is a word (any script: réfugié, año), no spaces."),
        gxe.ExpectColumnValuesToBeInSet(column="kind", value_set=["digits", "words"], severity=CRITICAL),
        gxe.ExpectColumnValuesToBeBetween(column="year", min_value=1900, max_value=2100, severity=CRITICAL),
        gxe.ExpectColumnValuesToNotBeNull(column="sentence_id", severity=CRITICAL),
        gxe.ExpectColumnValuesToNotBeNull(column="sentence", severity=CRITICAL),
        *page(), *span(), *box(),
    ],
    "notes": common("notes", "note_id") + [
        gxe.ExpectColumnValuesToNotBeNull(column="marker", severity=CRITICAL),
        gxe.ExpectColumnValueLengthsToBeBetween(column="note_text", min_value=1, severity=CRITICAL),
        gxe.ExpectColumnValuesToMatchRegex(column="url", regex=URL, severity=WARNING,
                                            notes="A URL printed without a scheme or malformed (the report's own)."),
        cx.ExpectNotesToBeCited(column_list=["note_id", "page", "marker", "note_text"], ids=p("cited_note_ids"),
                                severity=WARNING, notes="Every note is cited by at least one marker in the body."),
        *page(), *span(), *box(),
    ],
    "citations": common("citations", "citation_id") + [
        gxe.ExpectColumnValuesToNotBeNull(column="marker", severity=CRITICAL),
        cx.ExpectCitationMarkersToResolve(column_list=["resolved", "page", "marker", "cited_sentence"], severity=WARNING,
                                          notes="Every marker has a note on its page."),
        gxe.ExpectColumnValuesToNotBeNull(column="note_id", severity=WARNING,
                                          notes="An unresolved marker has no note."),
        gxe.ExpectColumnValuesToNotBeNull(column="sentence_id", severity=CRITICAL),
        gxe.ExpectColumnValuesToMatchRegex(column="url", regex=URL, severity=WARNING,
                                            notes="A URL printed without a scheme or malformed (the report's own)."),
        gxe.ExpectColumnValuesToBeBetween(column="char_offset", min_value=0, severity=CRITICAL),
        *page(), *box(),
    ],
    "claim_citations": common("claim_citations", None) + [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["claim_id", "citation_id"], severity=CRITICAL),
        cx.ExpectColumnValuesToBeKnownIds(column="claim_id", ids=p("claim_ids"), of_table="claims", severity=CRITICAL),
        cx.ExpectColumnValuesToBeKnownIds(column="citation_id", ids=p("citation_ids"), of_table="citations",
                                          severity=CRITICAL),
        gxe.ExpectColumnValuesToMatchRegex(column="link", regex=r"^[a-z_]+$", severity=CRITICAL),
    ],
    "places": common("places", "place_id") + [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["doc_id", "name"], severity=CRITICAL),
        gxe.ExpectColumnValueLengthsToBeBetween(column="name", min_value=1, severity=CRITICAL),
        gxe.ExpectColumnValuesToBeInSet(column="place_type", value_set=list(PLACE_TYPES), severity=CRITICAL),
        gxe.ExpectColumnValuesToMatchRegex(column="country", regex=r"^[A-Z]{2}$", severity=CRITICAL),
        gxe.ExpectColumnValuesToBeBetween(column="mentions", min_value=1, severity=CRITICAL),
        *page("first_page"),
        gxe.ExpectColumnValuesToBeBetween(column="lat", min_value=-90, max_value=90, severity=CRITICAL),
        gxe.ExpectColumnValuesToBeBetween(column="lon", min_value=-180, max_value=180, severity=CRITICAL),
    ],
    "place_mentions": common("place_mentions", "mention_id") + [
        cx.ExpectColumnValuesToBeKnownIds(column="place_id", ids=p("place_ids"), of_table="places", severity=CRITICAL),
        gxe.ExpectColumnValuesToBeInSet(column="place_type", value_set=list(PLACE_TYPES), severity=CRITICAL),
        gxe.ExpectColumnValueLengthsToBeBetween(column="text", min_value=1, severity=CRITICAL),
        *page(), *span(), *box(),
    ],
    "consistency_checks": common("consistency_checks", "check_id") + [
        gxe.ExpectColumnValuesToBeInSet(column="kind", value_set=list(KINDS), severity=CRITICAL),
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=list(STATUSES), severity=CRITICAL),
        gxe.ExpectColumnValuesToNotBeNull(column="claim_ids", severity=CRITICAL),
        *[cx.ExpectConsistencyChecksToHold(
            column_list=["kind", "values", "status", "pages", "message"], kinds=[kind], severity=WARNING,
            notes=f"Consistency ({kind}): the report does not contradict itself.")
          for kind in KINDS],
    ],
    "cross_report_checks": [
        gxe.ExpectTableColumnsToMatchSet(column_set=list(SCHEMAS["cross_report_checks"].names), exact_match=True,
                                         severity=CRITICAL),
        gxe.ExpectColumnValuesToNotBeNull(column="check_id", severity=CRITICAL),
        gxe.ExpectColumnValuesToBeUnique(column="check_id", severity=CRITICAL),
        gxe.ExpectColumnValuesToNotBeNull(column="claim_ids", severity=CRITICAL),
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=list(STATUSES), severity=CRITICAL),
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=["consistent"], severity=WARNING,
                                        notes="Two reports of the run state one statistic differently."),
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(description="(Re)write the Great Expectations project.")
    parser.add_argument("--out", type=Path, default=SHIPPED,
                        help="the folder to write the project into, as DIR/gx (default: the package's, %(default)s)")
    write_project(parser.parse_args().out.resolve() / "gx")


def write_project(GX_DIR: Path) -> None:  # noqa: N803 - the project folder, named gx (GX's own layout)
    assert GX_DIR.name == "gx", "Great Expectations keeps a file project in a folder named gx"
    assert set(SUITES) == set(ASSET_TABLES), "one suite per table"
    if GX_DIR.exists():
        for sub in ("expectations", "validation_definitions", "checkpoints"):
            shutil.rmtree(GX_DIR / sub, ignore_errors=True)
        (GX_DIR / "great_expectations.yml").unlink(missing_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(GX_DIR.parent))
    context.variables.analytics_enabled = False
    context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    context.variables.save()
    source = context.data_sources.add_pandas(DATASOURCE)
    definitions = []
    for table in ASSET_TABLES:
        batch = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe(BATCH_DEFINITION)
        suite = context.suites.add(gx.ExpectationSuite(name=suite_name(table), meta={"table": table}))
        for expectation in SUITES[table]:
            suite.add_expectation(expectation)
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=suite_name(table), data=batch, suite=suite))
        definitions.append(definition)
        context.checkpoints.add(gx.Checkpoint(name=checkpoint_name(table), validation_definitions=[definition],
                                              actions=[], result_format={"result_format": "COMPLETE"}))
    # The run keeps validation results in memory only (Data Docs are written to the run's output).
    yml = GX_DIR / "great_expectations.yml"
    text = yml.read_text()
    text = text.replace("      class_name: TupleFilesystemStoreBackend\n      base_directory: uncommitted/validations/\n",
                        "      class_name: InMemoryStoreBackend\n")
    yml.write_text(text)
    for f in sorted((GX_DIR / "expectations").glob("*.json")):  # stable, readable diffs
        f.write_text(json.dumps(json.loads(f.read_text()), indent=2, sort_keys=True) + "\n")
    print(f"wrote {len(SUITES)} suites, validation definitions and checkpoints under {GX_DIR}")


if __name__ == "__main__":
    main()
