"""The words of a vignette stem, in NBME order: age and sex, setting, complaint and
duration, history, examination, laboratory studies. Then the lead-in."""

import random
import re

from quizapp.generate.case import Case
from quizapp.generate.index import DeckIndex
from quizapp.generate.ruleout import lab_text

ADULT_AGE = 18
TO_FEMALE = {"he": "she", "him": "her", "his": "her", "himself": "herself"}
TO_MALE = {"she": "he", "hers": "his", "herself": "himself"}
# NBME phrasing: "because of a 3-month history of X", or the complaint then its duration.
DURATION = (
    "because of a {n}-{one} history of {complaint}",
    "because of {complaint} for the past {n} {unit}",
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
            return (new.capitalize() if word[0].isupper() else new) + m.group(2)
        return _swap(word, TO_MALE) + m.group(2)

    return re.sub(r"\b(\w+)\b(\s*\S?)", male, text)


def _unit(n: int, unit: str) -> str:
    return unit[:-1] if n == 1 and unit.endswith("s") else unit


def _setting(case: Case) -> str:
    if case.setting == "hospital ward":
        return "is seen on the hospital ward"
    verb = "is brought to" if case.age < ADULT_AGE else "comes to"
    return f"{verb} the {case.setting}"


def _names(ix: DeckIndex, ids: tuple[str, ...] | list[str]) -> str:
    return "; ".join(ix.name(i) for i in ids)


def stem_text(ix: DeckIndex, case: Case, rng: random.Random) -> str:
    adult = case.age >= ADULT_AGE
    noun = {("female", True): "woman", ("male", True): "man", ("female", False): "girl"}.get(
        (case.sex, adult), "boy"
    )
    pronoun = "Her" if case.sex == "female" else "His"
    complaint = with_pronouns(case.complaint, case.sex)
    why = rng.choice(DURATION).format(
        n=case.duration,
        one=_unit(1, case.duration_unit),
        unit=_unit(case.duration, case.duration_unit),
        complaint=complaint,
    )
    sentences = [f"A {case.age}-year-old {noun} {_setting(case)} {why}."]
    if case.history:
        sentences.append(f"{pronoun} history includes: {_names(ix, case.history)}.")
    past = [n for n in case.negatives if n in ix.history_entities]
    if past:
        sentences.append(f"{pronoun} history does not include: {_names(ix, past)}.")
    if case.findings:
        sentences.append(f"Evaluation shows: {_names(ix, case.findings)}.")
    absent = [n for n in case.negatives if n not in ix.history_entities]
    if absent:
        sentences.append(f"Absent: {_names(ix, absent)}.")
    if case.labs:
        labs = "; ".join(lab_text(ix, a, v, v) for a, v in case.labs.items())
        sentences.append(f"Laboratory studies: {labs}.")
    return " ".join(sentences)
