"""Date expressions resolved as the gold rules say, on sentences about several conflicts."""
from datetime import date

import pytest

from kg.extract.dates import find_dates


def resolved(text, published):
    return [(d.text, d.value.value if d.value else None, d.end_value.value if d.end_value else None)
            for d in find_dates(text, published)]


@pytest.mark.parametrize("text, published, expected", [
    # a month and day without a year take the year the paragraph has just established
    ("In March 2019, protests spread across Khartoum. On the night of April 11, the army removed Bashir.",
     date(2023, 5, 2), [("March 2019", "2019-03", None), ("April 11", "2019-04-11", None)]),
    # ... otherwise the latest such date not after publication
    ("Fighting erupted in Khartoum on April 15.", date(2023, 5, 2), [("April 15", "2023-04-15", None)]),
    ("The truce collapsed on December 28.", date(2024, 2, 1), [("December 28", "2023-12-28", None)]),
    # ... unless the text says it lies ahead
    ("The next round of talks is scheduled for March 3.", date(2024, 2, 1), [("March 3", "2024-03-03", None)]),
    ("Borrell said the two sides would meet again in March.", date(2023, 2, 27), [("March", "2023-03", None)]),
    ("Borrell said the two sides would have met in March.", date(2023, 2, 27), [("March", "2022-03", None)]),
    # ... or it is a deadline within the month after publication: the coming day, not last year's, across
    # New Year too; but a day a past tense reports is last year's, and so is a deadline months ahead
    ("Rebels must leave the city by Aug. 18, the council said.", date(2023, 8, 10), [("Aug. 18", "2023-08-18", None)]),
    ("The rebels have until January 3 to withdraw.", date(2023, 12, 28), [("January 3", "2024-01-03", None)]),
    ("The army signed a ceasefire in Jeddah on May 20.", date(2025, 5, 17), [("May 20", "2024-05-20", None)]),
    ("The rebels had withdrawn by September 20.", date(2023, 8, 10), [("September 20", "2022-09-20", None)]),
    # the year said after the date
    ("The attack on March 3 last year killed 40.", date(2023, 6, 1), [("March 3 last year", "2022-03-03", None)]),
    ("In March last year, talks failed.", date(2023, 6, 1), [("March last year", "2022-03", None)]),
    ("Elections are due on 12 May next year.", date(2023, 6, 1), [("12 May next year", "2024-05-12", None)]),
    ("The truce signed on 4 April this year held.", date(2023, 6, 1), [("4 April this year", "2023-04-04", None)]),
    # no year and no publication date: keep what the text gives
    ("The envoy arrived on June 2.", None, [("June 2", "--06-02", None)]),
    # counted from publication
    ("Mali's junta seized power 3 years ago.", date(2023, 8, 20), [("3 years ago", "2020", None)]),
    ("The minister spoke on Saturday.", date(2022, 7, 14), [("Saturday", "2022-07-09", None)]),
    # a weekday as the news agencies write it, without "on"; but no feast or primary
    ("The truce took effect early Wednesday.", date(2024, 11, 27), [("Wednesday", "2024-11-27", None)]),
    ("Officials said Tuesday that talks had failed.", date(2024, 11, 27), [("Tuesday", "2024-11-26", None)]),
    ("Wednesday morning, the shelling resumed.", date(2024, 11, 27), [("Wednesday", "2024-11-27", None)]),
    ("The Good Friday Agreement ended the Troubles. Super Tuesday came.", date(2024, 11, 27), []),
    # the night before the news, and the parts of its day
    ("Russia launched a drone attack overnight, officials said.", date(2024, 3, 22),
     [("overnight", "2024-03-22", None)]),
    ("Shelling resumed last night and again this morning.", date(2024, 3, 22),
     [("last night", "2024-03-21", None), ("this morning", "2024-03-22", None)]),
    ("The attack came overnight into Friday.", date(2024, 3, 23), [("Friday", "2024-03-22", None)]),
    ("Clashes flared again this past July.", date(2021, 3, 14), [("this past July", "2020-07", None)]),
    ("The blockade began last year.", date(2021, 3, 14), [("last year", "2020", None)]),
    ("The talks opened on Friday. Zelenskiy met Rubio in Tirana the same day.", date(2025, 5, 17),
     [("Friday", "2025-05-16", None), ("the same day", "2025-05-16", None)]),
    ("Delegations met on Friday, the first talks since March 2022. Zelenskiy met Rubio the same day.",
     date(2025, 5, 17), [("Friday", "2025-05-16", None), ("March 2022", "2022-03", None),
                         ("the same day", "2025-05-16", None)]),
    ("Between 2014 and 2016 clashes flared; elections in 2018 and 2020 were disputed.", date(2024, 3, 30),
     [("Between 2014 and 2016", "2014", "2016"), ("2018", "2018", None), ("2020", "2020", None)]),
    ("The envoy arrived in mid-March.", date(2024, 3, 30), [("March", "2024-03", None)]),
    # a week is as precise as its month, when it lies within one
    ("The envoy visited Sanaa last week.", date(2023, 4, 16), [("last week", "2023-04", None)]),
    ("The envoy visits Sanaa next week.", date(2023, 4, 16), [("next week", "2023-04", None)]),
    ("The envoy visited Sanaa last week.", date(2023, 4, 5), [("last week", None, None)]),
    # counted from the date just mentioned
    ("Talks opened on 3 February 2015 in Minsk. Two days later a package of measures was agreed.",
     None, [("3 February 2015", "2015-02-03", None), ("Two days later", "2015-02-05", None)]),
    # ranges
    ("The Eritrean-Ethiopian war (1998-2000) killed tens of thousands.", None, [("1998-2000", "1998", "2000")]),
    ("From September 24 until the end of the month, thousands fled.", date(2023, 10, 5),
     [("September 24 until the end of the month", "2023-09-24", "2023-09-30")]),
    # precision never exceeds the text
    ("The war ended in 1995.", None, [("1995", "1995", None)]),
    ("In the summer of 2014 the town changed hands.", None, [("summer of 2014", "2014", None)]),
])
def test_resolution(text, published, expected):
    assert resolved(text, published) == expected


