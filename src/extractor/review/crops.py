"""PDF pages rendered with spans highlighted: a whole page, or a band of it around a span.

pdfplumber renders a page through pypdfium2 (``page.to_image``); a document is opened once and
each page rendered once per resolution, however many bands of it are cut. Coordinates are
pdfplumber's (PDF points from the page's top-left corner), as the tables' ``x0, top, x1, bottom``.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from extractor.provenance import Box

#: Pixels per inch of a page drawn by ``report-extract show``: sharp on a laptop screen.
PAGE_RESOLUTION = 110
#: Pixels per inch of a crop on the review site: a band of a page, read beside the sentence.
CROP_RESOLUTION = 110
#: Points of page kept above and below a highlighted span in a crop: about two lines of text.
BAND_MARGIN = 28.0
#: The highlight: a translucent yellow fill and a red outline a reader cannot miss.
FILL = (255, 214, 0, 90)
STROKE = (200, 30, 30)
STROKE_WIDTH = 2
#: Points added around a box when it is drawn, so the outline does not touch the letters.
PAD = 1.5


class PdfPages:
    """One PDF open for rendering; use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        import pdfplumber

        self.path = Path(path)
        self._pdf = pdfplumber.open(self.path)
        self._images: dict[tuple[int, int], Any] = {}

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._images.clear()
        self._pdf.close()

    @property
    def n_pages(self) -> int:
        return len(self._pdf.pages)

    def page_size(self, page: int) -> tuple[float, float]:
        p = self._pdf.pages[page - 1]
        return float(p.width), float(p.height)

    def _image(self, page: int, resolution: int) -> Any:
        """The page rendered at ``resolution`` (a pdfplumber ``PageImage``), kept while the next
        crops are cut from the same page."""
        key = (page, resolution)
        image = self._images.get(key)
        if image is None:
            self._images.clear()  # one page at a time: a rendered page is a few megabytes
            image = self._images[key] = self._pdf.pages[page - 1].to_image(resolution=resolution)
        return image

    def highlighted(self, page: int, boxes: Iterable[Box], resolution: int = PAGE_RESOLUTION) -> Any:
        """The whole page with ``boxes`` highlighted, as a PIL image."""
        image = self._image(page, resolution)
        image.reset()
        for x0, top, x1, bottom in boxes:
            image.draw_rect((x0 - PAD, top - PAD, x1 + PAD, bottom + PAD), fill=FILL, stroke=STROKE,
                            stroke_width=STROKE_WIDTH)
        return image.annotated.convert("RGB")

    def band_region(self, page: int, boxes: Sequence[Box], margin: float = BAND_MARGIN) -> Box:
        """The band of the page across its width that holds ``boxes``, ``margin`` points above
        and below (page coordinates)."""
        width, height = self.page_size(page)
        top = max(0.0, min(b[1] for b in boxes) - margin)
        bottom = min(height, max(b[3] for b in boxes) + margin)
        return (0.0, top, width, bottom)

    def band(self, page: int, boxes: Sequence[Box], resolution: int = CROP_RESOLUTION,
             margin: float = BAND_MARGIN) -> tuple[Any, Box]:
        """:meth:`band_region` of the page, the boxes highlighted: a PIL image and the region."""
        region = self.band_region(page, boxes, margin)
        full = self.highlighted(page, boxes, resolution)
        scale = resolution / 72
        x_off, y_off = self._pdf.pages[page - 1].bbox[:2]
        pixels = tuple(round(v * scale) for v in (region[0] - x_off, region[1] - y_off, region[2] - x_off,
                                                  region[3] - y_off))
        return full.crop(pixels), region


def save_png(image: Any, path: Path) -> Path:
    """Write a PIL image as a PNG (its folder made), and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG", compress_level=6)
    return path
