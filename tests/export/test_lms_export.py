"""`quizapp export lms`: QTI 2.1 valid against the published schema, Moodle XML and GIFT,
with per-option feedback, a recorded seed and deck text that stays text."""

import html
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.export.helpers import CLOZE_LOOKALIKE, GIFT_SPECIALS, IIM, SCRIPT, run

SCHEMAS = Path(__file__).parent / "schemas" / "qti21"
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


@pytest.fixture(scope="module")
def qti_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "qtiv2p1" / "imsqti_v2p1.xsd")))


@pytest.fixture(scope="module")
def cp_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "imscp_v1p1.xsd")))


def _items(deck, *args) -> list[dict]:
    cards = json.loads(run("cards", deck, "--format", "json", *args).stdout)
    return [c for c in cards if c["kind"] in ("mcq", "vignette")]


def _export(tmp_path, deck, fmt, suffix, *args):
    out = tmp_path / f"quiz{suffix}"
    result = run("export", "lms", deck, "--format", fmt, "-o", out, *args)
    assert result.exit_code == 0, result.output
    return out


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _qti_items(package: Path, qti_schema, cp_schema) -> list[etree._Element]:
    """Every document validated against its schema; the items in test order."""
    with zipfile.ZipFile(package) as archive:
        docs = {name: etree.fromstring(archive.read(name)) for name in archive.namelist()}
    manifest = docs.pop("imsmanifest.xml")
    assert cp_schema.validate(manifest), cp_schema.error_log
    for name, doc in docs.items():
        assert qti_schema.validate(doc), (name, qti_schema.error_log)
    hrefs = [f.get("href") for f in manifest.iter(f"{CP}file")]
    assert sorted(hrefs) == sorted(docs)  # the manifest lists every file, and only those
    test = docs.pop("assessment.xml")
    return [docs[ref.get("href")] for ref in test.iter(f"{QTI}assessmentItemRef")]


def test_qti_package_validates_and_holds_every_item_with_feedback(tmp_path, qti_schema, cp_schema):
    package = _export(tmp_path, IIM, "qti", ".zip")
    cards = _items(IIM)
    items = _qti_items(package, qti_schema, cp_schema)
    assert len(items) == len(cards)
    for card, item in zip(cards, items, strict=True):
        assert item.get("title") == f"{card['id']} (seed 0)"
        key = item.find(f"{QTI}responseDeclaration/{QTI}correctResponse/{QTI}value").text
        assert key == next(o["label"] for o in card["options"] if o["correct"])
        assert card["prompt"].split("\n")[0] in _text(item.find(f"{QTI}itemBody"))
        choices = item.findall(f".//{QTI}simpleChoice")
        assert [(c.get("identifier"), c.text) for c in choices] == [
            (o["label"], o["text"]) for o in card["options"]
        ]
        feedback = {f.get("identifier"): _text(f) for f in item.iter(f"{QTI}modalFeedback")}
        for option in card["options"]:
            assert " ".join(option["explanation"].split()) in feedback[option["label"]]
            assert "Sources:" in feedback[option["label"]]


def test_qti_keeps_deck_markup_as_text(tmp_path, hostile_deck, qti_schema, cp_schema):
    package = _export(tmp_path, hostile_deck, "qti", ".zip")
    items = _qti_items(package, qti_schema, cp_schema)
    assert items
    texts = [_text(item) for item in items]
    assert any(SCRIPT in t for t in texts)
    assert any(f"{CLOZE_LOOKALIKE} {GIFT_SPECIALS}" in t for t in texts)
    assert not [e for item in items for e in item.iter() if "script" in str(e.tag)]


