"""Words that can make a person's name: a token that can be part of one, a capitalised word that
reads as a name, a known given name, and the longest name that starts at a token.
"""

from __future__ import annotations

import re

from kg.extract.dates import MONTHS
from kg.extract.tokens import Token, fold
from kg.extract.linking.words import (_CLOSE_QUOTES, _COMPANY_CAMEL, _INITIAL, _NAME_WITH_BACKTICK, _OPEN_QUOTES,
                                      _PARTICLE_NAME, squash, word_class)
from kg.extract.linking.entities import org_index
from kg.extract.linking.lookups import Lookups


class NameWords(Lookups):
    """Tests of name words and name spans, asked by the person and the organisation rules."""

    def name_tok(self, tok: Token, taken) -> bool:
        """A token that can be part of a person's name (al-Rashid and O`Brien too).

        Memoised per token when ``taken`` is the matcher's mentions by token (as every rule
        passes it): the person rules ask it of the same tokens many times, and it reads only the
        token, those mentions and the byline tokens (``excluded``, which only grow: the memo
        starts afresh when they do, as namelike's)."""
        if taken is not self.by_token:
            return self._name_tok(tok, taken)
        if len(self.excluded) != self._name_tok_excluded:
            self._name_toks.clear()
            self._name_tok_excluded = len(self.excluded)
        out = self._name_toks.get(tok.i)
        if out is None:
            out = self._name_toks[tok.i] = self._name_tok(tok, taken)
        return out

    def _name_tok(self, tok: Token, taken) -> bool:
        """name_tok, not memoised."""
        if not tok.text[:1].isupper() and not _PARTICLE_NAME.match(tok.text):
            return False    # the cheap test first: every other name pattern begins with a capital
        if tok.i in self.excluded or self.company_camel(tok.i):
            return False
        if "-" in tok.text and fold(tok.text.rsplit("-", 1)[-1]) in self.descriptor_words:
            return False    # "Oslo-based Kengo": a description before a name, no part of it
        if tok.fold in self.gaz.bare_nationality:
            return False    # "der Norweger Jan Muster": a nationality noun of both numbers is no part of the name
        if tok.text.isalpha() and not tok.text.isupper() and sum(c.isupper() for c in tok.text) >= 3:
            return False    # an acronym with small letters in it (ZNBPar, PZnG) names no person
        if self.m.is_name_token(tok, taken):
            return True
        if _PARTICLE_NAME.match(tok.text) or _NAME_WITH_BACKTICK.match(tok.text):
            m = taken.get(tok.i)
            return m is None or m.kind in ("lex", "person")
        return False

    def company_camel(self, k: int) -> bool:
        """Token k is written like a company's CamelCase name (PetroResources, EnBW), not a
        person's (McDonald); a name particle in front (VanDyke) makes it a person's."""
        text = self.tokens[k].text
        if text[1:].islower():
            return False    # (no capital after the first letter: the cheap test for most words)
        if not _COMPANY_CAMEL.match(text) or self.legal_form_end(k) is not None:
            return False    # GmbH is a legal form
        prefix = re.match(r"[A-Z][a-z]+", text).group(0)
        return (fold(prefix),) not in self.m.particles

    def inflected_noun(self, k: int, named: bool = False) -> bool:
        """German token k is an inflected common word (a plural or a dative: "Kraftwerke",
        "Windrädern"), no name: its lemma differs from the word by more than a genitive "s".
        With ``named`` (the word stands where a name is expected, right after a company noun), a
        word neither tagger knows that ends in "e" or "er" is a name whose lemma the lemmatiser
        only guessed by cutting that ending ("der Staatskonzern Fenrote", "mit dem Atomkonzern
        Galmote"); an unknown word in "n" stays a plural ("das Unternehmen Wärmepumpen")."""
        t = self.tokens[k]
        if self.lang != "de" or not t.lemma or t.lemma == t.fold or t.fold in (t.lemma + "s", t.lemma + "es"):
            return False
        return not named or t.fold.endswith("n") or not all(word_class(lg, t.text) == "unknown" for lg in ("de", "en"))

    def namelike(self, k: int) -> bool:
        """A capitalised word that reads as a name: a given name, a proper noun or a word the
        tagger does not know; not a common noun, an acronym, a known entity or a lexicon word.

        Memoised per token: the rules ask it of the same tokens many times, and it reads only
        the tokens, the matcher's mentions and the byline tokens (``excluded``, which only grow:
        the memo starts afresh when they do)."""
        if len(self.excluded) != self._namelike_excluded:
            self._namelike.clear()
            self._namelike_excluded = len(self.excluded)
        out = self._namelike.get(k)
        if out is None:
            out = self._namelike[k] = self._reads_as_name(k)
        return out

    def _reads_as_name(self, k: int) -> bool:
        """namelike, not memoised."""
        t = self.tokens[k]
        if not self.name_tok(t, self.by_token) or self.ent_at.get(k) is not None:
            return False
        if _PARTICLE_NAME.match(t.text) or _INITIAL.match(t.text):
            return True
        if not t.text[:1].isupper() or (t.text.isupper() and len(t.text) > 1) or any(c.isdigit() for c in t.text):
            return False
        if (t.fold,) in self.m.org_words or self._org_head(k) or self.legal_form_end(k) is not None:
            return False
        mt = self.lex_at.get(k)
        if mt is not None and mt.cats - {"GivenName", "NotATopicCompound"}:
            return False
        return t.fold in self.gaz.given_names or self.word_class(k) in ("name", "unknown")

    def name_span(self, i: int, limit: int, taken) -> tuple[int, int] | None:
        """The longest name starting at token i (1–5 tokens with particles)."""
        toks = self.tokens
        if i >= limit or not self.name_tok(toks[i], taken) or self.m.is_particle(toks[i]) and toks[i].text[:1].islower():
            return None
        j = i + 1
        while j < limit and j - i < 6:
            t = toks[j]
            if self.name_tok(t, taken) and not toks[j - 1].text.endswith(","):
                j += 1
            elif t.text in ("Jr.", "Sr.", "Jr", "Sr"):
                j += 1
            elif t.text in _OPEN_QUOTES and j + 3 < limit and j + 3 - i < 8 and toks[j + 1].text[:1].isupper() \
                    and toks[j + 2].text in _CLOSE_QUOTES and self.name_tok(toks[j + 3], taken):
                j += 4   # a nickname in quotes inside the name: Edmund G. „Jerry“ Brown
            elif j == i + 1 and self._given(i) and t.is_title and fold(t.text) in MONTHS and self.ent_at.get(j) is None \
                    and self._name_ends(j + 1, limit) and not (j + 1 < limit and toks[j + 1].text[:1].isdigit()):
                j += 1   # "Prime Minister Theresa May gave": a family name that is also a month
            elif j == i + 1 and self._given(i) and t.is_title and self.ent_at.get(j) is not None \
                    and self.ent_at[j].end == j + 1 and (self.ent_at[j].kind in ("country", "region", "place")
                                                         or self.ent_at[j].kind == "org" and not t.text.isupper()) \
                    and self.ent_at.get(i) is None and (i > 0 and self.is_role(i - 1) or self._name_ends(j + 1, limit)) \
                    and toks[i].fold not in self.m.company_parts and squash((toks[i].text, t.text)) not in org_index(self.gaz)[0]:
                # a family name that is a place ("Ministerpräsident Luís Montenegro", "signed by Luís
                # Montenegro and") or a known one-word company ("Max Viessmann sagte"; a legal form or a
                # company word after it makes the whole a company: see _company_after_given_name); the
                # name at j is one word of its own, as no entity name covers the given name at i
                j += 1
            elif j == i + 1 and self._given(i) and t.is_title and self.is_role(j) and self.lex_at[j].end == j + 1 \
                    and self.ent_at.get(i) is None and self._name_ends(j + 1, limit):
                j += 1   # "Madeleine King said": a family name that is also a title
            elif self.m.is_particle(t) and not (t.tag == "ART" and t.text.islower() and not self.m.is_particle(toks[j - 1])
                                                and j + 1 < limit and toks[j + 1].tag == "NN"):
                # one or more particles before a name part: bin Salman, van der Berg, de la Cruz; not a
                # German article before a common noun ("stellte Ministerin Jana Muster das Programm vor")
                p = j
                while p < limit and self.m.is_particle(toks[p]) and toks[p].text not in ("Jr.", "Sr.") and p - j < 3:
                    p += 1
                if p > j and p < limit and self.name_tok(toks[p], taken) and not self._company_at(p, limit):
                    j = p
                else:
                    break
            else:
                break
        while j > i + 1 and self.m.is_particle(toks[j - 1]) and toks[j - 1].text not in ("Jr.", "Sr."):
            j -= 1
        return (i, j)

    def _company_at(self, k: int, limit: int) -> bool:
        """A company's name starts at token k: its words up to a legal form ("von der Zentrox
        GmbH" after a name is the person's company, not a particle of the name)."""
        for e in range(k + 1, min(limit, k + 4)):
            if self.legal_form_end(e) is not None:
                return True
            if not self.tokens[e].text[:1].isupper():
                return False
        return False

    def _name_ends(self, k: int, limit: int) -> bool:
        """Nothing of a name goes on at token k: the end, punctuation or a word written small."""
        return k >= limit or not self.tokens[k].text[:1].isupper() or self.tokens[k].text in ("'s", "’s")

    def _given(self, k: int) -> bool:
        """Token k is a known given name (the first part of a hyphenated one too: Jean-Luc)."""
        t = self.tokens[k]
        if t.text.isupper() and len(t.text) > 1:
            return False    # a Roman numeral or an acronym: XI is not the given name Xi
        f = t.fold
        return f in self.gaz.given_names or ("-" in f and f.split("-")[0] in self.gaz.given_names) \
            or (t.text.endswith("né") and f[:-2] in self.gaz.given_names)   # Hungarian married name: Lászlóné
