"""Reading a .docx's XML the way Word resolves it: direct formatting, then the style chain,
then the document defaults. Used by the layout tests."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(name: str) -> str:
    return f"{{{W}}}{name}"


class Package:
    def __init__(self, data: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.document = self.xml("word/document.xml")
        self.styles = self.xml("word/styles.xml")
        self.settings = self.xml("word/settings.xml")
        self._styles = {s.get(q("styleId")): s for s in self.styles.iter(q("style"))}

    def xml(self, name: str):
        return etree.fromstring(self.zip.read(name))

    @property
    def paragraphs(self):
        body = self.document.find("w:body", NS)
        return [p for p in body.iter(q("p"))]

    def text(self, p) -> str:
        return "".join(t.text or "" for t in p.iter(q("t")))

    def style_id(self, p) -> str:
        ps = p.find("w:pPr/w:pStyle", NS)
        return ps.get(q("val")) if ps is not None else "Normal"

    def _chain(self, style_id: str):
        chain = []
        while style_id and style_id in self._styles:
            style = self._styles[style_id]
            chain.append(style)
            based = style.find("w:basedOn", NS)
            style_id = based.get(q("val")) if based is not None else None
        return chain

    def _lookup(self, p, container: str, path: str, attr: str):
        """First value of attr on path, searching direct props, the style chain, then defaults."""
        direct = p.find(f"w:{container}", NS) if container == "pPr" else None
        candidates = []
        if container == "pPr":
            if direct is not None:
                candidates.append(direct)
            candidates += [s.find("w:pPr", NS) for s in self._chain(self.style_id(p))]
            candidates.append(self.styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS))
        else:
            run = p.find("w:r/w:rPr", NS)
            if run is not None:
                candidates.append(run)
            candidates += [s.find("w:rPr", NS) for s in self._chain(self.style_id(p))]
            candidates.append(self.styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS))
        for c in candidates:
            if c is None:
                continue
            for el in c.findall(path, NS):  # a later duplicate would be a schema error anyway
                if el.get(q(attr)) is not None:
                    return el.get(q(attr))
        return None

    def ppr(self, p, path: str, attr: str):
        return self._lookup(p, "pPr", path, attr)

    def rpr(self, p, path: str, attr: str):
        return self._lookup(p, "rPr", path, attr)

    def has_ppr(self, p, element: str) -> bool:
        """Whether an on/off paragraph property (keepNext, widowControl…) is on."""
        for c in [p.find("w:pPr", NS), *[s.find("w:pPr", NS) for s in self._chain(self.style_id(p))]]:
            if c is not None and c.find(f"w:{element}", NS) is not None:
                return c.find(f"w:{element}", NS).get(q("val"), "1") not in ("0", "false")
        return False

    def by_style(self, style_id: str):
        return [p for p in self.paragraphs if self.style_id(p) == style_id]