def test_moodle_xml_has_categories_options_and_per_option_feedback(tmp_path, hostile_deck):
    out = _export(tmp_path, hostile_deck, "moodle", ".xml", "--seed", "3")
    quiz = etree.parse(str(out)).getroot()
    questions = quiz.findall("question[@type='multichoice']")
    cards = _items(hostile_deck, "--seed", "3")
    assert len(questions) == len(cards)
    categories = [q.findtext("category/text") for q in quiz.findall("question[@type='category']")]
    assert "$course$/top/Generator test deck/Diagnosis" in categories
    for card, question in zip(cards, questions, strict=True):
        assert question.findtext("name/text") == f"{card['id']} (seed 3)"
        assert (
            html.unescape(question.findtext("questiontext/text")).replace("<br>", "\n")
            == card["prompt"]
        )
        answers = question.findall("answer")
        assert [
            (
                a.get("fraction"),
                html.unescape(a.findtext("text")),
                html.unescape(a.findtext("feedback/text")),
            )
            for a in answers
        ] == [
            ("100" if o["correct"] else "0", o["text"], o["explanation"]) for o in card["options"]
        ]
    raw = out.read_text(encoding="utf-8")
    assert "<script" not in raw and "&lt;script&gt;" not in raw  # double-escaped: XML, HTML
    assert "&amp;lt;script&amp;gt;" in raw


# --- GIFT: an independent reader of the format, to check what Moodle will see ---------------

SPECIAL = set("~=#{}:")


def _gift_tokens(text: str) -> list[tuple[str, str]]:
    """('special', c) for an unescaped special character, ('text', s) for literal runs."""
    tokens: list[tuple[str, str]] = []
    literal: list[str] = []
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            literal.append(next(chars))
        elif ch in SPECIAL:
            tokens += [("text", "".join(literal))] if literal else []
            tokens.append(("special", ch))
            literal = []
        else:
            literal.append(ch)
    return tokens + ([("text", "".join(literal))] if literal else [])


def _gift_question(block: str) -> dict:
    tokens = [t for t in _gift_tokens(block) if not (t[0] == "text" and not t[1].strip())]
    specials = "".join(v if k == "special" else "_" for k, v in tokens)
    assert specials.startswith("::_::_{") and specials.endswith("}"), specials
    title, body = tokens[2][1], tokens[5][1].strip()
    assert body.startswith("[html]")
    answers, general, i = [], None, 7
    while tokens[i] != ("special", "}"):
        if specials[i : i + 4] == "####":
            general, i = tokens[i + 4][1].strip(), i + 5
            continue
        mark, answer = tokens[i][1], tokens[i + 1][1].strip()
        assert mark in "=~" and tokens[i + 2] == ("special", "#")
        answers.append((mark == "=", answer, tokens[i + 3][1].strip()))
        i += 4
    return {"title": title, "text": body.removeprefix("[html]").strip(), "answers": answers,
            "general": general}  # fmt: skip


def _shown(gift_html: str) -> str:
    return html.unescape(gift_html.replace("<br>", "\n"))


def test_gift_escapes_its_special_characters_and_keeps_feedback(tmp_path, hostile_deck):
    out = _export(tmp_path, hostile_deck, "gift", ".gift")
    text = out.read_text(encoding="utf-8")
    assert "Anti-\\{\\{c1\\:\\:Xy\\}\\} \\~ \\= \\# \\{ \\} \\:" in text
    blocks = [b for b in text.split("\n\n") if b.startswith("::")]
    cards = _items(hostile_deck)
    assert len(blocks) == len(cards)
    for card, block in zip(cards, blocks, strict=True):
        question = _gift_question(block)
        assert question["title"] == f"{card['id']} (seed 0)"
        assert _shown(question["text"]) == card["prompt"]
        assert [(c, _shown(a), _shown(f)) for c, a, f in question["answers"]] == [
            (o["correct"], o["text"], o["explanation"]) for o in card["options"]
        ]
        assert question["general"].startswith("Sources:")
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_same_seed_same_file_and_the_seed_is_recorded(tmp_path):
    folders = [tmp_path / name for name in ("a", "b", "c")]
    for folder in folders:
        folder.mkdir()
    first = _export(folders[0], IIM, "qti", ".zip")
    again = _export(folders[1], IIM, "qti", ".zip")
    assert first.read_bytes() == again.read_bytes()
    other = _export(folders[2], IIM, "gift", ".gift", "--seed", "11", "--kind", "vignette")
    text = other.read_text(encoding="utf-8")
    assert "(seed 11)::" in text and "(seed 0)" not in text
    assert "// quizapp export, seed 11" in text


def test_lms_refuses_kinds_it_cannot_take(tmp_path):
    result = run(
        "export", "lms", IIM, "--format", "gift", "--kind", "cloze", "-o", tmp_path / "x.gift"
    )
    assert result.exit_code == 2 and "'cloze' is not one of 'mcq', 'vignette'" in result.stderr
