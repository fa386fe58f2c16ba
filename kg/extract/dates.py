"""Find date expressions in an article and resolve them to XSD dates no more precise than the text.

Rules (the scorer's gold applies the same ones):
- a month and day without a year take the year of the narrative they sit in: the last explicit year
  of the same paragraph; with no such anchor, the latest such date not after publication, unless the
  text says it lies ahead, or it is a deadline ("by", "until", "before") within a month after
  publication (the coming day, not last year's); "last year", "this year" or "next year" after the
  date counts from publication; with no publication date, `--MM-DD` (xsd:gMonthDay);
- "a day later" and "the same day" count from the date just mentioned; "on Saturday", "35 years ago", "this past July",
  "last year" count from publication;
- ranges ("1992-1994", "from September 24 until the end of the month") give a start and an end.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..model import DateValue

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                     "eighty": 80, "ninety": 90, "hundred": 100})
SEASONS = ("spring", "summer", "autumn", "fall", "winter")

_MONTH = r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_YEAR = r"(?P<{g}>(?:1[6-9]|20)\d\d)(?!\d|,\d)"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_NUM = r"(?P<{g}>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_REL_YEAR = r"(?P<rel>last|this|next)\s+year\b"  # after a month, or a month and day: "March 3 last year"
REL_YEAR_OFFSET = {"last": -1, "past": -1, "this": 0, "next": 1}
SOON_DAYS = 31  # a deadline without a year this soon after publication is the coming one
DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till|before|deadline(?:\s+of)?)\s+$", re.I)

# Words before a bare month name that make it a date, not a verb or a name ("May", "March").
BARE_MONTH_CUES = ("in", "of", "since", "until", "till", "by", "during", "from", "to", "through", "last", "this",
                   "past", "next", "early", "mid", "late", "and", "or", "before", "after", "between", "for", "around",
                   "throughout", "within", "on")
FUTURE_CUES = re.compile(r"\b(next|upcoming|coming|will|shall|would(?!\s+(?:have|not)\b|n't)|scheduled|planned|"
                         r"expected|due|to be held|"
                         r"is to|are to|set to|takes? effect|comes? into force|begins|starts)\b", re.I)

PAST_REPORT = re.compile(r"\b(?:said|told|announced|added|stated|wrote|noted|reported|confirmed)\b", re.I)


def _p(template: str, **groups: str) -> str:
    return template.format(**groups)


PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("year_range", re.compile(r"\b" + _YEAR.format(g="y") + r"\s*(?:-|–|—|to|until)\s*" + _YEAR.format(g="y2"))),
    ("year_range", re.compile(r"\b[Bb]etween\s+" + _YEAR.format(g="y") + r"\s+and\s+" + _YEAR.format(g="y2"))),
    ("year_range", re.compile(r"\b" + _YEAR.format(g="y") + r"(?:-|–|—)(?P<y2short>\d\d)(?!\d|[,.]\d)")),  # "the 1998-99 war"
    ("day_range", re.compile(r"\b" + _MONTH.format(g="mon") + r"\s+" + _DAY.format(g="d") + r"\s*(?:-|–|to)\s*"
                             + _DAY.format(g="d2") + r"(?![\d:])(?:,?\s+" + _YEAR.format(g="y") + r")?")),  # "May 6-8"
    ("day_range", re.compile(r"\b" + _DAY.format(g="d") + r"\s*(?:-|–|to)\s*" + _DAY.format(g="d2") + r"\s+"
                             + _MONTH.format(g="mon") + r"(?:,?\s+" + _YEAR.format(g="y") + r")?")),  # "9-10 November"
    ("mdy", re.compile(r"\b" + _MONTH.format(g="mon") + r"\s+" + _DAY.format(g="d") + r"(?!\d)(?:,?\s+"
                       + _YEAR.format(g="y") + r"|,?\s+" + _REL_YEAR + r")?")),
    ("dmy", re.compile(r"\b" + _DAY.format(g="d") + r"\s+(?:of\s+)?" + _MONTH.format(g="mon") + r"(?:,?\s+"
                       + _YEAR.format(g="y") + r"|,?\s+" + _REL_YEAR + r")?")),
    ("my", re.compile(r"\b" + _MONTH.format(g="mon") + r",?\s+(?:of\s+)?" + _YEAR.format(g="y"))),
    ("season_year", re.compile(r"\b(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?" + _YEAR.format(g="y"),
                               re.I)),
    ("ago", re.compile(r"\b" + _NUM.format(g="n") + r"\s+(?P<unit>years?|months?|weeks?|days?)\s+ago\b", re.I)),
    ("later", re.compile(r"\b(?:(?:a|one|" + _NUM.format(g="n") + r")\s+(?P<unit>days?|weeks?)\s+later|"
                         r"the\s+(?:next|following)\s+(?P<unit2>day|week))\b", re.I)),
    ("same_day", re.compile(r"\b(?:the\s+same\s+day|(?:later|earlier)\s+that\s+day|that\s+same\s+day)\b", re.I)),
    ("month_rel_year", re.compile(r"\b" + _MONTH.format(g="mon") + r",?\s+" + _REL_YEAR)),
    ("rel_year", re.compile(r"\b(?P<which>last|this|next|past)\s+year\b", re.I)),
    ("rel_week", re.compile(r"\b(?P<which>last|this|next|past)\s+week\b", re.I)),
    ("rel_month", re.compile(r"\b(?P<which>last|this|next|past)\s+month\b", re.I)),
    ("rel_named_month", re.compile(r"\b(?P<which>last|this\s+past|this|next|past)\s+" + _MONTH.format(g="mon"))),
    ("weekday", re.compile(r"\b(?:(?P<which>last|next|this)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
                           r"Saturday|Sunday)\b")),
    ("yesterday", re.compile(r"\b(?P<w>yesterday|today|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|"
                             r"evening)|overnight(?!\s+(?:(?:into|on|to)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|"
                             r"Friday|Saturday|Sunday)))\b", re.I)),
    ("end_of_month", re.compile(r"\bthe\s+end\s+of\s+the\s+month\b", re.I)),
    ("bare_month", re.compile(r"\b" + _MONTH.format(g="mon") + r"\b(?!\s*\d)")),
    ("year", re.compile(r"(?<![\d,.\-–/])\b(?P<qual>(?:early|mid|late)[- ])?" + _YEAR.format(g="y") + r"\b(?!-\d)")),
]
# Words one of which every match of a pattern holds (in any case): a text with none of them is not searched
# with it. Only for the patterns slow to search and whose words most texts lack.
PATTERN_WORDS = {"ago": ("ago",), "later": ("later", "next", "following"), "season_year": SEASONS}
# letters that re, ignoring case, takes for ASCII ones that str.lower() does not give ("ſ" for "s")
FOLDED_OWN_WAY = re.compile("[\u0130\u0131\u017f]")
# days from the publication date; "overnight" is the night that ends on the day of the news
RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "last night": -1, "this morning": 0,
                 "this afternoon": 0, "this evening": 0, "overnight": 0}
# Patterns that must never be overlapped by a later, weaker one.
RANGE_LINK = re.compile(r"^\s*(?:-|–|—|to|until|till|through|and\s+ended\s+on)\s*$", re.I)
SINCE = re.compile(r"\b(since|after)\s+(?:the\s+)?$", re.I)
DURATION_AFTER = re.compile(r"^\s*(?:-|\s)?(?:long|old)\b")


@dataclass
class DateMention:
    """A date expression in the text and what it resolves to (value None when it cannot be resolved)."""

    start: int
    end: int
    text: str
    value: DateValue | None
    end_value: DateValue | None = None
    since: bool = False  # "since 2020": a bound, not the date of what the sentence reports
    future: bool = False
    read_back: bool = False  # a month (and day) without a year, read as the last one before publication


def ahead(mention: DateMention, published: date | None) -> DateMention:
    """The date of what is planned: a month, or a day and month, named without a year and so read as the last
    one before publication ("agreed to meet again in July", in March 2025: July 2024) is the next one (July
    2025). A narrative's own year ("In 2019 they agreed to meet in July") and the month of publication stay."""
    value = mention.value
    if not mention.read_back or published is None or value is None or mention.end_value is not None \
            or value.kind not in ("gYearMonth", "date") or value.value >= published.isoformat()[:len(value.value)]:
        return mention
    shifted = f"{int(value.value[:4]) + 1}{value.value[4:]}"
    try:
        date.fromisoformat(shifted + "-01" if value.kind == "gYearMonth" else shifted)
    except ValueError:  # 29 February
        return mention
    return replace(mention, value=DateValue(shifted, value.kind), future=True)


