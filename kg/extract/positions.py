"""Offices people hold, from the titles around their names.

Handled forms, with the title normalized through ontology/lexicon/titles.csv:
"Armenian Foreign Minister Ararat Mirzoyan", "Armenia's foreign minister X", "Foreign Minister of
Azerbaijan X", "OSCE Chairperson-in-Office and Swedish Foreign Minister Ann Linde", "X, the Swedish
foreign minister", "X, foreign minister of Sweden", and "his Azerbaijani counterpart X" (the title of
the other person in the sentence).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..model import ActorRef, DateValue, Position
from ..resources import Lexicon
from .tokens import token_columns
from .actors import DocActors

AFFILIATION_CLASSES = ("State", "Organization")
NOT_PORTFOLIOS = {"former", "ex", "then", "late", "new", "acting", "outgoing", "interim", "incoming", "junior",
                  "senior", "the", "a", "cabinet", "shadow", "prime"}  # "Former Minister X" is a minister
RANK = (r"(?:(?:Lieutenant|Major|Brigadier)[- ]General|Lt\.? Gen\.|Maj\.? Gen\.|Field Marshal|Colonel|Col\.|General|"
        r"Gen\.|Major|Captain|Capt\.|Admiral|Adm\.|Marshal|Sheikh|Prince|Princess|Dr\.?|(?:Grand )?Ayatollah)")
RANK_BEFORE = re.compile(r"(?<![\w-])" + RANK + r"\s+$")
RANK_AFTER = re.compile(r"\s*" + RANK + r"(?=\s)")
CONNECTOR = re.compile(r"(?:\s*,\s*|\s+(?:and|&)\s+)$")


class TitleFound(NamedTuple):
    """A title written by a name: canonical title, whose office (or None), and whether the text says it is
    past ("former Kenyan President Uhuru Kenyatta", "X, the late president of Y")."""
    title: str
    of: ActorRef | None
    former: bool = False


@lru_cache(maxsize=4)
def _title_pattern(variants: tuple[str, ...]) -> str:
    alternatives = []
    for variant in sorted(variants, key=len, reverse=True):
        escaped = re.escape(variant).replace(r"\ ", r"\s+").replace(r"\-", r"\s*-\s*")
        alternatives.append(escaped)
    return r"(?<![\w-])(?P<title>" + "|".join(alternatives) + r")"


class TitleEnds:
    """The last words of the title variants (after their last space or hyphen): whatever a title pattern
    matches ends with one of them, in any case. A test of a place where a title would end, looking at a
    few characters, before the title patterns, which try every title at every place of the line."""

    WINDOW = 80  # characters read back from where a title would end

    def __init__(self, variants: tuple[str, ...]):
        self.words = tuple(sorted({re.split(r"[\s-]", variant)[-1] for variant in variants}))
        self.plural_words = tuple(word + "s" for word in self.words)
        self.length = max(map(len, self.plural_words), default=0)

    def may_end_at(self, text: str, line_start: int, pos: int, plural: bool = False) -> bool:
        """False only where no title (a plural one, followed by an optional comma) can end at `pos`,
        white space apart, in a match starting at `line_start` or after."""
        window_start = max(line_start, pos - self.WINDOW)
        tail = text[window_start:pos].rstrip()
        if plural and tail.endswith(","):
            tail = tail[:-1].rstrip()
        end = tail[-self.length:]
        if window_start > line_start and len(end) < self.length or not end.isascii():
            return True  # white space all the window long, or letters whose case re reads its own way: look
        return end.lower().endswith(self.plural_words if plural else self.words)


@lru_cache(maxsize=4)
def title_ends(variants: tuple[str, ...]) -> TitleEnds:
    """The TitleEnds of a lexicon's title variants, made once."""
    return TitleEnds(variants)