@pytest.mark.parametrize("text", [
    "More than 6,500 people were killed and 2,020 wounded.",
    "The five-year mandate was renewed.",
    "She may travel with the delegation.",
    "Protesters march through the capital.",
])
def test_numbers_and_words_that_are_not_dates(text):
    assert find_dates(text, date(2022, 1, 1)) == []


def test_since_marks_a_bound_not_a_date():
    (mention,) = find_dates("It is the first meeting since 2020.", None)
    assert mention.since and mention.value.value == "2020"


def test_anchor_does_not_cross_paragraphs():
    text = "Violence flared in 2016.\n\nOn November 9 the leaders signed a deal."
    dates = find_dates(text, date(2021, 3, 14))
    assert [d.value.value for d in dates] == ["2016", "2020-11-09"]


@pytest.mark.parametrize("text, cls, expected", [
    ("Hezbollah began firing at Israel on October 8, 2023, a day after its ally Hamas attacked Israel.",
     "MilitaryOperation", "2023-10-07"),
    ("Russia and Ukraine exchanged prisoners on Wednesday, two days after Russia and Ukraine agreed to a ceasefire.",
     "Ceasefire", "2025-03-17"),
    ("The talks resumed on Monday, a week before the two sides signed the deal.", "Agreement", "2025-03-24"),
])
def test_a_day_counted_from_the_clause_it_is_after_or_before(extract_text, text, cls, expected):
    record = extract_text(text, date(2025, 3, 19))
    items = record.agreements if cls == "Agreement" else [e for e in record.events if e.cls == cls]
    assert [item.date.value for item in items] == [expected]


def test_after_without_a_span_leaves_the_clause_undated(extract_text):
    record = extract_text("The two leaders met on Monday after Russia attacked Ukraine.", date(2025, 3, 19))
    assert [e for e in record.events if e.cls == "MilitaryOperation"] == []


@pytest.mark.parametrize("text, start, end", [
    ("the 1998-99 war", "1998", "1999"),
    ("talks in 2022-23.", "2022", "2023"),
    ("the 1999-00 season", "1999", "2000"),
])
def test_a_range_of_years_with_the_second_abbreviated(text, start, end):
    (mention,) = [m for m in find_dates(text, date(2023, 3, 19)) if m.value is not None]
    assert (mention.value.value, mention.end_value.value) == (start, end)


def test_a_year_and_month_in_iso_form_is_no_range_of_years():
    assert not [m for m in find_dates("between 1990-12 and", date(2023, 3, 19))
                if m.value is not None and m.end_value is not None]


@pytest.mark.parametrize("text, expected", [
    ("Modi will travel to Moscow next week, the Kremlin said on Monday.", "2025-05-05"),  # the day of the report
    ("Modi will travel to Moscow on Monday.", "2025-05-12"),  # the coming Monday
])
def test_a_report_in_the_past_between_a_future_and_a_weekday_dates_the_report(text, expected):
    days = [m.value.value for m in find_dates(text, date(2025, 5, 7)) if m.value is not None and m.value.kind == "date"]
    assert days == [expected]


@pytest.mark.parametrize("text, start, end", [
    ("talks on 9-10 November", "2023-11-09", "2023-11-10"),
    ("talks from May 6 to 8", "2023-05-06", "2023-05-08"),
    ("the summit of May 6-8, 2022", "2022-05-06", "2022-05-08"),
    ("signed on the night of November 9 to 10", "2023-11-09", "2023-11-10"),
    ("on February 28-30", "2024-02-28", None),  # no such last day: the first alone
])
def test_a_range_of_days_in_one_month(text, start, end):
    (mention,) = [m for m in find_dates(text, date(2024, 3, 20)) if m.value is not None]
    assert mention.value.value == start and (mention.end_value.value if mention.end_value else None) == end


@pytest.mark.parametrize("text", [
    "Two years ago the sides met; a day later they signed, and the following week the truce held.",
    "THIRTY YEARS AGO, in the spring of 1994, A WEEK LATER, the Next Day and in Winter 2020.",
    "The talks of \u017fpring 2021 ended.",  # letters re, ignoring case, reads as ASCII ones: "ſ" as "s"
    "They met again the follow\u0131ng day.",
    "They met again the follow\u0130ng week.",
    "No relative dates here: the envoy met both sides in Doha on March 3, 2021.",
    "",
])
def test_patterns_skipped_for_a_text_without_their_words_would_have_found_nothing(monkeypatch, text):
    from kg.extract import dates

    quick = dates._candidates(text)
    monkeypatch.setattr(dates, "PATTERN_WORDS", {})
    assert [(s, e, kind) for s, e, kind, _ in quick] == [(s, e, kind) for s, e, kind, _ in dates._candidates(text)]


def test_the_words_that_let_a_pattern_be_skipped_name_one_pattern_each():
    """PATTERN_WORDS is keyed by kind: a second pattern of that kind would be skipped on words not its own."""
    from kg.extract.dates import PATTERN_WORDS, PATTERNS

    kinds = [kind for kind, _ in PATTERNS]
    assert all(kinds.count(kind) == 1 for kind in PATTERN_WORDS)
