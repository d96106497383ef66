"""The typed deck: what generators read. Every node knows where it was written."""

from dataclasses import dataclass, field

from quizapp.deck.errors import Location


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    loc: Location
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    loc: Location


@dataclass(frozen=True)
class Kind:
    id: str
    label: str
    loc: Location
    plural: str | None = None


@dataclass(frozen=True)
class AttributeDef:
    id: str
    label: str
    type: str
    loc: Location
    unit: str | None = None
    values: tuple[str, ...] = ()
    applies_to: tuple[str, ...] = ()
    population: bool = False  # a figure about the condition's population, not a patient's
    ask: str | None = None  # the question of its cards, with {entity}


@dataclass(frozen=True)
class AttributeValue:
    """One sourced attribute value; which fields are set depends on the attribute's type."""

    attribute: str
    sources: tuple[str, ...]
    loc: Location
    min: float | None = None
    max: float | None = None
    female: float | None = None
    male: float | None = None
    value: str | None = None
    text: str | None = None
    note: str | None = None
    uncertain: bool = False
    discriminating: bool = False  # outside the range argues against the entity
    # min and max are in the attribute's unit; a value written in another unit (format 2)
    # keeps that unit and its own numbers for display
    written: tuple[float, float, str] | None = None
    usual: tuple[float, float] | None = None  # where most values lie, in the attribute's unit
    peaks: tuple[float, ...] = ()  # values most cases cluster around, in the attribute's unit
    rarely_after: float | None = None  # the age at onset rarely exceeds it (attribute's unit)
    strict_cutoff: bool = False  # shown as "under max+1" / "over min-1" (whole ages)
    sentence_sources: tuple[str, ...] = ()  # cited by sentences of its text and note


@dataclass(frozen=True)
class Link:
    """One end of a relation that names another deck's entity (`deck:entity`)."""

    relation: "Relation"
    end: str  # "from" or "to"
    deck: str
    entity: str
    loc: Location  # where the reference is written


@dataclass(frozen=True)
class RelationType:
    id: str
    label: str
    from_kinds: tuple[str, ...]
    to_kinds: tuple[str, ...]
    statement: str
    ask_to: str
    ask_from: str
    loc: Location
    deny: str | None = None  # the statement negated
    complete: tuple[str, ...] = ()  # "each_from" / "each_to": which side's lists are complete
    ask_most: tuple[tuple[str, str], ...] = ()  # (measure, question): highest-measure questions


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str
    name: str
    sources: tuple[str, ...]
    loc: Location
    aliases: tuple[str, ...] = ()
    proper_name: bool = False  # its name's first word keeps its capital mid-sentence
    topic: str | None = None
    parents: tuple[str, ...] = ()  # what it is a subtype (or a state) of
    summary: str | None = None
    attributes: dict[str, AttributeValue] = field(default_factory=dict, hash=False)
    uncertain: bool = False
    complete: tuple[str, ...] = ()  # relation types whose relations with it are all listed
    finding_class: str | None = None  # symptom, sign, history, course, laboratory, ...
    in_case: tuple[str | None, str | None] = (None, None)  # vignette wording: present, absent
    negative_result: str | None = None  # a case's clause for its negative or normal result
    exposure_said: str | None = None  # a history exposure as a course sentence names it
    inherits: bool = False  # has its parents' facts, except those it states itself
    state_of: str | None = None  # the condition it is a state of (also among `parents`)
    axis: str | None = None  # the classification a subtype belongs to
    sentence_sources: tuple[str, ...] = ()  # cited by sentences of its summary
    # another deck's entity that a relation names (`deck:entity`, resolved with that deck
    # loaded): the id of its deck. This deck knows only what it states about it, so no
    # list of this deck is complete for it (open world)
    home_deck: str | None = None
    # of such an entity: the (relation type, "from" or "to") lists its home deck asks about
    # it, which this deck must not ask again with another list (clinician round 9)
    home_lists: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Relation:
    """A link `source -[type]-> target`; its id is stable across rewording and reordering."""

    id: str
    source: str
    type: str
    target: str
    sources: tuple[str, ...]
    loc: Location
    frequency: str | None = None
    specificity: str | None = None
    note: str | None = None
    uncertain: bool = False
    necessary: bool = False  # the condition is not diagnosed without it
    percent: float | None = None  # share of `source` patients with `target` (0-100)
    sensitivity: float | None = None  # of the `target` test for the `source` condition
    specificity_percent: float | None = None  # a numeric `specificity`
    result: str | None = None  # "negative" / "normal": the test's result in the condition
    inherited_from: str | None = None  # the entity that states it, when inherited by `source`
    caution: str | None = None  # contraindicated, boxed warning, use with caution, probably safe
    alternatives: tuple[str, ...] = ()  # safe drugs to use instead, with a caution
    sentence_sources: tuple[str, ...] = ()  # cited by sentences of its note

    def measure(self, name: str) -> float | None:
        """The stated number for a measure of MEASURES (percent, sensitivity, specificity)."""
        return {
            "percent": self.percent,
            "sensitivity": self.sensitivity,
            "specificity": self.specificity_percent,
        }[name]


