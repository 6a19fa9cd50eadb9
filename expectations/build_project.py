"""Maintenance script: (re)write the file-backed Great Expectations project under expectations/gx/.

The run never builds suites in code: it loads the JSON this script wrote (committed to git).
Edit the declarations below, run ``.venv/bin/python expectations/build_project.py``, review the
JSON diff and commit it. Severity lives in each expectation's ``meta.severity``: ``error`` fails
the flow run, ``warning`` only sets a warning.

Run-time parameters (``{"$PARAMETER": name}``) are filled by ``extractor.validate.run`` from the
tables of the same run: ``cited_note_ids``, ``claim_ids``, ``citation_ids``, ``place_ids`` (each a
newline-separated string of ids, see ``extractor.validate.gx_expectations.join_ids``).
"""
from __future__ import annotations

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

from extractor.tables import SCHEMAS  # noqa: E402
from extractor.validate import gx_expectations as cx  # noqa: E402
from extractor.validate.consistency import KINDS, STATUSES  # noqa: E402
from extractor.validate.run import (  # noqa: E402
    ASSET_TABLES, BATCH_DEFINITION, DATASOURCE, GX_DIR, checkpoint_name, suite_name,
)

PLACE_TYPES = ["continent", "region", "country", "province", "autonomous_region", "municipality", "prefecture",
               "city", "county", "district", "township", "village", "natural_feature", "other"]
ERR, WARN = {"severity": "error"}, {"severity": "warning"}


def p(name: str) -> dict[str, str]:
    return {"$PARAMETER": name}


def common(table: str, id_col: str | None) -> list:
    ex = [gxe.ExpectTableColumnsToMatchSet(column_set=list(SCHEMAS[table].names), exact_match=True, meta=ERR),
          gxe.ExpectColumnValuesToNotBeNull(column="doc_id", meta=ERR)]
    if id_col:
        ex += [gxe.ExpectColumnValuesToNotBeNull(column=id_col, meta=ERR),
               gxe.ExpectColumnValuesToBeUnique(column=id_col, meta=ERR)]
    return ex


def page(col: str = "page") -> list:
    return [gxe.ExpectColumnValuesToNotBeNull(column=col, meta=ERR),
            gxe.ExpectColumnValuesToBeBetween(column=col, min_value=1, meta=ERR)]


def span(start: str = "char_start", end: str = "char_end") -> list:
    return [gxe.ExpectColumnValuesToBeBetween(column=start, min_value=0, meta=ERR),
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A=end, column_B=start, or_equal=False,
                                                        ignore_row_if="either_value_is_missing", meta=ERR)]


