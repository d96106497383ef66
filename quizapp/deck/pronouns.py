"""Whether a patient's "her" in deck text is the object ("letting her rest") or the
possessive ("her arms"): a female form becomes "him" or "his" for a male patient.

"him" and "his" turn into "her" without doubt, but "her" before a word is either. The word
after it settles most cases: a preposition, conjunction, determiner or particle follows only
the object ("helped her up", "gave her a dose", "told her that"). After a verb that takes an
object and then a verb or a complement ("let", "make", "keep", "give"), the next word may be
either ("letting her carry on" but "making her legs ache"): no word list can tell them apart,
so deck checks ask the author to write the male form there, which is never ambiguous.
"""

import re

# Words that follow an object "her" but never a possessive one.
OBJECT_FOLLOWERS = frozenset(
    """a an the this that these those some any no every each
    to up down out off in on at for with from into onto over under about by through back
    of like after before against around behind beside besides between beyond during except
    near past since toward towards upon within without across along among via per
    away again too and or but nor because when while if as so than then until unless""".split()
)
# Verbs after which "her" + word may be the object followed by a verb or a complement.
OBJECT_VERBS = frozenset(
    """let lets letting make makes made making help helps helped helping have has had having
    see sees saw seen seeing watch watches watched watching hear hears heard hearing
    feel feels felt feeling keep keeps kept keeping leave leaves left leaving
    get gets got getting find finds found finding give gives gave given giving
    tell tells told telling ask asks asked asking allow allows allowed allowing
    send sends sent sending show shows showed shown showing offer offers offered offering
    bring brings brought bringing wake wakes woke waking stop stops stopped stopping""".split()
)
_HER = re.compile(r"(?:\b(\w+)\W+)?\b(her)\b(?=(\W*)(\w*))", re.IGNORECASE)


def her_is_object(before: str, spacing: str, after: str) -> bool | None:
    """For "her" between the word `before` and the word `after` (`spacing` between them):
    True for the object, False for the possessive, None when the words cannot tell."""
    if not after or not spacing.isspace() and spacing:  # "her." "her, ..." "her-" end a phrase
        return True
    if after.lower() in OBJECT_FOLLOWERS:
        return True
    if before.lower() in OBJECT_VERBS:
        return None
    return False


def ambiguous_her(text: str) -> str | None:
    """The words around the first "her" in `text` that may be object or possessive
    ("letting her carry"), or None when every "her" is clear."""
    for m in _HER.finditer(text):
        if her_is_object(m.group(1) or "", m.group(3), m.group(4)) is None:
            return f"{m.group(1)} {m.group(2)} {m.group(4)}"
    return None


def ambiguous_her_message(words: str) -> str:
    """What the deck check says about `words` from `ambiguous_her`."""
    return (
        f"'{words}': 'her' here may be the object or the possessive, so a male patient's "
        "text cannot be made from it; write the male form ('him' for the object, 'his' for "
        "the possessive), which becomes 'her' for a female patient without doubt"
    )