@lru_cache(maxsize=4)
def titles_ending_patterns(variants: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """A title ending where a search ends (white space apart), and a plural one with an optional comma
    ("foreign ministers (,) A and B")."""
    title = _title_pattern(variants)
    return re.compile(title + r"\s*$", re.I), re.compile(title + r"s\s*,?\s*$", re.I)


def title_regex(lexicon: Lexicon) -> str:
    """A regular expression alternative of every title variant, as group "title" (any case)."""
    return "(?i:" + _title_pattern(tuple(lexicon.titles)) + ")"


def _canonical(lexicon: Lexicon, surface: str) -> str:
    key = re.sub(r"\s*-\s*", "-", re.sub(r"\s+", " ", surface.lower()))
    return lexicon.titles[key]


class PositionFinder:
    def __init__(self, found: DocActors, lexicon: Lexicon):
        self.found = found
        self.lexicon = lexicon
        self.doc = found.doc
        self.text = found.text
        variants = tuple(lexicon.titles)
        title = _title_pattern(variants)
        self.title_before, self.plural_title_before = titles_ending_patterns(variants)
        self.title_ends = title_ends(variants)
        self.counterpart_re = re.compile(r"(?<![\w-])counterparts?,?\s*$", re.I)
        self.title_after_re = re.compile(r"^\s*,\s*(?:the\s+|a\s+|its\s+|his\s+|her\s+)?(?:(?P<pre>[^,]{0,40}?)\s+)?"
                                      + title + r"(?![\w-])(?:\s+(?P<prep>of|for)\s+(?:the\s+)?(?P<post>[^,.;]{1,60}))?", re.I)
        past = "|".join(re.escape(word) for word in sorted(lexicon.cue("past-office")))
        self.past_before = re.compile(r"(?<![\w-])(?:" + past + r")\s+$", re.I)
        modifiers = "|".join(re.escape(word)
                             for word in sorted(lexicon.cue("past-office") | lexicon.cue("office-modifier")))
        self.modifier_before = re.compile(r"(?<![\w-])(?:" + modifiers + r")\s+$", re.I)
        self.past_in = re.compile(r"(?<![\w-])(?:" + past + r")(?![\w-])", re.I)
        self.title_right_after_re = re.compile(r"^\s*,\s*(?:the\s+|a\s+|its\s+|his\s+|her\s+)?(?P<pre>)" + title
                                               + r"(?![\w-])(?:\s+(?P<prep>of|for)\s+(?:the\s+)?(?P<post>[^,.;]{1,60}))?", re.I)
        columns = token_columns(self.doc)
        self.token_ending = {end: i for i, end in enumerate(columns.end)}
        self.token_starting = {start: i for i, start in enumerate(columns.start)}
        self.patrons: dict[tuple[int, str], ActorRef] = {}  # (name start, title) -> the person whose envoy it is

    def _actor_ending_at(self, char: int, classes: tuple[str, ...] = AFFILIATION_CLASSES
                         ) -> tuple[ActorRef | None, int]:
        """The State/Organization (or actor of `classes`) named by the words that end at `char` (possessive
        "'s" allowed, and "whose" for the noun its clause hangs on)."""
        while char > 0 and self.text[char - 1].isspace():
            char -= 1
        i = self.token_ending.get(char)
        if i is None:
            return None, char
        if self.doc[i].text in ("'s", "’s", "'", "’") and i > 0:
            i -= 1
        elif self.doc[i].lower_ == "whose":  # "Qatar, whose Emir Sheikh Tamim spoke": the clause's antecedent's
            clause = self.doc[i].head
            for _ in range(3):
                if clause.dep_ == "relcl" or clause.head is clause:
                    break
                clause = clause.head
            if clause.dep_ != "relcl":
                return None, char
            i = clause.head.i
        ref = self.found.by_token.get(i)
        if ref is None or ref.cls not in classes:
            return None, char
        first = i
        while first > 0 and self.found.by_token.get(first - 1) == ref:
            first -= 1
        return ref, self.doc[first].idx

    def _actor_in(self, start: int, end: int) -> ActorRef | None:
        for t in self.doc.char_span(start, end, alignment_mode="expand") or []:
            ref = self.found.by_token.get(t.i)
            if ref is not None and ref.cls in AFFILIATION_CLASSES:
                return ref
        return None

    def titles_before(self, person_start: int) -> list[TitleFound]:
        """Titles (and whose) written just before a name, following "and"-coordinated titles leftwards; also
        before a comma ("the UN special envoy for Yemen, Hans Grundberg")."""
        titles = self._titles_or_apposed(person_start)
        rank = RANK_BEFORE.search(self.text, max(0, person_start - 40), person_start)
        if rank:  # "Government spokesman Colonel Abdoulaye Maiga", "the Qatari emir, Sheikh Tamim"
            outer = [t for t in self._titles_or_apposed(rank.start()) if t not in titles]
            if outer:  # "Army chief General Abdel Fattah al-Burhan": the office, not the rank beside it
                as_title = self.lexicon.titles.get(rank.group().strip().lower())
                titles = [t for t in titles if t.title != as_title] + outer
        return titles

    def plural_titles(self, mentions) -> list[tuple[object, str, ActorRef | None]]:
        """(mention, title, whose) for the persons named after a plural title ("Foreign ministers Ararat
        Mirzoyan and Jeyhun Bayramov"): each holds the title, of the state named before it in the same
        order when there are as many ("the Armenian and Azerbaijani foreign ministers, A and B")."""
        persons = sorted((m for m in mentions if m.ref.cls == "Person"), key=lambda m: m.start)
        out = []
        k = 0
        while k < len(persons):
            start = self.doc[persons[k].start].idx
            line_start = self.text.rfind("\n", 0, start) + 1
            m = self.plural_title_before.search(self.text, line_start, start) \
                if self.title_ends.may_end_at(self.text, line_start, start, plural=True) else None
            title = _canonical(self.lexicon, m.group("title")) if m else None
            if title is None or title == "Minister":  # "the two ministers": no office named
                k += 1
                continue
            names = [persons[k]]
            while k + len(names) < len(persons):
                gap = self.text[self._end_of(names[-1]):self.doc[persons[k + len(names)].start].idx]
                if not re.fullmatch(r"\s*,\s*|\s+and\s+|\s*,\s*and\s+", gap):
                    break
                names.append(persons[k + len(names)])
            affiliations = []
            pos = m.start("title")
            while True:
                aff, aff_start = self._actor_ending_at(pos)
                if aff is None:
                    break
                affiliations.insert(0, aff)
                link = CONNECTOR.search(self.text, line_start, aff_start)
                if not link:
                    break
                pos = link.start()
            paired = len(affiliations) == len(names)
            out.extend((name, title, affiliations[i] if paired else None) for i, name in enumerate(names))
            k += len(names)
        return out

    def _end_of(self, mention) -> int:
        last = self.doc[mention.end - 1]
        return last.idx + len(last)

    def _titles_or_apposed(self, start: int) -> list[TitleFound]:
        """Titles right before `start`, else a title phrase before a comma there, if it names its office
        ("the UN special envoy for Yemen, X"; not "if he became king, Charles")."""
        titles = self._titles_ending_at(start)
        comma = re.search(r"(?<!\d),\s*$", self.text[max(0, start - 3):start])
        if titles or not comma:
            return titles
        comma_at = max(0, start - 3) + comma.start()
        return [t for t in self._titles_ending_at(comma_at)
                if t.of is not None or re.search(r"\b(?:the|its|their)\s+(?:\S+\s+){0,5}$",
                                                 self.text[max(0, comma_at - 60):comma_at], re.I)]

    def _titles_ending_at(self, person_start: int) -> list[TitleFound]:
        line_start = self.text.rfind("\n", 0, person_start) + 1
        pos = person_start
        titles = []
        of_ref, of_start, prep = self._of_phrase_before(pos)
        if of_ref is not None:
            pos = of_start
            if prep != "of":  # "Special Envoy for Sudan": the body served is before the title
                of_ref = None
        while True:
            if titles:  # a title coordinated with the one found, with its own "of/for" phrase
                of_ref, of_start, prep = self._of_phrase_before(pos)
                if of_ref is not None:
                    pos = of_start
                    if prep != "of":
                        of_ref = None
            m = self.title_before.search(self.text, line_start, pos) \
                if self.title_ends.may_end_at(self.text, line_start, pos) else None
            if not m:
                break
            title = _canonical(self.lexicon, m.group("title"))
            title_start = m.start("title")
            if title == "Minister":
                title, title_start = self._portfolio(title_start, line_start)
            modifier = self.modifier_before.search(self.text, line_start, title_start)  # "Thailand's acting PM"
            aff, aff_start = self._actor_ending_at(modifier.start() if modifier else title_start)
            if aff is None and of_ref is None:  # "Trump's special envoy Steve Witkoff": whose office, by whom
                patron, _ = self._actor_ending_at(modifier.start() if modifier else title_start, ("Person",))
                if patron is not None and self.text[max(0, title_start - 4):title_start].rstrip().endswith(
                        ("'s", "’s")):
                    self.patrons[(person_start, title)] = patron
            former = self.past_before.search(self.text, line_start, title_start) or (  # "Thailand's former PM"
                aff is not None and self.past_before.search(self.text, line_start, aff_start))  # "former Thai PM"
            titles.append(TitleFound(title, of_ref or aff, bool(former)))
            of_ref = None
            pos = aff_start if aff is not None else title_start
            if former:  # "the AU's envoy for the Horn of Africa, former Nigerian President X": both are X's
                pos = min(pos, former.start())
            link = CONNECTOR.search(self.text, line_start, pos)
            if not link:
                break
            pos = link.start()
        return titles

    def _portfolio(self, title_start: int, line_start: int) -> tuple[str, int]:
        """"Infrastructure Minister": a minister whose portfolio the lexicon does not list by name."""
        words = []
        pos = title_start
        for _ in range(3):
            m = re.search(r"([A-Z][a-z]+)\s+$", self.text[line_start:pos])
            if not m:
                break
            start = line_start + m.start(1)
            i = self.token_starting.get(start)
            if i is None or self.found.by_token.get(i) is not None or m.group(1).lower() in NOT_PORTFOLIOS:
                break
            words.insert(0, m.group(1))
            pos = start
        return (" ".join(words + ["Minister"]), pos) if words else ("Minister", title_start)

    def _of_phrase_before(self, pos: int) -> tuple[ActorRef | None, int, str]:
        """"Foreign Minister of Azerbaijan Jeyhun Bayramov", "Special Envoy for Sudan Volker Perthes": the
        actor after the preposition, where the preposition starts, and which it is ("the envoy for the Horn of
        Africa": a region an envoy is for, skipped like a state; no office is of a region)."""
        ref, start = self._actor_ending_at(pos, AFFILIATION_CLASSES + ("Place",))
        if ref is None:
            return None, pos, ""
        before = self.text[max(0, start - 9):start]
        m = re.search(r"\b(of|for|to|in)\s+(?:the\s+)?$", before)
        if not m or (ref.cls == "Place" and m.group(1) != "for"):
            return None, pos, ""
        return ref, start - (len(before) - m.start()), m.group(1)

    def title_after(self, person_end: int) -> TitleFound | None:
        """", the Swedish foreign minister", ", national security adviser to the prime minister" (the title
        nearest the name, not one further on)."""
        line_end = self.text.find("\n", person_end)
        rest = self.text[person_end:line_end if line_end >= 0 else len(self.text)]
        m = self.title_right_after_re.match(rest) or self.title_after_re.match(rest)
        if not m:
            return None
        if m.group("pre") and self._has_verb(person_end + m.start("pre"), person_end + m.end("pre")):
            return None  # ", speaking after talks with the Turkish foreign minister": a clause, not an apposition
        title = _canonical(self.lexicon, m.group("title"))
        title_end = person_end + m.end("title")
        rank = RANK_AFTER.match(self.text, title_end)
        next_token = self.token_starting.get(self._skip_space(rank.end() if rank else title_end))
        if next_token is not None and (self.found.by_token.get(next_token) or ActorRef("", "")).cls == "Person":
            return None  # ", Azerbaijani President (Sheikh) Ilham Aliyev": the next person's title
        of = None
        for group in ("post", "pre"):
            if group == "post" and m.group("prep") and m.group("prep").lower() == "for" \
                    and title.lower() not in self.lexicon.cue("speaks-for"):
                continue  # "envoy for Sudan": what the envoy is for, not whom they serve; "spokesman for the army"
            if m.group(group):
                of = self._actor_in(person_end + m.start(group), person_end + m.end(group))
                if group == "post" and m.group("prep").lower() == "for" and of is not None \
                        and not self._names_whole_phrase(person_end + m.start(group), of):
                    of = None  # "a spokesman for the Danish Dairy Board": the board's, not Denmark's
                if of:
                    break
        return TitleFound(title, of, bool(m.group("pre") and self.past_in.search(m.group("pre"))))

    def _has_verb(self, start: int, end: int) -> bool:
        return any(t.pos_ == "VERB" for t in self.doc.char_span(start, end, alignment_mode="expand") or [])

    def _names_whole_phrase(self, start: int, ref: ActorRef) -> bool:
        """Whether the noun phrase at `start` is the actor's name itself, not a phrase it modifies."""
        i = self.token_starting.get(self._skip_space(start))
        if i is None or self.found.by_token.get(i) != ref:
            return False
        while i + 1 < len(self.doc) and self.found.by_token.get(i + 1) == ref:
            i += 1
        return i + 1 >= len(self.doc) or self.doc[i + 1].pos_ not in ("NOUN", "PROPN")

    def _skip_space(self, char: int) -> int:
        while char < len(self.text) and self.text[char].isspace():
            char += 1
        return char

    def counterpart_before(self, person_start: int) -> ActorRef | None | bool:
        """For "his Azerbaijani counterpart X": the affiliation (or None); False when not that form."""
        line_start = self.text.rfind("\n", 0, person_start) + 1
        m = self.counterpart_re.search(self.text, line_start, person_start)
        if not m:
            return False
        aff, _ = self._actor_ending_at(m.start())
        return aff


def find_positions(found: DocActors, lexicon: Lexicon, published_date: DateValue | None) -> list[Position]:
    finder = PositionFinder(found, lexicon)
    positions: dict[tuple, Position] = {}
    counterparts = []
    by_sentence: dict[int, list[str]] = {}
    for mention in found.mentions:
        if mention.ref.cls != "Person":
            continue
        start_char = found.doc[mention.start].idx
        end_char = found.doc[mention.end - 1].idx + len(found.doc[mention.end - 1])
        pairs = finder.titles_before(start_char)
        after = finder.title_after(end_char)
        if after:
            pairs.append(after)
        if not pairs:
            counterpart = finder.counterpart_before(start_char)
            if counterpart is not False:
                counterparts.append((mention, counterpart))
            continue
        sent_start = found.sentence(mention.start).start
        for title, of, former in pairs:
            by_sentence.setdefault(sent_start, []).append(title)
            _record(positions, found, mention, title, of, None if former else published_date, former)
    for mention, aff in counterparts:
        titles = by_sentence.get(found.sentence(mention.start).start, [])
        if titles:
            _record(positions, found, mention, titles[0], aff, published_date)
    for mention, title, of in finder.plural_titles(found.mentions):
        _record(positions, found, mention, title, of, published_date)
    for position in positions.values():
        if position.of is None and not position.former:
            position.of = _delegation_state(found, position.holder, lexicon) or \
                _patron_state(finder, positions, position)
    return list(positions.values())


def _patron_state(finder: PositionFinder, positions: dict, position: Position) -> ActorRef | None:
    """"U.S. President Donald Trump's special envoy Steve Witkoff": the office is of the state the person
    named before it serves, when the article gives that person one state office."""
    named_at = {finder.doc[m.start].idx for m in finder.found.mentions if m.ref == position.holder}
    patrons = {patron for (start, title), patron in finder.patrons.items()
               if title == position.title and start in named_at}
    states = {p.of for p in positions.values() if p.holder in patrons and not p.former and p.of is not None
              and p.of.cls == "State"}
    return states.pop() if len(patrons) == 1 and len(states) == 1 else None


def _delegation_state(found: DocActors, person: ActorRef, lexicon: Lexicon) -> ActorRef | None:
    """The state whose delegation the person leads ("The Ukrainian delegation was led by Defence Minister
    Rustem Umerov", "Vladimir Medinsky, an aide to President Putin, headed the Russian team"): the state of
    an office the text gives without one (cue roles delegation, leads-delegation)."""
    delegations, leading = lexicon.cue("delegation"), lexicon.cue("leads-delegation")
    for mention in found.mentions:
        if mention.ref != person:
            continue
        token = found.doc[mention.end - 1]
        verb = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "agent" else (
            token.head if token.dep_ == "nsubj" else None)
        if verb is None or verb.lemma_.lower() not in leading:
            continue
        for team in (c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")
                     and c.lemma_.lower() in delegations):
            states = {r for c in team.children if c.dep_ in ("amod", "poss", "compound")
                      and (r := found.actor_at(c)) is not None and r.cls == "State"}
            if len(states) == 1:
                return states.pop()
    return None


def _record(positions, found: DocActors, mention, title: str, of: ActorRef | None,
            published_date: DateValue | None, former: bool = False) -> None:
    """One position per holder, title and office; held at publication unless every mention says it is past."""
    key = (mention.ref, title, of)
    position = positions.get(key)
    if position is None:
        position = positions[key] = Position(mention.ref, title, of, published_date, former=former)
    elif not former and position.former:
        position.former, position.date = False, published_date
    evidence = found.evidence(mention.start, mention.end)
    if evidence not in position.mentions:
        position.mentions.append(evidence)
