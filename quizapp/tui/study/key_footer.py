"""Textual's Footer, updated in place when only the labels of its keys change.

The stock Footer recomposes (unmounts and mounts every key) on each bindings change,
which costs 25-40 ms here: the study screen changes its keys twice per card (question,
answer), so a fast learner would wait on the footer. When the same number of keys is
shown, relabelling the existing ones is enough.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets._footer import FooterKey

from quizapp.tui.widgets.footer import ReleasingFooter

HELP_ACTIONS = ("help", "app.help")
Shown = tuple[str, str, str, str, bool]  # key, key display, description, action, enabled


class KeyFooter(ReleasingFooter):
    """Also puts "? Help" first, so a narrow terminal cuts other keys, never the one that
    lists them all."""

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        widgets.sort(key=lambda w: not (isinstance(w, FooterKey) and w.action in HELP_ACTIONS))
        yield from widgets

    def _wanted(self, screen: Screen) -> list[Shown]:
        """The keys compose would show, in its order (first binding per action, no groups)."""
        seen: set[str] = set()
        wanted = []
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            display = self.app.get_key_display(binding)
            wanted.append((binding.key, display, binding.description, binding.action, enabled))
        wanted.sort(key=lambda shown: shown[3] not in HELP_ACTIONS)
        return wanted

    def bindings_changed(self, screen: Screen) -> None:
        keys = [k for k in self.query_children(FooterKey) if not k.has_class("-command-palette")]
        if not (self._bindings_ready and self.is_attached and screen is self.screen):
            super().bindings_changed(screen)
            return
        wanted = self._wanted(screen)
        if len(wanted) != len(keys) or any(
            binding.group is not None
            for _node, binding, _enabled, _tooltip in screen.active_bindings.values()
        ):
            super().bindings_changed(screen)
            return
        for widget, (key, display, description, action, enabled) in zip(keys, wanted, strict=True):
            if (widget.key, widget.key_display, widget.description, widget.action,
                widget._disabled) == (key, display, description, action, not enabled):  # fmt: skip
                continue
            widget.key, widget.key_display, widget.description = key, display, description
            widget.action, widget._disabled = action, not enabled
            widget.set_class(not enabled, "-disabled")
            widget.refresh(layout=True)
        # Drop the old key positions now, not when each key's refresh is processed, so a
        # screen laid out on the next frame places the relabelled keys.
        self._clear_arrangement_cache()
