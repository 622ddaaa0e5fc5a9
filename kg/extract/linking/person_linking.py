"""Linking of the persons found to entities: a gazetteer person (also misspelt), a person named
earlier in the text, or a new one (id:person/{slug} of the written name).

A later mention of the family name alone is the same person. Spellings of one
person (Wladimir/Vladimir) are merged by alias and fuzzy matching (rapidfuzz).
"""

from __future__ import annotations

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, OSA

from kg.extract.mentions import Mention
from kg.extract.tokens import fold
from kg.namespaces import entity_iri, slugify
from kg.extract.linking.entities import PersonEntity, person_index, person_shape
from kg.extract.linking.name_words import NameWords


def one_slip(a: str, b: str) -> bool:
    """Two folded spellings one typing slip apart (Halvorsen/Halvorssen): a letter left out or added
    in a word of five letters or more, a swapped or wrong letter in one of eight or more."""
    if a == b or a[:1] != b[:1] or min(len(a), len(b)) < 5:
        return False
    if Indel.distance(a, b) <= 1:
        return True
    return min(len(a), len(b)) >= 8 and OSA.distance(a, b) <= 1


class PersonLinking(NameWords):
    """Links the person mentions found to person entities."""

    def _link_persons(self) -> None:
        for mt in self.person_mentions:
            ent = self._person_for(mt)
            ent.mentions.append(mt)
            mt.iri = ent.iri

    def _person_for(self, mt: Mention) -> PersonEntity:
        if mt.data.get("full") is not None and mt.data["full"] is not mt:
            other = mt.data["full"]
            # the full-name mention may already carry a gazetteer/curated IRI without having
            # been turned into an entity yet (it comes later in the mention list)
            ent = self.persons.get(other.iri) if other.iri else None
            if ent is None:
                ent = self._person_for(other)
            other.iri = ent.iri
            ent.aliases.add(mt.text)
            return ent
        name = mt.text
        if mt.iri and mt.iri in self.gaz.entities:
            iri = mt.iri
        else:
            iri = None
            # a known spelling of a gazetteer person (fuzzy, across transliterations)
            for words in [tuple(fold(w) for w in name.split())]:
                for giri, form, _ in self.gaz.phrases.get(words, []):
                    if giri in self.gaz.entities and self.gaz.entities[giri].kind == "person":
                        iri = giri
            if iri is None:
                for p in self.persons.values():
                    if fuzz.token_sort_ratio(fold(p.name), fold(name)) >= 88:
                        iri = p.iri
                        break
            if iri is None and len(name.split()) >= 2:
                # a misspelt gazetteer person: Vladimir Puttin
                # (the persons with as many spaces and the same first letter of the last word)
                folded = " ".join(fold(w) for w in name.split())
                for label, giri in person_index(self.gaz).get(person_shape(folded), ()):
                    if fuzz.ratio(label, folded) >= 90:
                        iri = giri
                        break
            if iri is None:
                iri = str(entity_iri("person", slugify(name)))
        ent = self.persons.get(iri)
        if ent is None:
            ent = PersonEntity(iri, name)
            self.persons[iri] = ent
        else:
            if len(name) > len(ent.name) and mt.data.get("how") != "surname":
                ent.aliases.add(ent.name)
                ent.name = name
            else:
                ent.aliases.add(name)
        return ent

    def _family_company(self, k: int, covered: set[int]) -> bool:
        """The family name at k opens a company's name: up to three capitalised words after it, not
        of a person found, reach an organisation head, a word of company names or a legal form
        ("Kappa Enterprises Limited", "Kappa Gas", "Kappa Green Energy Ltd"). A company named after
        its founder's family keeps the name where the founder is in the text too."""
        toks = self.tokens
        j = k + 1
        while j < len(toks) and j - k <= 3 and toks[j].is_title and j not in covered:
            if self._org_head(j) or (toks[j].fold,) in self.m.org_words or self.legal_form_end(j) is not None:
                return True
            j += 1
        return False

    def _surname_mentions(self) -> None:
        """Later mentions of a family name alone ("Muster", "Beispiels") are the same person."""
        last: dict[str, str] = {}
        for ent in self.persons.values():
            parts = [p for p in ent.name.split() if p not in ("Jr.", "Sr.", "Jr", "Sr")]
            if len(parts) >= 2:
                for key in {fold(parts[-1]), fold(parts[0])} if len(parts) == 2 else {fold(parts[-1])}:
                    last.setdefault(key, ent.iri)
        covered = set()
        for mt in self.person_mentions:
            covered.update(range(mt.start, mt.end))
        extra = []
        by_initial: dict[str, list[tuple[str, str]]] = {}   # (one_slip wants the same first letter)
        for k, v in last.items():
            by_initial.setdefault(k[:1], []).append((k, v))
        for tok in self.tokens:
            if tok.i in covered or not tok.is_title:
                continue
            key = tok.fold
            iri = last.get(key) or (last.get(key[:-1]) if key.endswith("s") else None)
            if iri is None and key[:1] in by_initial and tok.i not in self.excluded and self.namelike(tok.i):
                # the family name spelt with a slip: "Halvorssen" in one place, "Halvorsen" in another
                iri = next((v for k, v in by_initial.get(key[:1], ()) if one_slip(k, key)), None)
            if iri and tok.i + 1 < len(self.tokens) and self.tokens[tok.i + 1].is_title \
                    and self.tokens[tok.i + 1].i not in covered and self.ent_at.get(tok.i + 1) is None \
                    and self.lex_at.get(tok.i + 1) is None and self.word_class(tok.i + 1) in ("name", "unknown") \
                    and tok.i > 0 and self.has_cat(tok.i - 1, "CompanyWord"):
                continue    # "der Baukonzern Muster Kappalo": the family name begins a company's name
            if iri and self._family_company(tok.i, covered):
                continue    # "Muster Enterprises Limited", "Muster Green Energy Ltd": the family's company
            if iri and (tok.i not in self.ent_at) and tok.i not in self.excluded:
                mt = Mention(tok.i, tok.i + 1, "person", iri, "surname", tok.text, data={"how": "surname"})
                self.persons[iri].mentions.append(mt)
                extra.append(mt)
        self.person_mentions = sorted(self.person_mentions + extra, key=lambda m: m.start)
