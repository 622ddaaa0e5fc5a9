"""Tests for kg.extract.dates, on invented German and English sentences."""

from __future__ import annotations

import pytest

from kg.extract.dates import compatible, dateline, find_dates, finer


def dates(text: str, lang: str, published: str | None = None) -> dict[str, tuple[str | None, str, str]]:
    """Text of each mention -> (value, precision, kind)."""
    return {d.text: (d.value, d.precision, d.kind) for d in find_dates(text, lang, published)}


def values(text: str, lang: str, published: str | None = None) -> dict[str, str | None]:
    return {t: v for t, (v, _, _) in dates(text, lang, published).items()}


# ---------------------------------------------------------------- explicit dates and precision
def test_dates_keep_precision():
    assert values("Ende 2015 und am 4. März 2019 sowie im Juli 2020", "de") == {
        "Ende 2015": "2015", "4. März 2019": "2019-03-04", "Juli 2020": "2020-07"}


def test_weekday_needs_publication_day():
    assert find_dates("signed on Tuesday", "en", "2021-09-30")[0].value == "2021-09-28"
    assert find_dates("signed on Tuesday", "en", "2021-09")[0].value == "2021-09"
    assert find_dates("signed on Tuesday", "en", None)[0].value is None


def test_relative_and_target_years():
    d = {x.text: (x.value, x.kind) for x in find_dates("last year; by 2040", "en", "2018-05-02")}
    assert d["last year"] == ("2017", "relative")
    assert d["2040"] == ("2040", "target")


def test_day_with_a_relative_year():
    """A day and month followed by a year told from the reference or the date before are that day
    of that year; without a reference its year is unknown; a possessive "last year's" is not it."""
    ref = "2024-05-10"
    assert [x.value for x in find_dates("signed it on 5 May last year.", "en", ref)] == ["2023-05-05"]
    assert [x.value for x in find_dates("signed it on March 12 of last year.", "en", ref)] == ["2023-03-12"]
    assert [x.value for x in find_dates("unterzeichnet am 5. Mai vergangenen Jahres.", "de", ref)] == ["2023-05-05"]
    assert [x.value for x in find_dates("unterzeichnet am 12. März des Vorjahres.", "de", ref)] == ["2023-03-12"]
    assert [x.value for x in find_dates("unterzeichnet am 2. Februar dieses Jahres.", "de", ref)] == ["2024-02-02"]
    assert [x.value for x in find_dates("unterzeichnet am 5. Mai vergangenen Jahres.", "de", None)] == ["XXXX-05-05"]
    d = find_dates("Am 5. Mai 2021 kamen sie zusammen, am 7. Juni desselben Jahres unterzeichneten sie.", "de", None)
    assert [(x.value, x.kind) for x in d] == [("2021-05-05", "absolute"), ("2021-06-07", "anaphoric")]
    assert [x.text for x in find_dates("signed on 5 May last year's deal", "en", ref)] == ["5 May", "last year"]


def test_offsets_are_shifted():
    d = find_dates("Am 3. Juni 2020 kam er.", "de", None, offset=100)[0]
    assert (d.start, d.end, d.text) == (103, 115, "3. Juni 2020")


# ---------------------------------------------------------------- a month without a year
@pytest.mark.parametrize(("text", "lang", "published", "expected"), [
    ("Die Bauarbeiten beginnen im Mai.", "de", "2021-04-20", {"Mai": "2021-05"}),
    ("Ende Mai und Anfang Juni trafen sich die Delegationen.", "de", "2021-06-10",
     {"Ende Mai": "2021-05", "Anfang Juni": "2021-06"}),
    ("Mitte März wurde der Vertrag paraphiert.", "de", "2021-06", {"Mitte März": "2021-03"}),
    ("The talks resumed in May and ended in early June.", "en", "2021-06-10",
     {"May": "2021-05", "early June": "2021-06"}),
    ("Late May, mid-June and at the end of July were busy.", "en", "2021-07-02",
     {"Late May": "2021-05", "mid-June": "2021-06", "the end of July": "2021-07"}),
    # more than about two months after the reference: the year before
    ("The plant was inspected in October.", "en", "2021-03-15", {"October": "2020-10"}),
    ("Im Dezember begannen die Gespräche.", "de", "2021-02", {"Dezember": "2020-12"}),
    # a reference known only to the year gives its year
    ("Im November wurde unterschrieben.", "de", "2021", {"November": "2021-11"}),
    # no reference at all: the year is unknown
    ("Im Mai wurde unterschrieben.", "de", None, {"Mai": "XXXX-05"}),
])
def test_month_without_year(text, lang, published, expected):
    assert values(text, lang, published) == expected
    assert {p for _, p, _ in dates(text, lang, published).values()} == {"month"}


