"""Word refuses ("unreadable content") elements out of their schema order, where LibreOffice and
python-docx forgive it. Every property container drafter writes follows ECMA-376's sequences."""

from __future__ import annotations

import pytest

from drafter.pipeline import render
from drafter.sheets.load import load_reply
from tests.docx_xml import Package, q
from tests.replies import PROFILE, write_workspace

SEQUENCES = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
           "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
           "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
           "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
           "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
           "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "sectPr": "headerReference|footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
              "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat "
             "locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr",
    "settings": "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries "
                "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData "
                "embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins "
                "alignBordersAndEdges bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop "
                "hideSpellingErrors hideGrammaticalErrors activeWritingStyle proofState formsDesign "
                "attachedTemplate linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
                "revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
                "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
                "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
                "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting "
                "bookFoldPrintingSheets drawingGridHorizontalSpacing drawingGridVerticalSpacing "
                "displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
                "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin "
                "doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
                "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture "
                "doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText "
                "doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
                "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars "
                "rsids mathPr attachedSchema themeFontLang clrSchemeMapping",
}


def rank(container: str) -> dict[str, int]:
    out = {}
    for i, names in enumerate(SEQUENCES[container].split()):
        for name in names.split("|"):
            out[name] = i
    return out


def assert_ordered(element, container: str, where: str) -> None:
    order = rank(container)
    ranks = []
    for child in element:
        name = child.tag.split("}")[1]
        assert name in order, f"{where}: <w:{name}> is not allowed in <w:{container}>"
        ranks.append(order[name])
    assert ranks == sorted(ranks), f"{where}: children of <w:{container}> out of order: " + \
        " ".join(c.tag.split("}")[1] for c in element)
    seen = [c.tag for c in element]
    assert len(seen) == len(set(seen)) or container == "sectPr", f"{where}: a repeated child in <w:{container}>"


@pytest.mark.parametrize("letterhead", ["否", "是"])
def test_every_part_follows_the_schema_order(tmp_path, letterhead):
    path = write_workspace(tmp_path, profile=PROFILE.replace("letterhead: 否", f"letterhead: {letterhead}"))
    pkg = Package(render(load_reply(path)).docx)
    parts = [n for n in pkg.zip.namelist() if n.startswith("word/") and n.endswith(".xml")]
    checked = 0
    for name in parts:
        root = pkg.xml(name)
        for container in ("pPr", "rPr", "sectPr", "style"):
            for el in root.iter(q(container)):
                assert_ordered(el, container, name)
                checked += 1
        if name == "word/settings.xml":
            assert_ordered(root, "settings", name)
    assert checked > 50
