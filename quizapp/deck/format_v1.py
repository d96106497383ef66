"""Deck formats 1 and 2: every section and key an author may write, with what it means.

This is the single source of truth for the validator and for decks/schema.json.
Format 2 is format 1 plus the fields marked `since=2` (and the choices in a `since`
map): a format 1 deck is a valid format 2 deck once its `format` line says 2, which is
all `quizapp deck upgrade` changes. A format 1 deck that uses a format 2 field gets a
located error naming the upgrade.
"""

from quizapp.deck.spec import (
    LATEST_FORMAT,
    Choice,
    Field,
    Flag,
    Id,
    ListOf,
    MapOf,
    Number,
    Prose,
    Record,
    Text,
    WordOrNumber,
)
from quizapp.deck.units import TIME

FORMAT_VERSION = LATEST_FORMAT
FORMATS = (1, 2)

FREQUENCIES = ("hallmark", "typical", "common", "occasional", "rare", "absent")
RESULTS = ("negative", "normal")
CAUTIONS = (
    "contraindicated",
    "boxed warning",
    "use with caution",
    "probably safe",
)  # a test's result in a condition, stated as a fact
SPECIFICITIES = ("high", "moderate", "low")
ATTRIBUTE_TYPES = ("text", "enum", "range", "ratio")
SETTINGS = (
    "office", "clinic", "emergency department", "hospital ward",
    "neonatal unit", "intensive care unit", "paediatric clinic",
)  # fmt: skip
SETTINGS_SINCE = {setting: 2 for setting in SETTINGS[SETTINGS.index("neonatal unit") :]}
LEAD_INS = ("antibody", "biopsy", "next_step", "treatment")
# The kinds a vignette asks about: a blueprint's condition is offered among diagnoses, and
# each lead-in's key among entities of the kinds its question names ("Which antibody ...").
CONDITION_KINDS = ("condition",)
AGE_ATTRIBUTE = "age_at_onset"  # a condition's ages: a case's default age, and rule-outs
LEAD_IN_KINDS = {
    "antibody": ("antibody",),
    "biopsy": ("biopsy_finding",),
    "next_step": ("test", "treatment", "drug"),
    "treatment": ("treatment", "drug"),
}
TIME_UNITS = tuple(TIME)  # ages and durations may use any of them
UNITS = (
    "years", "months", "weeks", "days", "hours", "U/L", "mm/h", "mg/L", "ng/mL", "%",
    "x ULN", "mg/kg/day", "mg/week", "mg/day", "g/kg", "per million",
    "per 100,000", "per 100,000 per year", "minutes", "mm", "Hz", "mL/kg", "cmH2O",
    "mmol/L", "mEq/L", "µmol/L", "umol/L", "mg/dL", "beats/min", "/min",
)  # fmt: skip
UNITS_SINCE = {unit: 2 for unit in UNITS[UNITS.index("per 100,000") :]}  # new in format 2
MIN_OPTIONS, MAX_OPTIONS = 4, 8  # a single-best-answer item: the key and 3-7 distractors (NBME)
CARD_KINDS = ("basic", "cloze", "mcq", "vignette")
CARD_KINDS_SINCE = {"mcq": 2, "vignette": 2}  # hand-written items, new in format 2


def _source() -> Field:
    return Field(
        ListOf(
            Id("sources"),
            one_or_many=True,
            min_items=1,
            doc="Source id(s) from `sources` backing this fact.",
        ),
        required=True,
    )


def _optional_text(doc: str) -> Field:
    return Field(Text(doc=doc))


def _prose(doc: str) -> Field:
    """Learner text whose sentences may cite their own sources (format 2)."""
    return Field(Prose(SENTENCE, doc=f"{doc} {PROSE_DOC}"))


SENTENCE = Record(
    "sentence",
    {"text": Field(Text(doc="One sentence."), required=True), "source": _source()},
    doc="A sentence and the source(s) behind it, shown after it wherever it is shown.",
)
PROSE_DOC = (
    "From format 2 also a list of sentences, each a text or {text, source}: a sentence's "
    "sources follow it wherever it is shown."
)
UNCERTAIN = Field(Flag(doc="True when the fact is not confirmed; generators leave it out."))
NOTE = _optional_text("A note for learners: shown with the answer of every card built on this.")
PROSE_NOTE = _prose("A note for learners: shown with the answer of every card built on this.")
AUTHOR_NOTE = _optional_text("A note for authors and reviewers only: never shown to learners.")
COMPLETE_SIDES = ("each_from", "each_to")
MEASURES = ("percent", "sensitivity", "specificity")