@pytest.mark.parametrize("text", [
    "The ministers may sign the deal soon.",
    "May the new line bring cheaper power.",
    "The plan was backed by May and her cabinet.",
    "Since May took office, the talks have stalled.",
    "Thousands joined the march in the capital.",
    "These 2 may also join the consortium.",
])
def test_may_the_verb_or_the_name_is_no_month(text):
    assert find_dates(text, "en", "2021-06-10") == []


def test_month_words_before_a_month_give_the_context():
    d = dates("Work starts next May; the permit came last May, im vergangenen Oktober.", "en", "2021-06-10")
    assert d["next May"] == ("2022-05", "month", "relative")
    assert d["last May"] == ("2021-05", "month", "relative")
    assert d["vergangenen Oktober"] == ("2020-10", "month", "relative")


def test_target_and_since_months():
    d = dates("Seit März wird verhandelt, bis Juni soll der Vertrag stehen.", "de", "2021-04-01")
    assert d["März"] == ("2021-03", "month", "since")
    assert d["Juni"] == ("2021-06", "month", "target")


# ---------------------------------------------------------------- the text's own reference year
@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Am 4. März 2019 begannen die Gespräche; am 5. Mai wurde unterschrieben.", "de",
     {"4. März 2019": "2019-03-04", "5. Mai": "2019-05-05"}),
    ("In 2016 the states met again. On 17 February they signed a memorandum.", "en",
     {"2016": "2016", "17 February": "2016-02-17"}),
    ("Talks began in March 2020 and the accord followed on June 3.", "en",
     {"March 2020": "2020-03", "June 3": "2020-06-03"}),
    # the closest preceding year counts
    ("Im Jahr 2010 und im Jahr 2014 gab es Treffen; am 2. Juli folgte der Vertrag.", "de",
     {"Im Jahr 2010": "2010", "im Jahr 2014": "2014", "2. Juli": "2014-07-02"}),
    # a month without a year follows the same rule
    ("On 9 July 2013 the contract followed. In August the working group met.", "en",
     {"9 July 2013": "2013-07-09", "August": "2013-08"}),
    # a target year is not the year the text speaks of
    ("Bis 2030 soll die Leitung stehen; am 5. Mai wurde unterschrieben.", "de",
     {"2030": "2030", "5. Mai": "XXXX-05-05"}),
    # nothing before: the year stays unknown
    ("Am 5. Mai wurde unterschrieben, im Jahr 2019 gebaut.", "de",
     {"5. Mai": "XXXX-05-05", "im Jahr 2019": "2019"}),
    # nothing before, a day or month with its year after: that year
    ("Am 5. Mai wurde unterschrieben. Das Ministerium teilte dies am 7. Mai 2019 mit.", "de",
     {"5. Mai": "2019-05-05", "7. Mai 2019": "2019-05-07"}),
    ("The deal was signed in mid-May. The ministry announced it in June 2019.", "en",
     {"mid-May": "2019-05", "June 2019": "2019-06"}),
])
def test_day_without_year_takes_the_texts_year_without_publication_date(text, lang, expected):
    assert values(text, lang) == expected


def test_publication_date_wins_over_the_texts_year():
    assert values("Am 4. März 2019 begannen die Gespräche; am 5. Mai wurde unterschrieben.", "de",
                  "2022-06-01")["5. Mai"] == "2022-05-05"


