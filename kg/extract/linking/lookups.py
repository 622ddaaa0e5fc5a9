"""The document as the linker sees it: its tokens and mentions indexed by position, the lexicon's
word lists it asks about, and the look-ups every rule uses (a word's lexicon category, a legal form,
an organisation head word).
"""

from __future__ import annotations

import bisect

from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions import Matcher, Mention, tokens_by_category
from kg.extract.tokens import Token
from kg.extract.linking.words import word_class
from kg.extract.linking.entities import OrgEntity, PersonEntity


# a subsidiary noun (lexicon SubsidiaryNoun) before one of these names the parent: "a subsidiary of X"
_SUBSIDIARY_PREPS = ("of", "von", "der", "des")


class Lookups:
    """One document's linking state (its tokens and mentions by position, the persons and organisations
    found, the rules' memos) and the look-ups every rule uses."""

    def __init__(self, gaz: Gazetteer, matcher: Matcher, tokens: list[Token], mentions: list[Mention], lang: str):
        self.gaz, self.m, self.tokens, self.lang = gaz, matcher, tokens, lang
        self.mentions = mentions
        self.sent_starts: set[int] = set()   # the first tokens of the sentences (set by find_orgs)
        self.by_token: dict[int, Mention] = {}
        self.lex_at: dict[int, Mention] = {}
        self.ent_at: dict[int, Mention] = {}
        for mt in mentions:
            for k in range(mt.start, mt.end):
                if mt.kind == "lex":
                    self.lex_at.setdefault(k, mt)
                elif mt.data.get("part") is None:
                    self.ent_at.setdefault(k, mt)
                self.by_token.setdefault(k, mt)
        self.persons: dict[str, PersonEntity] = {}
        self.orgs: dict[str, OrgEntity] = {}
        self.person_mentions: list[Mention] = []
        self.excluded: set[int] = set()        # byline tokens: never a person or an organisation
        self._namelike: dict[int, bool] = {}    # see namelike
        self._namelike_excluded = 0
        self._name_toks: dict[int, bool] = {}   # see name_tok
        self._name_tok_excluded = 0
        self._extra_orgs: list[Mention] = []    # organisations inside a token: Zentrox in "Zentrox-Chef"
        self._short_names: set[str] = set()      # short names given in brackets after a name: (Hydrom)
        self._non_org_acronyms: set[str] = set()  # acronyms of projects and agreements (see find_orgs)
        self._org_first_part: set[int] = set()    # compounds opened by a known organisation (see find_orgs)
        self._places: list[Mention] | None = None   # see _place_names
        self._sorted_places: list[Mention] | None = None   # the same by first token, and those tokens
        self._place_starts: list[int] = []                  # (see _name_country_names)
        self._cat_positions: dict[str, list[int]] = {}   # see cat_in
        self._cat_positions_made = False
        self._org_spans: list[tuple[int, int]] | None = None   # see _known_org_spans
        self._org_span_starts: list[int] = []
        # the lexicon's word lists the rules read (the same for every document of a gazetteer)
        self.__dict__.update(gaz.cached("linking_tables", _lexicon_tables))

    def has_cat(self, i: int, *cats: str) -> bool:
        mt = self.lex_at.get(i)
        return mt is not None and not mt.cats.isdisjoint(cats)

    def is_role(self, i: int) -> bool:
        mt = self.lex_at.get(i)
        return mt is not None and "RoleTitle" in mt.cats   # (has_cat, without the call)

    def words_of(self, cat: str) -> list[int]:
        """The tokens with a word of lexicon category ``cat``, in order; listed once per document."""
        if not self._cat_positions_made:
            self._cat_positions_made = True
            self._cat_positions = tokens_by_category(self.lex_at)
        positions = self._cat_positions
        at = positions.get(cat)
        if at is None:
            at = positions[cat] = []
        return at

    def cat_in(self, cat: str, s: int, e: int) -> bool:
        """A word of lexicon category ``cat`` among tokens ``s`` to ``e - 1`` (``has_cat`` of any of them)."""
        at = self.words_of(cat)
        j = bisect.bisect_left(at, s)
        return j < len(at) and at[j] < e

    def cat_positions(self, cats: tuple[str, ...], s: int, e: int) -> list[int]:
        """The tokens from ``s`` to ``e - 1`` with a word of any of ``cats`` (those where
        ``has_cat(k, *cats)``), in order: a rule that wants such a word visits only these."""
        found: set[int] = set()
        for cat in cats:
            at = self.words_of(cat)
            found.update(at[bisect.bisect_left(at, s):bisect.bisect_left(at, e)])
        return sorted(found)

    def word_class(self, k: int) -> str:
        return word_class(self.lang if self.lang in ("de", "en") else "en", self.tokens[k].text)

    def legal_form_words(self, folds: tuple[str, ...], texts: list[str] | None = None) -> bool:
        """Words that are a whole legal form of the lexicon (by their folded forms); with their
        ``texts``, also written exactly as the lexicon has it (spaces aside: "Co., Ltd." is "Co.,Ltd.")."""
        return bool(folds) and folds in self.legal_first.get(folds[0], ()) \
            and (texts is None or "".join(texts) in self.legal_surface)

    def legal_form_end(self, k: int) -> int | None:
        """The end of a legal form (AG, GmbH, Ltd., S.A., Co., Ltd.) starting at token k, written
        exactly as the lexicon has it (case-sensitive: English "As" or "as" is no legal form)."""
        toks = self.tokens
        t = toks[k]
        firsts = self.legal_first.get(t.fold)
        if firsts is None:   # (the usual case, and the cheapest test)
            return None
        if not ((not t.text.islower() and any(c.isupper() for c in t.text)) or "." in t.text or t.fold == "plc"):
            return None
        for words in firsts:
            n = len(words)
            if k + n <= len(toks) and tuple(x.fold for x in toks[k:k + n]) == words \
                    and self.legal_form_words(words, [x.text for x in toks[k:k + n]]):
                return k + n
        return None

    def _known_org_spans(self, s: int, e: int) -> set[tuple[int, int]]:
        """The spans (start, end) of the gazetteer's organisations (whole tokens, no part of one)
        that begin in tokens ``s`` to ``e`` (a sentence): listed once per document, in order, so a
        sentence reads its own instead of every mention of the text."""
        if self._org_spans is None:
            self._org_spans = sorted({(m.start, m.end) for m in self.mentions
                                      if m.kind == "org" and m.data.get("part") is None})
            self._org_span_starts = [a for a, _ in self._org_spans]
        starts = self._org_span_starts
        return set(self._org_spans[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)])

    def _org_head(self, k: int) -> bool:
        return (self.tokens[k].fold,) in (self.m.org_heads_en if self.lang == "en" else self.m.org_heads)



