"""Deck text as inert HTML, for Anki fields and LMS question text.

Text from a deck is shown as text, never interpreted: `<script>` stays visible words, and
braces become character references so that `{{c1::...}}` or `{{Field}}` in a deck can never
start an Anki cloze deletion or template field.
"""

from __future__ import annotations

import html

from quizapp.deck.model import Deck, Source


def text_html(text: str) -> str:
    """Escaped HTML for one piece of deck text; line breaks kept as <br>."""
    escaped = html.escape(text, quote=True)
    return escaped.replace("{", "&#123;").replace("}", "&#125;").replace("\n", "<br>")


def _source_html(source: Source) -> str:
    parts = [text_html(source.citation)]
    if source.doi:
        parts.append(f"doi:{text_html(source.doi)}")
    if source.pmid:
        parts.append(f"PMID {text_html(source.pmid)}")
    if source.url and source.url.startswith(("https://", "http://")):
        url = text_html(source.url)
        parts.append(f'<a href="{url}">{url}</a>')
    return " ".join(parts)


def sources_html(deck: Deck, source_ids: tuple[str, ...]) -> str:
    """The cited sources as a list; an id the deck does not define is shown as it is."""
    if not source_ids:
        return ""
    items = []
    for sid in source_ids:
        source = deck.sources.get(sid)
        items.append(_source_html(source) if source else text_html(sid))
    return '<ul class="sources">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def source_text(deck: Deck, source_ids: tuple[str, ...]) -> str:
    """The cited sources as plain text, one per line (for CSV and LMS feedback)."""
    lines = []
    for sid in source_ids:
        source = deck.sources.get(sid)
        if source is None:
            lines.append(sid)
            continue
        extra = [
            f"doi:{source.doi}" if source.doi else "",
            f"PMID {source.pmid}" if source.pmid else "",
        ]
        lines.append(" ".join([source.citation, *filter(None, extra), source.url or ""]).strip())
    return "\n".join(lines)