# ---------------------------------------------------------------- datelines
@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("BERLIN, 5. Mai 2019 (dpa) – Deutschland und Kanada vereinbaren eine Partnerschaft.", "de",
     ("5. Mai 2019", "2019-05-05")),
    ("Lima, May 5, 2019 (Reuters) - Peru and Chile signed a deal.", "en", ("May 5, 2019", "2019-05-05")),
    ("5 May 2019 – Two utilities agreed on a new interconnector.", "en", ("5 May 2019", "2019-05-05")),
    ("Lima, 12 November – The two firms signed memorandums.", "en", ("12 November", "XXXX-11-12")),
    ("Vila do Mar, Peru, 3 March 2018 – The leaders met.", "en", ("3 March 2018", "2018-03-03")),
    ("Windpark vor der Küste\n\nKIEL, 2. Februar 2021 – Die Partner unterschrieben.", "de",
     ("2. Februar 2021", "2021-02-02")),
    ("Ein neues Abkommen\n\n14. Juli 2022\n\nDie Regierung teilte mit ...", "de", ("14. Juli 2022", "2022-07-14")),
    # numeric dates, an agency before the date, a weekday or "den" before it
    ("BERLIN, 05.05.2019 – Die Regierung teilte mit.", "de", ("05.05.2019", "2019-05-05")),
    ("Lima, 2019-05-05 – Peru and Chile signed a deal.", "en", ("2019-05-05", "2019-05-05")),
    ("LIMA (Reuters) May 5, 2019 - Peru and Chile signed a deal.", "en", ("May 5, 2019", "2019-05-05")),
    ("Oslo, Tuesday 5 May 2019 – Norway and Japan signed.", "en", ("5 May 2019", "2019-05-05")),
    ("Oslo, den 5. Mai 2019 – Norwegen und Japan unterzeichneten.", "de", ("5. Mai 2019", "2019-05-05")),
    # a weekday before an ISO date
    ("Oslo, Tuesday 2019-05-05 – Norway and Japan signed.", "en", ("2019-05-05", "2019-05-05")),
    ("Oslo, Dienstag 2019-05-05 – Norwegen und Japan unterzeichneten.", "de", ("2019-05-05", "2019-05-05")),
])
def test_dateline_is_found(text, lang, expected):
    d = dateline(text, lang)
    assert d is not None and (d.text, d.value) == expected and d.kind == "dateline"
    assert text[d.start:d.end] == d.text


@pytest.mark.parametrize(("text", "lang"), [
    ("Oslo – Am 5. Mai 2019 unterzeichneten die Minister ein Abkommen.", "de"),
    ("Madrid – Spain and Portugal signed on 5 May 2019.", "en"),
    ("The accord was signed, 5 May 2019 – a date to remember.", "en"),
    ("Die Minister unterzeichneten am 16. Dezember 2016 in Tokio ein Memorandum.", "de"),
    ("Im Mai 2019 – so die Regierung – begann der Bau.", "de"),
    ("", "en"),
])
def test_no_dateline(text, lang):
    assert dateline(text, lang) is None


def test_dateline_is_the_reference_without_publication_date():
    d = dates("Lima, May 8, 2019 (Reuters) - Peru and Chile signed the accord on Monday. "
              "Last year the utilities began talks; the cable is to follow next year.", "en")
    assert d["May 8, 2019"] == ("2019-05-08", "day", "dateline")
    assert d["on Monday"] == ("2019-05-06", "day", "weekday")
    assert d["Last year"][0] == "2018" and d["next year"][0] == "2020"


def test_dateline_refines_a_coarser_publication_date():
    text = "BERLIN, 8. Mai 2019 (dpa) – Die Minister unterzeichneten am Montag."
    assert values(text, "de", "2019-05")["am Montag"] == "2019-05-06"
    assert values(text, "de", "2019-05-10")["am Montag"] == "2019-05-06"
    assert values(text, "de", "2021-03-04")["am Montag"] == "2021-03-01"   # not the same time: publication wins


def test_dateline_without_year_is_no_reference():
    d = dates("Lima, 12 November – The firms signed on Friday.", "en")
    assert d["12 November"] == ("XXXX-11-12", "day", "dateline")
    assert d["on Friday"][:2] == ("XXXX-11", "month")   # no day to count back from: the dateline's month only
    assert values("Lima, 12 November – The firms signed on Friday.", "en", "2018-11-14")["12 November"] == "2018-11-12"


def test_dateline_without_year_takes_the_publication_year():
    text = "WARSAW, May 10 - The ministers signed the accord on Wednesday."
    assert values(text, "en", "2023-05")["on Wednesday"] == "2023-05-10"
    assert values(text, "en", "2023")["on Wednesday"] == "2023-05-10"
    assert values(text, "en", "2023-06")["on Wednesday"] == "2023-06"   # another month: the publication wins


