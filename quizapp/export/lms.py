"""Single-best-answer items (MCQs and vignettes) for a school's LMS, with per-option feedback.

Three formats, written with the standard library's XML writer (text always goes in as
text nodes, so deck text can never become markup) rather than text2qti (Markdown input, so
deck text would have to be escaped for Markdown first), qti-package-maker (QTI 1.2/Canvas
flavours, no schema to validate against offline) or gift-wrapper (a LaTeX-oriented YAML
front end): each is a few dozen lines here and is checked by the tests against its format.

- `qti`: an IMS QTI 2.1 content package (.zip: imsmanifest.xml, one assessmentItem per
  question, one assessmentTest), the version Canvas New Quizzes, Blackboard and TAO import;
  every file validates against the published QTI 2.1 and IMS CP 1.1 schemas.
- `moodle`: Moodle XML (.xml), multichoice questions in `Deck/Topic` categories.
- `gift`: Moodle's GIFT text format (.gift or .txt), its special characters escaped.

The seed the items were drawn with is recorded in every item (a vignette is a different
case with another seed), and the explanation of each option is its feedback; the cited
sources follow as general feedback.
"""

from __future__ import annotations

import hashlib
import html
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

from quizapp.export.html import source_text, text_html
from quizapp.export.output import check_target, write_atomically
from quizapp.export.select import Selection
from quizapp.generate import Card

FORMATS = {"qti": (".zip",), "moodle": (".xml",), "gift": (".gift", ".txt")}
LMS_KINDS = ("mcq", "vignette")

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ZIP_TIME = (2020, 1, 1, 0, 0, 0)  # fixed, so the same items give the same package


def items(selection: Selection) -> list[Card]:
    """The cards an LMS can take: single-best-answer items with options."""
    return [c for c in selection.cards if c.kind in LMS_KINDS and c.options]


def seed_of(selection: Selection, card: Card) -> int:
    return selection.seed if card.seed is None else card.seed


def item_title(selection: Selection, card: Card) -> str:
    return f"{card.id} (seed {seed_of(selection, card)})"


def category_parts(selection: Selection, card: Card) -> list[str]:
    deck = selection.deck_of(card)
    parts = [deck.title or deck.id]
    if card.topic:
        parts.append(selection.topic_title(card))
    return parts


def feedback_text(selection: Selection, card: Card) -> str:
    sources = source_text(selection.deck_of(card), card.sources)
    return f"Sources:\n{sources}" if sources else ""


# --- QTI 2.1 ---------------------------------------------------------------------------------


def qti_identifier(card_id: str) -> str:
    """An NCName unique to the card id: readable prefix plus a hash of the whole id."""
    readable = re.sub(r"[^A-Za-z0-9_.-]", "_", card_id)[:60]
    return f"q_{readable}_{hashlib.sha256(card_id.encode()).hexdigest()[:10]}"


def _q(tag: str) -> str:
    """Elements are written unprefixed; the root's `xmlns` puts them in the QTI namespace."""
    return tag


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), attrs)
    element.text = text
    return element


def _paragraphs(parent: ET.Element, text: str) -> None:
    """Deck text as <p> elements (blank lines part paragraphs; a line break is <br/>)."""
    for block in filter(None, (b.strip() for b in text.split("\n\n"))):
        p = _sub(parent, "p")
        lines = block.split("\n")
        p.text = lines[0]
        for line in lines[1:]:
            _sub(p, "br").tail = line


def _value(parent: ET.Element, tag: str, value: str, **attrs: str) -> None:
    _sub(_sub(parent, tag, **attrs), "value", value)


def qti_item(selection: Selection, card: Card) -> ET.Element:
    key = next(o.label for o in card.options if o.correct)
    item = ET.Element(
        _q("assessmentItem"),
        {
            "xmlns": QTI,
            f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
            "identifier": qti_identifier(card.id),
            "title": item_title(selection, card)[:256],
            "label": f"quizapp seed {seed_of(selection, card)}",
            "adaptive": "false",
            "timeDependent": "false",
        },
    )
    response = _sub(item, "responseDeclaration", identifier="RESPONSE", cardinality="single",
                    baseType="identifier")  # fmt: skip
    _value(response, "correctResponse", key)
    score = _sub(item, "outcomeDeclaration", identifier="SCORE", cardinality="single",
                 baseType="float")  # fmt: skip
    _value(score, "defaultValue", "0")
    _sub(item, "outcomeDeclaration", identifier="FEEDBACK", cardinality="single",
         baseType="identifier")  # fmt: skip
    body = _sub(item, "itemBody")
    _paragraphs(_sub(body, "div"), card.prompt)
    choices = _sub(body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle="false",
                   maxChoices="1")  # fmt: skip
    for option in card.options:
        _sub(choices, "simpleChoice", option.text, identifier=option.label, fixed="true")
    _qti_processing(_sub(item, "responseProcessing"))
    general = feedback_text(selection, card)
    for option in card.options:
        feedback = _sub(item, "modalFeedback", outcomeIdentifier="FEEDBACK",
                        identifier=option.label, showHide="show")  # fmt: skip
        _paragraphs(feedback, f"{option.label}. {option.text}: {option.explanation}")
        if general:
            _paragraphs(feedback, general)
    return item


