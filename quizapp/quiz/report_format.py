"""Item analysis rendered for people (a fixed-width table), spreadsheets (CSV) and programs (JSON).

Item ids, topics and option labels come from decks and from results files written by others,
so they are treated as hostile text: control characters are replaced in the table (no
terminal escapes), and CSV text cells that a spreadsheet would run as a formula get a leading
``'``: text whose first visible character is ``=``, ``+``, ``-`` or ``@`` (or their full-width
and small forms, ``＝`` ``＋`` ``－`` ``＠`` ``﹦`` ``﹢`` ``﹣`` ``﹫``, and the minus sign ``−``),
also behind leading spaces (NBSP and other Unicode spaces), zero-width characters (ZWSP, word
joiner, BOM) or control characters, which spreadsheets skip; and text that starts with a tab,
carriage return or newline. Numbers are written as numbers and never prefixed, so a negative D
stays a number (a spreadsheet reads ``-0.25`` as a value, not a formula); only text is
neutralised.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import asdict
from typing import Any

from quizapp.plural import plural
from quizapp.quiz.item_analysis import (
    BlockAnalysis,
    ItemAnalysis,
    ItemStats,
    OptionStats,
    Thresholds,
)

__all__ = [
    "CSV_COLUMNS",
    "csv_cell",
    "JSON_FORMAT",
    "neutralise_csv_text",
    "render_csv",
    "render_json",
    "render_table",
]

JSON_FORMAT = "quizapp-item-analysis"
JSON_VERSION = 1
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # the classic list (OWASP)
FORMULA_CHARS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212")
OMITTED = "(omitted)"

# --- plain-text table ----------------------------------------------------------------------

_ITEM_WIDTH = 28
_TOPIC_WIDTH = 20
# Short names keep a row with every flag inside 100 columns; "Items to revise" spells them out.
_SHORT_FLAGS = {"too_hard": "hard", "too_easy": "easy", "low_r_pb": "low r", "negative_d": "D<0"}


def _clean(text: str) -> str:
    """Printable text only: a label must not move the cursor or recolour the terminal."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def _fit(text: str, width: int) -> str:
    text = _clean(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _num(value: float | None, width: int = 6) -> str:
    return "n/a".rjust(width) if value is None else f"{value:{width}.2f}"


def _pct(value: float | None) -> str:
    return "n/a".rjust(5) if value is None else f"{value * 100:5.0f}"


def _thresholds_lines(t: Thresholds) -> list[str]:
    return [
        f"Revise when p < {t.p_low:.2f} or p > {t.p_high:.2f}, r_pb < {t.r_pb_min:.2f}, or D < 0.",
        f"Non-functional distractor (NF): chosen by < {t.nonfunctional_share:.0%}."
        f" Upper/lower group: top/bottom {t.group_fraction:.0%} by block score.",
    ]


def _block_header(block: BlockAnalysis) -> list[str]:
    kr = "n/a" if block.kr20 is None else f"{block.kr20:.2f}"
    lines = [
        f"Block {_clean(block.block)}: {plural(block.n_learners, 'learner')}, "
        f"{plural(block.n_items, 'item')},"
        f" mean score {block.mean_score:.1f} (SD {block.sd_score:.1f}), KR-20 {kr}"
    ]
    lines += [f"  note: {note}" for note in block.notes]
    return lines


def _item_row(item: ItemStats) -> str:
    flags = ", ".join(_SHORT_FLAGS.get(flag.code, flag.code) for flag in item.flags)
    row = (
        f"  {_fit(item.item_id, _ITEM_WIDTH):<{_ITEM_WIDTH}}"
        f" {_fit(item.topic, _TOPIC_WIDTH):<{_TOPIC_WIDTH}}"
        f" {_num(item.p)} {_num(item.d)} {_num(item.r_pb)}"
        f" {len(item.non_functional_distractors):>3}  {flags}"
    )
    return row.rstrip()


def _item_table(block: BlockAnalysis) -> list[str]:
    header = (
        f"  {'item':<{_ITEM_WIDTH}} {'topic':<{_TOPIC_WIDTH}} {'p':>6} {'D':>6}"
        f" {'r_pb':>6} {'NF':>3}  revise"
    )
    return [header, "  " + "-" * (len(header) - 2), *(_item_row(i) for i in block.items)]


def _revise_lines(block: BlockAnalysis) -> list[str]:
    lines = []
    for item in block.items:
        for flag in item.flags:
            lines.append(f"  {_fit(item.item_id, _ITEM_WIDTH):<{_ITEM_WIDTH}} {flag.reason}")
    return ["Items to revise:", *lines] if lines else ["Items to revise: none"]


def _option_name(option: OptionStats) -> str:
    label = OMITTED if option.label is None else _fit(option.label, 12)
    return f"{label}{' *' if option.is_key else ''}"


def _distractor_lines(block: BlockAnalysis) -> list[str]:
    lines = [
        "Distractors (% choosing: all, upper group, lower group; * key, NF non-functional):",
        f"  {'item':<{_ITEM_WIDTH}} {'option':<16} {'all':>5} {'upper':>5} {'lower':>5}",
    ]
    for item in block.items:
        name = _fit(item.item_id, _ITEM_WIDTH)
        for option in item.options:
            nf = "  NF" if option.non_functional else ""
            lines.append(
                f"  {name:<{_ITEM_WIDTH}} {_option_name(option):<16} {_pct(option.share)}"
                f" {_pct(option.share_upper)} {_pct(option.share_lower)}{nf}"
            )
            name = ""
    return lines


def render_table(analysis: ItemAnalysis) -> str:
    """A report to read in a terminal (about 95 columns): per block the reliability, one row
    per item, the reasons to revise, then the distractor table."""
    if not analysis.blocks:
        return "No responses to analyse.\n"
    sections = [_thresholds_lines(analysis.thresholds)]
    for block in analysis.blocks:
        if not block.items:  # a reliability-only summary (class reports: a shared block)
            sections.append(_block_header(block))
            continue
        sections.append(_block_header(block) + [""] + _item_table(block))
        sections.append(_revise_lines(block))
        sections.append(_distractor_lines(block))
    return "\n\n".join("\n".join(lines) for lines in sections) + "\n"


# --- CSV -----------------------------------------------------------------------------------

CSV_COLUMNS = (
    "block",
    "item_id",
    "topic",
    "key",
    "n",
    "n_correct",
    "answered",
    "p",
    "d",
    "r_pb",
    "mean_seconds",
    "block_kr20",
    "non_functional",
    "flags",
    "options",
)


def _skipped_by_spreadsheets(char: str) -> bool:
    """Spaces (any Unicode space), zero-width and control characters before a formula."""
    return char.isspace() or unicodedata.category(char) in ("Zs", "Cf", "Cc")


def neutralise_csv_text(text: str) -> str:
    """Prefix a quote to text a spreadsheet would evaluate as a formula (CSV injection)."""
    if text.startswith(FORMULA_STARTS) or text[:1] == "\n":
        return "'" + text
    for char in text:
        if not _skipped_by_spreadsheets(char):
            return "'" + text if char in FORMULA_CHARS else text
    return text


def csv_cell(value: Any) -> str | int | float:
    """Numbers stay numbers (even negative ones); text is neutralised; None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return neutralise_csv_text(str(value).lower())
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return round(value, 4)
    return neutralise_csv_text(str(value))


def _options_summary(item: ItemStats) -> str:
    """Each option as label[*]=all/upper/lower shares, for one readable spreadsheet cell."""

    def share(value: float | None) -> str:
        return "" if value is None else f"{value:.2f}"

    return "; ".join(
        f"{OMITTED if o.label is None else o.label}{'*' if o.is_key else ''}"
        f"={share(o.share)}/{share(o.share_upper)}/{share(o.share_lower)}"
        for o in item.options
    )


def _csv_row(block: BlockAnalysis, item: ItemStats) -> list[Any]:
    return [
        block.block,
        item.item_id,
        item.topic,
        item.key,
        item.n,
        item.n_correct,
        item.answered,
        item.p,
        item.d,
        item.r_pb,
        item.mean_seconds,
        block.kr20,
        " ".join(item.non_functional_distractors),
        " ".join(flag.code for flag in item.flags),
        _options_summary(item),
    ]


def render_csv(analysis: ItemAnalysis) -> str:
    """One row per item (per block), safe to open in a spreadsheet.

    Rows end in CRLF (RFC 4180): the csv module then quotes any cell holding a lone CR or LF,
    which a "\n" terminator would leave bare and break the row. Write it with newline="".
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for block in analysis.blocks:
        for item in block.items:
            writer.writerow([csv_cell(value) for value in _csv_row(block, item)])
    return out.getvalue()


# --- JSON ----------------------------------------------------------------------------------


def _item_json(item: ItemStats) -> dict[str, Any]:
    data = asdict(item)
    data["non_functional_distractors"] = list(item.non_functional_distractors)
    return data


def _block_json(block: BlockAnalysis) -> dict[str, Any]:
    data = asdict(block)
    data["items"] = [_item_json(item) for item in block.items]
    return data


def render_json(analysis: ItemAnalysis) -> str:
    """Everything the analysis holds, full precision, for other programs; versioned like the
    results file. An undefined statistic is null."""
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "thresholds": asdict(analysis.thresholds),
        "blocks": [_block_json(block) for block in analysis.blocks],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