# ---------------------------------------------------------------- anaphoric time expressions
@pytest.mark.parametrize(("text", "lang", "phrase", "value", "precision"), [
    ("The first pipeline opened in 2009. In that year the country won a big contract.", "en",
     "In that year", "2009", "year"),
    ("The grid deal was signed on 4 June 2012; later that year the link was built.", "en", "that year", "2012", "year"),
    ("The utilities met in March 2015 and agreed on a route the same year.", "en", "the same year", "2015", "year"),
    ("Die Partnerschaft entstand im Juli 2016. Im selben Jahr folgte ein Memorandum.", "de",
     "Im selben Jahr", "2016", "year"),
    ("Am 2. Mai 2018 trafen sich die Minister; im gleichen Jahr wurde gebaut.", "de", "im gleichen Jahr", "2018", "year"),
    ("Talks began in April 2016. At that time the states chose a route.", "en", "At that time", "2016-04", "month"),
    ("Talks began on 3 April 2016. Back then nobody expected a deal.", "en", "Back then", "2016-04-03", "day"),
    ("Anfang Oktober 2021 fiel die Entscheidung; damals wählte der Konzern den Lieferanten.", "de",
     "damals", "2021-10", "month"),
    ("Der Vertrag stammt aus dem Jahr 2001. Seinerzeit war Gas billig.", "de", "Seinerzeit", "2001", "year"),
    ("Am 1. März 2020 begannen Gespräche. Zu diesem Zeitpunkt war unklar, wer baut.", "de",
     "Zu diesem Zeitpunkt", "2020-03-01", "day"),
    # the preceding date may itself be relative
    ("The consortium was formed last year. At the time, prices were high.", "en", "At the time", "2020", "year"),
    # no preceding date: no value
    ("In that year the country won a big contract.", "en", "In that year", None, "year"),
    ("Damals war alles anders.", "de", "Damals", None, "day"),
])
def test_anaphoric_time(text, lang, phrase, value, precision):
    assert dates(text, lang, "2021-06-10" if "last year" in text else None)[phrase] == (value, precision, "anaphoric")


def test_anaphora_skip_targets_and_month_of_that_year():
    d = dates("Die Gespräche begannen im Jahr 2016, bis 2030 soll die Leitung stehen. Damals war das neu. "
              "Im Mai desselben Jahres wurde unterschrieben.", "de")
    assert d["Damals"] == ("2016", "year", "anaphoric")
    assert d["Mai desselben Jahres"] == ("2016-05", "month", "anaphoric")


@pytest.mark.parametrize("text", [
    "At the time of writing, no date had been set.",
    "Zum Zeitpunkt der Unterzeichnung im Jahr 2019 war alles klar.",
    "The time was right for a year-long study.",
])
def test_not_anaphoric(text):
    assert all(d.kind != "anaphoric" for d in find_dates(text, "en", "2021-06-10"))


