"""Offices from the titles around names, normalized to the canonical titles of the lexicon."""
from datetime import date

import pytest


def offices(record):
    return sorted((p.holder.name, p.title, p.of.name if p.of else None) for p in record.positions)


@pytest.mark.parametrize("text, expected", [
    ("Kenyan Foreign Minister Alfred Mutua arrived in Addis Ababa.",
     [("Alfred Mutua", "Foreign Minister", "Kenya")]),
    ("Foreign Minister of Ethiopia Demeke Mekonnen met the press.",
     [("Demeke Mekonnen", "Foreign Minister", "Ethiopia")]),
    ("Ethiopia's foreign minister Demeke Mekonnen spoke first.",
     [("Demeke Mekonnen", "Foreign Minister", "Ethiopia")]),
    ("The talks were opened by Antonio Guterres, the UN Secretary-General, in New York.",
     [("Antonio Guterres", "Secretary-General", "United Nations")]),
    ("Malian Defense Minister Sadio Camara said the army had withdrawn.",
     [("Sadio Camara", "Defence Minister", "Mali")]),
    ("NATO Secretary-General Jens Stoltenberg and Ukrainian President Volodymyr Zelensky met in Vilnius.",
     [("Jens Stoltenberg", "Secretary-General", "NATO"), ("Volodymyr Zelensky", "President", "Ukraine")]),
    ("Qatari Prime Minister Mohammed bin Abdulrahman Al Thani and his Egyptian counterpart Mostafa Madbouly spoke.",
     [("Mohammed bin Abdulrahman Al Thani", "Prime Minister", "Qatar"),
      ("Mostafa Madbouly", "Prime Minister", "Egypt")]),
    ("African Union Chairperson-in-Office and Senegalese President Macky Sall visited Moscow.",
     [("Macky Sall", "Chairperson-in-Office", "African Union"), ("Macky Sall", "President", "Senegal")]),
    # a title before a comma, with what the envoy is for in between
    ("Prisoners were freed after talks co-chaired by the UN special envoy for Yemen, Hans Grundberg.",
     [("Hans Grundberg", "Special Envoy", "United Nations")]),
    # the title nearest the name after it, not a later one in the same phrase
    ("Redwan Hussien, the national security adviser to Prime Minister Abiy Ahmed, signed for the government.",
     [("Redwan Hussien", "National Security Adviser", None), ("Abiy Ahmed", "Prime Minister", None)]),
    ("EU foreign policy chief Josep Borrell hosted the meeting.",
     [("Josep Borrell", "High Representative", "European Union")]),
    ("Colombia's chief negotiator Otty Patino told reporters the talks had ended.",
     [("Otty Patino", "Chief Negotiator", "Colombia")]),
    # an honorific between an apposed title and the name
    ("The Qatari emir, Sheikh Tamim bin Hamad Al Thani, hosted the talks.",
     [("Tamim bin Hamad Al Thani", "Emir", "Qatar")]),
    # a name the statistical model took for an organization, found by its title
    ("German Chancellor Olaf Scholz spoke.", [("Olaf Scholz", "Chancellor", "Germany")]),
    ("Germany's chancellor Olaf Scholz met Donald Tusk in Warsaw.", [("Olaf Scholz", "Chancellor", "Germany")]),
    # ... or by the title apposed after it
    ("Olaf Scholz, Germany's chancellor, met Polish Prime Minister Donald Tusk in Warsaw on Tuesday.",
     [("Olaf Scholz", "Chancellor", "Germany"), ("Donald Tusk", "Prime Minister", "Poland")]),
    ("Olaf Scholz, the German chancellor, met Donald Tusk in Warsaw.", [("Olaf Scholz", "Chancellor", "Germany")]),
    ("Egypt's intelligence chief Hassan Rashad met Hamas leaders.",
     [("Hassan Rashad", "Intelligence Chief", "Egypt")]),
    # a royal style between the title and the name
    ("Saudi Foreign Minister Prince Faisal bin Farhan welcomed the deal.",
     [("Faisal bin Farhan", "Foreign Minister", "Saudi Arabia")]),
    ("Saudi Crown Prince Mohammed bin Salman met the envoy.", [("Mohammed bin Salman", "Crown Prince", "Saudi Arabia")]),
    ("Oman's Sultan Haitham bin Tariq received the envoy.", [("Haitham bin Tariq", "Sultan", "Oman")]),
    # an office apposed before a past one: both are the person's
    ("The UN envoy, former Algerian Foreign Minister Ramtane Lamamra, arrived.",
     [("Ramtane Lamamra", "Foreign Minister", "Algeria"), ("Ramtane Lamamra", "Special Envoy", "United Nations")]),
    ("The African Union's envoy for the Horn of Africa, former Nigerian President Olusegun Obasanjo, spoke.",
     [("Olusegun Obasanjo", "President", "Nigeria"), ("Olusegun Obasanjo", "Special Envoy", "African Union")]),
    ("US Special Envoy for the Horn of Africa Mike Hammer met the leaders.",
     [("Mike Hammer", "Special Envoy", "United States")]),
    # a plural title: each person named after it holds it, of the states named before it in turn
    ("Foreign ministers Ararat Mirzoyan and Jeyhun Bayramov signed a joint declaration.",
     [("Ararat Mirzoyan", "Foreign Minister", None), ("Jeyhun Bayramov", "Foreign Minister", None)]),
    ("The Armenian and Azerbaijani foreign ministers, Ararat Mirzoyan and Jeyhun Bayramov, met in Berlin.",
     [("Ararat Mirzoyan", "Foreign Minister", "Armenia"), ("Jeyhun Bayramov", "Foreign Minister", "Azerbaijan")]),
    # capitalized, where the model takes the title word into the first name or misses that name
    ("Foreign Ministers Ararat Mirzoyan and Jeyhun Bayramov met in Berlin on Monday.",
     [("Ararat Mirzoyan", "Foreign Minister", None), ("Jeyhun Bayramov", "Foreign Minister", None)]),
    ("Talks between Deputy Prime Ministers Mher Grigoryan and Shahin Mustafayev were held on April 19.",
     [("Mher Grigoryan", "Deputy Prime Minister", None), ("Shahin Mustafayev", "Deputy Prime Minister", None)]),
    ("Greece and Turkey sent their foreign ministers, Giorgos Gerapetritis and Hakan Fidan.",  # not a place
     [("Giorgos Gerapetritis", "Foreign Minister", None), ("Hakan Fidan", "Foreign Minister", None)]),
    ("The truce was brokered with help from Qatar, whose Emir Sheikh Tamim bin Hamad Al Thani spoke with Iran.",
     [("Tamim bin Hamad Al Thani", "Emir", "Qatar")]),  # "whose": of the noun its clause hangs on
    ("The talks were hosted by Oman, whose foreign minister Badr Albusaidi shuttled between the delegations.",
     [("Badr Albusaidi", "Foreign Minister", "Oman")]),
    ("The two ministers, Sergei Lavrov and Marco Rubio, met.", []),
    ("The talks were attended by Ali Bagheri Kani, Iran's chief nuclear negotiator.",
     [("Ali Bagheri Kani", "Chief Negotiator", "Iran")]),
    ("Saudi Arabia's minister of state for foreign affairs, Adel al-Jubeir, arrived.",
     [("Adel al-Jubeir", "Minister of State for Foreign Affairs", "Saudi Arabia")]),
    # a rank between the office and the name is no office of its own
    ("Army chief General Abdel Fattah al-Burhan spoke.", [("Abdel Fattah al-Burhan", "Army Chief", None)]),
])
def test_titles_give_positions(extract_text, text, expected):
    record = extract_text(text, date(2023, 6, 1))
    got = offices(record)
    for item in expected:
        assert item in got, got


