"""Wording of vignette sentences: names in running text, lists, articles, stem sections.

Deck names are written as headings ("Heliotrope rash", "Gottron papules", "V-sign").
In the middle of a sentence a heading's capital goes, unless the first word is an
acronym, an eponym or another word that stays capitalised anywhere in a sentence.
A hyphenated eponym ("Andersen-Tawil syndrome") keeps its capitals by default; a one-word
eponym ("Pompe disease") does when the deck writes it mid-sentence somewhere or marks
the entity `proper_name: true`.
"""

import re
from collections.abc import Iterable
from functools import cache

from quizapp.deck.pronouns import her_is_object

# A capitalised word the deck itself writes after a lower-case word, a comma or a bracket
# ("heliotrope rash, Gottron papules", "inverse Gottron papules") is a proper noun.
# Only whole words count: "Anti-" in "rash, Anti-Jo-1" is a prefix, not a name.
_MID_CAPITAL = re.compile(r"(?:[a-z0-9,;)]\s+|[(/])([A-Z][a-z]+)(?![\w'-])")
# A hyphenated eponym written so mid-sentence ("in Lambert-Eaton", "and Guillain-Barre") is
# one proper noun: every part a capitalised word, which a prefix and its name ("Anti-Jo-1",
# "Anti-SRP") are not.
_MID_COMPOUND = re.compile(r"(?:[a-z0-9,;)]\s+|[(/])([A-Z][a-z]+(?:-[A-Z][a-z]+)+)(?![\w'-])")
# Words that open a sentence in brackets ("(The acute form ...)", "(Not in ...)"), never names.
_SENTENCE_WORDS = frozenset(
    "A An And As But For If In It Its No Not Of On Or So That The These This Those With".split()
)
_SEGMENT = re.compile(r"[^\s\-/]+")
# A first word made of capitalised words joined by hyphens is an eponym ("Andersen-Tawil",
# "Charcot-Marie-Tooth"), unless its first part is a prefix: "Anti-Ku", "Non-Hodgkin".
_EPONYM = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+(?=[\s,;:.]|$)")
NAME_PREFIXES = frozenset("Anti Auto Co Non Para Post Pre Pseudo Semi Sub".split())


def proper_words(texts: Iterable[str]) -> frozenset[str]:
    """Capitalised words that `texts` write mid-sentence: eponyms and other proper nouns."""
    found: set[str] = set()
    for text in texts:
        found.update(_MID_CAPITAL.findall(text))
        found.update(_MID_COMPOUND.findall(text))
    return frozenset(found - _SENTENCE_WORDS)


def _keeps_capital(segment: str, proper: frozenset[str]) -> bool:
    """True for an acronym (TSH, COX, T4), a lone capital (the V of V-sign) or a proper noun."""
    if len(segment) == 1 or any(c.isdigit() for c in segment):
        return True
    if any(c.isupper() for c in segment[1:]):
        return True
    return re.sub(r"'s?$", "", segment) in proper


def mid_sentence(name: str, proper: frozenset[str] = frozenset()) -> str:
    """A name as written inside a sentence.

    The first letter is lower-cased unless the name's first word (its part before a
    hyphen or slash) is an acronym, a lone capital or one of the `proper` words:
    "Heliotrope rash" -> "heliotrope rash", "Anti-SRP antibodies" -> "anti-SRP
    antibodies", but "Gottron papules", "V-sign", "TSH raised" and a hyphenated eponym
    ("Andersen-Tawil syndrome", but not "Anti-Ku") stay as they are.
    """
    if re.match(r"A [a-z]", name):  # the article, not a lone capital: "a second wind"
        return "a" + name[1:]
    m = _SEGMENT.match(name)
    if m is None or not name[:1].isupper() or _keeps_capital(m.group(), proper):
        return name
    if name.split(" ", 1)[0].rstrip(",;:.") in proper:  # a hyphenated eponym: Lambert-Eaton
        return name
    if _EPONYM.match(name) and m.group() not in NAME_PREFIXES:  # "Andersen-Tawil syndrome"
        return name
    return name[0].lower() + name[1:]


def phrase(text: str, proper: frozenset[str] = frozenset()) -> str:
    """Deck text used inside a sentence: no full stop, and a heading's capital dropped
    ("The everyday tasks weakness makes hard." -> "the everyday tasks weakness makes hard")."""
    return mid_sentence(text.strip().rstrip(".").rstrip(), proper)