# ---------------------------------------------------------------- relative years, months and weeks
@pytest.mark.parametrize(("text", "lang", "published", "expected"), [
    ("Im kommenden Jahr soll gebaut werden.", "de", "2022-12-05", ("2023", "year")),
    ("Nächstes Jahr soll gebaut werden.", "de", "2022-12", ("2023", "year")),
    ("Construction is to start next year.", "en", "2022-12-05", ("2023", "year")),
    ("Im Vorjahr wurde verhandelt.", "de", "2022-12-05", ("2021", "year")),
    ("Des laufenden Jahres wegen ...", "de", "2022-12-05", ("2022", "year")),
    ("Dieses Jahr wird gebaut.", "de", "2022", ("2022", "year")),
    ("Beginnen soll es im Oktober des kommenden Jahres.", "de", "2022-12", ("2023-10", "month")),
    ("Work starts in September of next year.", "en", "2022-12-05", ("2023-09", "month")),
    ("A letter was drafted in May of this year.", "en", "2024-11-04", ("2024-05", "month")),
    ("Im Oktober des Vorjahres wurde verhandelt.", "de", "2019-07", ("2018-10", "month")),
    ("He travelled there last month.", "en", "2023-01-10", ("2022-12", "month")),
    ("Im vergangenen Monat kam er.", "de", "2023-01", ("2022-12", "month")),
    ("Earlier this month the firms agreed.", "en", "2023-01-10", ("2023-01", "month")),
    ("The accord is to be signed next month.", "en", "2022-12-20", ("2023-01", "month")),
    ("Im kommenden Monat wird unterschrieben.", "de", "2022-12", ("2023-01", "month")),
    ("Last week the firms agreed.", "en", "2023-03-03", ("2023-02", "month")),
    # the week of the reference
    ("Die Minister unterzeichneten in dieser Woche.", "de", "2023-05-12", ("2023-05", "month")),
    ("Anfang der Woche wurde unterschrieben.", "de", "2023-05-12", ("2023-05", "month")),
    ("The deal was signed early in the week.", "en", "2023-05-12", ("2023-05", "month")),
    ("Ende vergangener Woche wurde unterschrieben.", "de", "2023-05-03", ("2023-04", "month")),
    # the month of the reference, named without its name
    ("Ende des Monats wurde das Abkommen unterzeichnet.", "de", "2023-05-30", ("2023-05", "month")),
    ("Anfang des Monats trafen sich die Minister.", "de", "2023-05", ("2023-05", "month")),
    ("The deal was signed at the beginning of the month.", "en", "2023-05-12", ("2023-05", "month")),
    ("Earlier in the month the two firms agreed.", "en", "2023-05-12", ("2023-05", "month")),
    ("The MoU followed later in the month.", "en", "2023-05", ("2023-05", "month")),
    # years ago
    ("Vor genau 50 Jahren wurde der erste Vertrag geschlossen.", "de", "2018-06-06", ("1968", "year")),
    ("The first contract was signed 20 years ago.", "en", "2018", ("1998", "year")),
    ("Vor einem Jahr schlossen die Firmen einen Liefervertrag.", "de", "2021-03-02", ("2020", "year")),
    ("The two utilities signed a first deal three years ago.", "en", "2021-03", ("2018", "year")),
    ("Vor zwei Wochen unterzeichneten die Minister eine Erklärung.", "de", "2021-03-09", ("2021-02", "month")),
    ("A week ago the ministers signed a declaration.", "en", "2021-03-20", ("2021-03", "month")),
    # a month needs a reference known at least to the month
    ("He travelled there last month.", "en", "2023", (None, "month")),
    ("He travelled there last month.", "en", None, (None, "day")),
])
def test_relative_phrases(text, lang, published, expected):
    (found,) = find_dates(text, lang, published)
    assert (found.value, found.precision) == expected and found.kind == "relative"


@pytest.mark.parametrize(("text", "published", "value"), [
    ("Die Minister treffen sich am kommenden Montag.", "2022-05-10", "2022-05-16"),
    ("The ministers meet next Tuesday.", "2022-05-10", "2022-05-17"),
    ("Die Minister trafen sich am Montag.", "2022-05-10", "2022-05-09"),
    ("They met on Tuesday.", "2022-05-10", "2022-05-10"),
    # a German weekday compound with the part of the day
    ("Unterzeichnet wurde am Montagabend.", "2022-05-10", "2022-05-09"),
    ("Die Minister trafen sich am Dienstagnachmittag.", "2022-05-11", "2022-05-10"),
    # that weekday of the week before the reference's (not the last such weekday)
    ("Unterzeichnet wurde am Montag vergangener Woche.", "2022-05-12", "2022-05-02"),
    ("Die Firmen einigten sich am Freitag der vergangenen Woche.", "2022-05-10", "2022-05-06"),
    ("The accord was signed on Monday last week.", "2022-05-12", "2022-05-02"),
    ("They signed on Thursday of last week.", "2022-05-12", "2022-05-05"),
])
def test_weekdays_backward_and_forward(text, published, value):
    assert find_dates(text, "de", published)[0].value == value


# ---------------------------------------------------------------- comparing values
@pytest.mark.parametrize(("a", "b", "expected"), [
    ("2023-05", "2023-05-12", True),
    ("2023", "2023-05-12", True),
    ("XXXX-05-12", "2021-05-12", True),
    ("2021-05-12", "XXXX-05", True),
    ("2023-05-12", "2023-05-12", True),
    ("2023-05-12", "2023-05-13", False),
    ("2023-05", "2023-06-01", False),
    ("2022", "2023-05", False),
    ("XXXX-05-12", "XXXX-06", False),
    (None, "2023", False),
])
def test_compatible(a, b, expected):
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("2023-05-12", "2023-05", True),
    ("2023-05", "2023", True),
    ("XXXX-05-12", "2021", True),
    ("2023", "2023-05", False),
    ("2023-05", "2022-07", False),
])
def test_finer(a, b, expected):
    assert finer(a, b) is expected


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("Unterzeichnet wurde am Freitag, 3. März 2023, in Berlin.", "de", "2023-03-03"),
    ("Am Dienstag, den 7. März, trafen sich die Minister.", "de", "2023-03-07"),
    ("The deal was signed on Friday, March 3, 2023.", "en", "2023-03-03"),
    ("It was signed on Tuesday 7 March in Oslo.", "en", "2023-03-07"),
])
def test_weekday_before_a_date_is_that_date(text, lang, value):
    """A weekday written before the date it falls on is not a second date (which the
    publication date would resolve to another day)."""
    assert [d.value for d in find_dates(text, lang, "2023-06-15")] == [value]


