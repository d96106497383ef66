"""Learner text whose sentences cite their own sources (format 2), as the text a learner reads.

A sentence's source ids follow it in square brackets, before its closing full stop ("... in
most adults [kim2019]."), so wherever the text is shown (card backs, explanations, browse,
exports) each claim keeps its sources. The result is plain text: every screen and export
shows it literally, never as markup.
"""

from collections.abc import Iterable, Mapping

ENDINGS = ".!?"
NO_LABELS: Mapping[str, str] = {}


def cited(text: str, sources: Iterable[str], labels: Mapping[str, str] = NO_LABELS) -> str:
    """One sentence with its sources after it, before its closing punctuation: each source
    by its `label` ("Cox 2011"), else its id, since learners read them."""
    ids = list(dict.fromkeys(sources))
    if not ids:
        return text
    body = text.rstrip()
    stop = body.rstrip(ENDINGS)
    names = ", ".join(labels.get(i, i) for i in ids)
    return f"{stop} [{names}]{body[len(stop) :]}"


def prose_text(
    value: str | list[object] | None, labels: Mapping[str, str] = NO_LABELS
) -> str | None:
    """The text of a prose field as read: a plain string as written; a list of sentences
    joined, each followed by its own sources (by label where the source has one)."""
    if value is None or isinstance(value, str):
        return value
    return " ".join(_sentence(item, labels) for item in value)


def prose_sources(*values: object) -> tuple[str, ...]:
    """The source ids the sentences of prose fields cite, first cited first."""
    found: dict[str, None] = {}
    for value in values:
        for item in value if isinstance(value, list) else ():
            if isinstance(item, dict):
                found.update(dict.fromkeys(item["source"]))
    return tuple(found)


def _sentence(item: object, labels: Mapping[str, str]) -> str:
    if isinstance(item, dict):
        return cited(item["text"].strip(), item["source"], labels)
    return str(item).strip()
