"""Events and agreements from hand-made sentences about other conflicts: class, date, participants,
mediators, status; negated and wished-for events are not asserted."""
from datetime import date

import pytest

PUB = date(2023, 5, 21)


def events(record):
    return sorted((e.cls, e.date.value if e.date else None, tuple(sorted(p.name for p in e.participants)),
                   tuple(sorted(m.name for m in e.mediators)), e.status) for e in record.events)


def by_class(record, cls):
    return [e for e in record.events if e.cls == cls]


def test_mediated_ceasefire_with_agreement(extract_text):
    record = extract_text("With the mediation of Doha, on the night of March 3 the Taliban and the United States "
                          "agreed to cease fire.", PUB)
    (ceasefire,) = by_class(record, "Ceasefire")
    assert ceasefire.date.value == "2023-03-03"
    assert "Qatar" in {m.name for m in ceasefire.mediators}
    assert ceasefire.agreement is not None and ceasefire.agreement in record.agreements


def test_brokered_deal_that_ends_a_war_is_a_ceasefire(extract_text):
    record = extract_text("Ethiopia and Eritrea fought a war over Badme. The two-year war ended in June 2000 "
                          "with an Algerian-brokered deal.", PUB)
    (agreement,) = record.agreements
    assert agreement.date.value == "2000-06" and {m.name for m in agreement.mediators} == {"Algeria"}
    (ceasefire,) = by_class(record, "Ceasefire")
    assert ceasefire.agreement is agreement


def test_signing_links_its_agreement_and_signatories(extract_text):
    record = extract_text("On July 22, 2022, Russian Defence Minister Sergei Shoigu and Ukrainian Infrastructure "
                          "Minister Oleksandr Kubrakov signed an agreement in Istanbul.", PUB)
    (signing,) = by_class(record, "Signing")
    assert signing.date.value == "2022-07-22"
    assert signing.agreement is not None
    assert {"Sergei Shoigu", "Oleksandr Kubrakov"} <= {s.name for s in signing.agreement.signatories}
    assert {"Russia", "Ukraine"} <= {p.name for p in signing.agreement.parties}


@pytest.mark.parametrize("text", [
    "No negotiations between Serbia and Kosovo are under way.",
    "Serbia and Kosovo did not meet in Brussels.",
    "The envoy called on Kyiv to release the prisoners.",
    "Asked whether talks with Moscow were planned, the minister declined to comment.",
])
def test_negated_or_wished_for_events_are_not_asserted(extract_text, text):
    record = extract_text(text, PUB)
    assert [e for e in record.events if e.cls in ("Negotiation", "Meeting", "Release")] == []


def test_scheduled_meeting_is_planned(extract_text):
    record = extract_text("Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev met in "
                          "Granada in October. Their next meeting is scheduled for June.", date(2024, 2, 1))
    planned = [e for e in by_class(record, "Meeting") if e.status == "planned"]
    assert [e.date.value for e in planned] == ["2024-06"]
    assert {p.name for p in planned[0].participants} == {"Nikol Pashinyan", "Ilham Aliyev"}


@pytest.mark.parametrize("text, expected", [
    # a month without a year: the one to come for what is planned, the last one for what happened
    ("Nikos Christodoulides and Ersin Tatar agreed to meet again in July.", ("2025-07", "planned")),
    ("Nikos Christodoulides and Ersin Tatar met in July.", ("2024-07", None)),
    ("Nikos Christodoulides and Ersin Tatar agreed to meet again in March.", ("2025-03", "planned")),  # this month
    # a verb joined to a planned one, with no subject or tense of its own, is planned too
    ("Nikos Christodoulides and Ersin Tatar agreed to open more crossing points and to meet again in July.",
     ("2025-07", "planned")),
    ("Nikos Christodoulides and Ersin Tatar will open more crossing points and meet again in July.",
     ("2025-07", "planned")),
    ("Nikos Christodoulides and Ersin Tatar agreed to open more crossing points and met again in July.",
     ("2024-07", None)),
    # a narrative's own year stays
    ("In 2019, Nikos Christodoulides and Ersin Tatar agreed to meet again in July.", ("2019-07", "planned")),
])
def test_a_planned_meeting_in_a_month_without_a_year_is_the_next_such_month(extract_text, text, expected):
    (meeting,) = by_class(extract_text(text, date(2025, 3, 19)), "Meeting")
    assert (meeting.date.value, meeting.status) == expected


def test_coordinated_dates_give_one_event_each(extract_text):
    record = extract_text("Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti met in "
                          "Brussels in February and March.", date(2023, 6, 1))
    assert sorted(e.date.value for e in by_class(record, "Meeting")) == ["2023-02", "2023-03"]


