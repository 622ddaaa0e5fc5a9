"""Document structure around the body text: headline, dateline and byline.

* A **headline** is a first line that is a sentence of its own and ends without a full stop
  ("Portugal and Peru sign memorandum on solar power"). It restates the news, so an
  agreement it names is the one the body reports.
* A **dateline** opens the first sentence of a paragraph: a place (and maybe a date and an
  agency) before a dash ("Lima –", "BERLIN, 5. Mai (dpa) –"). Its place is where the news was
  filed, a fallback for the place of signing; its words are never parties.
* A **byline** is a short line naming the author ("By Jane Doe", "Von Max Muster"); its name
  is not a person of the news. So are the names of a **credit line** ("(Reporting by Jane Doe in
  Oslo; Editing by Max Muster)", "Written by Jane Doe | 12 May", "Mitarbeit: Max Muster", "Contact: …").
  A line that is only a person's name, maybe with an agency or a title after a comma or bar ("Jane
  Doe | Energy Correspondent", "Max Muster, dpa"), the journalist's title on the line under it,
  and a sentence about the author ("Jane Doe is a freelance journalist based in Oslo") are bylines
  too (:func:`name_lines`, run once the persons are known).
"""

from __future__ import annotations

from dataclasses import dataclass, field

DASHES = ("–", "—", "-")


@dataclass
class Structure:
    skip: set[int] = field(default_factory=set)          # tokens of datelines and bylines
    dateline: tuple[str, str | None] | None = None        # (place as written, place IRI)
    headline: int | None = None                           # sentence index
    lead: set[int] = field(default_factory=set)           # sentences of the first paragraph of the body (news_lead)


def document_structure(an) -> Structure:
    toks = an.tokens
    st = Structure()
    sents = an.sentences
    if not sents:
        return st
    first = sents[0]
    if len(sents) > 1 and _headline_line(an, first, sents[1]):
        st.headline = 0
        if len(sents) > 2 and first.end - first.start <= 2 and not any(t.pos in ("VERB", "AUX") for t in toks[first.start:first.end]) \
                and _headline_line(an, sents[1], sents[2]):
            st.headline = 1   # a label line over it ("Pressemitteilung", "Press release", "ANALYSIS"): the next line is the headline
    for s in sents:
        _byline(an, s, st)
        _credit_line(an, s, st)
    for s in sents[:4]:
        if s.index == 0 or sents[s.index - 1].paragraph != s.paragraph:
            if _dateline(an, s, st):
                break
    st.lead = set(news_lead(an, st))   # (once bylines and datelines are known: not a byline's paragraph)
    return st


def _headline_line(an, s, nxt) -> bool:
    """Sentence s is a line of its own, ends without a full stop and is short: headline-shaped."""
    toks = an.tokens
    own_line = "\n" in an.text[s.char_end:s.char_end + 3] or nxt.paragraph != s.paragraph
    return own_line and toks[s.end - 1].text not in (".", "!", "?", ":", "…") and s.end - s.start <= 25


def news_lead(an, st: Structure) -> list[int]:
    """The sentences of the first paragraph of the body that is more than a byline: where the
    author's name stands on a line of its own under the headline ("By Jane Doe", "Von Max
    Muster"), the news begins in the paragraph after it. Sets :attr:`Structure.lead` at the end
    of :func:`document_structure` and again of :func:`name_lines`, once the bylines are known."""
    body = [s for s in an.sentences if st.headline is None or s.index > st.headline]   # (not a label line over it)
    for s in body:
        if any(k not in st.skip for k in range(s.start, s.end)):
            return [x.index for x in body if x.paragraph == s.paragraph]
    return []


def _dateline(an, s, st: Structure) -> bool:
    toks = an.tokens
    e = s.start
    depth = 0
    while e < s.end and e - s.start < 13 and toks[e].text not in DASHES:   # "DUBAI, UNITED ARAB EMIRATES (4 December 2023) —"
        t = toks[e]
        depth += (t.text == "(") - (t.text == ")")
        # an agency in brackets may be written in lower case ("Lima (dpa) –", "Bern (sda/afp) –")
        agency = depth > 0 and len(t.text) <= 12 and t.text.replace("-", "").isalpha()
        if not (t.is_title or agency or t.text in (",", "(", ")", ".", "/") or t.text.rstrip(".").isdigit()
                or t.pos == "NUM" or t.fold in ("es", "de", "al", "el", "la")):
            return False
        e += 1
    if e >= s.end or e == s.start or toks[e].text not in DASHES or e + 1 >= s.end:
        return False
    name = []
    for t in toks[s.start:e]:
        if t.text in (",", "(", "/"):   # "HALIFAX, Nova Scotia / LIMA -": the first place
            break
        name.append(t)
    if not name:
        return False
    st.skip.update(range(s.start, e + 1))
    mt = an.entity_at(s.start)
    if mt is not None and mt.kind == "place":
        st.dateline = (an.gaz.label(mt.iri, "en"), mt.iri)
    else:
        from kg.extract.tokens import join_tokens
        st.dateline = (join_tokens(name), None)
    return True