def test_a_company_before_its_officer_is_no_person(extract_text):
    record = extract_text("Goldman Sachs, the bank's president, said the talks would resume.", date(2023, 6, 1))
    assert all(a.ref.name != "Goldman Sachs" for a in record.actors)


def test_a_list_of_leaders_gives_each_their_own_title(extract_text):
    record = extract_text("Turkish President Recep Tayyip Erdogan, Russian President Vladimir Putin and "
                          "Iranian President Ebrahim Raisi met in Tehran.", date(2022, 7, 20))
    assert offices(record) == [("Ebrahim Raisi", "President", "Iran"),
                               ("Recep Tayyip Erdogan", "President", "Turkey"),
                               ("Vladimir Putin", "President", "Russia")]


def test_positions_are_dated_by_the_article(extract_text):
    record = extract_text("Sudanese Foreign Minister Ali al-Sadiq spoke.", date(2023, 6, 1))
    assert [p.date.value for p in record.positions] == ["2023-06-01"]


@pytest.mark.parametrize("text, expected", [
    ("Former Kenyan President Uhuru Kenyatta arrived in Addis Ababa on Monday.",
     [("Uhuru Kenyatta", "President", "Kenya", True)]),
    ("The mediation is led by Ellen Johnson Sirleaf, the former president of Liberia.",
     [("Ellen Johnson Sirleaf", "President", "Liberia", True)]),
    ("Kenyan President William Ruto met former Nigerian President Olusegun Obasanjo.",
     [("Olusegun Obasanjo", "President", "Nigeria", True), ("William Ruto", "President", "Kenya", False)]),
])
def test_a_past_office_is_an_office_held_before_and_undated(extract_text, text, expected):
    record = extract_text(text, date(2023, 5, 8))
    found = sorted((p.holder.name, p.title, p.of.name if p.of else None, p.former) for p in record.positions)
    assert found == expected
    assert all((p.date is None) == p.former for p in record.positions)