def test_date_is_the_one_governing_the_trigger(extract_text):
    record = extract_text("Tensions remained high after January 5, but the army launched a military operation "
                          "in Tigray on November 4, 2020.", date(2021, 1, 10))
    (operation,) = by_class(record, "MilitaryOperation")
    assert operation.date.value == "2020-11-04"


def test_undated_conflict_mentions_are_not_events(extract_text):
    record = extract_text("The conflict in Yemen has no military solution, the envoy said.", PUB)
    assert by_class(record, "ArmedConflict") == []


def test_institutional_statement_and_press_remarks(extract_text):
    record = extract_text("The Egyptian Foreign Ministry said the talks would continue. "
                          "Egyptian Foreign Minister Sameh Shoukry told reporters that Cairo was ready.", PUB)
    speakers = sorted(tuple(sorted(p.name for p in e.participants)) for e in by_class(record, "Statement"))
    assert ("Egypt", "Ministry of Foreign Affairs of Egypt") in speakers
    assert any("Sameh Shoukry" in s for s in speakers)
    assert all(e.date is not None and e.date.value == "2023-05-21" for e in by_class(record, "Statement"))


def test_remarks_at_a_meeting_belong_to_the_meeting(extract_text):
    record = extract_text("Kenyan President William Ruto said on Sunday at a meeting with visiting UN "
                          "Secretary-General Antonio Guterres that the region needed peace.", PUB)
    assert by_class(record, "Statement") == []
    (meeting,) = by_class(record, "Meeting")
    assert {"William Ruto", "Antonio Guterres"} <= {p.name for p in meeting.participants}
    assert meeting.date.value == "2023-05-21"


def test_capital_for_government_and_capital_as_place(extract_text):
    record = extract_text("Kyiv said Moscow had broken the truce. The delegations met in Ankara.", PUB)
    names = {(a.ref.cls, a.ref.name) for a in record.actors}
    assert ("State", "Ukraine") in names and ("State", "Russia") in names
    assert ("Place", "Ankara") in names and ("State", "Turkey") not in names


def test_news_agencies_are_sources_not_actors(extract_text):
    record = extract_text("KHARTOUM, May 3 (Reuters) - The army said, AFP reported, that talks would resume.", PUB)
    names = {a.ref.name for a in record.actors}
    assert not names & {"Reuters", "AFP"}


@pytest.mark.parametrize("text, speaker", [
    ("Eritrea's Information Minister Yemane Gebremeskel wrote on Twitter that the war had ended.", "Yemane Gebremeskel"),
    ("Zelensky said on Telegram that talks with Russia would resume.", "Zelensky"),
    ("The ministry said in a post on Facebook that the talks had been postponed.", None),
])
def test_social_media_platforms_are_where_someone_speaks_not_actors(extract_text, text, speaker):
    record = extract_text(text, PUB)
    names = {a.ref.name for a in record.actors}
    assert not names & {"Twitter", "Telegram", "Facebook"}
    if speaker:
        assert speaker in names


@pytest.mark.parametrize("text, expected", [
    # a meeting in -ing after "after", "following", "while": it happened, and whoever speaks took part
    ("U.S. Secretary of State Antony Blinken, speaking in Doha after meeting Qatari Prime Minister Sheikh Mohammed "
     "bin Abdulrahman Al Thani on Wednesday, said some changes were not workable.",
     [("Meeting", "2023-05-17", ("Antony Blinken", "Mohammed bin Abdulrahman Al Thani"), (), None)]),
    ("After meeting Kenyan President William Ruto in Nairobi on Monday, Ugandan President Yoweri Museveni flew home.",
     [("Meeting", "2023-05-15", ("William Ruto", "Yoweri Museveni"), (), None)]),
    # ... but not one only insisted on
    ("Russian Foreign Minister Sergei Lavrov insisted on meeting Antony Blinken in Geneva.", []),
])
def test_a_meeting_after_which_someone_acts_happened(extract_text, text, expected):
    assert [e for e in events(extract_text(text, PUB)) if e[0] == "Meeting"] == expected


def test_talks_with_someone_after_which_a_side_speaks_include_that_side(extract_text):
    record = extract_text("Ukraine said after talks with U.S. officials in Jeddah on Tuesday that it was ready to "
                          "accept a ceasefire.", PUB)
    assert [e[:3] for e in events(record) if e[0] == "Negotiation"] == [
        ("Negotiation", "2023-05-16", ("Ukraine", "United States"))]


