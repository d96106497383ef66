"""The words of a vignette stem, in NBME order: age and sex, setting, complaint and
duration, symptoms, history (then the course, which may refer to it), vital signs,
examination, laboratory studies, electrodiagnostic studies. Then the lead-in.

Each stated entity goes to the section `DeckIndex.section` gives it, from the data alone:
an entity some blueprint lists under `history` is history ("He has a history of ...",
"There is no history of ..."); an entity whose kind is a result of studies (`test_result`,
or any kind id containing "result" or "test") is laboratory ("Further studies show ...");
everything else is a clinical finding ("Physical examination shows ...", "There is no
..."). A vital sign ("Pulse is 118/min.") and an electrodiagnostic result ("An
electrocardiogram shows prominent U waves.") are clauses, each class its own sentence;
denied, they join the examination ("There is no tachycardia") and the studies. Range
attributes are the laboratory values ("Serum creatine kinase is 3,401 U/L and the
erythrocyte sedimentation rate is 22 mm/h."), or vital signs in a unit of one. Names are in running-text case
(`wording.mid_sentence`) and every fact a stem states is worded exactly as
`ruleout.Reason.stated` words it, so an explanation cites what the student has read.
"""

import random
import re

from quizapp.deck.units import VITAL_UNITS
from quizapp.generate.index import DeckIndex
from quizapp.generate.text.wording import (
    article,
    join,
    join_after_no,
    sentence_start,
    with_pronouns,
)
from quizapp.generate.vignettes.case import Case
from quizapp.generate.vignettes.ruleout import (
    ADULT_AGE,
    age_text,
    lab_stated,
    onset_text,
    parents_report,
)

# Analytes measured in serum, by unit: "Serum creatine kinase is ...", but "the
# erythrocyte sedimentation rate is ..." (a rate, a percentage).
SERUM_UNITS = frozenset(
    {"U/L", "mg/L", "ng/mL", "x ULN", "mmol/L", "mEq/L", "µmol/L", "umol/L", "mg/dL"}
)
# NBME phrasing: "because of a 3-month history of X", or the complaint then its duration.
DURATION = (
    "because of {a} {n}-{one} history of {complaint}",
    "because of {complaint} for the past {n} {unit}",
)

# A complaint ending in a clause or a qualifier of time takes the "history of" form: after
# it, "for the past N years" attaches to the clause; so does one of two parts (a comma,
# "then" or "with"), where it attached to the second: "knees giving way, with several
# falls for the past 4 years" (clinician round 15).
_CLAUSE = re.compile(
    r"\b(?:that|which|who|when|while|where|after|before|since|until|then|with)\b|,"
)


def _said(section: tuple[list[str], list[str]], present: str, absent: str) -> list[str]:
    """A section's sentences: what is stated present, then what is stated absent."""
    had, never = section
    return ([present.format(join(had))] if had else []) + (
        [absent.format(join_after_no(never))] if never else []
    )


def _unit(n: int, unit: str) -> str:
    return unit[:-1] if n == 1 and unit.endswith("s") else unit