def sentence_start(text: str) -> str:
    """Text starting a sentence: a lower-case first word gets its capital ("p62 ..." does not)."""
    m = _SEGMENT.match(text)
    letters = m.group().rstrip(",;:.!?)").replace("'", "") if m else ""
    if not letters.isalpha() or not letters.islower():
        return text
    return text[0].upper() + text[1:]


def states(stem: str, text: str) -> bool:
    """Whether the stem states `text`, inside a sentence or opening one ("pulse is
    118/min" in "... cough. Pulse is 118/min.")."""
    return text in stem or sentence_start(text) in stem


_INNER_LINK = re.compile(r",\s|\b(?:and|or)\b")  # "4,210 U/L" has no link
_BRACKETED = re.compile(r"\([^)]*\)")  # "the course (... reduced or stopped)" is one item


def join(items: Iterable[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (or with 'or').

    When an item has its own 'and', 'or' or comma ("weakness that increases with effort
    and recovers after rest"), plain commas would blur where items end, so the list
    reads 'a, as well as b' (two items) or 'a; b; and c'.
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    if not any_inner_link(items):
        return f"{', '.join(items[:-1])} {last} {items[-1]}"
    if len(items) == 2:
        return f"{items[0]}, {'as well as' if last == 'and' else last} {items[1]}"
    return f"{'; '.join(items[:-1])}; {last} {items[-1]}"


def any_inner_link(items: list[str]) -> bool:
    """Whether an item has its own 'and', 'or' or comma (outside brackets)."""
    return any(_INNER_LINK.search(_BRACKETED.sub("", item)) for item in items)


def join_after_no(items: Iterable[str]) -> str:
    """What follows "no": 'a, b or c'; or, when an item has its own 'or' or 'and' ("cough
    or breathlessness on exertion") or a qualifier ("pigmentary retinopathy on
    fundoscopy", round 17b), 'a and no b' so no item's words run into the next."""
    items = list(items)
    qualified = any(_head(i).strip() != _BRACKETED.sub("", i).strip() for i in items)
    if len(items) <= 1 or not (any_inner_link(items) or qualified):
        return join(items, "or")
    return ", no ".join(items[:-1]) + f" and no {items[-1]}"


_VOWEL_LETTERS = frozenset("AEFHILMNORSX")  # letters whose spoken name starts with a vowel


def article(text: str) -> str:
    """'a' or 'an' before `text`, by sound for the common cases (an 8-, an 11-, an MRI)."""
    word = _SEGMENT.match(text)
    w = word.group() if word else ""
    if w[:1].isdigit():
        digits = re.match(r"\d+", w.replace(",", "")).group()  # type: ignore[union-attr]
        spoken_eight = digits.startswith("8")
        spoken_eleven = digits[:2] in ("11", "18") and len(digits) % 3 == 2
        return "an" if spoken_eight or spoken_eleven else "a"
    if len(w) > 1 and w.isupper():
        return "an" if w[0] in _VOWEL_LETTERS else "a"
    return "an" if w[:1].lower() in "aeio" else "a"


def is_lab_kind(kind: str) -> bool:
    """Kinds whose entities are results of studies: `test_result` and any kind id that
    contains "result" or "test" (kinds are data: a deck may call them what it likes)."""
    return "result" in kind or "test" in kind


_SINGULAR_ENDINGS = ("ss", "is", "us", "ys", "ics")  # weakness, arthritis, lupus, ...
_VERB_PLURAL = {
    " is ": " are ",
    " has ": " have ",
    " does ": " do ",
    " was ": " were ",
    " requires ": " require ",
    " carries ": " carry ",
}


# Words that end a name's head noun and start its qualifier: "Weakness beyond the eye
# muscles", "Pain that wakes the patient", "Onset within hours to days" (the head is the
# singular "weakness", "pain", "onset").
_QUALIFIERS = (
    *("with", "without", "over", "under", "of", "to", "in", "on", "at", "for", "from"),
    *("beyond", "after", "before", "during", "below", "above", "around", "across"),
    *("between", "despite", "like", "than", "that", "which", "who", "when", "where", "while"),
    *("within", "into", "through", "throughout", "until", "since", "by", "per", "among"),
    *("against", "along", "upon", "via", "off", "inside", "outside", "near"),
    *("weaker", "stronger"),  # "Neck flexors weaker than extensors"
)


@cache
def is_plural(name: str) -> bool:
    """Whether a name takes a plural verb ("Gottron papules are"): its head word (the last
    before any qualifier such as "with falls" or "over 45 minutes", after any "or") is a
    lower-case English plural in -s. Not inflect: importing it costs 1.3 s here,
    which the app would pay at every start, and it strips Greek and Latin singulars
    ("calcinosis" -> "calcinosi") that this rule keeps."""
    if is_compound(name):
        return True
    words = re.findall(r"[A-Za-z]+", _head(name))
    if not words:
        return False
    last = words[-1]
    return last[1:].islower() and last.endswith("s") and not last.endswith(_SINGULAR_ENDINGS)


def _head(name: str) -> str:
    """A name's head: its last "or" alternative, before any bracket or qualifier
    ("Morning stiffness over 45 minutes" -> "Morning stiffness")."""
    name = re.sub(r"\s*\([^)]*\)", "", name)  # "Glucocorticoids (prednisone)"
    return re.split(rf"\s(?:{'|'.join(_QUALIFIERS)}|\S*\d)\b", name.split(" or ")[-1])[0]


@cache
def is_compound(name: str) -> bool:
    """Whether a name joins two or more things with "and" before any qualifier ("Ptosis and
    ophthalmoplegia", "Cold intolerance, weight gain and constipation"): a plural subject
    of several features, not one (clinician round 16, L1). "Weakness that increases with
    effort and recovers" joins two clauses of one finding, after its qualifier."""
    return bool(re.search(r"\w \band\b \w", _head(name)))


# Head nouns of tests that are counted ("a 12-minute cycle test", "an electrocardiogram",
# "a muscle biopsy"), unlike "electromyography" or "gene testing", which take no article.
_COUNT_HEADS = frozenset(
    ("test", "biopsy", "electrocardiogram", "ecg", "echocardiogram", "assessment", "scan")
)


def takes_article(name: str) -> bool:
    """Whether a name in running text needs "a" or "an": its first part ("Electrocardiogram"
    of "Electrocardiogram and Holter monitoring") is one counted test ("calls for 12-minute
    cycle test" lacked it, clinician round 15)."""
    if re.match(r"(?:an?|the) ", name, re.IGNORECASE):
        return False
    words = re.findall(r"[A-Za-z-]+", _head(re.split(r" and |, | or ", name)[0]))
    return bool(words) and words[-1].lower() in _COUNT_HEADS


def in_text(name: str, proper: frozenset[str] = frozenset()) -> str:
    """A name inside a sentence, with "a" or "an" where it is one counted test."""
    said = mid_sentence(name, proper)
    return f"{article(said)} {said}" if takes_article(name) else said


def fill_sentence(template: str, source: str, target: str, proper: frozenset[str]) -> str:
    """A relation-type sentence with its names in running-text case (plain replace, so
    braces in names stay text): a name keeps its capital only where it starts the sentence,
    and a plural name gets a plural verb ("Ragged-red fibres are ...")."""
    out: list[str] = []
    pos = 0
    plural_next = several = False
    for m in re.finditer(r"\{(from|to)\}", template):
        out.append(agree(template[pos : m.start()], plural_next, several))
        name = source if m.group(1) == "from" else target
        if out and is_plural(name):  # "Which adverse effect do glucocorticoids carry?"
            out[-1] = re.sub(r"\b([Dd])oes (?=$)", r"\1o ", out[-1])
        before = "".join(out).rstrip()
        starts = not before or before.endswith((".", "?", "!"))
        if takes_article(name):  # "calls for a 12-minute cycle test"
            said = in_text(name, proper)
            out.append(sentence_start(said) if starts else said)
        else:
            out.append(name if starts else mid_sentence(name, proper))
        plural_next, several = is_plural(name), is_compound(name)
        pos = m.end()
    out.append(agree(template[pos:], plural_next, several))
    return sentence_start("".join(out))


def agree(text: str, plural: bool, several: bool = False) -> str:
    """Make the verb that opens `text` (after a name) plural when the name is ("{to} is"
    -> "... are"). After `several` things ("Ptosis and ophthalmoplegia") the noun that
    follows is plural too: "are features of", not "is a feature of" (clinician round 16)."""
    if plural or several:
        for singular, many in _VERB_PLURAL.items():
            if text.startswith(singular):
                text = many + text[len(singular) :]
                break
    if several:
        text = re.sub(
            r"^( are(?: not)? )(.*)", lambda m: m.group(1) + plural_complement(m.group(2)), text
        )
    return text


def plural_complement(rest: str) -> str:
    """ "a feature of X" -> "features of X": the complement after a plural "are"."""
    return re.sub(
        r"^an? ((?:[\w-]+ )*?[\w-]+)(?= (?:of|for|to|in)\b)",
        lambda a: noun_plural(a.group(1)),
        rest,
    )


TO_FEMALE = {"he": "she", "him": "her", "his": "her", "himself": "herself"}
TO_MALE = {"she": "he", "hers": "his", "herself": "himself"}


def _swap(word: str, mapping: dict[str, str]) -> str:
    new = mapping.get(word.lower())
    if new is None:
        return word  # not a pronoun: left exactly as written ("TSH", not "Tsh")
    return new.capitalize() if word[:1].isupper() else new


def with_pronouns(text: str, sex: str) -> str:
    """Deck text is written for one sex ("her arms", "her pyridostigmine dose"): make it
    fit the drawn patient, in every text a case states (complaint, findings, history).
    A "her" that could be either object or possessive (`ambiguous_her`) is read as the
    possessive; deck checks ask for the male form there."""
    if sex == "female":
        return re.sub(r"\b\w+\b", lambda m: _swap(m.group(), TO_FEMALE), text)

    words = list(re.finditer(r"\b\w+\b", text))
    out, end = [], 0
    for i, m in enumerate(words):
        new = _swap(m.group(), TO_MALE)
        if m.group().lower() == "her":
            before = words[i - 1].group() if i else ""
            after = words[i + 1] if i + 1 < len(words) else None
            spacing = text[m.end() : after.start()] if after else ""
            is_object = her_is_object(before, spacing, after.group() if after else "")
            new = "him" if is_object else "his"  # None (ambiguous) reads as possessive
            new = new.capitalize() if m.group()[0].isupper() else new
        out += [text[end : m.start()], new]
        end = m.end()
    return "".join([*out, text[end:]])


# The verb after a "Which ___" subject, made plural with it ("Which conditions show X?").
# "does" is left alone: in "Which condition does anti-NXP2 mark?" its subject is the name.
_SUBJECT_VERB_PLURAL = {
    "is": "are",
    "has": "have",
    "shows": "show",
    "points": "point",
    "includes": "include",
    "calls": "call",
    "causes": "cause",
    "carries": "carry",
    "arises": "arise",
    "treats": "treat",
    "marks": "mark",
    "belongs": "belong",
}
_WHICH = re.compile(r"^((?:In |Carriers of )?[Ww]hich )")
_AUXILIARIES = frozenset(("does", "do", "should", "can", "list"))


def noun_plural(noun: str, plurals: dict[str, str] | None = None) -> str:
    """A count noun's plural, the deck's own where it gives one ("diagnosis" ->
    "diagnoses"); "drug or substance" -> "drugs or substances"."""
    if plurals and noun in plurals:
        return plurals[noun]
    if " or " in noun:
        return " or ".join(noun_plural(part, plurals) for part in noun.split(" or "))
    qualified = re.search(rf" (?:{'|'.join(_QUALIFIERS)}) ", noun)
    if qualified:  # the head noun before its qualifier: "manifestations of myositis", not
        # "manifestation of myosites"
        return noun_plural(noun[: qualified.start()], plurals) + noun[qualified.start() :]
    head, _, last = noun.rpartition(" ")
    if re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif last.endswith("is"):
        last = last[:-2] + "es"
    elif last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def plural_question(prompt: str, plurals: dict[str, str] | None = None) -> str:
    """A "Which ___ ...?" question asked of several answers (student trial 3: "Which
    condition is classed under ...?" answered with five): the noun and the verb that
    agrees with it plural, "is a feature of" -> "are features of". A question that does
    not open with "Which" is returned as it is."""
    m = _WHICH.match(prompt)
    if m is None:
        return prompt
    words = prompt[m.end() :].split(" ")
    at = next(
        (i for i, w in enumerate(words) if i and (w in _SUBJECT_VERB_PLURAL or w in _AUXILIARIES)),
        None,
    )
    if at is None:
        return prompt
    noun, verb, rest = " ".join(words[:at]), words[at], " ".join(words[at + 1 :])
    adverb = ""
    if at > 1 and words[at - 1].endswith("ly"):  # "Which condition typically shows"
        noun, adverb = " ".join(words[: at - 1]), words[at - 1] + " "
    if not noun.startswith("of the "):  # "Which of the myopathies shows" keeps its noun
        noun = noun_plural(noun, plurals)
    if verb in _SUBJECT_VERB_PLURAL:
        verb = _SUBJECT_VERB_PLURAL[verb]
        # "Which conditions call for serum CK in its work-up?" (clinician round 15)
        rest = re.sub(r"\bits\b", "their", rest)
        if verb == "are":  # "are a feature of" -> "are features of"
            rest = plural_complement(rest)
    return f"{m.group(1)}{noun} {adverb}{verb} {rest}"
