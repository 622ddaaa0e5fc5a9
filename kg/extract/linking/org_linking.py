"""Linking of the organisations found to entities: a gazetteer organisation (by name, acronym or
spelling variant), one named earlier in the text (also by its short form or acronym), or a new one
(id:org/{slug} of the written name); later uses of an acronym or short name are mentions too.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from kg.extract.linguistic import lexicon_tags
from kg.extract.mentions import Mention, written_as
from kg.extract.tokens import fold
from kg.namespaces import entity_iri, slugify
from kg.extract.linking.words import squash, stem_key
from kg.extract.linking.entities import OrgEntity, org_index, org_keys_near
from kg.extract.linking.lookups import Lookups


# how the parent or the subsidiary of a named company was found: a company of its own, never a short form of it
_PARENT_HOWS = ("subsidiary", "parent", "parent-part")


def _coined_text(lang: str, word: str, longer_than: int, alpha: bool = True) -> bool:
    """``word`` looks coined: longer than ``longer_than``, written with one capital ("Velmar"), of
    letters only (unless ``alpha`` is False), and in neither tagger's lexicon, as written or small."""
    return len(word) > longer_than and word[:1].isupper() and word[1:].islower() and (word.isalpha() or not alpha) \
        and not lexicon_tags(lang, word) and not lexicon_tags(lang, word.lower())


