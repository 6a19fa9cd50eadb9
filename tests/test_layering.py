"""The package's layering, read from its source: data flows one way (ingest -> layout ->
analysis -> extract -> validate), so no module of a stage imports a module of a later one, and
no module imports itself back through others (no import cycle)."""
from __future__ import annotations

import ast
from pathlib import Path

import extractor

PACKAGE = Path(extractor.__file__).parent
#: The pipeline's stages in the order data flows, each by the modules it holds.
STAGES = (
    ("ingest", ("extractor.ingest",)),
    ("layout", ("extractor.layout",)),
    ("analysis", ("extractor.analysis", "extractor.nlp", "extractor.place_ruler")),
    ("extract", ("extractor.extract", "extractor.notes")),
    ("validate", ("extractor.validate",)),
)


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("extractor", *path.relative_to(PACKAGE).with_suffix("").parts)
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that ``path`` imports, at module level or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("extractor"):
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("extractor"))
    return found & modules.keys()


def _stage(module: str) -> int | None:
    for rank, (_, prefixes) in enumerate(STAGES):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None


def test_no_stage_imports_a_later_one():
    modules = _modules()
    backwards = []
    for name, path in modules.items():
        rank = _stage(name)
        for target in _imports(path, modules):
            target_rank = _stage(target)
            if rank is not None and target_rank is not None and target_rank > rank:
                backwards.append(f"{name} ({STAGES[rank][0]}) imports {target} ({STAGES[target_rank][0]})")
    assert backwards == []


def test_no_import_cycle():
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            raise AssertionError("import cycle: " + " -> ".join(trail[trail.index(name):] + [name]))
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