@pytest.mark.parametrize("text, expected", [
    # a place that modifies the event noun is where it happened, not a side; a capital too, plural noun or not
    ("The Geneva talks between Russia and the United States ended on Monday.",
     [("Negotiation", ("Russia", "United States"), "Geneva")]),
    ("The Doha talks between Hamas and Israel stalled on Monday.", [("Negotiation", ("Hamas", "Israel"), "Doha")]),
    ("Aid was paused after a heated Oval Office meeting between Ukrainian President Volodymyr Zelenskyy and "
     "U.S. President Donald Trump on Friday.",
     [("Meeting", ("Donald Trump", "Volodymyr Zelenskyy"), "Oval Office")]),
])
def test_a_place_before_the_event_noun_is_its_location(extract_text, text, expected):
    record = extract_text(text, PUB)
    assert [(e.cls, tuple(sorted(p.name for p in e.participants)), e.location.name if e.location else None)
            for e in record.events if e.cls != "Statement"] == expected


@pytest.mark.parametrize("text, state", [
    ("The White House said the talks had been productive.", "United States"),
    ("Downing Street welcomed the deal on Tuesday.", "United Kingdom"),
    ("The Elysee Palace said Macron would travel to Kyiv.", "France"),
])
def test_a_seat_of_government_stands_for_its_state(extract_text, text, state):
    assert ("State", state) in {(a.ref.cls, a.ref.name) for a in extract_text(text, PUB).actors}


def test_army_opening_a_sentence_is_the_army_named_before(extract_text):
    record = extract_text("Sudan's army and the RSF agreed to talks in Jeddah on Monday. Army chief Abdel Fattah "
                          "al-Burhan said on Tuesday the army would not negotiate.", PUB)
    organizations = sorted(a.ref.name for a in record.actors if a.ref.cls == "Organization")
    assert organizations == ["Rapid Support Forces", "Sudanese Armed Forces"]
    alone = extract_text("Army chief Abdel Fattah al-Burhan said on Tuesday he would not negotiate.", PUB)
    assert not [a for a in alone.actors if a.ref.cls == "Organization"]  # no "Army" of its own


@pytest.mark.parametrize("text, speakers", [
    # a ministry's statement and a spokesman's remarks to reporters the same day are two statements
    ("The Russian Defence Ministry said Moscow had received 307 soldiers. Kremlin spokesman Dmitry Peskov told "
     "reporters a memorandum would be handed over.",
     [("Dmitry Peskov", "Russia"), ("Ministry of Defence of Russia", "Russia")]),
    # the same person adding more is one; so is a body's statement that its state's capital goes on with
    ("Kremlin spokesman Dmitry Peskov told reporters Moscow was ready. Peskov added that talks could resume.",
     [("Dmitry Peskov", "Russia")]),
    ("The Azerbaijani Foreign Ministry said the talks were useful. The ministers also discussed prisoners, Baku "
     "said.", [("Azerbaijan", "Ministry of Foreign Affairs of Azerbaijan")]),
])
def test_statements_are_one_per_speaker(extract_text, text, speakers):
    statements = [e for e in extract_text(text, PUB).events if e.cls == "Statement"]
    assert sorted(tuple(sorted(p.name for p in e.participants)) for e in statements) == speakers


@pytest.mark.parametrize("text, place", [
    ("Chinese Foreign Minister Wang Yi visited Moscow on Monday for talks with Sergei Lavrov.", "Moscow"),
    ("Kenyan President William Ruto flew to Kampala on Monday for talks with Yoweri Museveni.", "Kampala"),
])
def test_talks_a_trip_is_for_are_where_it_went(extract_text, text, place):
    (talks,) = by_class(extract_text(text, PUB), "Negotiation")
    assert talks.location is not None and talks.location.name == place


def test_what_a_plan_would_begin_with_is_planned(extract_text):
    (truce,) = by_class(extract_text("The plan would begin with a six-week truce between Israel and Hamas.", PUB),
                        "Ceasefire")
    assert truce.status == "planned"


@pytest.mark.parametrize("text, participants, mediators", [
    ("Egyptian-led talks between Israel and Hamas resumed in Cairo on Tuesday.", {"Israel", "Hamas"}, {"Egypt"}),
    ("The African Union-led negotiations between Ethiopia and the TPLF ended on Friday.",
     {"Ethiopia", "Tigray People's Liberation Front"}, {"African Union"}),
    ("Israeli-led talks with Hamas failed on Monday.", {"Hamas"}, set()),  # a side leads them
])
def test_who_leads_talks_between_others_mediates_them(extract_text, text, participants, mediators):
    talks, = by_class(extract_text(text, PUB), "Negotiation")
    assert {p.name for p in talks.participants} == participants
    assert {m.name for m in talks.mediators} == mediators