def _percent(doc: str) -> Field:
    return Field(Number(minimum=0, maximum=100, doc=doc), since=2)


FOREIGN_DOC = (
    "An entity id; from format 2 also another deck's entity as deck-id:entity-id "
    "(iim:dermatomyositis), checked when both decks are loaded together."
)
FINDING_CLASSES = (
    *("symptom", "sign", "vital_sign", "history", "course", "laboratory", "imaging"),
    *("pathology", "electrodiagnostic"),
)
FINDING_CLASSES_SINCE = {"vital_sign": 2, "electrodiagnostic": 2}

# Warnings an author may acknowledge with `lint: {ignore: [...]}` (decks/README.md, "What
# validate and lint tell you", says what each means). Errors cannot be ignored.
LINT_WARNINGS = (
    *("length-cue", "word-overlap", "convergence", "closed-lead-in", "absolute-term"),
    *("vignette-slots", "no-diagnosis-vignette", "key-balance", "small-option-pool"),
)
LINT = Field(
    Record(
        "lint",
        {
            "ignore": Field(
                ListOf(
                    Choice(LINT_WARNINGS),
                    min_items=1,
                    doc="Lint warnings acknowledged here (intended): not reported for this "
                    "deck, blueprint, card or relation type.",
                ),
                required=True,
            )
        },
    ),
    since=2,
)

LABEL_MAX = 40  # a source's label is read after a sentence: "... spared [Cox 2011]."
SOURCE = Record(
    "source",
    {
        "id": Field(Id(), required=True),
        "citation": Field(Text(doc="Full citation: authors, title, journal, year."), required=True),
        "doi": _optional_text("DOI without the https://doi.org/ prefix."),
        "pmid": Field(Text(allow_numbers=True, doc="PubMed id.")),
        "url": _optional_text("A stable address of the source."),
        "label": Field(
            Text(
                max_len=LABEL_MAX,
                doc='A short author-year label ("Cox 2011") that sentences citing the source '
                "show in place of its id; no brackets or line breaks (format 2).",
            ),
            since=2,
        ),
        "note": NOTE,
    },
    doc="A reference that facts cite by id.",
)

TOPIC = Record(
    "topic",
    {
        "id": Field(Id(), required=True),
        "title": Field(Text(), required=True),
    },
    doc="A section of the deck; scores are reported per topic.",
)

KIND = Record(
    "kind",
    {
        "id": Field(Id(), required=True),
        "label": Field(Text(doc="Category of options, e.g. 'diagnosis'."), required=True),
        "plural": _optional_text("Plural of the label."),
    },
    doc="A kind of entity (condition, finding, antibody, ...).",
)

ATTRIBUTE = Record(
    "attribute",
    {
        "id": Field(Id(), required=True),
        "label": Field(Text(), required=True),
        "type": Field(Choice(ATTRIBUTE_TYPES), required=True),
        "unit": Field(Choice(UNITS, doc="Unit of a range attribute.", since=UNITS_SINCE)),
        "values": Field(ListOf(Text(), min_items=2, doc="Allowed values of an enum attribute.")),
        "applies_to": Field(ListOf(Id("kinds"), min_items=1)),
        "ask": Field(
            Text(
                doc='The question of its cards, with {entity}: "What share of patients with '
                '{entity} have a thymoma?" (default: "What is the <label> of {entity}?").'
            ),
            since=2,
        ),
        "population": Field(
            Flag(
                doc="A figure about the people who have the condition (prevalence, incidence, "
                "male:female ratio, share with a tumour), not about one patient: taught on "
                "cards, never printed as a patient's value in a vignette and never used to "
                "rule a diagnosis in or out."
            ),
            since=2,
        ),
    },
    doc="The definition of an attribute entities may carry.",
)