SEEN_IN = {
    "hospital ward": "is admitted to the hospital",  # NBME wording (clinician round 10)
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
        nouns = {("female", True): "woman", ("male", True): "man", ("female", False): "girl"}
        noun = nouns.get((case.sex, adult), "boy")
    return f"{age_text(case.age, case.age, case.age_unit)} {noun}"


def _listed(present: list[str], absent: list[str]) -> str:
    """'a, b and no c or d': what a study shows, then what it does not."""
    items = list(present)
    if absent:
        items.append("no " + join(absent, "or"))
    return join(items)


def _lab_values(ix: DeckIndex, case: Case, vital: bool) -> list[str]:
    """The case's drawn values as clauses: those in a vital sign's unit ("pulse is
    118/min"), or (vital=False) the laboratory ones ("serum potassium is 2.1 mmol/L")."""
    clauses = []
    for attr, value in case.labs.items():
        unit = ix.deck.attributes[attr].unit
        if (unit in VITAL_UNITS) != vital:
            continue
        stated = lab_stated(ix, attr, value, value)
        clauses.append(stated if vital else ("serum " if unit in SERUM_UNITS else "the ") + stated)
    return clauses


def _sentence(clauses: list[str]) -> list[str]:
    return [sentence_start(join(clauses)) + "."] if clauses else []


def stem_text(ix: DeckIndex, case: Case, rng: random.Random) -> str:
    pronoun = "She" if case.sex == "female" else "He"
    complaint = with_pronouns(case.complaint, case.sex)
    why = rng.choice(DURATION)
    if _CLAUSE.search(complaint):  # "cramps when carrying shopping for the past 6 years"
        why = DURATION[0]  # read as the clause's duration (clinician rounds 9-11)
    why = why.replace(" {n} {unit}", " {unit}" if case.duration == 1 else " {n} {unit}")
    why = why.format(
        a=article(str(case.duration)),
        n=case.duration,
        one=_unit(1, case.duration_unit),
        unit=_unit(case.duration, case.duration_unit),
        complaint=complaint,
    )
    sections: dict[str, tuple[list[str], list[str]]] = {
        s: ([], []) for s in ("symptom", "course", "history", "vital", "exam", "lab", "electro")
    }
    for e in (*case.history, *(f for f in case.findings if f not in case.in_complaint)):
        sections["history" if e in case.history else ix.section(e)][0].append(
            ix.said(e, sex=case.sex, stated=case.history)
        )
    negative_results = []  # "serum anti-Z antibodies are not detected": stated with the studies
    for e in case.negatives:
        clause = ix.negative_said(e)
        if clause:
            negative_results.append(clause)
        else:
            sections[ix.section(e, present=False)][1].append(
                ix.said(e, present=False, sex=case.sex)
            )
    who = _who(case)
    sentences = [f"{sentence_start(article(who))} {who} {_setting(case)} {why}."]
    if case.onset is not None:
        began = onset_text(case.onset, case.onset, case.onset_unit)
        sentences.append(f"{'Her' if case.sex == 'female' else 'His'} illness {began}.")
    parents = parents_report(case.facts())
    teller = f"{'Her' if case.sex == 'female' else 'His'} parents" if parents else pronoun
    reports = ("report", "have", "not noticed") if parents else ("reports", "does", "not note")
    sentences += _said(
        sections["symptom"],
        f"{teller} also {reports[0]} {{}}.",
        f"{teller} {reports[0]} no {{}}.",
    )
    sentences += _said(
        sections["history"], f"{pronoun} has a history of {{}}.", "There is no history of {}."
    )
    shown, unshown = sections["course"]  # after the history its words may refer to
    noted = "have noticed" if parents else "notes"
    sentences += [f"{teller} {noted} that {c}." for c in shown]
    sentences += [f"{teller} {reports[1]} {reports[2]} that {c}." for c in unshown]
    sentences += _sentence(sections["vital"][0] + _lab_values(ix, case, vital=True))
    seen, unseen = sections["exam"]
    if seen:
        sentences.append(f"Physical examination shows {join(seen)}.")
        if unseen:
            sentences.append(f"There is no {join_after_no(unseen)}.")
    elif unseen:
        sentences.append(f"Physical examination shows no {join_after_no(unseen)}.")
    values = _sentence(_lab_values(ix, case, vital=False))
    sentences += values
    results, no_results = sections["lab"]
    negatives = join(negative_results)
    studied = [
        e
        for e in (*case.findings, *case.negatives)
        if ix.section(e, e in case.findings) == "lab" or ix.negative_said(e)
    ]
    studies = _studies(ix, studied, bool(values))
    if results or no_results:
        also = f"; {negatives}" if negatives else ""
        sentences.append(f"{studies} show {_listed(results, no_results)}{also}.")
    elif negatives:
        sentences.append(f"{studies} show that {negatives}.")
    sentences += _sentence(sections["electro"][0])
    return " ".join(sentences)


def _studies(ix: DeckIndex, studied: list[str], after_values: bool) -> str:
    """The subject of the studies sentence: "Laboratory studies" unless a result is a scan
    or a biopsy (class imaging or pathology), "Further studies" after lab values."""
    if after_values:
        return "Further studies"
    return "Studies" if any(ix.is_scan(e) for e in studied) else "Laboratory studies"