def test_a_coalition_led_by_a_state_is_no_mediation(extract_text):
    record = extract_text("A US-led coalition struck Houthi targets in Yemen on Monday.", PUB)
    assert not any(e.mediators for e in record.events)


@pytest.mark.parametrize("text, date, place", [
    ("Kinshasa accused Kigali of violating the truce signed in Doha in 2020.", "2020", "Doha"),
    ("Both sides violated the ceasefire reached in Addis Ababa in November 2022.", "2022-11", "Addis Ababa"),
    # the parser hangs "agreed" on "accused": its dates are still the ceasefire's, not the accusation's
    ("Kinshasa accused Kigali of violating the ceasefire agreed in Luanda last year.", "2022", "Luanda"),
])
def test_a_truce_is_dated_and_placed_where_it_was_made(extract_text, text, date, place):
    record = extract_text(text, PUB)
    ceasefire, = by_class(record, "Ceasefire")
    assert ceasefire.date.value == date and ceasefire.location.name == place
    assert all(e.date is None or e.date.value != date for e in by_class(record, "Statement"))


@pytest.mark.parametrize("text, place", [
    ("Talks between the Congolese government and the M23 are due to resume in Doha next month.", "Doha"),
    ("Negotiations between Kenya and Somalia are expected to take place in Nairobi in July.", "Nairobi"),
])
def test_talks_to_come_are_placed_by_the_verb_that_completes_their_clause(extract_text, text, place):
    talks, = by_class(extract_text(text, PUB), "Negotiation")
    assert talks.location.name == place and talks.status == "planned"


def test_the_state_whose_warring_parties_agree_is_not_one_of_them(extract_text):
    record = extract_text("Sudan's army and the RSF met in Jeddah. Sudan's warring parties agreed to a truce on "
                          "Thursday.", PUB)
    ceasefire, = by_class(record, "Ceasefire")
    assert {p.name for p in ceasefire.participants} == {"Sudanese Armed Forces", "Rapid Support Forces"}
    assert not ceasefire.mediators


@pytest.mark.parametrize("text, place, sides", [
    ("Sudan and South Sudan held talks in the Red Sea city of Jeddah on Monday.", "Jeddah", None),
    ("Sudan and South Sudan held talks in the Red Sea city on Monday.", None, {"Sudan", "South Sudan"}),
    ("Russia struck the Black Sea port on Tuesday.", None, {"Russia"}),
])
def test_the_region_a_settlement_lies_in_is_neither_its_place_nor_a_side(extract_text, text, place, sides):
    record = extract_text(text, PUB)
    event, = record.events
    assert (event.location.name if event.location else None) == place
    assert "Red Sea" not in {p.name for p in event.participants} and "Black Sea" not in {
        p.name for p in event.participants}
    if sides is not None:
        assert {p.name for p in event.participants} == sides


def test_who_chairs_the_session_of_two_sides_mediates_it(extract_text):
    meeting, = extract_text("Russian and Ukrainian delegations met in Istanbul on Friday, with Turkish Foreign "
                            "Minister Hakan Fidan chairing the session.", PUB).events
    assert {p.name for p in meeting.participants} == {"Russia", "Ukraine"}
    assert {m.name for m in meeting.mediators} == {"Turkey"}


def test_who_chairs_a_body_s_own_meeting_does_not_mediate_it(extract_text):
    record = extract_text("Gordon Brown visited Tanzania on Monday before chairing a meeting of the Commission for "
                          "Africa in Cape Town.", PUB)
    assert by_class(record, "Meeting") and not any(e.mediators for e in record.events)


def test_an_undated_truce_joins_the_truce_of_the_article_not_an_older_named_agreement(extract_text):
    record = extract_text("Yemen's warring parties agree to UN-brokered truce\n\nYemen's government and the Houthi "
                          "movement have agreed to a two-month nationwide truce, the UN envoy said on Friday.\n\n"
                          "The 2018 Stockholm Agreement, signed by the two sides in Sweden, eased the fighting.",
                          date(2022, 4, 2))
    truce, = [a for a in record.agreements if a.kind == "ceasefire"]
    stockholm, = [a for a in record.agreements if a.kind != "ceasefire"]
    assert truce.date.value == "2022-04-01" and {m.name for m in truce.mediators} == {"United Nations"}
    assert stockholm.date.value == "2018" and not stockholm.mediators


