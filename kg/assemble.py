"""Records of a corpus → one RDF graph: actors merged across documents, the same event or agreement
reported by several articles made one node, stable IRIs minted in one place, triples sorted."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

import pyoxigraph as ox

from .model import (ActorRef, Agreement, DateValue, DocumentRecord, Event, Mention, Position, compatible_dates,
                    more_precise)
from .names import NAME_ARTICLE
from .rdf import (DCTERMS_PUBLISHER, DCTERMS_TITLE, OWL_SAMEAS, RDF_TYPE, RDFS_LABEL, SCHEMA_URL, SKOS_ALTLABEL,
                  WD_NS, kgo, kgr, literal, sort_subject_groups, sorted_group)

CLASS_PREFIX = {"Person": "person", "State": "state", "Organization": "org", "Place": "place"}


@lru_cache(maxsize=None)
def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens; a short hash when nothing of the text is ASCII. Remembered:
    every mention of an article slugs its source name again."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return value[:80].strip("-") or "x" + short_hash(text)


def short_hash(*parts) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:8]


@dataclass
class ActorNode:
    ref: ActorRef
    alt_labels: set[str] = field(default_factory=set)
    qid: str | None = None
    mentions: set[Mention] = field(default_factory=set)


@dataclass
class Cluster:
    """One event or agreement node: the records (from one or more documents) it stands for."""

    items: list
    date: DateValue | None = None

    @property
    def first_mention(self) -> Mention:
        return min(m for item in self.items for m in item.mentions)


MentionNode = tuple[ox.NamedNode, list[ox.Triple]]
MENTION, DOCUMENT, START, END, TEXT, EVIDENCE = (kgo(term) for term in
                                                 ("Mention", "document", "start", "end", "text", "evidence"))


# the predicates of a mention's triples in their sorted order (one triple each, so the predicate alone orders
# them): mention_node makes them in this order, with no sort
MENTION_PREDICATES = tuple(sorted((RDF_TYPE, DOCUMENT, START, END, TEXT), key=lambda predicate: predicate.value))


def mention_node(mention: Mention) -> MentionNode:
    """A mention's IRI and its own triples, sorted: a function of the mention alone, so they can be made
    ahead of assembly (prepare)."""
    iri = kgr(f"mention-{slug(mention.source)}-{mention.start}-{mention.end}")
    objects = {RDF_TYPE: MENTION, DOCUMENT: doc_iri(mention.source), START: literal(mention.start, "integer"),
               END: literal(mention.end, "integer"), TEXT: literal(mention.text)}
    return iri, [ox.Triple(iri, predicate, objects[predicate]) for predicate in MENTION_PREDICATES]


def doc_iri(source: str) -> ox.NamedNode:
    return kgr(f"doc-{slug(source)}")


def mentions_of(record: DocumentRecord) -> Iterator[Mention]:
    for items in (record.actors, record.positions, record.agreements, record.events):
        for item in items:
            yield from item.mentions


@dataclass
class Prepared:
    """What assembly can make of the cached records while a rebuild's new articles are parsed elsewhere
    (see prepare): their mention nodes, and their actors accumulated (see accumulate_actors). Taken over
    by the one assembly it is given to."""

    mentions: dict[Mention, MentionNode] = field(default_factory=dict)
    actors: dict[ActorRef, ActorNode] = field(default_factory=dict)
    qid_sources: dict[ActorRef, str] = field(default_factory=dict)
    records: frozenset[int] = frozenset()  # the ids of the records accumulated
    taken: bool = False


def prepare(records: list[DocumentRecord]) -> Prepared:
    """The mention nodes of records and their actors accumulated, made while the new articles of a rebuild
    are parsed elsewhere, so that assembly, once they come, is left with less to do; the remembered name
    keys and slugs of their actors (person_key, slug) are made then too."""
    for record in records:
        for actor in record.actors:
            slug(actor.ref.name)
            if actor.ref.cls == "Person":
                person_key(actor.ref.name)
    prepared = Prepared(records=frozenset(id(record) for record in records))
    for record in records:
        for mention in mentions_of(record):
            if mention not in prepared.mentions:  # a mention is often the evidence of several items
                prepared.mentions[mention] = mention_node(mention)
    accumulate_actors(prepared.actors, prepared.qid_sources, sorted(records, key=lambda r: r.document.source))
    return prepared


def accumulate_actors(actors: dict[ActorRef, ActorNode], qid_sources: dict[ActorRef, str],
                      records: list[DocumentRecord]) -> None:
    """Each actor's alternative labels and mentions across records, and its Wikidata id: the first that the
    records give in the order of their sources, whatever the order they are accumulated in (`qid_sources`
    keeps the source each id came from), so that the cached records' actors accumulated ahead and the new
    records' then give what all in one pass would."""
    for record in records:
        source = record.document.source
        for actor in record.actors:
            node = actors.get(actor.ref)
            if node is None:
                node = actors[actor.ref] = ActorNode(actor.ref)
            node.alt_labels |= actor.alt_labels
            if actor.qid and (not node.qid or source < qid_sources[actor.ref]):
                node.qid = actor.qid
                qid_sources[actor.ref] = source
            node.mentions.update(actor.mentions)