def _qti_processing(processing: ET.Element) -> None:
    """SCORE 1 for the key, else 0; FEEDBACK = the chosen option (shows its modalFeedback)."""
    condition = _sub(processing, "responseCondition")
    branch = _sub(condition, "responseIf")
    match = _sub(branch, "match")
    _sub(match, "variable", identifier="RESPONSE")
    _sub(match, "correct", identifier="RESPONSE")
    _sub(_sub(branch, "setOutcomeValue", identifier="SCORE"), "baseValue", "1", baseType="float")
    otherwise = _sub(condition, "responseElse")
    _sub(_sub(otherwise, "setOutcomeValue", identifier="SCORE"), "baseValue", "0",
         baseType="float")  # fmt: skip
    _sub(_sub(processing, "setOutcomeValue", identifier="FEEDBACK"), "variable",
         identifier="RESPONSE")  # fmt: skip


def qti_test(selection: Selection, cards: list[Card], hrefs: dict[str, str]) -> ET.Element:
    titles = ", ".join(d.title or d.id for d in selection.decks.values())
    test = ET.Element(
        _q("assessmentTest"),
        {
            "xmlns": QTI,
            f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
            "identifier": "quizapp_test",
            "title": f"{titles} (seed {selection.seed})"[:256],
        },
    )
    part = _sub(test, "testPart", identifier="part_1", navigationMode="nonlinear",
                submissionMode="simultaneous")  # fmt: skip
    section = _sub(part, "assessmentSection", identifier="section_1", title=titles[:256],
                   visible="true")  # fmt: skip
    for card in cards:
        ident = qti_identifier(card.id)
        _sub(section, "assessmentItemRef", identifier=ident, href=hrefs[ident])
    return test


def qti_manifest(hrefs: dict[str, str]) -> ET.Element:
    def cp(tag: str) -> str:
        return tag  # unprefixed, in the root's default namespace

    manifest = ET.Element(
        "manifest",
        {
            "xmlns": CP,
            f"{{{XSI}}}schemaLocation": f"{CP} {CP_XSD}",
            "identifier": "quizapp_manifest",
        },
    )
    metadata = ET.SubElement(manifest, cp("metadata"))
    ET.SubElement(metadata, cp("schema")).text = "QTIv2.1 Package"
    ET.SubElement(metadata, cp("schemaversion")).text = "1.0.0"
    ET.SubElement(manifest, cp("organizations"))
    resources = ET.SubElement(manifest, cp("resources"))
    test = ET.SubElement(resources, cp("resource"), identifier="res_test",
                         type="imsqti_test_xmlv2p1", href="assessment.xml")  # fmt: skip
    ET.SubElement(test, cp("file"), href="assessment.xml")
    for ident in hrefs:
        ET.SubElement(test, cp("dependency"), identifierref=f"res_{ident}")
    for ident, href in hrefs.items():
        resource = ET.SubElement(resources, cp("resource"), identifier=f"res_{ident}",
                                 type="imsqti_item_xmlv2p1", href=href)  # fmt: skip
        ET.SubElement(resource, cp("file"), href=href)
    return manifest


ET.register_namespace("xsi", XSI)


def _xml(element: ET.Element) -> bytes:
    ET.indent(element)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def write_qti_package(
    selection: Selection, target: Path, progress: Callable[[int], None] | None = None
) -> None:
    cards = items(selection)
    hrefs = {qti_identifier(c.id): f"items/{qti_identifier(c.id)}.xml" for c in cards}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:

        def put(name: str, element: ET.Element) -> None:
            package.writestr(zipfile.ZipInfo(name, ZIP_TIME), _xml(element),
                             zipfile.ZIP_DEFLATED)  # fmt: skip

        put("imsmanifest.xml", qti_manifest(hrefs))
        put("assessment.xml", qti_test(selection, cards, hrefs))
        for card in cards:
            put(hrefs[qti_identifier(card.id)], qti_item(selection, card))
            if progress is not None:
                progress(1)