def test_a_former_president_who_mediates_stands_for_himself_not_his_state(extract_text):
    record = extract_text("Ethiopia and the TPLF signed a truce in Pretoria on Wednesday, in talks mediated by former "
                          "Kenyan President Uhuru Kenyatta.", date(2022, 11, 2))
    mediators = {m.name for e in record.events for m in e.mediators}
    assert "Uhuru Kenyatta" in mediators and "Kenya" not in mediators


@pytest.mark.parametrize("text, expected", [
    ("Thailand's acting Prime Minister Phumtham Wechayachai flew to Kuala Lumpur.",
     ("Phumtham Wechayachai", "Prime Minister", "Thailand", False)),
    ("Sudan's interim Prime Minister Kamil Idris flew to Cairo.", ("Kamil Idris", "Prime Minister", "Sudan", False)),
    ("Germany's outgoing Chancellor Olaf Scholz flew to Kyiv.", ("Olaf Scholz", "Chancellor", "Germany", False)),
    ("Thailand's former Prime Minister Thaksin Shinawatra flew to Phnom Penh.",
     ("Thaksin Shinawatra", "Prime Minister", "Thailand", True)),
])
def test_a_word_between_the_state_and_the_title_keeps_whose_office_it_is(extract_text, text, expected):
    record = extract_text(text, date(2025, 7, 28))
    assert [(p.holder.name, p.title, p.of.name if p.of else None, p.former) for p in record.positions] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The deal was signed by Getachew Reda, a spokesman for the Tigray People's Liberation Front.",
     ("Getachew Reda", "Spokesperson", "Tigray People's Liberation Front")),
    ("The talks were led by Volker Perthes, the special envoy for Sudan.", ("Volker Perthes", "Special Envoy", None)),
])
def test_a_spokesman_for_a_body_speaks_for_it_an_envoy_for_a_country_is_sent_there(extract_text, text, expected):
    assert offices(extract_text(text, date(2022, 11, 2))) == [expected]


def test_a_spokesman_for_a_body_named_after_a_state_does_not_speak_for_the_state(extract_text):
    record = extract_text('"It is a generic name," said Hans Arne Kristiansen, a spokesman for the Danish Dairy Board.',
                          date(2022, 11, 2))
    assert offices(record) == [("Hans Arne Kristiansen", "Spokesperson", None)]


@pytest.mark.parametrize("text, office", [
    ("Colombia and the ELN rebels agreed a truce on Friday. Colombia will free prisoners. President Gustavo Petro "
     "and ELN commander Antonio Garcia signed the accord in Havana on 9 June 2023.", ("Gustavo Petro", "Colombia")),
])
def test_a_signatory_s_state_office_is_held_in_the_one_state_the_agreement_binds(extract_text, text, office):
    record = extract_text(text, date(2023, 6, 10))
    assert office in {(p.holder.name, p.of.name if p.of else None) for p in record.positions}