@pytest.mark.parametrize(("text", "lang", "published", "value"), [
    ("Die Verträge wurden vom 5. bis 7. Mai 2021 auf einer Konferenz unterzeichnet.", "de", None, "2021-05"),
    ("Auf der Messe am 14. und 15. März unterschrieben beide Seiten.", "de", "2022-04-02", "2022-03"),
    ("The deals were signed at a forum from 5 to 7 May 2021.", "en", None, "2021-05"),
    ("At the summit on May 5-7, 2021, the ministers signed a memorandum.", "en", "2023-06-15", "2021-05"),
])
def test_a_range_of_days_is_its_month(text, lang, published, value):
    """Days of a range do not say on which one something happened: the month they are in."""
    (found,) = find_dates(text, lang, published)
    assert (found.value, found.precision) == (value, "month")


@pytest.mark.parametrize(("text", "published", "value"), [
    ("The memorandum was signed on the 12th, the ministry said.", "2023-06-15", "2023-06-12"),
    ("The two firms signed the contract on the 20th in Oslo.", "2023-06-15", "2023-05-20"),
    ("The deal was signed on the 3rd of this month.", "2023-06-15", "2023-06-03"),
    ("The deal was signed on the 3rd.", "2023-06", "2023-06"),
    ("The deal was signed on the 3rd.", None, None),
])
def test_a_day_of_the_month_without_its_month(text, published, value):
    """"on the 12th": the last such day up to the reference, with the reference's precision."""
    assert find_dates(text, "en", published)[0].value == value


@pytest.mark.parametrize("text", ["It was the 17th meeting of the council.", "They met on the 23rd floor.",
                                  "The talks took place on the 5th day of the summit."])
def test_an_ordinal_that_is_no_day(text):
    assert find_dates(text, "en", "2023-06-15") == []


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Talks began in March 2019. The following year they signed.", "en", ("2020", "year")),
    ("Gespräche begannen im März 2019 in Lima. Im Folgejahr wurde unterzeichnet.", "de", ("2020", "year")),
    ("Talks began in 2019. A year later they signed.", "en", ("2020", "year")),
    ("Gespräche begannen 2017 in Lima. Ein Jahr später wurde unterzeichnet.", "de", ("2018", "year")),
    ("Talks began in 2019. 3 years later they signed.", "en", ("2022", "year")),
    ("Gespräche begannen 2017 in Lima. 2 Jahre später wurde unterzeichnet.", "de", ("2019", "year")),
    ("Talks began in 2019. Three years later they signed.", "en", ("2022", "year")),
    ("Talks began on 31 March 2019. The next day they signed.", "en", ("2019-04-01", "day")),
    ("Gespräche begannen am 3. März 2019. Tags darauf wurde unterzeichnet.", "de", ("2019-03-04", "day")),
    ("Gespräche begannen am 3. März 2019. Am Folgetag wurde unterzeichnet.", "de", ("2019-03-04", "day")),
    ("Talks began in March 2019. The next day they signed.", "en", ("2019-03", "month")),
    ("Gespräche begannen im Dezember 2019 in Lima. Im darauffolgenden Monat wurde unterzeichnet.", "de", ("2020-01", "month")),
    ("Talks began on 3 March 2019. Later that month they signed.", "en", ("2019-03", "month")),
    ("Gespräche begannen am 3. März 2019. Im selben Monat wurde unterzeichnet.", "de", ("2019-03", "month")),
])
def test_dates_told_from_the_preceding_one(text, lang, expected):
    """"the following year", "tags darauf", "im selben Monat": from the preceding date, not the
    publication date."""
    last = find_dates(text, lang, "2023-06-15")[-1]
    assert (last.value, last.precision, last.kind) == (*expected, "anaphoric")


def test_a_date_after_no_date_has_no_value():
    (found,) = find_dates("The following day was quiet.", "en", "2023-06-15")
    assert found.value is None