RELATION_TYPE = Record(
    "relation type",
    {
        "id": Field(Id(), required=True),
        "label": Field(Text(), required=True),
        "from": Field(ListOf(Id("kinds"), one_or_many=True, min_items=1), required=True),
        "to": Field(ListOf(Id("kinds"), one_or_many=True, min_items=1), required=True),
        "statement": Field(Text(doc="A sentence with {from} and {to}."), required=True),
        "ask_to": Field(Text(doc="A question about {from} whose answer is {to}."), required=True),
        "ask_from": Field(Text(doc="A question about {to} whose answer is {from}."), required=True),
        "lint": LINT,
        "deny": _optional_text(
            "The statement negated, with {from} and {to}, for explanations of wrong options "
            "(default: the statement with its first 'is' turned into 'is not')."
        ),
        "complete": Field(
            ListOf(
                Choice(COMPLETE_SIDES),
                one_or_many=True,
                min_items=1,
                doc="each_from: every `from` entity lists all its `to` ends of this type; "
                "each_to: every `to` entity lists all its `from` ends. What a complete list "
                "leaves out is false, so it may be offered as a wrong answer.",
            )
        ),
        "ask_most": Field(
            ListOf(
                Record(
                    "most question",
                    {
                        "measure": Field(Choice(MEASURES), required=True),
                        "question": Field(
                            Text(
                                doc="With {from} (the key is a `to` end) or {to} (the key is "
                                'a `from` end): "Which of the following antibodies is most '
                                'often positive in {from}?"'
                            ),
                            required=True,
                        ),
                    },
                ),
                min_items=1,
                doc="Questions asking for the end with the highest stated measure; the key's "
                "number must beat every wrong option's, or the option is proven false.",
            ),
            since=2,
        ),
    },
    doc="A kind of relation between entities, with the sentences cards are written from.",
)

ATTRIBUTE_VALUE = Record(
    "attribute value",
    {
        "min": Field(Number()),
        "max": Field(Number()),
        "female": Field(Number(minimum=0)),
        "male": Field(Number(minimum=0)),
        "value": Field(Text(allow_numbers=True)),
        "text": _prose("The value of a text attribute."),
        "unit": Field(
            Choice(
                UNITS,
                since=UNITS_SINCE,
                doc="A range only: the unit min and max are written in, when it is not the "
                "attribute's (months for an infant's age at onset in years); it must convert "
                "to the attribute's unit.",
            ),
            since=2,
        ),
        "usual": Field(
            Record(
                "usual range",
                {"min": Field(Number(), required=True), "max": Field(Number(), required=True)},
                doc="A range only: where most values lie, inside min-max and in the same unit "
                "(an age at onset of 18-80 years, usually 40-60). Cases are drawn from it; "
                "rule-outs use only the hard min and max.",
            ),
            since=2,
        ),
        "peaks": Field(
            ListOf(
                Number(),
                min_items=1,
                doc="A range only: the values most cases cluster around, inside min-max and "
                "the usual range, in the same unit ([15, 50] for a bimodal age at onset). "
                "Cases are drawn near a peak.",
            ),
            since=2,
        ),
        "rarely_after": Field(
            Number(
                minimum=0,
                doc="The age at onset only: the age after which the condition rarely begins "
                "(juvenile forms; rarely after 50), in the value's unit. Taught with the range; "
                "no case begins later; rule-outs still use only the hard min and max.",
            ),
            since=2,
        ),
        "strict_cutoff": Field(
            Flag(
                doc="The age at onset only: the source states its one-sided cut-off as "
                "'before' or 'after' (onset before 18, after 45). Write min or max as the "
                "last whole age inside it (max 17, min 46); cards then say 'under 18 years' "
                "and 'over 45 years', as the source does."
            ),
            since=2,
        ),
        "note": PROSE_NOTE,
        "author_note": AUTHOR_NOTE,
        "discriminating": Field(
            Flag(
                doc="A range only: values outside it argue against the entity (a defining "
                "cut-off), so a vignette may rule the entity out by them. Leave unset for a "
                "usual or approximate range."
            )
        ),
        "uncertain": UNCERTAIN,
        "source": _source(),
    },
    doc="range: min/max; ratio: female/male; enum: value; text: text.",
)

