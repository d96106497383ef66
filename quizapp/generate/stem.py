"""The words of a vignette stem, in NBME order: age and sex, setting, complaint and
duration, symptoms, history (then the course, which may refer to it), examination,
laboratory studies. Then the lead-in.

Each stated entity goes to the section `DeckIndex.section` gives it, from the data alone:
an entity some blueprint lists under `history` is history ("He has a history of ...",
"There is no history of ..."); an entity whose kind is a result of studies (`test_result`,
or any kind id containing "result" or "test") is laboratory ("Further studies show ...");
everything else is a clinical finding ("Physical examination shows ...", "There is no
..."). Range attributes are the laboratory values ("Serum creatine kinase is 3,401 U/L
and the erythrocyte sedimentation rate is 22 mm/h."). Names are in running-text case
(`wording.mid_sentence`) and every fact a stem states is worded exactly as
`ruleout.Reason.stated` words it, so an explanation cites what the student has read.
"""

import random
import re

from quizapp.generate.case import Case
from quizapp.generate.index import DeckIndex
from quizapp.generate.ruleout import age_text, lab_stated
from quizapp.generate.wording import article, join, sentence_start

ADULT_AGE = 18
# Analytes measured in serum, by unit: "Serum creatine kinase is ...", but "the
# erythrocyte sedimentation rate is ..." (a rate, a percentage).
SERUM_UNITS = frozenset({"U/L", "mg/L", "ng/mL", "x ULN"})
TO_FEMALE = {"he": "she", "him": "her", "his": "her", "himself": "herself"}
TO_MALE = {"she": "he", "hers": "his", "herself": "himself"}
# NBME phrasing: "because of a 3-month history of X", or the complaint then its duration.
DURATION = (
    "because of {a} {n}-{one} history of {complaint}",
    "because of {complaint} for the past {n} {unit}",
)


def _said(section: tuple[list[str], list[str]], present: str, absent: str) -> list[str]:
    """A section's sentences: what is stated present, then what is stated absent."""
    had, never = section
    return ([present.format(join(had))] if had else []) + (
        [absent.format(join(never, "or"))] if never else []
    )


def _swap(word: str, mapping: dict[str, str]) -> str:
    new = mapping.get(word.lower(), word)
    return new.capitalize() if word[:1].isupper() else new


def with_pronouns(text: str, sex: str) -> str:
    """Complaints are written for one sex ("her arms"); make them fit the drawn patient."""
    if sex == "female":
        return re.sub(r"\b\w+\b", lambda m: _swap(m.group(), TO_FEMALE), text)

    def male(m: re.Match[str]) -> str:
        word = m.group(1)
        if word.lower() == "her":
            # "her arms" is possessive, "helped her" or "her." is the object
            new = "his" if re.match(r"\s+\w", m.group(2)) else "him"
            return new.capitalize() if word[0].isupper() else new
        return _swap(word, TO_MALE)

    # what follows is looked at, not consumed, so the next word is matched too
    return re.sub(r"\b(\w+)\b(?=(\s*\S?))", male, text)


def _unit(n: int, unit: str) -> str:
    return unit[:-1] if n == 1 and unit.endswith("s") else unit


SEEN_IN = {
    "hospital ward": "is seen on the hospital ward",
    "neonatal unit": "is seen in the neonatal unit",
    "intensive care unit": "is seen in the intensive care unit",
}


def _setting(case: Case) -> str:
    if case.setting in SEEN_IN:
        return SEEN_IN[case.setting]
    verb = "is brought to" if case.years < ADULT_AGE else "comes to"
    return f"{verb} the {case.setting}"


def _who(case: Case) -> str:
    """ "34-year-old woman", "3-month-old boy", "10-day-old female newborn"."""
    adult = case.years >= ADULT_AGE
    if case.age_unit == "days":
        noun = f"{case.sex} newborn"
    else:
        noun = {("female", True): "woman", ("male", True): "man", ("female", False): "girl"}
        noun = noun.get((case.sex, adult), "boy")
    return f"{age_text(case.age, case.age, case.age_unit)} {noun}"


def _listed(present: list[str], absent: list[str]) -> str:
    """'a, b and no c or d': what a study shows, then what it does not."""
    items = list(present)
    if absent:
        items.append("no " + join(absent, "or"))
    return join(items)


def _lab_values(ix: DeckIndex, case: Case) -> str:
    clauses = []
    for attr, value in case.labs.items():
        stated = lab_stated(ix, attr, value, value)
        unit = ix.deck.attributes[attr].unit
        clauses.append(("serum " if unit in SERUM_UNITS else "the ") + stated)
    return sentence_start(join(clauses)) + "." if clauses else ""


def stem_text(ix: DeckIndex, case: Case, rng: random.Random) -> str:
    pronoun = "She" if case.sex == "female" else "He"
    complaint = with_pronouns(case.complaint, case.sex)
    why = rng.choice(DURATION).replace(
        " {n} {unit}", " {unit}" if case.duration == 1 else " {n} {unit}"
    )
    why = why.format(
        a=article(str(case.duration)),
        n=case.duration,
        one=_unit(1, case.duration_unit),
        unit=_unit(case.duration, case.duration_unit),
        complaint=complaint,
    )
    sections: dict[str, tuple[list[str], list[str]]] = {
        s: ([], []) for s in ("symptom", "course", "history", "exam", "lab")
    }
    for e in (*case.history, *case.findings):
        sections["history" if e in case.history else ix.section(e)][0].append(ix.said(e))
    for e in case.negatives:
        sections[ix.section(e)][1].append(ix.said(e, present=False))
    who = _who(case)
    sentences = [f"{sentence_start(article(who))} {who} {_setting(case)} {why}."]
    sentences += _said(
        sections["symptom"], f"{pronoun} also reports {{}}.", f"{pronoun} reports no {{}}."
    )
    sentences += _said(
        sections["history"], f"{pronoun} has a history of {{}}.", "There is no history of {}."
    )
    shown, unshown = sections["course"]  # after the history its words may refer to
    sentences += [f"{pronoun} notes that {c}." for c in shown]
    sentences += [f"{pronoun} does not note that {c}." for c in unshown]
    seen, unseen = sections["exam"]
    if seen:
        sentences.append(f"Physical examination shows {join(seen)}.")
        if unseen:
            sentences.append(f"There is no {join(unseen, 'or')}.")
    elif unseen:
        sentences.append(f"Physical examination shows no {join(unseen, 'or')}.")
    values = _lab_values(ix, case)
    if values:
        sentences.append(values)
    results, no_results = sections["lab"]
    if results or no_results:
        studies = "Further studies" if values else "Laboratory studies"
        sentences.append(f"{studies} show {_listed(results, no_results)}.")
    return " ".join(sentences)
