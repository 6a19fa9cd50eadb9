"""The review site and the page views: every figure shown where it stands on its page.

* :mod:`.crops`: a PDF page, or a band of it, rendered with spans highlighted (pdfplumber);
* :mod:`.show`: ``report-extract show CLAIM_ID``: one claim's page as a PNG;
* :mod:`.findings`: what a reviewer looks at first, per document: conflicts and failed checks,
  each with the rows (and boxes) it names;
* :mod:`.digest`: the plots of a document's digest (altair, rendered to static SVG);
* :mod:`.pages`: the static HTML pages of ``output/review/`` (one per run, one per document);
* :mod:`.site`: writing the site at the end of a run, atomically.
"""