URL = r"^https?://[^\s/]+\.[^\s]+$"
SUITES: dict[str, list] = {
    "documents": common("documents", "doc_id") + [
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=["ok", "failed"], meta=ERR),
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=["ok"], meta=ERR,
                                        notes="A report that failed to process."),
        gxe.ExpectColumnValuesToMatchRegex(column="sha256", regex=r"^[0-9a-f]{64}$", meta=ERR),
        gxe.ExpectColumnValuesToBeBetween(column="n_pages", min_value=1, meta=ERR),
    ],
    "sections": common("sections", None) + [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["doc_id", "section_id"], meta=ERR),
        gxe.ExpectColumnValuesToNotBeNull(column="section_id", meta=ERR),
        gxe.ExpectColumnValuesToBeBetween(column="level", min_value=1, max_value=6, meta=ERR),
        *page(), *span(),
    ],
    "claims": common("claims", "claim_id") + [
        gxe.ExpectColumnValuesToNotBeNull(column="value", meta=ERR),
        gxe.ExpectColumnValuesToNotBeNull(column="surface", meta=ERR),
        gxe.ExpectColumnValuesToNotBeNull(column="unit", meta=ERR),
        gxe.ExpectColumnValuesToMatchRegex(column="unit", regex=r"^[A-Za-z][A-Za-z0-9_\-/]*$", meta=ERR),
        gxe.ExpectColumnValuesToBeInSet(column="kind", value_set=["digits", "words"], meta=ERR),
        gxe.ExpectColumnValuesToBeBetween(column="year", min_value=1900, max_value=2100, meta=ERR),
        gxe.ExpectColumnValuesToNotBeNull(column="sentence_id", meta=ERR),
        gxe.ExpectColumnValuesToNotBeNull(column="sentence", meta=ERR),
        *page(), *span(),
    ],
    "notes": common("notes", "note_id") + [
        gxe.ExpectColumnValuesToNotBeNull(column="marker", meta=ERR),
        gxe.ExpectColumnValueLengthsToBeBetween(column="note_text", min_value=1, meta=ERR),
        gxe.ExpectColumnValuesToMatchRegex(column="url", regex=URL, meta=ERR),
        cx.ExpectNotesToBeCited(column_list=["note_id", "page", "marker", "note_text"], ids=p("cited_note_ids"),
                                meta=ERR, notes="Every note is cited by at least one marker in the body."),
        *page(), *span(),
    ],
    "citations": common("citations", "citation_id") + [
        gxe.ExpectColumnValuesToNotBeNull(column="marker", meta=ERR),
        cx.ExpectCitationMarkersToResolve(column_list=["resolved", "page", "marker", "cited_sentence"], meta=ERR,
                                          notes="Every marker has a note on its page."),
        gxe.ExpectColumnValuesToNotBeNull(column="note_id", meta=ERR),
        gxe.ExpectColumnValuesToNotBeNull(column="sentence_id", meta=ERR),
        gxe.ExpectColumnValuesToMatchRegex(column="url", regex=URL, meta=ERR),
        gxe.ExpectColumnValuesToBeBetween(column="char_offset", min_value=0, meta=ERR),
        *page(),
    ],
    "claim_citations": common("claim_citations", None) + [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["claim_id", "citation_id"], meta=ERR),
        cx.ExpectColumnValuesToBeKnownIds(column="claim_id", ids=p("claim_ids"), of_table="claims", meta=ERR),
        cx.ExpectColumnValuesToBeKnownIds(column="citation_id", ids=p("citation_ids"), of_table="citations",
                                          meta=ERR),
        gxe.ExpectColumnValuesToMatchRegex(column="link", regex=r"^[a-z_]+$", meta=ERR),
    ],
    "places": common("places", "place_id") + [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["doc_id", "name"], meta=ERR),
        gxe.ExpectColumnValueLengthsToBeBetween(column="name", min_value=1, meta=ERR),
        gxe.ExpectColumnValuesToBeInSet(column="place_type", value_set=PLACE_TYPES, meta=ERR),
        gxe.ExpectColumnValuesToMatchRegex(column="country", regex=r"^[A-Z]{2}$", meta=ERR),
        gxe.ExpectColumnValuesToBeBetween(column="mentions", min_value=1, meta=ERR),
        *page("first_page"),
    ],
    "place_mentions": common("place_mentions", "mention_id") + [
        cx.ExpectColumnValuesToBeKnownIds(column="place_id", ids=p("place_ids"), of_table="places", meta=ERR),
        gxe.ExpectColumnValuesToBeInSet(column="place_type", value_set=PLACE_TYPES, meta=ERR),
        gxe.ExpectColumnValueLengthsToBeBetween(column="text", min_value=1, meta=ERR),
        *page(), *span(),
    ],
    "consistency_checks": common("consistency_checks", "check_id") + [
        gxe.ExpectColumnValuesToBeInSet(column="kind", value_set=list(KINDS), meta=ERR),
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=list(STATUSES), meta=ERR),
        gxe.ExpectColumnValuesToNotBeNull(column="claim_ids", meta=ERR),
        *[cx.ExpectConsistencyChecksToHold(
            column_list=["kind", "values", "status", "pages", "message"], kinds=[kind], meta=WARN,
            notes=f"Consistency ({kind}): the report does not contradict itself.")
          for kind in KINDS],
    ],
}


def main() -> None:
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