def _byline(an, s, st: Structure) -> None:
    toks = an.tokens
    words = toks[s.start:s.end]
    cut = next((i for i, t in enumerate(words) if t.text in (";", "|")), len(words))
    openers = an.gaz.words("BylineWord")
    if cut < len(words) and words and words[0].fold.rstrip(":") in openers:
        # "By Jane Doe; editing by Max Muster": the author before the credit that follows
        end = s.start + cut
        if all(t.is_title for t in words[1:cut]) and 1 < cut <= 6 and _line_start(an, s.start) \
                and _line_end(an, s.end - 1):
            st.skip.update(range(s.start, end))
        return
    if not words or len(words) > 6 or words[0].fold.rstrip(":") not in openers:
        return
    rest = []
    for i, t in enumerate(words[1:], start=s.start + 1):
        if t.text in (",", "|", ";", "/", "("):
            break   # "Von Max Muster, dpa": the agency after the name need not be capitalised
        if not rest and (t.pos in ("DET", "PRON") or "JournalistWord" in an.cats(i)):
            continue   # "Von unserer Korrespondentin Jane Doe", "By our correspondent Max Muster"
        if t.text != ":":
            rest.append(t)
    line_start = s.start == 0 or "\n" in an.text[toks[s.start - 1].end:words[0].start]
    line_end = s.end >= len(toks) or "\n" in an.text[words[-1].end:toks[s.end].start if s.end < len(toks) else len(an.text)]
    if rest and line_start and line_end and all(t.is_title for t in rest):
        st.skip.update(range(s.start, s.end))


def _line_start(an, k: int) -> bool:
    toks = an.tokens
    return k == 0 or "\n" in an.text[toks[k - 1].end:toks[k].start]


def _line_end(an, k: int) -> bool:
    toks = an.tokens
    return k + 1 >= len(toks) or "\n" in an.text[toks[k].end:toks[k + 1].start]


def _credit_line(an, s, st: Structure) -> None:
    """"(Reporting by Jane Doe; Editing by Max Muster)", "Written by Jane Doe | 12 May",
    "Mitarbeit: Max Muster": from the credit word to the closing bracket or the end of the line."""
    toks = an.tokens
    credit = an.gaz.word_lists.get("CreditWord", set())   # words that open a credit line (lexicon)
    first = {w[0] for w in credit}
    k = s.start
    while k < s.end - 2:
        t = toks[k]
        opens = t.fold in first and (k == s.start or toks[k - 1].text in ("(", ";", "|", "[")
                                     or "\n" in an.text[toks[k - 1].end:t.start])   # (the cheap test first)
        word = next((w for w in sorted(credit, key=len, reverse=True)
                     if tuple(x.fold for x in toks[k:k + len(w)]) == w), None) if opens and t.fold in first else None
        nxt = k + len(word) if word else k + 1
        if word and nxt < s.end and (toks[nxt].fold in ("by", "von") or toks[nxt].text == ":"):
            e = nxt + 1
            while e < s.end and toks[e].text not in (")", "]") and "\n" not in an.text[toks[e - 1].end:toks[e].start]:
                e += 1
            st.skip.update(range(k, e))
            k = e
            continue
        k += 1


BYLINE_SEPARATORS = (",", "|", "/", "–", "—", "-", "(")


def _whole_line(an, s) -> bool:
    toks = an.tokens
    first, last = toks[s.start], toks[s.end - 1]
    before = an.text[toks[s.start - 1].end:first.start] if s.start > 0 else "\n"
    after = an.text[last.end:toks[s.end].start] if s.end < len(toks) else "\n"
    return "\n" in before and "\n" in after


def name_lines(an, st: Structure, persons) -> None:
    """Bylines found by their person: a line that is only a person's name (no role title), maybe
    with an agency or a title after a separator ("Jane Doe | Energy Correspondent", "Max Muster,
    dpa"); a short line of a journalist's title right under it; a sentence that says the person
    is a journalist ("Jane Doe is a freelance journalist based in Oslo")."""
    toks = an.tokens
    starts = {pm.start: pm for pm in persons if not pm.data.get("role")}
    journalist = lambda k: "JournalistWord" in an.cats(k)
    verb = lambda k: toks[k].pos in ("VERB", "AUX")
    skipped_line = -2
    for s in an.sentences:
        if s.start in st.skip or s.end - s.start > 12:
            continue
        pm = starts.get(s.start)
        whole = _whole_line(an, s)
        if pm is not None and whole and (pm.end == s.end or (toks[pm.end].text in BYLINE_SEPARATORS
                                                             and s.end - pm.end <= 7
                                                             and not any(verb(k) for k in range(pm.end, s.end)))):
            st.skip.update(range(s.start, s.end))
            skipped_line = s.index
            continue
        if whole and s.index == skipped_line + 1 and s.end - s.start <= 6 and any(journalist(k) for k in range(s.start, s.end)) \
                and not any(verb(k) for k in range(s.start, s.end)):
            st.skip.update(range(s.start, s.end))   # "Senior Energy Correspondent" under the name
    for s in an.sentences:
        pm = starts.get(s.start)
        if pm is None or pm.end >= s.end or toks[pm.end].lemma not in ("be", "sein", "work", "arbeiten", "write", "schreiben"):
            continue
        if any(journalist(k) for k in range(pm.end + 1, min(s.end, pm.end + 8))):
            st.skip.update(range(s.start, s.end))   # "Jane Doe is a freelance journalist based in Oslo."
    st.lead = set(news_lead(an, st))   # (again: a byline found by its person is no lead either)
