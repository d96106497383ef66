"""Generated cards leaving quizapp: Anki packages, LMS quiz files and spreadsheets.

Public API (everything else in this package is an implementation detail):

- `select_cards(decks, seed, kinds, topics) -> Selection`: the cards of the chosen decks that
  pass the filters, with the decks they came from; `ExportError` for an unknown topic, a
  clash of deck ids, or an empty selection.
- `write_anki(selection, path, force)`: an Anki package (.apkg) built with genanki.
- `write_csv(selection, path, force)`: one row per card, UTF-8 with BOM, formula-safe.
- `write_lms(selection, path, fmt, force)`: single-best-answer items as QTI 1.2 (a .zip for
  Canvas/Blackboard), Moodle XML or GIFT.

Every writer builds the whole file beside its target and moves it into place only when
done, so a failed export leaves nothing behind; an existing file is replaced only with
`force`, and never a file that is not of the export's own type (a deck, say).
"""

from quizapp.export.output import ExportError
from quizapp.export.select import Selection, select_cards

__all__ = ["ExportError", "Selection", "select_cards"]
