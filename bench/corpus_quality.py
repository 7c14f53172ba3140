"""Quality on the shared corpus (../shared/corpus): import round trip, structural fields recognised,
checker findings per reply and how many of them were judged false.

    python bench/corpus_quality.py [--list] [--corpus ../shared/corpus]

* round trip: every reply (letters, their web pages, the cut-off pages) imported with
  `drafter import` into a fresh folder and rendered back: the text must be the input's (NFKC, white
  space aside), without falling back to plain paragraphs;
* fields: for the 33 complete letters, which elements landed in their own sheet fields (title,
  salutation, opening, body sections, closing, signature, date, and the marks the corpus README lists:
  class, contact, 公开属性, 署名);
* findings: the checker on each imported sheet (what a clerk checks after importing) and on each letter
  as plain text (`check_text`, ASCII punctuation restored); a finding is false when
  docs/checker-false-alarms.md lists it (reply, mode, rule and a piece of its text).

--list prints every finding, marked with "✗" where judged false.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from drafter.checker import check_reply, check_text  # noqa: E402
from drafter.importer.batch import Importer  # noqa: E402
from drafter.pipeline import render  # noqa: E402
from drafter.sheets.load import Loader  # noqa: E402
from test_corpus_fields import MARKS  # noqa: E402  (which reply prints which mark: the README's table)
from test_import_roundtrip import PARTIAL_START, docx_text, key, unescape  # noqa: E402

TODAY = dt.date(2026, 1, 31)        # after every reply's date: no "dated in the future" findings
FALSE_LIST = REPO / "docs" / "checker-false-alarms.md"


def imported(source: Path, folder: Path):
    result = Importer(into=folder).import_file(source)
    if result.status == "失败":
        return result, None, ""
    rendered = render(Loader().load(result.target))
    return result, rendered, unescape(docx_text(rendered.docx))


def round_trip(corpus: Path, work: Path) -> list[tuple[str, bool, str]]:
    """(name, ok, why) for every letter, page and cut-off page."""
    out = []
    for folder in ("replies", "pages", "partial"):
        for i, source in enumerate(sorted((corpus / folder).glob("*.txt"))):
            if folder == "replies":
                expected = source.read_text(encoding="utf-8")
            elif folder == "pages":
                expected = (corpus / "replies" / f"{source.name[:2]}.txt").read_text(encoding="utf-8")
            else:
                lines = source.read_text(encoding="utf-8").split("\n")
                expected = "\n".join(lines[PARTIAL_START[source.name[:2]] - 1:])
            result, rendered, text = imported(source, work / f"{folder}-{i}")
            if rendered is None:
                out.append((f"{folder}/{source.name}", False, result.error or "失败"))
                continue
            if rendered.reply.profile.letterhead:
                text = text.replace(rendered.reply.profile.letterhead_text, "", 1)
            ok = key(text) == key(expected) and not result.converted.fallback
            why = "" if ok else ("fallback" if result.converted.fallback else "text differs")
            out.append((f"{folder}/{source.name}", ok, why))
    return out


FIELDS = ("title", "salutation", "opening", "sections", "closing", "signature", "date")


def fields(reply, data: dict, blocks) -> dict[str, bool]:
    """Which structural elements are in their own fields."""
    kinds = {b.kind.value for b in blocks}
    return {
        "title": data.get("title") not in (None, "无"),
        "salutation": data.get("salutation") not in (None, "无"),
        "opening": bool(data.get("opening")),
        "sections": bool(data.get("sections") or data.get("intro")),
        "closing": bool(data.get("closing")),
        "signature": "signature" in kinds,
        "date": bool(data.get("date")),
        "h": bool(data.get("handling_type")),
        "c": isinstance(data.get("contact"), dict),
        "d": data.get("disclosure") not in (None, "无"),
        "s": "signature" in kinds,
    }


def false_alarms() -> list[tuple[str, str, str, str]]:
    """(reply, mode, rule, text) rows of the "Judged false" table of docs/checker-false-alarms.md."""
    if not FALSE_LIST.is_file():
        return []
    rows = []
    section = ""
    for line in FALSE_LIST.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line
        if not section.startswith("## Judged false"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and re.fullmatch(r"\d\d", cells[0]) and cells[1] in ("sheet", "text"):
            rows.append((cells[0], cells[1], cells[2].strip("`"), cells[3].strip("`“”")))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--list", action="store_true", help="print every finding")
    args = ap.parse_args()
    corpus = args.corpus
    if not (corpus / "replies").is_dir():
        raise SystemExit(f"没有找到语料：{corpus}")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        trips = round_trip(corpus, work)
        letters = sorted((corpus / "replies").glob("*.txt"))
        found: dict[str, dict[str, bool]] = {}
        findings: list[tuple[str, str, object]] = []
        for source in letters:
            result, rendered, _ = imported(source, work / f"check-{source.stem}")
            if rendered is None:
                continue
            reply = rendered.reply
            data = yaml.safe_load(result.target.read_text(encoding="utf-8"))
            found[source.stem] = fields(reply, data, rendered.blocks)
            findings += [(source.stem, "sheet", f) for f in check_reply(reply, rendered.blocks, today=TODAY)]
            findings += [(source.stem, "text", f) for f in check_text(source.read_text(encoding="utf-8"),
                                                                       ascii_punctuation=True, today=TODAY)]
    judged = false_alarms()

    def is_false(stem: str, mode: str, f) -> bool:
        return any(stem == r and mode == m and f.rule == rule and text in (f.context or f.found)
                   for r, m, rule, text in judged)

    ok = sum(1 for _, good, _ in trips if good)
    print(f"round trip: {ok}/{len(trips)} (letters {sum(g for n, g, _ in trips if n.startswith('replies'))}/"
          f"{sum(1 for n, _, _ in trips if n.startswith('replies'))}, pages "
          f"{sum(g for n, g, _ in trips if n.startswith('pages'))}/{sum(1 for n, _, _ in trips if n.startswith('pages'))}"
          f", cut-off {sum(g for n, g, _ in trips if n.startswith('partial'))}/"
          f"{sum(1 for n, _, _ in trips if n.startswith('partial'))})")
    for name, good, why in trips:
        if not good:
            print(f"  ✗ {name}: {why}")
    n = len(found)
    print(f"fields in their own place, of {n} letters:")
    for name in FIELDS:
        print(f"  {name:<10} {sum(f[name] for f in found.values()):>3}/{n}")
    for mark, label in (("h", "class"), ("c", "contact"), ("d", "公开属性"), ("s", "署名")):
        want = [s for s in found if mark in MARKS.get(s, "").replace(":", " ").split()]
        got = sum(found[s][mark] for s in want)
        extra = sum(found[s][mark] for s in found if s not in want)
        print(f"  {label:<10} {got:>3}/{len(want)} of the letters that print one" + (f" (+{extra} more)" if extra else ""))
    for mode in ("sheet", "text"):
        mine = [(s, f) for s, m, f in findings if m == mode]
        false = [(s, f) for s, f in mine if is_false(s, mode, f)]
        print(f"findings ({'imported sheets' if mode == 'sheet' else 'letters as plain text'}): {len(mine)} on {n} "
              f"replies = {len(mine) / n:.2f} a reply; judged false {len(false)} = {len(false) / n:.2f} a reply")
    if args.list:
        for stem, mode, f in findings:
            mark = "✗" if is_false(stem, mode, f) else " "
            print(f"  {mark} {stem} {mode:<5} {f.rule:<26} “{f.context or f.found}” {f.message}")
    print(f"({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