ENTITY = Record(
    "entity",
    {
        "id": Field(Id(), required=True),
        "kind": Field(Id("kinds"), required=True),
        "name": Field(Text(), required=True),
        "aliases": Field(ListOf(Text())),
        "proper_name": Field(
            Flag(
                doc="The name's first word is a proper noun (a one-word eponym such as "
                "Pompe disease): it keeps its capital mid-sentence. Hyphenated eponyms "
                "(Andersen-Tawil syndrome) keep theirs without it."
            ),
            since=2,
        ),
        "topic": Field(Id("topics")),
        "parent": Field(
            ListOf(
                Id("entities"),
                one_or_many=True,
                list_since=2,
                min_items=1,
                doc="The entity this is a subtype of; from format 2 a list, for a subtype in "
                "crossed classifications (ocular and anti-AChR-positive).",
            )
        ),
        "inherits": Field(
            Flag(
                doc="The subtype has every fact of its parent(s): their relations and "
                "attribute values, except those it states itself (its own relation to the "
                "same end, `absent` included, wins)."
            ),
            since=2,
        ),
        "state_of": Field(
            Id(
                "entities",
                doc="The condition this is a state of (myasthenic crisis of myasthenia "
                "gravis): it inherits the condition's facts, and a vignette keyed to it never "
                "offers the condition.",
            ),
            since=2,
        ),
        "axis": Field(
            Text(
                doc="The classification a subtype belongs to (extent, serotype): a vignette "
                "keyed to it offers relatives from its own axis only."
            ),
            since=2,
        ),
        "summary": _prose("One or two sentences, in your own words."),
        "attributes": Field(MapOf(ATTRIBUTE_VALUE, key_section="attributes")),
        "complete": Field(
            ListOf(
                Id("relation_types"),
                min_items=1,
                doc="Relation types whose relations with this entity are all listed: anything "
                "else is false for it, so it may be offered as a wrong answer.",
            )
        ),
        "class": Field(
            Choice(
                FINDING_CLASSES,
                doc="Where a vignette states it: symptom (the patient reports it), history "
                "(an exposure), course (how the illness behaves, stated as its own sentence), "
                "sign (physical examination), vital_sign (its own sentence before the "
                "examination; in_case a clause: 'pulse is 118/min'), laboratory / imaging / "
                "pathology (studies), electrodiagnostic (ECG, EMG, nerve conduction, exercise "
                "tests: its own sentence after the studies; in_case a clause: 'an "
                "electrocardiogram shows prominent U waves').",
                since=FINDING_CLASSES_SINCE,
            )
        ),
        "in_case": Field(
            Record(
                "in_case",
                {
                    "present": Field(
                        Text(doc='How a case states it: "a temperature of 38.4 °C" for Fever.')
                    ),
                    "absent": Field(
                        Text(
                            doc='How a case denies it, after "no": "cough or breathlessness '
                            'on exertion" for Dry cough and exertional dyspnoea.'
                        )
                    ),
                    "negative": Field(
                        Text(
                            doc="A test or result: how a case states it negative or normal, "
                            'as a clause: "serum anti-AChR antibodies are not detected".'
                        ),
                        since=2,
                    ),
                    "exposure": Field(
                        Text(
                            doc="A `history` exposure: how a `course` finding's "
                            '"{exposure}" names it, e.g. "the statin" for Statin therapy '
                            '("the symptoms eased when the statin was reduced or stopped"); '
                            "default: the name in running text."
                        ),
                        since=2,
                    ),
                },
                doc="Case wording for vignettes, where the card name would read badly in a stem.",
            ),
        ),
        "author_note": AUTHOR_NOTE,
        "uncertain": UNCERTAIN,
        "source": _source(),
    },
    doc="A thing the topic is about.",
)

RELATION = Record(
    "relation",
    {
        "from": Field(Id("entities", doc=FOREIGN_DOC, foreign_since=2), required=True),
        "type": Field(Id("relation_types"), required=True),
        "to": Field(Id("entities", doc=FOREIGN_DOC, foreign_since=2), required=True),
        "frequency": Field(Choice(FREQUENCIES)),
        "result": Field(
            Choice(
                RESULTS,
                doc="The `to` test is negative (or normal) in the `from` condition: a fact "
                "cards teach, evidence against the condition when a case states the test "
                "positive, and support for it when a case states it negative. Replaces "
                "`frequency`.",
            ),
            since=2,
        ),
        "caution": Field(
            Choice(
                CAUTIONS,
                doc="How strongly the `to` drug is cautioned against in the `from` condition: "
                "contraindicated, boxed warning, use with caution, probably safe.",
            ),
            since=2,
        ),
        "alternatives": Field(
            ListOf(
                Id("entities"),
                min_items=1,
                doc="With `caution`: drugs that are safe to use instead (same kinds as `to`).",
            ),
            since=2,
        ),
        "specificity": Field(
            WordOrNumber(
                Choice(SPECIFICITIES),
                Number(minimum=0, maximum=100),
                number_since=2,
                doc="How specific the `to` end is for the `from` condition: high, moderate or "
                "low; from format 2 also a number, the specificity (0-100) of the `to` test.",
            )
        ),
        "percent": _percent(
            "Share (0-100) of patients with the `from` condition in whom the `to` end is "
            "present or positive: 85 for anti-AChR in generalized myasthenia gravis. Cards "
            "say it as an estimate ('about 85% of patients'); a bound such as 'more than "
            "80%' goes in the `note`."
        ),
        "sensitivity": _percent("Sensitivity (0-100) of the `to` test for the `from` condition."),
        "necessary": Field(
            Flag(
                doc="The `from` condition is not diagnosed without this `to` finding, so a "
                "case that states its absence rules the condition out."
            )
        ),
        "note": PROSE_NOTE,
        "author_note": AUTHOR_NOTE,
        "uncertain": UNCERTAIN,
        "source": _source(),
    },
    doc="A sourced link between two entities.",
)