@dataclass(frozen=True)
class Column:
    id: str
    title: str


@dataclass(frozen=True)
class Cell:
    text: str
    sources: tuple[str, ...]
    loc: Location


@dataclass(frozen=True)
class TableRow:
    entity: str
    cells: dict[str, Cell] = field(hash=False)
    loc: Location = Location("")


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    sources: tuple[str, ...]
    loc: Location
    topic: str | None = None
    ask: tuple[str, ...] | None = None  # columns a comparison may ask; None: all

    def asked(self) -> tuple[str, ...]:
        """The column ids a comparison question may ask and prove from."""
        ids = tuple(c.id for c in self.columns)
        return ids if self.ask is None else tuple(c for c in ids if c in self.ask)


@dataclass(frozen=True)
class MnemonicItem:
    key: str
    meaning: str
    loc: Location
    entity: str | None = None
    prompt: str | None = None  # the question of its card, where the key repeats


@dataclass(frozen=True)
class Mnemonic:
    id: str
    title: str
    about: str
    items: tuple[MnemonicItem, ...]
    sources: tuple[str, ...]
    loc: Location
    topic: str | None = None


@dataclass(frozen=True)
class Range:
    min: float
    max: float
    unit: str | None = None


@dataclass(frozen=True)
class Blueprint:
    id: str
    condition: str
    complaint: tuple[str, ...]
    duration: Range
    sources: tuple[str, ...]
    loc: Location
    topic: str | None = None
    setting: tuple[str, ...] = ("office",)
    age: Range | None = None
    onset_age: Range | None = None  # the age the illness began, apart from `age` (format 2)
    history: tuple[str, ...] = ()
    complaint_says: tuple[str, ...] = ()  # required findings the complaint already says
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()
    labs: dict[str, Range] = field(default_factory=dict, hash=False)
    answers: dict[str, str] = field(default_factory=dict, hash=False)
    sex: str | None = None  # "female" or "male" in every case; None: drawn
    lead_ins: dict[str, str] = field(default_factory=dict, hash=False)  # lead-in -> question
    lint_ignore: frozenset[str] = frozenset()  # lint warnings the author acknowledged
    field_locs: dict[str, Location] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class HandOption:
    """One option of a hand-written item: its rationale is its explanation and its proof."""

    text: str
    correct: bool
    rationale: str
    loc: Location  # where the option is written
    rationale_loc: Location  # where its rationale is written: what its proof cites
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class HandCard:
    id: str
    kind: str  # basic, cloze, or (format 2) mcq, vignette
    sources: tuple[str, ...]
    loc: Location
    topic: str | None = None
    prompt: str | None = None
    answer: str | None = None
    text: str | None = None
    tests: tuple[str, ...] = ()
    uncertain: bool = False
    stem: str | None = None  # an mcq's or vignette's case or setting
    lead_in: str | None = None  # its question
    options: tuple[HandOption, ...] = ()  # as written; exactly one correct
    lint_ignore: frozenset[str] = frozenset()  # lint warnings the author acknowledged


@dataclass(frozen=True)
class Deck:
    """A whole deck, resolved and checked: every reference points at something that exists."""

    id: str
    title: str
    version: str
    authors: tuple[str, ...]
    path: str
    loc: Location
    description: str | None = None
    sources: dict[str, Source] = field(default_factory=dict, hash=False)
    topics: dict[str, Topic] = field(default_factory=dict, hash=False)
    kinds: dict[str, Kind] = field(default_factory=dict, hash=False)
    attributes: dict[str, AttributeDef] = field(default_factory=dict, hash=False)
    relation_types: dict[str, RelationType] = field(default_factory=dict, hash=False)
    entities: dict[str, Entity] = field(default_factory=dict, hash=False)
    relations: tuple[Relation, ...] = ()
    # relations with an end in another deck (format 2): kept apart, so a deck loaded alone
    # generates nothing from them; `quizapp.deck.links` checks them against the other deck
    links: tuple["Link", ...] = ()
    tables: dict[str, Table] = field(default_factory=dict, hash=False)
    mnemonics: dict[str, Mnemonic] = field(default_factory=dict, hash=False)
    blueprints: dict[str, Blueprint] = field(default_factory=dict, hash=False)
    cards: dict[str, HandCard] = field(default_factory=dict, hash=False)
    # the other loaded decks (resolved) that state facts on this deck's entities in lists
    # this deck asks: its cards on those lists answer with both decks' facts (`deck.links`)
    joined: tuple["Deck", ...] = field(default=(), hash=False)
    lint_ignore: frozenset[str] = frozenset()  # lint warnings acknowledged for the whole deck

    def entities_of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind == kind]