def test_a_president_named_beside_a_deal_between_two_states_gets_no_state(extract_text):
    record = extract_text("Kenya and Somalia signed a peace accord in Doha on 3 May 2021; Kenya and Somalia will "
                          "open embassies. President Joe Roe signed the accord.", date(2021, 5, 4))
    assert ("Joe Roe", None) in {(p.holder.name, p.of.name if p.of else None) for p in record.positions}


@pytest.mark.parametrize("text, expected", [
    # the title of the person met, with an honorific before the name, is not the speaker's
    ("U.S. Secretary of State Antony Blinken, speaking in Doha after meeting Qatari Prime Minister Sheikh Mohammed "
     "bin Abdulrahman Al Thani, said some changes were not workable.",
     [("Antony Blinken", "Foreign Minister", "United States"),
      ("Mohammed bin Abdulrahman Al Thani", "Prime Minister", "Qatar")]),
    # nor is a title named in a clause after the name
    ("Sergei Lavrov, speaking after talks with the Turkish foreign minister, said the deal would hold.", []),
    ("Ann Linde, who chairs the OSCE, met the Armenian foreign minister.", []),
    # a word that begins with a title is not one
    ("Mahmoud Abbas, the Palestinian presidential candidate, spoke in Ramallah.", []),
    # while an apposed title keeps its modifiers
    ("Ann Linde, the then Swedish foreign minister, opened the meeting.", [("Ann Linde", "Foreign Minister", "Sweden")]),
])
def test_a_title_after_a_name_is_its_own_only_when_apposed(extract_text, text, expected):
    assert offices(extract_text(text, date(2023, 6, 1))) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Ukrainian delegation was led by Defence Minister Rustem Umerov.",
     [("Rustem Umerov", "Defence Minister", "Ukraine")]),
    ("Vladimir Medinsky, an aide to the president, headed the Russian team.",
     [("Vladimir Medinsky", "Aide", "Russia")]),
])
def test_who_leads_a_state_s_delegation_holds_an_office_of_that_state(extract_text, text, expected):
    assert offices(extract_text(text)) == expected


def test_an_envoy_of_a_head_of_state_is_an_envoy_of_that_state(extract_text):
    record = extract_text("U.S. President Donald Trump's special envoy Steve Witkoff met Putin in Moscow on Friday.")
    assert ("Steve Witkoff", "Special Envoy", "United States") in offices(record)


TITLE_LINES = [
    "Armenian Foreign Minister Ararat Mirzoyan met his Azerbaijani counterpart in Geneva.",
    "the UN special envoy for Yemen, Hans Grundberg, said the talks would resume",
    "FOREIGN  MINISTER   Jeyhun Bayramov and Secretary - General Antonio Guterres spoke",
    "the Armenian and Azerbaijani foreign ministers, Ararat Mirzoyan and Jeyhun Bayramov",
    "Foreign ministers\tA and B, the Prime Minister's office and President  \t  Ruto",
    "the \u017fpokesman Ali, the spo\u212aesman Omar and Prime M\u0130nister Musa and M\u0131nister Ali",  # letters re folds its own way
    " " * 70 + "President" + " " * 90 + "Ruto",  # more white space than the test reads back
]


@pytest.mark.parametrize("line", TITLE_LINES)
def test_the_title_patterns_are_tried_wherever_a_title_can_end(line):
    """The quick test before the title patterns never turns one away where it would match: tried at every
    place of the line, from its start and from further in, singular and plural."""
    from kg.extract.positions import title_ends, titles_ending_patterns
    from kg.resources import load_lexicon

    variants = tuple(load_lexicon().titles)
    ends = title_ends(variants)
    matched = turned_away = 0
    for line_start in (0, 6):
        for pos in range(line_start, len(line) + 1):
            for pattern, plural in zip(titles_ending_patterns(variants), (False, True)):
                may_end = ends.may_end_at(line, line_start, pos, plural=plural)
                if pattern.search(line, line_start, pos):
                    matched += 1
                    assert may_end, (line[line_start:pos], plural)
                turned_away += not may_end
    assert matched and turned_away