class Assembler:
    def __init__(self, records: list[DocumentRecord], prepared: Prepared | None = None):
        self.records = sorted(records, key=lambda r: r.document.source)
        if prepared is None or not prepared.records <= {id(record) for record in records}:
            prepared = Prepared()  # (prepared for other records: made again here)
        if prepared.taken:
            raise ValueError("prepared records serve one assembly")
        prepared.taken = True
        self.prepared = prepared
        self.actors: dict[ActorRef, ActorNode] = prepared.actors
        self.alias: dict[ActorRef, ActorRef] = {}
        self.iris: dict[ActorRef, ox.NamedNode] = {}
        self.groups: dict[ox.NamedNode, list[ox.Triple]] = {}  # the triples made, by subject (see add)
        self.minted: set[str] = set()
        # the mentions whose own triples are in (once, however many nodes cite them), and those triples
        self.described: dict[Mention, ox.NamedNode] = {}
        self.mention_groups: dict[ox.NamedNode, list[ox.Triple]] = {}

    # -- actors -----------------------------------------------------------------------------------
    def merge_actors(self) -> None:
        accumulate_actors(self.actors, self.prepared.qid_sources,
                          [record for record in self.records if id(record) not in self.prepared.records])
        self.merge_name_variants()
        full_by_last: dict[str, set[ActorRef]] = defaultdict(set)
        for ref in self.actors:
            if ref.cls == "Person" and len(person_key(ref.name).split()) >= 2:
                full_by_last[person_key(ref.name).split()[-1]].add(ref)
        for ref in list(self.actors):
            key = person_key(ref.name)
            if ref.cls == "Person" and len(key.split()) == 1 and len(full_by_last.get(key, ())) == 1:
                target = next(iter(full_by_last[key]))
                if target != ref:
                    self.merge_into(ref, target)

    def merge_into(self, ref: ActorRef, target: ActorRef) -> None:
        node = self.actors.pop(ref)
        self.actors[target].alt_labels |= node.alt_labels | {ref.name}
        self.actors[target].mentions |= node.mentions
        self.alias[ref] = target

    def merge_name_variants(self) -> None:
        """"Abdel Fattah Burhan" and "Abdel Fattah al-Burhan", "Jose" and "José": one person, named as most
        mentions name them."""
        by_key: dict[str, list[ActorRef]] = defaultdict(list)
        for ref in self.actors:
            if ref.cls == "Person" and len(person_key(ref.name).split()) >= 2:
                by_key[person_key(ref.name)].append(ref)
        for refs in by_key.values():
            if len(refs) < 2:
                continue
            target = max(refs, key=lambda r: (len(self.actors[r].mentions), len(r.name), r.name))
            for ref in sorted(refs):
                if ref != target:
                    self.merge_into(ref, target)
        taken: dict[str, ActorRef] = {}
        for ref in sorted(self.actors):
            local = f"{CLASS_PREFIX[ref.cls]}-{slug(ref.name)}"
            if local in taken:
                local = f"{local}-{short_hash(ref.cls, ref.name)}"
            taken[local] = ref
            self.iris[ref] = kgr(local)

    def canon(self, ref: ActorRef | None) -> ActorRef | None:
        return None if ref is None else self.alias.get(ref, ref)

    def canon_set(self, refs) -> set[ActorRef]:
        return {self.canon(r) for r in refs if self.canon(r) in self.iris}

    # -- triples ----------------------------------------------------------------------------------
    def add(self, s, p, o) -> None:
        """A triple, kept with its subject's: sorting then needs no grouping pass over them all."""
        self.groups.setdefault(s, []).append(ox.Triple(s, p, o))

    def mint(self, local: str) -> ox.NamedNode:
        """A fresh IRI: the local name, or with -2, -3... when that name is taken (same sentence and date)."""
        candidate, n = local, 1
        while candidate in self.minted:
            n += 1
            candidate = f"{local}-{n}"
        self.minted.add(candidate)
        return kgr(candidate)

    def add_evidence(self, node: ox.NamedNode, mentions) -> None:
        """A link to each mention (as add, the node's group looked up once), and the mention's own triples
        once, however many nodes cite it."""
        links = []
        for mention in mentions:
            iri = self.described.get(mention)
            if iri is None:
                iri, triples = self.prepared.mentions.get(mention) or mention_node(mention)
                self.described[mention] = iri
                same_iri = self.mention_groups.get(iri)  # two sources whose names slug alike
                self.mention_groups[iri] = triples if same_iri is None else sorted_group(same_iri + triples)
            links.append(ox.Triple(node, EVIDENCE, iri))
        if links:
            self.groups.setdefault(node, []).extend(links)

    def add_date(self, node, prop: str, value: DateValue | None) -> None:
        if value is not None:
            self.add(node, kgo(prop), literal(value.value, value.kind))

    def emit_documents(self) -> None:
        for record in self.records:
            doc = record.document
            iri = doc_iri(doc.source)
            self.add(iri, RDF_TYPE, kgo("Document"))
            self.add(iri, RDFS_LABEL, literal(doc.title or doc.source))
            self.add(iri, kgo("source"), literal(doc.source))
            if doc.published:
                self.add(iri, kgo("published"), literal(doc.published.isoformat(), "date"))
            if doc.title:
                self.add(iri, DCTERMS_TITLE, literal(doc.title))
            if doc.outlet:
                self.add(iri, DCTERMS_PUBLISHER, literal(doc.outlet))
            if doc.url:
                self.add(iri, SCHEMA_URL, literal(doc.url))

    def emit_actors(self, mediators: set[ActorRef]) -> None:
        for ref, node in self.actors.items():
            iri = self.iris[ref]
            self.add(iri, RDF_TYPE, kgo(ref.cls))
            if ref in mediators:
                self.add(iri, RDF_TYPE, kgo("Mediator"))
            self.add(iri, RDFS_LABEL, literal(ref.name))
            for alt in node.alt_labels - {ref.name}:
                self.add(iri, SKOS_ALTLABEL, literal(alt))
            if node.qid:
                self.add(iri, OWL_SAMEAS, ox.NamedNode(WD_NS + node.qid))
            self.add_evidence(iri, node.mentions)

    def emit_positions(self) -> None:
        positions: list[Position] = [p for r in self.records for p in r.positions]
        known_of: dict[tuple, set[ActorRef]] = defaultdict(set)
        for p in positions:
            if p.of is not None:
                known_of[(self.canon(p.holder), p.title)].add(self.canon(p.of))
        merged: dict[tuple, list[Position]] = defaultdict(list)
        for p in positions:
            holder, of = self.canon(p.holder), self.canon(p.of)
            if of is None and len(known_of.get((holder, p.title), ())) == 1:
                of = next(iter(known_of[(holder, p.title)]))
            merged[(holder, p.title, of)].append(p)
        for (holder, title, of), group in merged.items():
            if holder not in self.iris:
                continue
            local = f"position-{slug(holder.name)}-{slug(title)}-{slug(of.name) if of else 'unknown'}"
            iri = kgr(local)
            self.add(iri, RDF_TYPE, kgo("Position"))
            label = f"{title} of {of.name}: {holder.name}" if of else f"{title}: {holder.name}"
            self.add(iri, RDFS_LABEL, literal(label))
            self.add(iri, kgo("holder"), self.iris[holder])
            self.add(iri, kgo("title"), literal(title))
            if of is not None and of in self.iris:
                self.add(iri, kgo("of"), self.iris[of])
            dates = sorted({p.date for p in group if p.date is not None})
            if dates:
                self.add_date(iri, "date", dates[0])
                if dates[-1] != dates[0]:
                    self.add_date(iri, "endDate", dates[-1])
            self.add_evidence(iri, {m for p in group for m in p.mentions})

    # -- events and agreements across documents ------------------------------------------------------
    def cluster(self, items: list, cls_of, who_of) -> list[Cluster]:
        """One node for one happening reported by several articles: same class and status, and either
        both dated with compatible dates and a participant in common, or the same sentence (a copied
        or syndicated article). An item joins the first cluster (in the order they began) that it may
        join; the clusters it could join are found by their sentences and participants (indexed by
        class and status), not by trying every cluster of its kind, which grows with the corpus."""
        clusters: list[Cluster] = []
        seen: list[tuple[set[str], set[str], set[ActorRef]]] = []  # per cluster: sentences, sources, who
        with_text: dict[tuple, set[int]] = defaultdict(set)  # (kind, sentence) -> clusters holding it
        with_who: dict[tuple, set[int]] = defaultdict(set)  # (kind, participant) -> clusters holding them
        for item in sorted(items, key=lambda i: min(i.mentions)):
            who = self.canon_set(who_of(item))
            item_texts = {m.text for m in item.mentions}
            item_sources = {m.source for m in item.mentions}
            kind = (cls_of(item), getattr(item, "status", None))
            candidates = set().union(*(with_text.get((kind, text), ()) for text in item_texts))
            if item.date is not None:
                candidates = candidates.union(*(with_who.get((kind, ref), ()) for ref in who))
            best = None
            for index in sorted(candidates):
                c, (c_texts, c_sources, c_who) = clusters[index], seen[index]
                if c_sources & item_sources or not compatible_dates(c.date, item.date):
                    continue
                same_sentence = bool(c_texts & item_texts)
                dated_overlap = item.date is not None and c.date is not None and bool(c_who & who)
                if same_sentence or dated_overlap:
                    best = index
                    break
            if best is None:
                best = len(clusters)
                clusters.append(Cluster([item], item.date))
                seen.append((item_texts, item_sources, who))
            else:
                c, (c_texts, c_sources, c_who) = clusters[best], seen[best]
                c.items.append(item)
                c.date = more_precise(c.date, item.date)
                c_texts |= item_texts
                c_sources |= item_sources
                c_who |= who
            for text in item_texts:
                with_text[(kind, text)].add(best)
            for ref in who:
                with_who[(kind, ref)].add(best)
        return clusters

    def emit_agreements(self) -> dict[int, ox.NamedNode]:
        agreements: list[Agreement] = [a for r in self.records for a in r.agreements]
        clusters = self.cluster(agreements, lambda a: "Agreement", lambda a: a.parties | a.signatories)
        iri_of: dict[int, ox.NamedNode] = {}
        for cluster in clusters:
            first = cluster.first_mention
            iri = self.mint(f"agreement-{cluster.date.value.lstrip('-') if cluster.date else 'undated'}-"
                            f"{short_hash(first.source, first.start, first.end)}")
            for item in cluster.items:
                iri_of[id(item)] = iri
            lead = cluster.items[0]
            self.add(iri, RDF_TYPE, kgo("Agreement"))
            date_text = f" ({cluster.date.value})" if cluster.date else ""
            self.add(iri, RDFS_LABEL, literal(f"{lead.label}{date_text}"))
            self.add_date(iri, "date", cluster.date)
            self.add_date(iri, "endDate", next((i.end_date for i in cluster.items if i.end_date), None))
            for prop, attr in (("signatory", "signatories"), ("party", "parties"), ("mediator", "mediators")):
                for ref in self.canon_set(r for i in cluster.items for r in getattr(i, attr)):
                    self.add(iri, kgo(prop), self.iris[ref])
            self.add_evidence(iri, {m for i in cluster.items for m in i.mentions})
        return iri_of

    def emit_events(self, agreement_iris: dict[int, ox.NamedNode]) -> None:
        events: list[Event] = [e for r in self.records for e in r.events]
        clusters = self.cluster(events, lambda e: e.cls, lambda e: e.participants)
        for cluster in clusters:
            lead: Event = cluster.items[0]
            first = cluster.first_mention
            iri = self.mint(f"event-{slug(lead.cls)}-{cluster.date.value.lstrip('-') if cluster.date else 'undated'}-"
                            f"{short_hash(first.source, first.start, first.end)}")
            participants = self.canon_set(p for e in cluster.items for p in e.participants)
            mediators = self.canon_set(m for e in cluster.items for m in e.mediators)
            self.add(iri, RDF_TYPE, kgo("Event"))
            self.add(iri, RDF_TYPE, kgo(lead.cls))
            self.add(iri, RDFS_LABEL, literal(event_label(lead.cls, cluster.date, participants)))
            self.add_date(iri, "date", cluster.date)
            self.add_date(iri, "endDate", next((e.end_date for e in cluster.items if e.end_date), None))
            if lead.status:
                self.add(iri, kgo("status"), literal(lead.status))
            for ref in participants:
                self.add(iri, kgo("participant"), self.iris[ref])
            for ref in mediators:
                self.add(iri, kgo("mediator"), self.iris[ref])
            location = next((self.canon(e.location) for e in cluster.items if self.canon(e.location) in self.iris),
                            None)
            if location is not None:
                self.add(iri, kgo("location"), self.iris[location])
            for e in cluster.items:
                if e.agreement is not None and id(e.agreement) in agreement_iris:
                    self.add(iri, kgo("agreement"), agreement_iris[id(e.agreement)])
                    break
            self.add_evidence(iri, {m for e in cluster.items for m in e.mentions})

    def mediator_refs(self) -> set[ActorRef]:
        out = set()
        for record in self.records:
            for item in [*record.events, *record.agreements]:
                out |= self.canon_set(item.mediators)
        return out

    def build(self) -> list[ox.Triple]:
        self.merge_actors()
        self.emit_documents()
        self.emit_actors(self.mediator_refs())
        self.emit_positions()
        agreement_iris = self.emit_agreements()
        self.emit_events(agreement_iris)
        return sort_subject_groups(self.groups, self.mention_groups)