def _lexicon_tables(gaz: Gazetteer) -> dict:
    """The lexicon's word lists that :class:`Lookups` reads, by attribute name: they depend on the
    gazetteer only, so they are made once per gazetteer (``gaz.cached``), not once per document."""
    legal_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(gaz.lex_words("LegalForm"), key=len, reverse=True):
        legal_first.setdefault(words[0], []).append(words)
    subsidiary_nouns = gaz.words("SubsidiaryNoun")    # subsidiary, unit, Tochter
    subsidiary_cues = {(n, p) for n in subsidiary_nouns for p in _SUBSIDIARY_PREPS} | {("owned", "by")}
    example_cues: dict[str, list[tuple[str, ...]]] = {}
    for cue in sorted(gaz.word_lists.get("ExampleCue", ()), key=len, reverse=True):
        example_cues.setdefault(cue[0], []).append(cue)
    return dict(
        legal_first=legal_first,
        group_words=gaz.words("CompanyGroupWord"),    # Group, Corporation, Gruppe: "Vestas Group" is Vestas
        # legal forms as the lexicon writes them, without spaces: "AS" and "Oy" are forms, "As" is not
        legal_surface={label.replace(" ", "") for label in gaz.lex_surface.get("LegalForm", ())},
        articles=gaz.words("Article"),   # articles, demonstratives, possessives
        descriptor_words=gaz.words("DescriptorWord"),   # Oslo-based, state-owned
        place_endings=gaz.words("PlaceNameEnding"),     # -land, -burg, -au: Kappland, Kappenau
        place_prefixes=gaz.words("PlacePrefix"),     # Nord-, Mittel-: Mittelhessen, Oberbayern
        place_org_heads=gaz.words("PlaceOrgHead"),     # -versorgung, -werke: die Energieversorgung Kappstadt
        place_adjective_org_heads=gaz.words("PlaceAdjectiveOrgHead"),   # -betriebe, -bahn: die Berliner Wasserbetriebe
        port_words=gaz.words("PortWord"),
        hosting_nouns=gaz.words("HostingNoun"),
        event_bodies=gaz.words("EventBodyWord"),
        subsidiary_nouns=subsidiary_nouns,
        company_words=gaz.lex_words("CompanyWord"),      # Konzern, Gesellschaft, company
        consortium_heads=gaz.words("ConsortiumNoun") | gaz.words("VentureNoun"),   # see _named_consortia
        venture_pairs={w for w in gaz.word_lists.get("VentureNoun", ()) if len(w) == 2},   # joint venture
        indefinite=gaz.words("IndefiniteArticle"),   # "einer Kappauer Bank" names no bank
        masc_neut_articles=gaz.words("GermanMasculineNeuterArticle"),   # des/im … before an adjective in -en
        # endings of German head nouns by gender: n (das Institut), m (der Rat); feminine is the rest
        _gender_endings={**{w: "m" for w in gaz.words("GermanMasculineEnding")},
                         **{w: "n" for w in gaz.words("GermanNeuterEnding")}},
        org_connectors=gaz.words("OrgNameConnector"),     # de, del, la, des, du (Empresa Nacional de …)
        subsidiary_cues=subsidiary_cues,
        subsidiary_seconds={p for _, p in subsidiary_cues},   # their second words
        example_cues=example_cues,
    )
