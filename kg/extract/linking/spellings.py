"""Names that their spelling shows to be organisations: a CamelCase word ("Bharat PetroResources"), a
known name written with or without spaces, hyphens or German case endings ("Petro Vietnam",
"der Europäischen Investitionsbank"), and a short name in brackets after a name ("(Hydrom)").
"""

from __future__ import annotations

import re

from kg.extract.mentions import Mention
from kg.extract.tokens import fold
from kg.extract.linking.words import squash, stem_key
from kg.extract.linking.entities import org_index
from kg.extract.linking.org_spans import OrgSpans


class SpellingNames(OrgSpans):
    """The rules of ``find_orgs`` for names that their spelling shows.

    Each rule looks at one sentence (``sent``) with what ``find_orgs`` gives it: ``title`` (may token k
    be a word of a name), ``add`` (record a name found, unless its tokens are taken) and the tokens
    taken by organisations and persons found before.
    """

    def _bracket_names(self, out: list[Mention], person_tokens: set[int]) -> None:
        """A name in brackets right after an organisation is its short name: "Europäischer Verband
        der Übertragungsnetzbetreiber (ENTSO-E)" links to the known ENTSO-E, "Hydrogen Development
        Company (Hydrom)" is also called Hydrom. A short name must begin with the initial of one of
        the name's words; countries, persons and lowercase words are no short names."""
        toks = self.tokens
        by_start = {m.start: m for m in out}
        for m in out:
            e = m.end
            if e + 2 >= len(toks) or toks[e].text != "(" or m.data.get("acronym"):
                continue
            close = next((c for c in range(e + 2, min(e + 5, len(toks))) if toks[c].text == ")"), None)
            if close is None:
                continue
            inner = by_start.get(e + 1)
            if inner is not None and inner.end == close:
                if m.iri is None and inner.iri is not None and inner.iri in self.gaz.entities:
                    m.iri = inner.iri
                elif inner.iri is None:
                    m.data["acronym"] = inner.text
                continue
            if close != e + 2:
                continue
            t = toks[e + 1]
            initials = {fold(w)[:1] for w in re.split(r"[\s-]+", m.text) if w}
            if len(t.text) >= 3 and t.text[:1].isupper() and t.text.isalpha() and e + 1 not in person_tokens \
                    and self.ent_at.get(e + 1) is None and self.lex_at.get(e + 1) is None and t.fold[:1] in initials:
                m.data["acronym"] = t.text
                self._short_names.add(t.fold)

    def _camel_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A company written with a CamelCase word and the name words around it: "Bharat
        PetroResources", "Kappa GreenTech Solutions". Known names are left to the gazetteer."""
        toks = self.tokens
        lim = sent.end
        for k in range(sent.start, lim):
            if k in taken or k in person_tokens or self.ent_at.get(k) is not None or not self.company_camel(k):
                continue
            s = k
            while s - 1 >= sent.start and self._camel_name_part(s - 1, title, taken, person_tokens):
                s -= 1
            e = k + 1
            while e < lim and (self._camel_name_part(e, title, taken, person_tokens, after=True) or self.company_camel(e)):
                e += 1
            end = self.legal_form_end(e) if e < lim else None
            parts = {fold(x) for x in re.findall(r"[A-Z][a-z]+", toks[k].text)}
            if end is None and not parts & self.m.company_parts and not any(
                    (toks[x].fold,) in self.m.org_words or self._org_head(x) for x in range(s, e) if x != k):
                continue   # "EastMed", "HyDeal Ambition": a project; "PetroResources", "Kappa GreenTech Solutions" companies
            add(s, end or e, "camel")

    def _camel_name_part(self, k: int, title, taken: set[int], person_tokens: set[int], after: bool = False) -> bool:
        """A capitalised word that can stand next to a CamelCase word in a company name: a proper
        or unknown word, an acronym, a word of company names; no entity, role or verb. After it,
        an English capitalised noun too ("GreenTech Solutions": English nouns are written small)."""
        t = self.tokens[k]
        if k in taken or k in person_tokens or not title(k) or self.ent_at.get(k) is not None:
            return False
        mt = self.lex_at.get(k)
        if mt is not None and not (mt.cats & {"OrgHead", "OrgNameWord"}) or self.legal_form_end(k) is not None:
            return False
        return (t.fold,) in self.m.org_words or self._org_head(k) or (t.text.isupper() and len(t.text) >= 2) \
            or self.word_class(k) in ("name", "unknown") or (after and self.lang == "en" and self.word_class(k) == "noun")

    def _variant_names(self, sent, add, taken: set[int], person_tokens: set[int]) -> None:
        """Known organisations written with or without spaces or hyphens (Petro Vietnam,
        Exxon-Mobil) or, in German, with other case endings (der Europäischen Investitionsbank)."""
        toks = self.tokens
        lim = sent.end
        by_squash, by_stem, _, _ = org_index(self.gaz)
        i = sent.start
        while i < lim:
            hit = None
            if toks[i].is_title and i not in taken and i not in person_tokens and self.ent_at.get(i) is None:
                # the longest span that is free and written like a name (its shorter ones are too)
                run = 0
                while run < min(4, lim - i) and (x := i + run) not in taken and x not in person_tokens \
                        and x not in self.excluded and (toks[x].text[:1].isupper() or toks[x].text[:1].isdigit()
                                                        or toks[x].text == "&"):
                    run += 1
                for n in range(run, 0, -1):
                    span = range(i, i + n)
                    known = self.ent_at.get(i)
                    if known is not None and known.start == i and known.end >= i + n:
                        break                       # the matcher has it already
                    words = [toks[x].text for x in span]
                    iri = None
                    if n > 1 or re.search(r"[-‐‑.'’`]", words[0]):   # (one plain word needs no key)
                        key = squash(words)
                        if len(key) >= 5 and tuple(fold(w) for w in words) not in self.gaz.phrases:
                            iri = by_squash.get(key)
                    if iri is None and n >= 2 and self.lang == "de":
                        iri = by_stem.get(stem_key(words))
                    if iri:
                        hit = (i + n, iri)
                        break
            if hit:
                mt = add(i, hit[0], "variant", hit[1])
                if mt is not None:
                    mt.data["variant"] = True
                i = hit[0]
                continue
            i += 1
