"""ontology/kg.ttl declares, with a label and a comment, every kgo: term the public vocabulary, the
shapes, the named queries and a built graph use, and aligns the vocabulary to the usual ones."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.rdf import KGO_NS

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
PUBLIC_VOCABULARY = (  # /work/shared/eval/README.md and the shape of a built graph
    "Person State Organization Place Mediator Event Ceasefire Meeting Negotiation MilitaryOperation ArmedConflict "
    "Statement Signing Release Visit Agreement Position Mention Document holder title of date endDate participant "
    "mediator location signatory party agreement status evidence document start end text source published").split()
DECLARATIONS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
ALIGNED_TO = {
    "schema.org": "https://schema.org/", "SEM": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "W3C ORG": "http://www.w3.org/ns/org#", "PROV-O": "http://www.w3.org/ns/prov#",
    "OWL-Time": "http://www.w3.org/2006/time#",
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def used_terms() -> set[str]:
    """kgo: local names in the shapes, the named queries and the fixture graph."""
    files = [ROOT / "ontology" / "shapes.ttl", *sorted((ROOT / "ontology" / "queries").glob("*.rq")),
             Path(__file__).resolve().parent / "fixtures" / "graph.ttl"]
    terms = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        terms |= set(re.findall(r"\bkgo:([A-Za-z]\w*)", text))
        terms |= set(re.findall(re.escape(KGO_NS) + r"([A-Za-z]\w*)", text))
    return terms


def test_the_used_terms_include_the_whole_public_vocabulary():
    assert set(PUBLIC_VOCABULARY) <= used_terms()


@pytest.mark.parametrize("term", sorted(used_terms() | set(PUBLIC_VOCABULARY)))
def test_every_used_term_is_declared_with_label_and_comment(ontology, term):
    iri = URIRef(KGO_NS + term)
    assert set(ontology.objects(iri, RDF.type)) & DECLARATIONS, f"kgo:{term} is not declared"
    assert str(ontology.value(iri, RDFS.label) or "").strip(), f"kgo:{term} has no rdfs:label"
    assert len(str(ontology.value(iri, RDFS.comment) or "")) > 10, f"kgo:{term} has no rdfs:comment"


def test_every_declared_term_has_label_and_comment(ontology):
    declared = {s for d in DECLARATIONS for s in ontology.subjects(RDF.type, d)
                if isinstance(s, URIRef) and str(s).startswith(KGO_NS)}
    assert len(declared) >= len(PUBLIC_VOCABULARY)
    missing = sorted(str(s) for s in declared
                     if not (ontology.value(s, RDFS.label) and ontology.value(s, RDFS.comment)))
    assert missing == []


@pytest.mark.parametrize("prop", ["holder", "title", "of", "participant", "mediator", "location", "signatory",
                                  "party", "agreement", "evidence", "document", "start", "end", "text", "source",
                                  "published", "date", "endDate", "status"])
def test_properties_have_domain_and_datatype_or_object_ranges(ontology, prop):
    iri = URIRef(KGO_NS + prop)
    assert ontology.value(iri, RDFS.domain) is not None, f"kgo:{prop} has no domain"
    if (iri, RDF.type, OWL.ObjectProperty) in ontology:
        assert ontology.value(iri, RDFS.range) is not None, f"kgo:{prop} has no range"


@pytest.mark.parametrize("vocabulary", sorted(ALIGNED_TO))
def test_vocabulary_is_aligned(ontology, vocabulary):
    links = (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, RDFS.seeAlso)
    targets = {str(o) for p in links for o in ontology.objects(None, p)}
    assert any(t.startswith(ALIGNED_TO[vocabulary]) for t in targets)


@pytest.mark.parametrize("term, link, target", [
    ("Mention", RDFS.subClassOf, "http://www.w3.org/ns/prov#Entity"),
    ("evidence", RDFS.subPropertyOf, "http://www.w3.org/ns/prov#wasDerivedFrom"),
    ("Position", RDFS.subClassOf, "http://www.w3.org/ns/org#Post"),
    ("holder", RDFS.subPropertyOf, "http://www.w3.org/ns/org#heldBy"),
    ("Event", RDFS.subClassOf, "http://semanticweb.cs.vu.nl/2009/11/sem/Event"),
    ("Person", OWL.equivalentClass, "https://schema.org/Person"),
    ("date", RDFS.subPropertyOf, "http://semanticweb.cs.vu.nl/2009/11/sem/hasBeginTimeStamp"),
])
def test_key_alignments(ontology, term, link, target):
    assert (URIRef(KGO_NS + term), link, URIRef(target)) in ontology