CELL = Record("cell", {"text": Field(Text(), required=True), "source": _source()})

TABLE = Record(
    "table",
    {
        "id": Field(Id(), required=True),
        "title": Field(Text(), required=True),
        "topic": Field(Id("topics")),
        "columns": Field(
            ListOf(
                Record(
                    "column",
                    {
                        "id": Field(Id(), required=True),
                        "title": Field(Text(), required=True),
                    },
                ),
                min_items=1,
            ),
            required=True,
        ),
        "rows": Field(
            ListOf(
                Record(
                    "row",
                    {
                        "entity": Field(Id("entities"), required=True),
                        "cells": Field(MapOf(CELL), required=True),
                    },
                ),
                min_items=2,
            ),
            required=True,
        ),
        "ask": Field(
            ListOf(
                Id(),
                doc="The columns a comparison question may ask and take its proof from "
                "(default: every column). `[]` keeps the table for reference only: no "
                "comparison question is made from it (a table of criterion weights, whose "
                "recall to a decimal is not a clinical skill).",
            ),
            since=2,
        ),
        "note": NOTE,
        "source": _source(),
    },
    doc="A comparison table: rows are entities, columns are features.",
)

MNEMONIC = Record(
    "mnemonic",
    {
        "id": Field(Id(), required=True),
        "title": Field(Text(), required=True),
        "topic": Field(Id("topics")),
        "about": Field(Text(doc="What the mnemonic helps to remember."), required=True),
        "items": Field(
            ListOf(
                Record(
                    "mnemonic item",
                    {
                        "key": Field(Text(), required=True),
                        "meaning": Field(Text(), required=True),
                        "entity": Field(Id("entities")),
                        "prompt": Field(
                            Text(
                                doc="The question of this item's card, for a key that "
                                'repeats: "What does the second M stand for?". A repeated '
                                "key without one gets no 'what does M stand for?' card."
                            ),
                            since=2,
                        ),
                    },
                ),
                min_items=1,
            ),
            required=True,
        ),
        "source": _source(),
    },
    doc="A memory aid: letters or words and what they stand for.",
)

RANGE = Record(
    "range",
    {
        "min": Field(Number(), required=True),
        "max": Field(Number(), required=True),
        "unit": Field(Choice(UNITS, since=UNITS_SINCE)),
    },
)

BLUEPRINT = Record(
    "blueprint",
    {
        "id": Field(Id(), required=True),
        "lint": LINT,
        "condition": Field(Id("entities"), required=True),
        "topic": Field(Id("topics")),
        "setting": Field(
            ListOf(Choice(SETTINGS, since=SETTINGS_SINCE), one_or_many=True, min_items=1)
        ),
        "sex": Field(
            Choice(
                ("female", "male"),
                doc="The patient's sex in every case (default: drawn from the condition's "
                "sex_ratio, else even).",
            ),
            since=2,
        ),
        "complaint": Field(ListOf(Text(), min_items=1), required=True),
        "complaint_says": Field(
            ListOf(
                Id("entities"),
                doc="Required findings that every complaint already says in its own words "
                "('aching thighs' for muscle pain): the stem does not repeat them in its "
                "'also reports' sentence, while the case still has them.",
            ),
            since=2,
        ),
        "duration": Field(RANGE, required=True),
        "age": Field(RANGE),
        "onset_age": Field(
            Record(
                "range",
                RANGE.fields,
                doc="The patient's age when the illness began, when it is not the age at "
                "presentation (`age`, which it needs and must not exceed): the stem states it "
                "and it, not `age`, is compared with each condition's age at onset.",
            ),
            since=2,
        ),
        "history": Field(ListOf(Id("entities"))),
        "findings": Field(
            Record(
                "findings",
                {
                    "required": Field(ListOf(Id("entities"))),
                    "optional": Field(ListOf(Id("entities"))),
                    "negative": Field(ListOf(Id("entities"))),
                },
            ),
            required=True,
        ),
        "labs": Field(MapOf(RANGE, key_section="attributes")),
        "answers": Field(MapOf(Id("entities"))),
        "lead_ins": Field(
            MapOf(
                Text(),
                doc="The question of a lead-in in this blueprint's vignettes, by lead-in "
                '(diagnosis, antibody, biopsy, next_step, treatment): "Which of the following '
                "is the most likely cause of this patient's weakness?\"",
            ),
            since=2,
        ),
        "note": NOTE,
        "author_note": AUTHOR_NOTE,
        "source": _source(),
    },
    doc="What a case of one condition looks like, for generated vignettes.",
)