@pytest.mark.parametrize("text", [
    "The 2018 Stockholm Agreement averted an assault on the port of Hodeidah.",
    "Talks in Jeddah prevented a war between the two countries.",
])
def test_what_was_averted_did_not_happen(extract_text, text):
    record = extract_text(text, PUB)
    assert not by_class(record, "MilitaryOperation") and not by_class(record, "ArmedConflict")


def test_a_former_leader_of_a_third_state_at_the_sides_talks_mediates_them(extract_text):
    record = extract_text("Ethiopia and TPLF hold talks\n\nEthiopia and the TPLF held peace talks in Pretoria on "
                          "Tuesday. Former Nigerian President "
                          "Olusegun Obasanjo, who led the talks, said progress was made.", PUB)
    talks, = by_class(record, "Negotiation")
    assert {m.name for m in talks.mediators} == {"Olusegun Obasanjo"}
    assert "Olusegun Obasanjo" not in {p.name for p in talks.participants}


def test_a_former_leader_of_one_side_is_no_mediator(extract_text):
    record = extract_text("Ethiopia and Eritrea hold talks\n\nEthiopia and Eritrea held talks in Asmara on Tuesday. "
                          "Former Ethiopian Prime Minister "
                          "Hailemariam Desalegn, who attended the talks, said progress was made.", PUB)
    assert not any(e.mediators for e in record.events)


def test_a_city_is_where_a_signing_happened_rather_than_its_country(extract_text):
    record = extract_text("Ethiopia, Tigray forces sign truce in South Africa\n\nThe deal was signed in Pretoria on "
                          "Wednesday by Ethiopia and the TPLF.", PUB)
    signing, = by_class(record, "Signing")
    assert signing.location.name == "Pretoria"


def test_leaders_with_a_modifier_naming_no_one_are_others_than_those_just_named(extract_text):
    record = extract_text("Putin and Trump met in Alaska on August 15. The following day, Zelensky met European "
                          "leaders.", date(2025, 9, 20))
    second, = [e for e in by_class(record, "Meeting") if e.date.value == "2025-08-16"]
    assert {p.name for p in second.participants} == {"Zelensky"}


def test_a_meeting_at_a_building_is_placed_in_the_city_it_stands_in(extract_text):
    meeting, = by_class(extract_text("Cambodian Prime Minister Hun Manet and Thai Prime Minister Phumtham Wechayachai "
                                     "met at Anwar's official residence in Putrajaya on Monday.", PUB), "Meeting")
    assert meeting.location.name == "Putrajaya"


def test_who_organised_the_talks_mediates_them(extract_text):
    talks, = by_class(extract_text("Thailand and Cambodia held talks in Putrajaya on Monday. The talks were "
                                   "co-organised by the United States.", PUB), "Negotiation")
    assert "United States" in {m.name for m in talks.mediators}


@pytest.mark.parametrize("text, operation", [
    ("Mr Mousa was arrested with eight men seized at a hotel in Basra in September 2003.", False),
    ("Gunmen seized two journalists in Mogadishu on Monday.", False),
    ("The M23 captured Bukavu in February.", True),
])
def test_seizing_people_is_an_arrest_seizing_a_place_an_operation(extract_text, text, operation):
    assert bool(by_class(extract_text(text, PUB), "MilitaryOperation")) == operation


@pytest.mark.parametrize("text, sides", [
    ("The ELN said on Monday it would fight on. The rebels attacked an army base in Arauca on Tuesday.",
     {"National Liberation Army"}),
    ("The M23 seized Goma in January. The group bombed Bukavu airport on Tuesday.", {"M23"}),
    # the last organization named is no armed group: "the group" is none of the article's
    ("The M23 seized Goma in January. The European Union said the group attacked Bukavu on Tuesday.", set()),
])
def test_the_group_or_the_rebels_are_the_armed_group_just_named(extract_text, text, sides):
    operations = [e for e in by_class(extract_text(text, PUB), "MilitaryOperation") if e.date.value.endswith("-16")]
    assert operations and {p.name for p in operations[0].participants} == sides


def test_a_truce_is_brokered_by_whoever_brokered_the_article_s_one_agreement(extract_text):
    record = extract_text("A ceasefire between Israel and Hezbollah took effect on Wednesday. The agreement, brokered "
                          "by the United States and France, was approved by Israel's security cabinet on Tuesday.",
                          date(2024, 11, 27))
    ceasefire, = by_class(record, "Ceasefire")
    assert ceasefire.date.value == "2024-11-27"  # its own day, not the agreement's
    assert {m.name for m in ceasefire.mediators} == {"United States", "France"}
    assert ceasefire.agreement is not None