def _month(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _num(token: str) -> int:
    token = token.lower()
    return int(token) if token.isdigit() else NUMBER_WORDS[token]


def number_value(word: str) -> int | None:
    """"two", "2", "a": the number, or None for a word that is none."""
    try:
        return _num(word)
    except KeyError:
        return None


def _day_value(y: int, m: int, d: int) -> DateValue | None:
    try:
        return DateValue(date(y, m, d).isoformat(), "date")
    except ValueError:
        return None


def _month_value(y: int, m: int) -> DateValue:
    return DateValue(f"{y:04d}-{m:02d}", "gYearMonth")


def _year_value(y: int) -> DateValue:
    return DateValue(f"{y:04d}", "gYear")


def _last_day(value: DateValue) -> DateValue:
    y, m = int(value.value[:4]), int(value.value[5:7])
    return _day_value(y, m, calendar.monthrange(y, m)[1])


def _next_day(after: date, month: int, day: int) -> date:
    """The first day after `after` with this month and day (the month's last day for a day it lacks)."""
    def on(year: int) -> date:
        return date(year, month, min(day, calendar.monthrange(year, month)[1]))
    return on(after.year) if on(after.year) > after else on(after.year + 1)


def _to_date(value: DateValue) -> date | None:
    return date.fromisoformat(value.value) if value.kind == "date" else None


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\n\s*\n|\n(?=[A-Z\"“'])", text):
        starts.append(m.end())
    return starts


def _candidates(text: str) -> list[tuple[int, int, str, re.Match]]:
    """Non-overlapping matches, earlier-listed patterns first."""
    taken: list[tuple[int, int]] = []
    found = []
    lowered = None if FOLDED_OWN_WAY.search(text) else text.lower()
    for kind, pattern in PATTERNS:
        words = PATTERN_WORDS.get(kind)
        if words and lowered is not None and not any(word in lowered for word in words):
            continue
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "bare_month":
                before = [w for w in re.split(r"[\s-]+", text[max(0, s - 12):s].lower()) if w]  # "mid-March" too
                if not before or before[-1].strip(",") not in BARE_MONTH_CUES:
                    continue
            if kind == "weekday" and not m.group("which") and not _weekday_is_a_day(text, s, e):
                continue
            if kind == "year" and DURATION_AFTER.match(text[e:e + 6]):
                continue
            taken.append((s, e))
            found.append((s, e, kind, m))
    found.sort(key=lambda f: f[0])
    return found


WEEKDAY_BEFORE = re.compile(r"\b(?i:on|last|next|this|by|until|since|into)\s+$|(?<![A-Z])\b[a-z][a-z'-]*,?\s+$")
TIME_OF_DAY_AFTER = re.compile(r"\s+(?:morning|afternoon|evening|night)\b")


def _weekday_is_a_day(text: str, start: int, end: int) -> bool:
    """A weekday written as a day: after "on", "last"..., after a lower-case word, as news agencies write
    it ("took effect early Wednesday", "said Tuesday"), or before a time of day ("Wednesday morning"); not
    at the start of a sentence nor after a capitalized word ("Good Friday", "Super Tuesday")."""
    return bool(WEEKDAY_BEFORE.search(text[max(0, start - 20):start]) or TIME_OF_DAY_AFTER.match(text, end))


class DateResolver:
    """Resolves date expressions in document order, keeping the narrative's anchor year."""

    def __init__(self, text: str, published: date | None):
        self.text = text
        self.published = published
        self.paragraphs = _paragraph_starts(text)
        self.anchor_year: int | None = None
        self.anchor_paragraph = -1
        self.last_day: date | None = None
        self.last_value: DateValue | None = None
        self.read_back = False  # whether the last resolution took the last such day before publication

    def _paragraph(self, offset: int) -> int:
        return sum(1 for s in self.paragraphs if s <= offset) - 1

    def _future(self, start: int) -> bool:
        """Whether the words just before the date say it lies ahead ("scheduled for", "next"), unless a report
        in the past comes between ("will travel to Moscow next week, the Kremlin said on Monday")."""
        sentence_start = max(self.text.rfind(".", 0, start), self.text.rfind("\n", 0, start)) + 1
        window = self.text[max(sentence_start, start - 50):start]
        cues = list(FUTURE_CUES.finditer(window))
        return bool(cues) and not PAST_REPORT.search(window, cues[-1].end())

    def _year_for(self, month: int, day: int | None, start: int) -> int | None:
        """The year of a month (and day) given without one."""
        if self.anchor_year is not None and self.anchor_paragraph == self._paragraph(start):
            candidate = self.anchor_year
            if self.published is None or (candidate, month, day or 1) <= self._pub_tuple():
                return candidate
        if self.published is None:
            return None
        pub = self.published
        if self._future(start):
            return pub.year if (month, day or 31) >= (pub.month, pub.day if day else 1) else pub.year + 1
        if day is not None and DEADLINE_BEFORE.search(self.text[max(0, start - 15):start]):
            coming = _next_day(pub, month, day)  # "must leave by Aug. 18": not last year's Aug. 18
            if (coming - pub).days <= SOON_DAYS:
                return coming.year
        self.read_back = True
        return pub.year if (month, day or 1) <= (pub.month, pub.day) else pub.year - 1

    def _pub_tuple(self) -> tuple[int, int, int]:
        return (self.published.year, self.published.month, self.published.day)

    def _set_anchor(self, year: int, start: int) -> None:
        self.anchor_year = year
        self.anchor_paragraph = self._paragraph(start)

    def _remember(self, value: DateValue | None) -> None:
        if value is not None:
            self.last_value = value
            self.last_day = _to_date(value)

    def resolve(self, kind: str, m: re.Match) -> tuple[DateValue | None, DateValue | None]:
        start = m.start()
        g = m.groupdict()
        pub = self.published
        if kind == "iso":
            value = _day_value(int(g["y"]), int(g["m"]), int(g["d"]))
            if value:
                self._set_anchor(int(g["y"]), start)
            return value, None
        if kind == "year_range":
            y1 = int(g["y"])
            y2 = int(g["y2"]) if g.get("y2") else y1 // 100 * 100 + int(g["y2short"])  # "1998-99" ends in 1999
            if g.get("y2short") and y2 < y1:
                y2 += 100  # "1999-00"
            if g.get("y2short") and y2 - y1 > 10:
                return None, None  # "1990-12" is no range of years
            if y2 < y1:
                return None, None
            self._set_anchor(y2, start)
            return _year_value(y1), _year_value(y2)
        if kind == "day_range":  # "May 6-8", "9-10 November": the first day, ending on the last
            last = int(g["d2"])
            first, _ = self.resolve("mdy", m)
            if first is None or not int(g["d"]) < last <= 31:
                return first, None
            if first.kind == "gMonthDay":
                return first, DateValue(first.value[:-2] + f"{last:02d}", "gMonthDay")
            return first, _day_value(int(first.value[:4]), int(first.value[5:7]), last)
        if kind in ("mdy", "dmy"):
            month, day = _month(g["mon"]), int(g["d"])
            if not 1 <= day <= 31:
                return None, None
            if g.get("y"):
                year = int(g["y"])
                self._set_anchor(year, start)
            elif g.get("rel") and pub is not None:
                year = pub.year + REL_YEAR_OFFSET[g["rel"]]
                self._set_anchor(year, start)
            else:
                year = self._year_for(month, day, start)
            if year is None:
                return (DateValue(f"--{month:02d}-{day:02d}", "gMonthDay") if day <= 31 else None), None
            return _day_value(year, month, day), None
        if kind == "my":
            year = int(g["y"])
            self._set_anchor(year, start)
            return _month_value(year, _month(g["mon"])), None
        if kind == "season_year":
            year = int(g["y"])
            self._set_anchor(year, start)
            return _year_value(year), None
        if kind == "year":
            year = int(g["y"])
            self._set_anchor(year, start)
            return _year_value(year), None
        if kind == "bare_month":
            month = _month(g["mon"])
            year = self._year_for(month, None, start)
            return (_month_value(year, month) if year is not None else None), None
        if kind == "same_day":  # "met Rubio in Tirana the same day": the day just mentioned
            return (DateValue(self.last_day.isoformat(), "date") if self.last_day is not None else None), None
        if pub is None:
            if kind == "later" and self.last_day is not None:
                return self._later(g), None
            return None, None
        if kind == "ago":
            n, unit = _num(g["n"]), g["unit"].lower().rstrip("s")
            if unit == "year":
                return _year_value(pub.year - n), None
            if unit == "month":
                total = pub.year * 12 + pub.month - 1 - n
                return _month_value(total // 12, total % 12 + 1), None
            days = n * (7 if unit == "week" else 1)
            return _day_value(*(pub - timedelta(days=days)).timetuple()[:3]) if unit == "day" else None, None
        if kind == "later":
            return (self._later(g) if self.last_day is not None else None), None
        if kind == "month_rel_year":
            year = pub.year + REL_YEAR_OFFSET[g["rel"]]
            self._set_anchor(year, start)
            return _month_value(year, _month(g["mon"])), None
        if kind == "rel_year":
            return _year_value(pub.year + REL_YEAR_OFFSET[g["which"].lower()]), None
        if kind == "rel_week":
            offset = {"last": -1, "past": -1, "this": 0, "next": 1}[g["which"].lower()]
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=offset)
            sunday = monday + timedelta(days=6)
            same_month = (monday.year, monday.month) == (sunday.year, sunday.month)
            return (_month_value(monday.year, monday.month) if same_month else None), None  # a week: its month
        if kind == "rel_month":
            offset = {"last": -1, "past": -1, "this": 0, "next": 1}[g["which"].lower()]
            total = pub.year * 12 + pub.month - 1 + offset
            return _month_value(total // 12, total % 12 + 1), None
        if kind == "rel_named_month":
            which, month = g["which"].lower(), _month(g["mon"])
            if which.startswith("next"):
                year = pub.year if month > pub.month else pub.year + 1
            elif which == "this":
                year = pub.year
            else:
                year = pub.year if month < pub.month else pub.year - 1
            return _month_value(year, month), None
        if kind == "weekday":
            target = WEEKDAYS[g["wd"].lower()]
            delta = (pub.weekday() - target) % 7
            if (g.get("which") or "").lower() == "next" or (not g.get("which") and self._future(start)):
                day = pub + timedelta(days=(target - pub.weekday()) % 7 or 7)
            elif (g.get("which") or "").lower() == "last":
                day = pub - timedelta(days=delta or 7)
            else:
                day = pub - timedelta(days=delta)
            return DateValue(day.isoformat(), "date"), None
        if kind == "yesterday":
            shift = RELATIVE_DAYS[" ".join(g["w"].lower().split())]
            return DateValue((pub + timedelta(days=shift)).isoformat(), "date"), None
        return None, None

    def _later(self, g: dict) -> DateValue | None:
        unit = (g.get("unit") or g.get("unit2") or "day").lower().rstrip("s")
        n = _num(g["n"]) if g.get("n") else 1
        days = n * (7 if unit == "week" else 1)
        return DateValue((self.last_day + timedelta(days=days)).isoformat(), "date")

    def resolve_all(self) -> list[DateMention]:
        mentions: list[DateMention] = []
        for start, end, kind, m in _candidates(self.text):
            if kind == "end_of_month":
                if mentions and self.last_value is not None and self.last_value.kind in ("date", "gYearMonth") \
                        and RANGE_LINK.match(self.text[mentions[-1].end:start].replace("the", "").strip() or "-"):
                    mentions[-1].end_value = _last_day(DateValue(self.last_value.value[:7], "gYearMonth"))
                    mentions[-1].end = end
                    mentions[-1].text = self.text[mentions[-1].start:end]
                continue
            self.read_back = False
            value, end_value = self.resolve(kind, m)
            mention = DateMention(start, end, m.group(0), value, end_value,
                                  since=bool(SINCE.search(self.text[max(0, start - 12):start])),
                                  future=self._future(start), read_back=self.read_back)
            if mentions and value is not None and mentions[-1].value is not None \
                    and mentions[-1].end_value is None and RANGE_LINK.match(self.text[mentions[-1].end:start]) \
                    and "from" in self.text[max(0, mentions[-1].start - 20):mentions[-1].start].lower():
                mentions[-1].end_value = value
                mentions[-1].end = end
                mentions[-1].text = self.text[mentions[-1].start:end]
                self._remember(value)
                continue
            if not mention.since:  # "the first talks since March 2022": a bound, not where the story is
                self._remember(value)
            mentions.append(mention)
        return mentions


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date expression of a text, in order, resolved against the narrative and publication."""
    return DateResolver(text, published).resolve_all()