# --- Moodle XML ------------------------------------------------------------------------------


def moodle_category(parts: list[str]) -> str:
    """Moodle's category path: `/` separates levels, so a `/` in a title is doubled."""
    return "$course$/top/" + "/".join(p.replace("/", "//") for p in parts)


def _moodle_text(parent: ET.Element, tag: str, text: str, html_format: bool = True) -> None:
    element = ET.SubElement(parent, tag, {"format": "html"} if html_format else {})
    ET.SubElement(element, "text").text = text


def moodle_question(selection: Selection, card: Card) -> ET.Element:
    question = ET.Element("question", type="multichoice")
    ET.SubElement(ET.SubElement(question, "name"), "text").text = item_title(selection, card)
    _moodle_text(question, "questiontext", text_html(card.prompt))
    _moodle_text(question, "generalfeedback", text_html(feedback_text(selection, card)))
    for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"),
                       ("idnumber", card.id[:100]), ("single", "true"),
                       ("shuffleanswers", "false"), ("answernumbering", "ABCD")):  # fmt: skip
        ET.SubElement(question, tag).text = value
    for option in card.options:
        answer = ET.SubElement(question, "answer", fraction="100" if option.correct else "0",
                               format="html")  # fmt: skip
        ET.SubElement(answer, "text").text = text_html(option.text)
        _moodle_text(answer, "feedback", text_html(option.explanation))
    tags = ET.SubElement(question, "tags")
    for name in (f"quizapp-{card.kind}", f"topic-{card.topic}" if card.topic else None):
        if name:
            ET.SubElement(ET.SubElement(tags, "tag"), "text").text = name
    return question


def moodle_xml(selection: Selection, progress: Callable[[int], None] | None = None) -> bytes:
    quiz = ET.Element("quiz")
    category = None
    for card in items(selection):
        wanted = moodle_category(category_parts(selection, card))
        if wanted != category:
            holder = ET.SubElement(quiz, "question", type="category")
            ET.SubElement(ET.SubElement(holder, "category"), "text").text = wanted
            category = wanted
        quiz.append(moodle_question(selection, card))
        if progress is not None:
            progress(1)
    return _xml(quiz)


# --- GIFT ------------------------------------------------------------------------------------

GIFT_SPECIAL = re.compile(r"([\\~=#{}:])")


def gift_escape(text: str) -> str:
    """Backslash before GIFT's special characters (and the backslash itself)."""
    return GIFT_SPECIAL.sub(r"\\\1", text)


def gift_html(text: str) -> str:
    """Deck text for a `[html]` GIFT field: HTML-escaped, on one line, GIFT-escaped."""
    return gift_escape(html.escape(text, quote=False).replace("\n", "<br>"))


def gift_question(selection: Selection, card: Card) -> str:
    lines = [f"::{gift_escape(item_title(selection, card))}::[html]{gift_html(card.prompt)} {{"]
    for option in card.options:
        mark = "=" if option.correct else "~"
        lines.append(f"\t{mark}{gift_html(option.text)}#{gift_html(option.explanation)}")
    general = feedback_text(selection, card)
    if general:
        lines.append(f"\t####{gift_html(general)}")
    lines.append("}")
    return "\n".join(lines)


def gift(selection: Selection, progress: Callable[[int], None] | None = None) -> str:
    blocks = [f"// quizapp export, seed {selection.seed}"]
    category = None
    for card in items(selection):
        wanted = moodle_category(category_parts(selection, card))
        if wanted != category:
            blocks.append(f"$CATEGORY: {wanted}")
            category = wanted
        blocks.append(gift_question(selection, card))
        if progress is not None:
            progress(1)
    return "\n\n".join(blocks) + "\n"


# --- writing ---------------------------------------------------------------------------------


def write_lms(
    selection: Selection,
    path: Path,
    fmt: str,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the items in `fmt`; how many were written."""
    check_target(path, FORMATS[fmt], force)
    count = len(items(selection))

    def write(target: Path) -> None:
        if fmt == "qti":
            write_qti_package(selection, target, progress)
        elif fmt == "moodle":
            target.write_bytes(moodle_xml(selection, progress))
        else:
            target.write_text(gift(selection, progress), encoding="utf-8")

    write_atomically(path, force, write)
    return count