@pytest.mark.parametrize("text, mediator", [
    ("Serbia and Kosovo held talks in Ohrid on Saturday. The EU's envoy for the Belgrade-Pristina dialogue, "
     "Miroslav Lajcak, attended the talks.", "European Union"),
    ("Serbia and Kosovo reached a deal on Saturday after talks on an EU-sponsored plan.", "European Union"),
])
def test_who_sends_an_envoy_for_the_talks_or_sponsors_them_mediates(extract_text, text, mediator):
    record = extract_text(text, PUB)
    assert mediator in {m.name for e in record.events for m in e.mediators}
    assert mediator not in {p.name for e in by_class(record, "Negotiation") for p in e.participants}


def test_a_war_named_after_its_years_in_an_after_phrase_is_dated_by_them(extract_text):
    war, = by_class(extract_text("Kosovo declared independence in 2008, a decade after the 1998-99 war between "
                                 "Serbia and ethnic Albanian rebels.", PUB), "ArmedConflict")
    assert (war.date.value, war.end_date.value) == ("1998", "1999")
    assert "Albania" not in {p.name for p in war.participants}  # an ethnic group, not the state


@pytest.mark.parametrize("text", [
    "Peskov said on Monday that Moscow was drafting a memorandum.",
    "The two sides are negotiating a ceasefire, officials said on Monday.",
    "Mediators are working on a deal between Israel and Hamas, Qatar said on Monday.",
    "Armenia agreed on Friday to return four border villages to Azerbaijan, a step toward a peace treaty.",
    "Israel and Hamas moved closer towards a hostage deal on Tuesday, Egypt said.",
])
def test_an_agreement_still_in_the_making_is_none_yet(extract_text, text):
    record = extract_text(text, PUB)
    assert not record.agreements and not by_class(record, "Ceasefire")


@pytest.mark.parametrize("text, mediator", [
    ("Qatar negotiated a ceasefire between Israel and Hamas on Monday.", "Qatar"),
    ("Turkey arranged talks between Russia and Ukraine in Istanbul on Friday.", "Turkey"),
])
def test_who_brings_about_talks_or_a_truce_between_others_mediates(extract_text, text, mediator):
    record = extract_text(text, PUB)
    assert all(mediator in {m.name for m in e.mediators} and mediator not in {p.name for p in e.participants}
               for e in record.events) and record.events


def test_it_that_follows_or_is_the_news_is_no_actor(extract_text):
    record = extract_text("Armenia and Azerbaijan sign deal\n\nArmenia and Azerbaijan signed a deal on Monday. It "
                          "follows talks in Washington last week.", PUB)
    talks, = by_class(record, "Negotiation")
    assert {p.name for p in talks.participants} == {"Armenia", "Azerbaijan"}  # the two sides, not the last named


def test_it_is_the_state_named_just_before_whatever_was_recognized_first(extract_text):
    record = extract_text("China's foreign ministry urged restraint on Wednesday.\n\nIndia said on Wednesday it had "
                          "struck nine sites in Pakistan.", PUB)
    strike, = by_class(record, "MilitaryOperation")
    assert "India" in {p.name for p in strike.participants}
    assert not any("China" in p.name for p in strike.participants)


def test_what_is_answered_is_not_the_answering_side_s_doing(extract_text):
    record = extract_text("India said it struck nine sites in Pakistan on Wednesday in response to an attack on "
                          "Hindu tourists in Pahalgam on April 22.", PUB)
    assert all("India" not in {p.name for p in e.participants}
               for e in by_class(record, "MilitaryOperation") if e.date.value == "2023-04-22")


@pytest.mark.parametrize("text, cls, sides", [
    # who is accused of breaking a truce is one of its sides
    ("Kinshasa accused Kigali of violating the ceasefire.", "Ceasefire", {"Democratic Republic of the Congo", "Rwanda"}),
    ("Israel blamed Hamas for breaking the truce.", "Ceasefire", {"Israel", "Hamas"}),
    # a strike is on the state its targets are in; what happened before a call is no call's wish
    ("China urged India and Pakistan to exercise restraint after Indian missiles struck nine sites in Pakistan "
     "overnight.", "MilitaryOperation", {"India", "Pakistan"}),
    ("Israeli jets struck targets in Lebanon on Monday.", "MilitaryOperation", {"Israel", "Lebanon"}),
])
def test_the_sides_of_an_event_named_around_it(extract_text, text, cls, sides):
    event, = by_class(extract_text(text, PUB), cls)
    assert {p.name for p in event.participants} == sides