@pytest.mark.parametrize(("text", "lang", "published", "expected"), [
    ("Anfang des Jahres unterzeichneten die Minister eine Erklärung.", "de", "2023-06-15", ("2023", "relative")),
    ("Earlier in the year the ministers signed a declaration.", "en", "2023-06-15", ("2023", "relative")),
    ("Die Gespräche begannen 2019 in Lima. Ende des Jahres wurde unterzeichnet.", "de", "2023-06-15", ("2019", "relative")),
    ("Talks began in 2019. At the end of the year they signed.", "en", "2023-06-15", ("2019", "relative")),
    ("Die Anlage soll bis Ende des Jahres fertig sein.", "de", "2023-06-15", ("2023", "target")),
    ("The plant is to be finished by the end of the year.", "en", "2023-06-15", ("2023", "target")),
])
def test_a_part_of_the_year_in_focus(text, lang, published, expected):
    """"Ende des Jahres", "at the end of the year": the year of the preceding date, else the
    reference's; after "bis"/"by" a target."""
    last = find_dates(text, lang, published)[-1]
    assert (last.value, last.kind) == expected and last.precision == "year"


def test_year_span_is_no_date_it_happened():
    # a span of years is the time something runs: both years are targets, not when it happened
    d = dates("Der Vertrag gilt von 2025 bis 2030 und wurde 2024 geschlossen.", "de")
    assert d["2025"][2] == d["2030"][2] == "target" and d["2024"][2] == "absolute"
    d = dates("the 2021-2025 programme, a tariff for 2024 to 2026, signed in 2023 and 2024", "en")
    assert [d[y][2] for y in ("2021", "2025", "2026")] == ["target"] * 3
    assert d["2023"][2] == "absolute"   # "2023 and 2024": two years, no span


def test_seasons_without_a_year_from_the_lexicon():
    from kg.extract.gazetteer import load_gazetteer

    seasons = load_gazetteer().seasons()
    v = {d.text: d.value for d in find_dates(
        "Im Frühjahr, im vergangenen Herbst, last summer, this spring, in the fall, im Sommer", "de", "2024-05-16",
        seasons=seasons)}
    assert v == {"Im Frühjahr": "2024", "im vergangenen Herbst": "2023", "last summer": "2023",
                 "this spring": "2024", "in the fall": "2023", "im Sommer": "2023"}
    v = {d.text: (d.value, d.kind) for d in find_dates("im Herbst 2021; until next spring; last summer", "en", "2024-12-02",
                                                       seasons=seasons)}
    assert v == {"2021": ("2021", "absolute"), "next spring": ("2025", "target"), "last summer": ("2024", "relative")}
    assert [d.text for d in find_dates("prices fall; the fall of prices in the fall of 2019", "en", "2024-05-16",
                                       seasons=seasons)] == ["2019"]


def test_weekday_takes_the_month_of_a_dateline_without_year():
    # no publication date, a dateline with day and month only: a weekday is that month, year unknown
    assert values("TOKIO, 5. März (dpa) – Am Dienstag unterzeichneten sie.", "de") == {
        "5. März": "XXXX-03-05", "Am Dienstag": "XXXX-03"}
    assert values("signed on Tuesday", "en") == {"on Tuesday": None}


def test_days_ago_and_the_day_before_yesterday():
    assert values("vor drei Tagen, vorgestern", "de", "2024-05-16") == {"vor drei Tagen": "2024-05-13", "vorgestern": "2024-05-14"}
    assert values("two days ago; the day before yesterday", "en", "2024-05-16") == {
        "two days ago": "2024-05-14", "the day before yesterday": "2024-05-14"}
    assert values("vor drei Tagen", "de", "2024-05") == {"vor drei Tagen": "2024-05"}   # a month-only reference: its month


def test_slash_dates_only_where_the_order_shows():
    assert values("signed on 5/14/2024; on 14/5/2024; on 3/3/2021", "en") == {
        "5/14/2024": "2024-05-14", "14/5/2024": "2024-05-14", "3/3/2021": "2021-03-03"}
    # day and month both up to 12: month-first or day-first cannot be told, so no day (and no year as its date)
    assert values("signed on 5/6/2024", "en") == {"5/6/2024": None}


def test_parts_of_today_and_last_night():
    assert values("this morning; tonight; last night", "en", "2024-05-16") == {
        "this morning": "2024-05-16", "tonight": "2024-05-16", "last night": "2024-05-15"}
    assert values("this afternoon", "en", "2024-05") == {"this afternoon": "2024-05"}
