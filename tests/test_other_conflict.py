"""A hand-written article about another conflict (Sudan, a Saudi-US mediated truce, a UN envoy, two
dates) builds into the right actors, offices, events and mediators."""
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "other-conflict"
PREFIXES = """PREFIX kgo: <https://w3id.org/kgnews/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="module")
def graph(built_graph):
    return built_graph(FIXTURE)


def labels(graph, query):
    return sorted(str(row[0]) for row in graph.query(PREFIXES + query))


@pytest.mark.parametrize("cls, name", [
    ("State", "Sudan"), ("State", "Saudi Arabia"), ("State", "United States"),
    ("Organization", "Rapid Support Forces"), ("Organization", "Sudanese Armed Forces"),
    ("Organization", "United Nations"), ("Person", "Volker Perthes"), ("Person", "Faisal bin Farhan"),
    ("Person", "Abdel Fattah al-Burhan"), ("Place", "Khartoum"), ("Place", "Jeddah"),
])
def test_actors(graph, cls, name):
    assert name in labels(graph, f"SELECT ?l WHERE {{ ?a a kgo:{cls} ; rdfs:label ?l }}")


@pytest.mark.parametrize("holder, title, of", [
    ("Faisal bin Farhan", "Foreign Minister", "Saudi Arabia"),
    ("Volker Perthes", "Special Envoy", "United Nations"),
])
def test_positions(graph, holder, title, of):
    assert labels(graph, f"""SELECT ?t WHERE {{ ?p a kgo:Position ; kgo:title ?t ;
        kgo:holder/rdfs:label "{holder}" ; kgo:of/rdfs:label "{of}" }}""") == [title]


def test_mediated_ceasefire(graph):
    mediators = labels(graph, """SELECT ?m WHERE { ?e a kgo:Ceasefire ; kgo:date "2023-05-20"^^xsd:date ;
        kgo:participant/rdfs:label "Rapid Support Forces" ; kgo:mediator/rdfs:label ?m }""")
    assert mediators == ["Saudi Arabia", "United States"]
    assert labels(graph, """SELECT ?m WHERE { ?a a kgo:Agreement ; kgo:date "2023-05-20"^^xsd:date ;
        kgo:mediator/rdfs:label ?m }""") == ["Saudi Arabia", "United States"]


def test_fighting_dated_and_located(graph):
    assert labels(graph, """SELECT ?l WHERE { ?e a kgo:ArmedConflict ; kgo:date "2023-04-15"^^xsd:date ;
        kgo:location/rdfs:label ?l }""") == ["Khartoum"]


def test_envoy_statement(graph):
    assert labels(graph, """SELECT ?d WHERE { ?e a kgo:Statement ; kgo:participant/rdfs:label "Volker Perthes" ;
        kgo:date ?d }""") == ["2023-05-21"]


def test_negated_negotiation_is_not_asserted(graph):
    assert labels(graph, """SELECT ?t WHERE { ?e a kgo:Negotiation ; kgo:evidence/kgo:text ?t .
        FILTER(CONTAINS(?t, "no negotiations")) }""") == []


def test_news_agency_in_dateline_is_no_actor(graph):
    assert labels(graph, 'SELECT ?a WHERE { ?a rdfs:label "Test Wire" }') == []