class OrgLinking(Lookups):
    """Links the organisation mentions found to organisation entities."""

    def _country_in(self, mt: Mention) -> str | None:
        """The country a name names ("Ghana National Gas Company", "National Nigerian Petroleum
        Company", "Petroleum Directorate of Sierra Leone"): where the organization belongs."""
        for m in self.mentions:
            if mt.start <= m.start and m.end <= mt.end and m.kind == "country":
                return m.iri
        return None

    def _variant_iri(self, name: str) -> str | None:
        """The gazetteer organisation a found name is a spelling variant of: spaces, hyphens,
        case endings, or a long name one or two letters off (fuzzy)."""
        by_squash, by_stem, long_keys, long_iris = org_index(self.gaz)
        words = name.split()
        key = squash(words)
        if len(key) >= 5 and key in by_squash:
            return by_squash[key]
        if self.lang == "de" and len(words) >= 2 and stem_key(words) in by_stem:
            return by_stem[stem_key(words)]
        if len(key) >= 12 and long_keys:
            # (only the keys of a length that can reach the ratio: the same best match)
            positions, near = org_keys_near(self.gaz, len(key))
            hit = process.extractOne(key, near, scorer=fuzz.ratio, score_cutoff=92) if near else None
            # one or two letters off, and not at the start: "Asian" is not "Eurasian",
            # "China National …" not "Ghana National …"
            if hit is not None and OSA.distance(key, hit[0]) <= 2 and hit[0][:3] == key[:3]:
                return long_iris[positions[hit[2]]]
        return None

    def _known_before_form(self, name: str) -> str | None:
        """The gazetteer organisation whose whole name (or alias) a found name is, followed by a legal
        form or a group word of the lexicon (LegalForm, CompanyGroupWord): "Vestas Group", "Toyota
        Motor Corporation", "Sojitz Corp.". More name words make another company ("Shell Energy Europe")."""
        words = name.replace(",", " ").split()
        for n in (1, 2, 3):
            if len(words) <= n:
                break
            rest = tuple(fold(w) for w in words[-n:])
            if not (self.legal_form_words(rest, words[-n:])
                    or n == 1 and rest[0] in self.group_words and words[-1][:1].isupper()):
                continue
            head = words[:-n]
            surface = " ".join(head)
            for giri, form, exact in self.gaz.phrases.get(tuple(fold(w) for w in head), []):
                if giri in self.gaz.entities and self.gaz.entities[giri].kind == "org" and form == "name" \
                        and written_as(exact, surface):
                    return giri
        return None

    def _acronym_with_expansion(self, name: str, acr_map: dict[str, str]) -> str | None:
        """The organisation an acronym stands for when the words it abbreviates follow it
        ("PGE Polska Grupa Energetyczna" is PGE): a known or earlier-introduced acronym whose
        letters are exactly the initials of the rest of the name."""
        words = name.split()
        if len(words) < 3 or not (words[0].isupper() and words[0].isalpha()):
            return None
        initials = "".join(w[0] for w in words[1:] if w[:1].isalpha() and w[:1].isupper())
        if initials != words[0]:
            return None
        for giri, form, _ in self.gaz.phrases.get((fold(words[0]),), []):
            if giri in self.gaz.entities and self.gaz.entities[giri].kind == "org":
                return giri
        return acr_map.get(fold(words[0]))

    def add_orgs(self, org_mentions: list[Mention]) -> None:
        """Link organization mentions found after the first pass (by the frame stage)."""
        self._link_orgs(org_mentions)

    def _link_orgs(self, org_mentions: list[Mention]) -> None:
        acr_map: dict[str, str] = {}
        for mt in org_mentions:
            name = _strip_article(mt.text)
            mt.text = name
            iri = mt.iri
            if iri is None:
                words = tuple(fold(w) for w in name.split())
                for giri, form, exact in self.gaz.phrases.get(words, []):
                    # (a name the gazetteer writes in capitals only is that name as written: "CEPS" is
                    # not the Czech "ČEPS", as the gazetteer matcher reads it)
                    if giri in self.gaz.entities and self.gaz.entities[giri].kind == "org" and written_as(exact, name):
                        iri = giri
                acr = mt.data.get("acronym")
                if iri is None and acr:
                    for giri, form, _ in self.gaz.phrases.get((fold(acr),), []):
                        if giri in self.gaz.entities and self.gaz.entities[giri].kind == "org":
                            iri = giri
            if iri is None:
                iri = self._known_before_form(name)
            if iri is None:
                iri = self._variant_iri(name)
            if iri is None:
                iri = self._acronym_with_expansion(name, acr_map)
                if iri is not None and iri in self.orgs:
                    name = mt.text = name.split(" ", 1)[1]  # named before: the expansion, not "KNP Kappa Nordic Power"
            if iri is None and fold(name) in acr_map:
                iri = acr_map[fold(name)]
            if iri in self.gaz.entities and mt.data.get("genitive") and len(name) > 3 and name.endswith("s"):
                # a known name in the genitive is shown without its -s: des Taipowers (the matcher marks
                # a mention so only where it found the name, and its iri, from the word without the -s)
                name = mt.text = name[:-1]
            if iri in self.gaz.entities and self.lang == "de":
                # an inflected form of a known name is shown in the nominative: der Europäischen Union
                g = self.gaz.entities[iri]
                for label in (g.label_de, g.label_en):
                    if label and fold(label) != fold(name) and len(label.split()) == len(name.split()) \
                            and stem_key(label.split()) == stem_key(name.split()):
                        name = mt.text = label
                        break
            if iri is None:
                key = squash(name.split())
                for o in self.orgs.values():
                    if fold(o.name) == fold(name) or fold(name) in {fold(a) for a in o.aliases} \
                            or len(key) >= 6 and key in {squash(x.split()) for x in o.aliases | {o.name}}:
                        iri = o.iri
                        break
            if mt.data.get("how") not in _PARENT_HOWS and self._after_subsidiary_cue(mt.start):
                mt.data["parent"] = True    # "a subsidiary of the Norwegian group Kappa": found by another rule
            if iri is None and mt.data.get("how") not in _PARENT_HOWS and not mt.data.get("parent"):
                iri = self._short_form(name)
            if iri is None:
                iri = str(entity_iri("org", slugify(name)))
            mt.iri = iri
            if self._article_in_name(mt):
                name = mt.text = "The " + name   # "to sell The Kappa Oil Company of Ruritania Limited"
            ent = self.orgs.get(iri)
            known = iri in self.gaz.entities
            if ent is None:
                country = self.gaz.entities[iri].country if known else mt.data.get("country") or self._country_in(mt)
                ent = OrgEntity(iri, name, country, known=known)
                self.orgs[iri] = ent
            elif len(name) > len(ent.name) and not name.isupper():
                ent.aliases.add(ent.name)
                ent.name = name
            else:
                ent.aliases.add(name)
            if mt.data.get("acronym"):
                ent.aliases.add(mt.data["acronym"])
                acr_map[fold(mt.data["acronym"])] = iri
            ent.mentions.append(mt)
        # later uses of a one-word name found by a pattern ("the utility Samruk-Energy" ... "Samruk-Energy")
        coined: set[str] = set()   # one-word names no tagger knows ("Kudrevo", "Velmora")
        for mt in list(org_mentions):
            if mt.end - mt.start == 1 and mt.data.get("how") in ("company-word", "apposition") and len(mt.text) > 3:
                acr_map.setdefault(fold(mt.text), mt.iri)
            if mt.end - mt.start == 1 and _coined_text(self.lang, mt.text, 3, alpha=False) \
                    and mt.iri in self.orgs and fold(self.orgs[mt.iri].name) == fold(mt.text) \
                    and mt.iri not in self.gaz.entities and mt.data.get("how") not in _PARENT_HOWS:
                # a coined one-word name of a company found once by a pattern ("der Staatskonzern
                # Kudrevo", "Kudrevo-Chef X") names it wherever the text uses it ("… hatte Kudrevo mit Y …");
                # not the short form of a longer name ("Volvo" of "Volvo Group": a brand, a product)
                acr_map.setdefault(fold(mt.text), mt.iri)
                coined.add(fold(mt.text))
        # the same for a coined name of two or three words ("Velmar Tosk" ... "Velmar Tosk signed …"),
        # and for a coined name of one to three words before a legal form ("Velmar Corp." ... "Velmar")
        coined_runs: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for mt in org_mentions:
            n = mt.end - mt.start
            if 2 <= n <= 5 and mt.iri in self.orgs and mt.iri not in self.gaz.entities \
                    and mt.data.get("how") not in _PARENT_HOWS and fold(self.orgs[mt.iri].name) == fold(mt.text):
                words = mt.text.split()
                k = next((k for k in range(1, min(len(words), 4)) if self.legal_form_words(tuple(fold(w) for w in words[k:]))),
                         len(words))
                words = words[:k]
                if k == 1:
                    w = words[0]
                    if _coined_text(self.lang, w, 3):
                        acr_map.setdefault(fold(w), mt.iri)
                        coined.add(fold(w))
                    continue
                if k <= 3 and all(_coined_text(self.lang, w, 2) for w in words):
                    coined_runs.setdefault(fold(words[0]), []).append((tuple(fold(w) for w in words), mt.iri))
        if coined_runs:
            # not the short form of a longer name of the text ("Kappa Tosk" of "Kappa Tosk Wind DA")
            longer = [fold(x) for o in self.orgs.values() for x in o.aliases | {o.name}]
            for first, runs in coined_runs.items():
                runs[:] = [(r, i) for r, i in runs if not any(x.startswith(" ".join(r) + " ") for x in longer)]
            toks = self.tokens
            for tok in toks:
                for run, iri in coined_runs.get(tok.fold, ()):
                    j = tok.i + len(run)
                    if j <= len(toks) and tuple(t.fold for t in toks[tok.i:j]) == run \
                            and all(t.text[:1].isupper() for t in toks[tok.i:j]) \
                            and not any(m.start < j and tok.i < m.end for m in org_mentions):
                        mt = Mention(tok.i, j, "org", iri, "name", " ".join(t.text for t in toks[tok.i:j]),
                                     data={"how": "name-use"})
                        org_mentions.append(mt)
                        self.orgs[iri].mentions.append(mt)
                        break
        for tok in self.tokens:
            iri = acr_map.get(tok.fold)
            if iri and tok.text.isupper() or (iri and tok.text[:1].isupper() and any(c.isupper() for c in tok.text[1:])) \
                    or (iri and tok.text[:1].isupper() and (tok.fold in self._short_names or tok.fold in coined)):
                if not any(m.start <= tok.i < m.end for m in org_mentions):
                    mt = Mention(tok.i, tok.i + 1, "org", iri, "acronym", tok.text, data={"how": "acronym-use"})
                    org_mentions.append(mt)
                    self.orgs[iri].mentions.append(mt)
        org_mentions.sort(key=lambda m: m.start)

    def _after_subsidiary_cue(self, k: int) -> bool:
        """A subsidiary cue ("a subsidiary of", "eine Tochter des", "owned by") stands at most
        five words before token k in its sentence, with no comma between."""
        toks = self.tokens
        for i in range(k - 2, max(k - 7, -1), -1):
            if toks[i].text in (",", ";", ".") or toks[i + 1].text in (",", ";", "."):
                return False
            a = toks[i].lemma if self.lang == "de" else toks[i].fold
            if (a, toks[i + 1].fold) in self.subsidiary_cues or (toks[i].fold, toks[i + 1].fold) in self.subsidiary_cues:
                return True
        return False

    def _short_form(self, name: str) -> str | None:
        """"Hyphen" after "Hyphen Hydrogen Energy" (or before it): the first word of a longer
        organization name in the same text is that organization."""
        words = name.split()
        for o in self.orgs.values():
            if any(m.data.get("how") in _PARENT_HOWS or m.data.get("parent") for m in o.mentions):
                continue    # "Kappa Peru, a subsidiary of Kappa": the parent is another company
            theirs = o.name.split()
            if len(words) == 1 and len(theirs) > 1 and fold(theirs[0]) == fold(name) and len(name) >= 4 \
                    and (fold(name),) not in self.m.org_words:
                return o.iri
            if len(theirs) == 1 and len(words) > 1 and fold(words[0]) == fold(theirs[0]) and len(theirs[0]) >= 4 \
                    and (fold(theirs[0]),) not in self.m.org_words and not o.known:
                return o.iri
            if self._without_legal_form(words, theirs):
                return o.iri
        return self._head_of_described(words)

    def _article_in_name(self, mt: Mention) -> bool:
        """A capital "The" right before the name, or as its first word, belongs to it inside a
        sentence, after a word: in English a word in small letters ("agreed to sell The Kappa Oil
        Company Limited"; not after a colon, a dateline's, nor in a headline's title case), in
        German any word (an English article is part of a foreign name: "der Staatsfonds The
        Harbour Investment Fund"). At a sentence's start it is the article."""
        toks = self.tokens
        j = mt.start if toks[mt.start].text == "The" else mt.start - 1
        if j < 1 or toks[j].text != "The" or j in self.sent_starts or not toks[j - 1].text.isalpha():
            return False
        return self.lang == "de" or toks[j - 1].text.islower()

    def _head_of_described(self, words: list[str]) -> str | None:
        """"die Landesbank" after "die Bayerische Landesbank", "die Hochbahn" after "die Hamburger
        Hochbahn": a one-word name that is the head noun of exactly one longer name of the text whose
        other words are adjectives names that organization again. (Not after a name that holds a
        place: "National Petroleum Corporation" is not "Gambia National Petroleum Corporation".)"""
        if len(words) != 1 or len(words[0]) < 4:
            return None
        toks = self.tokens
        found = {o.iri for o in self.orgs.values() for m in o.mentions
                 if m.end - m.start >= 2 and toks[m.end - 1].fold == fold(words[0]) and toks[m.end - 1].pos == "NOUN"
                 and all(toks[k].pos == "ADJ" for k in range(m.start, m.end - 1))}
        return found.pop() if len(found) == 1 else None

    def _without_legal_form(self, words: list[str], theirs: list[str]) -> bool:
        """"Kappa Energie" after "Kappa Energie AG", "Nordwind Power" after "Nordwind Power Ltd":
        a name of two or more words that is a longer name of the text without its legal form."""
        n = len(words)
        if n < 2 or len(theirs) <= n or [fold(w) for w in theirs[:n]] != [fold(w) for w in words]:
            return False
        return self.legal_form_words(tuple(fold(w) for w in theirs[n:]))


def _strip_article(name: str) -> str:
    parts = name.split()
    while parts and parts[0].lower() in ("the", "der", "die", "das"):
        parts = parts[1:]
    return " ".join(parts)
