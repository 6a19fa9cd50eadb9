"""Data Docs that render offline: the CSS and JS Great Expectations' pages load from CDNs, served
from copies beside the pages.

The copies come from the npm registry: ``validate/datadocs_assets/package.json`` pins the
packages, ``assets.toml`` says which file of which package stands for which CDN address, and
``make`` installs them and runs ``python -m extractor.validate.offline_docs NODE_MODULES`` to copy
those files into ``datadocs_assets/vendor/`` (package data). After each build of the Data Docs,
:func:`localise` copies ``vendor/`` into the site's ``static/vendor/`` and points every page at it;
images GX loads from its own servers are dropped (nothing is fetched when a page opens).
"""
from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import tomllib
from importlib import resources
from pathlib import Path

_ASSETS = resources.files("extractor.validate").joinpath("datadocs_assets")
#: Remote images in GX's page template (its logo), fetched when a page opens.
_REMOTE_IMAGE = re.compile(r"<img\b[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>", re.I)
log = logging.getLogger(__name__)


def assets() -> list[dict[str, object]]:
    """The entries of ``assets.toml``: ``url``, ``file`` (in node_modules), ``also`` (folders)."""
    return tomllib.loads(_ASSETS.joinpath("assets.toml").read_text(encoding="utf-8"))["asset"]


def vendor_dir() -> Path:
    return Path(str(_ASSETS.joinpath("vendor")))


def vendor(node_modules: Path, dest: Path | None = None) -> Path:
    """Copy the files of ``assets.toml`` (and the folders they refer to) from ``node_modules``
    into ``dest`` (the package's ``vendor/``), keeping their paths."""
    dest = dest or vendor_dir()
    staging = dest.with_name(dest.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    for asset in assets():
        for rel in [asset["file"], *asset.get("also", [])]:  # type: ignore[list-item]
            source = node_modules / str(rel)
            target = staging / str(rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)
            else:
                shutil.copyfile(source, target)  # a missing file raises: the pins and the map disagree
    shutil.rmtree(dest, ignore_errors=True)
    os.replace(staging, dest)
    return dest


def localise(site: Path) -> bool:
    """Point every page of the Data Docs site at local copies of its CDN files (copied into
    ``site/static/vendor``); False, pages left as GX wrote them, when the copies were not
    installed (``make`` installs them)."""
    source = vendor_dir()
    if not source.is_dir():
        log.warning("Data Docs keep their CDN links: no local copies in %s (run `make`)", source)
        return False
    local = site / "static" / "vendor"
    shutil.copytree(source, local, dirs_exist_ok=True)
    table = [(str(a["url"]), local / str(a["file"])) for a in assets()]
    table.sort(key=lambda pair: len(pair[0]), reverse=True)  # "vega-lite@5" before "vega@5"
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = text
        for url, path in table:
            if url in new:
                new = new.replace(f'"{url}"', f'"{os.path.relpath(path, page.parent)}"')
        new = _REMOTE_IMAGE.sub("", new)
        if new != text:
            page.write_text(new, encoding="utf-8")
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description="Copy the Data Docs' CDN files from node_modules into the package.")
    parser.add_argument("node_modules", type=Path, help="the node_modules folder of datadocs_assets/package.json")
    print(f"copied the Data Docs assets into {vendor(parser.parse_args().node_modules)}")


if __name__ == "__main__":
    main()