@pytest.mark.parametrize("text, speaker", [
    ("Zelensky wrote on X on Monday that Ukraine was ready for talks.", "Zelensky"),
    ("Donald Trump said in a post on Truth Social on Monday that the war would end.", "Donald Trump"),
])
def test_a_person_s_words_on_social_media_are_a_statement(extract_text, text, speaker):
    statement, = by_class(extract_text(text, PUB), "Statement")
    assert speaker in {p.name for p in statement.participants}


@pytest.mark.parametrize("text, place", [
    ("Chinese President Xi Jinping paid a state visit to France in May.", "France"),
    ("Blinken's visit to Kyiv on Wednesday was unannounced.", "Kyiv"),
])
def test_a_visit_is_placed_where_it_went(extract_text, text, place):
    visit, = by_class(extract_text(text, PUB), "Visit")
    assert visit.location.name == place


def test_an_agreement_signed_in_a_participle_the_parser_hangs_on_the_verb_after_it_is_made_then(extract_text):
    record = extract_text("Under the Doha framework agreement, signed on Nov. 15, both sides committed to a "
                          "permanent ceasefire.", date(2025, 11, 20))
    agreement, = [a for a in record.agreements if a.kind != "ceasefire"]
    assert agreement.date.value == "2025-11-15"


def test_opening_fire_is_a_military_operation(extract_text):
    record = extract_text("Armenia said on Tuesday that Azerbaijani forces had opened fire on its positions on the "
                          "border, killing four soldiers.", PUB)
    operation, = by_class(record, "MilitaryOperation")
    assert "Azerbaijan" in {p.name for p in operation.participants}


@pytest.mark.parametrize("text, began", [
    ("Sudan has been at war since April 2023.", "2023-04"),
    ("Fighting between Israel and Hamas has raged since October 7.", "2022-10-07"),
    ("It was the worst fighting between Israel and Hamas since 2020.", None),  # a comparison, no start
    ("Armenia and Azerbaijan have fought two wars since 1991.", None),  # counted wars: no one start
])
def test_a_war_that_has_lasted_since_a_date_began_then(extract_text, text, began):
    wars = by_class(extract_text(text, PUB), "ArmedConflict")
    assert [w.date.value for w in wars if w.date] == ([began] if began else [])


def test_an_armistice_is_a_ceasefire_agreement(extract_text):
    agreement, = extract_text("The 1953 armistice ended the fighting in Korea.", PUB).agreements
    assert agreement.kind == "ceasefire" and agreement.date.value == "1953"


@pytest.mark.parametrize("headline, cls, sides, status", [
    ("Israel, Hamas agree ceasefire", "Ceasefire", {"Israel", "Hamas"}, None),
    ("Armenia, Azerbaijan to sign peace deal next month", "Signing", {"Armenia", "Azerbaijan"}, "planned"),
])
def test_a_headline_lists_its_sides_with_commas_and_tells_what_is_to_come_with_to(extract_text, headline, cls,
                                                                                  sides, status):
    record = extract_text(headline + "\n\nThe two leaders spoke on Monday.", PUB)
    event, = by_class(record, cls)
    assert {p.name for p in event.participants} == sides and event.status == status
    if status == "planned":
        assert not record.agreements  # none is signed yet


@pytest.mark.parametrize("text, ceasefire, agreement", [
    ("Trump and Putin's summit in Anchorage ended without a deal on Friday.", False, False),
    ("The talks between Israel and Hamas ended with a deal on Friday.", False, True),  # talks end, not a war
    ("The war between Armenia and Azerbaijan ended with a deal on Friday.", True, True),
])
def test_what_ends_with_or_without_a_deal(extract_text, text, ceasefire, agreement):
    record = extract_text(text, PUB)
    assert bool(by_class(record, "Ceasefire")) == ceasefire and bool(record.agreements) == agreement


@pytest.mark.parametrize("text, sides", [
    ("Ukrainian drones hit an oil refinery in Russia's Samara region overnight, officials said.", {"Ukraine", "Russia"}),
    ("Russia launched 400 drones and 40 missiles at Ukraine overnight.", {"Russia", "Ukraine"}),
])
def test_weapons_launched_or_hitting_a_target_are_an_attack(extract_text, text, sides):
    attack, = by_class(extract_text(text, PUB), "MilitaryOperation")
    assert {p.name for p in attack.participants} == sides


@pytest.mark.parametrize("text", ["The economy was hit by sanctions in March.", "The company launched a phone on Monday."])
def test_other_senses_of_hit_and_launch_are_no_attack(extract_text, text):
    assert not by_class(extract_text(text, PUB), "MilitaryOperation")