OPTION = Record(
    "option",
    {
        "text": Field(Text(allow_numbers=True, doc="What the option says."), required=True),
        "correct": Field(Flag(doc="True on the one key; the other options are distractors.")),
        "rationale": Field(
            Text(
                doc="Why this option is right (the key) or wrong (a distractor), in your own "
                "words: the option's explanation and its proof (required)."
            )
        ),
        "source": Field(
            ListOf(
                Id("sources"),
                one_or_many=True,
                min_items=1,
                doc="Source id(s) backing this rationale, besides the item's own.",
            )
        ),
    },
    doc="One option of a hand-written single-best-answer item.",
)

CARD = Record(
    "card",
    {
        "id": Field(Id(), required=True),
        "kind": Field(
            Choice(
                CARD_KINDS,
                since=CARD_KINDS_SINCE,
                doc="basic, cloze, or (format 2) a hand-written single-best-answer mcq or "
                "vignette with a rationale per option.",
            ),
            required=True,
        ),
        "topic": Field(Id("topics")),
        "prompt": _optional_text("Question side of a basic card."),
        "answer": _optional_text("Answer side of a basic card."),
        "text": _optional_text("Cloze text with {{deleted term}}."),
        "stem": Field(
            Text(doc="The case (a vignette, required) or the setting of an mcq (optional)."),
            since=2,
        ),
        "lead_in": Field(
            Text(doc="The question of an mcq or vignette, ending in '?'."),
            since=2,
        ),
        "options": Field(
            ListOf(
                OPTION,
                min_items=MIN_OPTIONS,
                max_items=MAX_OPTIONS,
                noun="option",
                doc="The options of an mcq or vignette: exactly one `correct: true`, every "
                "one with its `rationale`; shown in alphabetical order.",
            ),
            since=2,
        ),
        "tests": Field(ListOf(Id("entities"), doc="Entities the card tests.")),
        "lint": LINT,
        "uncertain": UNCERTAIN,
        "source": _source(),
    },
    doc="A hand-written card for a fact that fits nowhere else, or (format 2) a hand-written "
    "mcq or vignette.",
)

DECK_META = Record(
    "deck",
    {
        "id": Field(Id(), required=True),
        "title": Field(Text(), required=True),
        "version": Field(Text(allow_numbers=True), required=True),
        "authors": Field(ListOf(Text(), min_items=1), required=True),
        "description": _optional_text("What the deck covers."),
        "lint": LINT,
    },
)

# Sections whose items carry an `id`, in the order they are resolved.
LIST_SECTIONS: dict[str, Record] = {
    "sources": SOURCE,
    "topics": TOPIC,
    "kinds": KIND,
    "attributes": ATTRIBUTE,
    "relation_types": RELATION_TYPE,
    "entities": ENTITY,
    "relations": RELATION,
    "tables": TABLE,
    "mnemonics": MNEMONIC,
    "blueprints": BLUEPRINT,
    "cards": CARD,
}

ROOT_ONLY = {
    "format": Field(
        Choice(
            FORMATS,
            doc="Deck format version: 2 is 1 plus new fields; `quizapp deck upgrade` moves a "
            "format 1 deck to 2.",
        ),
        required=True,
    ),
    "deck": Field(DECK_META, required=True),
    "include": Field(ListOf(Text(), doc="Files in the deck folder to read as well.")),
}

SECTION_FIELDS = {name: Field(ListOf(spec)) for name, spec in LIST_SECTIONS.items()}
ROOT_FILE = Record("deck file", {**ROOT_ONLY, **SECTION_FIELDS})
INCLUDED_FILE = Record("included file", dict(SECTION_FIELDS))
