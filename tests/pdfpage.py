"""Measuring a PDF page the way a reader sees it, with poppler: words and lines with their boxes
(pdftotext -bbox-layout), the embedded fonts (pdffonts), and pixels (pdftoppm). Positions are
in points from the top left of the page; the GB/T 9704 type area is 37/35/28/26 mm in."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

PT_PER_MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * PT_PER_MM, 297 * PT_PER_MM
TYPE_TOP, TYPE_BOTTOM = 37 * PT_PER_MM, (297 - 35) * PT_PER_MM
TYPE_LEFT, TYPE_RIGHT = 28 * PT_PER_MM, (210 - 26) * PT_PER_MM
PITCH = 579 / 20  # the body line pitch in points (28.95)


def _tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", check=True).stdout


def words(pdf: Path) -> list[dict]:
    """Every word with its page and box, from pdftotext -bbox-layout."""
    out = _tool("pdftotext", "-bbox-layout", str(pdf), "-")
    result = []
    for page_no, page in enumerate(re.findall(r"<page .*?</page>", out, re.S), 1):
        for line in re.findall(r"<line (.*?)</line>", page, re.S):
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                                 line):
                x0, y0, x1, y1 = map(float, m.groups()[:4])
                result.append({"page": page_no, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "text": m.group(5)})
    return result


@dataclass
class Line:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def lines(ws: list[dict]) -> list[Line]:
    """Printed lines (words sharing a page and a top edge), in reading order."""
    rows: dict[tuple[int, int], list[dict]] = {}
    for w in ws:
        rows.setdefault((w["page"], round(w["y0"])), []).append(w)
    out = []
    for key in sorted(rows):
        row = sorted(rows[key], key=lambda w: w["x0"])
        out.append(Line(key[0], row[0]["x0"], min(w["y0"] for w in row), row[-1]["x1"],
                        max(w["y1"] for w in row), "".join(w["text"] for w in row)))
    return out


def body_lines(ws: list[dict], page: int) -> list[list[dict]]:
    """Words of one page inside the type area, grouped into printed lines by their top edge."""
    rows: dict[int, list[dict]] = {}
    for w in ws:
        if w["page"] == page and TYPE_TOP - 6 <= w["y0"] <= TYPE_BOTTOM:
            rows.setdefault(round(w["y0"]), []).append(w)
    return [sorted(rows[k], key=lambda w: w["x0"]) for k in sorted(rows)]


def width_units(text: str) -> int:
    """Full-width characters count 2, half-width 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text if not ch.isspace())


def page_count(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", _tool("pdfinfo", str(pdf))).group(1))


def fonts(pdf: Path) -> list[str]:
    """The embedded fonts' names, subset prefix removed (pdffonts)."""
    out = _tool("pdffonts", str(pdf)).splitlines()[2:]
    return [re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in out if line.strip()]


def gray(pdf: Path, page: int, box: tuple[float, float, float, float], dpi: int, tmp: Path) -> list[list[int]]:
    """The grey levels (0 black … 255 white) of a box (x0, y0, x1, y1 in points) of one page."""
    scale = dpi / 72
    x0, y0, x1, y1 = (round(v * scale) for v in box)
    stem = tmp / f"crop{page}-{x0}-{y0}"
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-x", str(x0),
                    "-y", str(y0), "-W", str(x1 - x0), "-H", str(y1 - y0), "-singlefile", str(pdf), str(stem)],
                   check=True)
    data = stem.with_suffix(".pgm").read_bytes()
    _magic, size, _max, pixels = data.split(b"\n", 3)
    w, h = map(int, size.split())
    return [list(pixels[r * w:(r + 1) * w]) for r in range(h)]


def red_rows(pdf: Path, tmp: Path, page: int = 1, dpi: int = 72) -> list[tuple[float, int, int]]:
    """(mm from the top, first x, last x) of every pixel row of a page that holds red."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                    str(tmp / "red")], check=True)
    data = (tmp / "red.ppm").read_bytes()
    _magic, size, _maxval, pixels = data.split(b"\n", 3)
    w, h = map(int, size.split())
    out = []
    for y in range(h):
        row = pixels[y * w * 3:(y + 1) * w * 3]
        red = [x // 3 for x in range(0, w * 3, 3) if row[x] > 200 and row[x + 1] < 80 and row[x + 2] < 80]
        if red:
            out.append((y / (dpi / 25.4), min(red), max(red)))
    return out