def test_a_meeting_is_placed_where_the_other_side_was_met(extract_text):
    meeting, = by_class(extract_text("Putin's meeting with Donald Trump in Alaska lasted three hours on Friday.", PUB),
                        "Meeting")
    assert meeting.location.name == "Alaska"


@pytest.mark.parametrize("text, status", [
    ("Under the deal, both sides committed to a permanent ceasefire.", "planned"),
    ("Israel and Hamas agreed to a ceasefire on Monday.", None),  # a truce agreed to is the truce itself
])
def test_a_truce_pledged_is_to_come_one_agreed_to_is_made(extract_text, text, status):
    ceasefire, = by_class(extract_text(text, PUB), "Ceasefire")
    assert ceasefire.status == status


@pytest.mark.parametrize("text, expected", [
    ("Kosovo declared independence from Serbia in 2008.", ("2008", "Kosovo")),
    ("Abkhazia proclaimed its independence from Georgia in 1999.", ("1999", "Abkhazia")),
    ("Independence was declared on 24 August 1991 by the Ukrainian parliament.", ("1991-08-24", "Ukraine")),
    ("Ukraine's declaration of independence in August 1991 followed the failed coup in Moscow.", ("1991-08", "Ukraine")),
    ("Nagorno-Karabakh announced its unilateral secession from the Azerbaijan SSR 35 years ago.",
     ("1988", "Nagorno-Karabakh")),
])
def test_a_declared_independence_or_secession_is_a_dated_statement(extract_text, text, expected):
    (statement,) = by_class(extract_text(text, date(2023, 9, 28)), "Statement")
    when, side = expected
    assert statement.date.value == when and side in {p.name for p in statement.participants}


@pytest.mark.parametrize("text", [
    "Catalonia's push for independence collapsed in 2017.",
    "Ukraine celebrates Independence Day on August 24.",
    "Since independence in 1991, Ukraine has held seven presidential elections.",
    "The president said independence was not on the table.",
    "Kosovo declared independence from Serbia, and Belgrade has refused to recognise it.",
])
def test_independence_not_declared_or_undated_is_no_event(extract_text, text):
    assert by_class(extract_text(text, date(2023, 9, 28)), "Statement") == []


def test_it_signed_is_the_text_not_the_state_named_before(extract_text):
    record = extract_text("Georgian President Mikheil Saakashvili and Russian President Dmitry Medvedev met. Troops "
                          "had launched an offensive to retake South Ossetia on 7 August. Saakashvili signed the "
                          "document on 15 August, and Medvedev signed it the following day.", date(2008, 8, 20))
    (signing,) = [e for e in by_class(record, "Signing") if e.date.value == "2008-08-16"]
    assert {p.name for p in signing.participants} == {"Dmitry Medvedev"}


@pytest.mark.parametrize("text", [
    "UN Secretary-General Antonio Guterres hosted Greek Cypriot leader Nikos Christodoulides and Turkish Cypriot "
    "leader Ersin Tatar for informal talks in New York on Monday.",
    # a second object that is the event itself, "such" a meeting, is that event, not another one
    "UN Secretary-General Antonio Guterres hosted Greek Cypriot leader Nikos Christodoulides and Turkish Cypriot "
    "leader Ersin Tatar for informal talks in New York on Monday, the first such meeting in seven years.",
])
def test_whom_a_host_received_for_talks_are_their_sides_and_the_host_mediates(extract_text, text):
    record = extract_text(text, date(2025, 3, 19))
    (talks,) = record.events
    assert {"Nikos Christodoulides", "Ersin Tatar"} <= {p.name for p in talks.participants}
    assert {"Antonio Guterres", "United Nations"} & {m.name for m in talks.mediators}
    assert talks.date.value == "2025-03-17"


def test_what_a_declaration_calls_for_is_asked_and_who_mediated_it_mediates_the_declaration(extract_text):
    record = extract_text("The Democratic Republic of Congo and the M23 rebel group signed a declaration of principles "
                          "in Doha on Wednesday. The declaration, mediated by Qatar, calls for a permanent ceasefire.",
                          date(2025, 4, 24))
    (declaration,) = record.agreements
    assert {m.name for m in declaration.mediators} == {"Qatar"}
    assert not by_class(record, "Ceasefire")


@pytest.mark.parametrize("text", [
    "Congo and the M23 rebels signed a truce on Wednesday while they negotiate a comprehensive peace deal.",
    "Congo and the M23 rebels pledged on Wednesday to sign a final agreement by May 2.",
])
def test_a_deal_being_negotiated_or_pledged_to_be_signed_is_none_yet(extract_text, text):
    record = extract_text(text, date(2025, 4, 24))
    assert not [a for a in record.agreements if a.kind != "ceasefire"]