@lru_cache(maxsize=None)
def person_key(name: str) -> str:
    """A person's name for matching spellings: no accents, case, dots or the Arabic article ("al-Burhan" is
    "burhan"), one ending for the transliterations of a Slavic -y ("Zelenskiy", "Zelenskyy" and "Zelensky");
    hyphenated names stay one word ("Ramos-Horta")."""
    text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    text = NAME_ARTICLE.sub("", text)
    words = re.sub(r"[.']", "", re.sub(r"[\u2010\u2011]", "-", text)).split()
    return " ".join(SLAVIC_Y.sub("y", word) for word in words)


SLAVIC_Y = re.compile(r"(?<=[a-z]{3})(?:iy|yi|ii|yy)$")


def event_label(cls: str, date: DateValue | None, participants: set[ActorRef]) -> str:
    words = re.sub(r"(?<!^)([A-Z])", r" \1", cls)
    names = ", ".join(sorted(p.name for p in participants)[:4])
    when = f" {date.value}" if date else ""
    return f"{words}{when}: {names}" if names else f"{words}{when}"


def build_graph(records: list[DocumentRecord], prepared: Prepared | None = None) -> list[ox.Triple]:
    """The whole corpus as sorted triples of the public vocabulary (`prepared`: see prepare)."""
    return Assembler(records, prepared).build()
