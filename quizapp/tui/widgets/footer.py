"""Textual's Footer without its leak: the keys it replaces are let go.

Each key the stock Footer composes watches the footer's `compact` (`data_bind`), and
Textual drops a watcher only when that value changes, which it never does: every
recompose (each change of the screen's keys) kept the old keys alive for as long as the
footer lives. Home lives as long as the app, so each visit to another screen added
about 2,000 objects that every full collection then walks.
"""

from __future__ import annotations

from textual.widgets import Footer


class ReleasingFooter(Footer):
    """A Footer that drops the watchers of the keys a recompose removed."""

    async def recompose(self) -> None:
        await super().recompose()
        # Re-sending the unchanged value makes Textual prune watchers of removed keys.
        self.mutate_reactive(Footer.compact)
