"""Company names opened or closed by a legal form: "PT Kappa Energi Indonesia", "Elektro Nord AS",
"Beta Power Co., Ltd.", "Tesla, Inc.", a quoted name that ends in one.
"""

from __future__ import annotations

from kg.extract.linking.words import _CLOSE_Q, _NAME_NUMBER, _OPEN_Q, word_class
from kg.extract.linking.org_spans import OrgSpans


class LegalFormNames(OrgSpans):
    """The rules of ``find_orgs`` for names opened or closed by a legal form.

    Each rule looks at one sentence (``sent``) with what ``find_orgs`` gives it: ``title`` (may token k
    be a word of a name), ``add`` (record a name found, unless its tokens are taken) and the tokens
    taken by organisations and persons found before.
    """

    def _prefix_legal_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A company name opened by a legal form written before it: "PT Kappa Energi Indonesia",
        "PT Kappa (Persero)", "PJSC Kappa", "TOO Kappa Energy" (written exactly as the lexicon has
        it). A quoted name after it is left to the quoted-name rule."""
        toks = self.tokens
        lim = sent.end
        prefixes = self.gaz.lex_surface.get("LegalFormPrefix", ())
        for k in range(sent.start, lim - 1):
            if toks[k].text not in prefixes or k in taken or k in person_tokens:
                continue
            e = k + 1
            while e < lim and e - k < 6 and title(e) and e not in taken and e not in person_tokens \
                    and not self.has_cat(e, "RoleTitle", "SigningVerb", "AgreementWord", "CompanyWord") \
                    and not (self.ent_at.get(e) is not None and self.ent_at[e].kind in ("country", "region") and e == k + 1):
                e += 1
            if e == k + 1:
                continue
            if e + 2 < lim and toks[e].text == "(" and toks[e + 2].text == ")" and toks[e + 1].is_title:
                e += 3      # "PT Kappa (Persero)"
            le = self.legal_form_end(e) if e < lim else None
            known = self.ent_at.get(k + 1)
            iri = known.iri if known is not None and known.kind == "org" and known.start == k + 1 else None
            add(k, le or e, "legal-prefix", iri)

    def _legal_form_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A company name closed by a legal form: "Elektro Nord AS", "Acme Holdings Ltd",
        "Beta Power Co., Ltd.", "Tesla, Inc."; and a quoted name that ends in one
        ('"Coastal power systems (Private) Limited"')."""
        toks = self.tokens
        lim = sent.end
        # quoted names ending in a legal form
        for q in range(sent.start, lim):
            if toks[q].text not in _OPEN_Q:
                continue
            e = q + 1
            while e < lim and toks[e].text not in _CLOSE_Q and e - q < 12:
                e += 1
            if e < lim and e - q >= 3 and toks[q + 1].text[:1].isupper() \
                    and any(self.legal_form_end(k) == e for k in range(q + 2, e)):
                known = self.ent_at.get(q + 1)
                add(q + 1, e, "legal-form", known.iri if known and known.kind == "org" and known.end >= e - 1 else None)
        k = sent.start + 1
        while k < lim:
            le = self.legal_form_end(k)
            if le is None or k in taken:
                k += 1
                continue
            end = le
            if end + 1 < lim and toks[end].text == "," and self.legal_form_end(end + 1):
                end = self.legal_form_end(end + 1)                 # Co., Ltd.
            while end < lim and self._org_head(end) and toks[end].is_title:
                end += 1                                            # "ZEPTA Ltd. Consortium"
            name_end = k - 1 if toks[k - 1].text == "," and k - 2 >= sent.start else k   # Tesla, Inc.
            s = name_end
            while s > sent.start:
                p = s - 1
                if p in taken or p in person_tokens or p in self.excluded:
                    break
                known = self.ent_at.get(p)
                if known is not None and known.kind == "org" and known.end == name_end and sent.start <= known.start < p \
                        and not any(x in taken or x in person_tokens for x in range(known.start, p)):
                    s = known.start     # a known name that the legal form closes: "Hamburger Hafen und Logistik AG"
                    continue
                if toks[p].fold in ("and", "und") and self._nouns_joined_in_name(p, name_end, sent.start, title):
                    s = p       # "Kappauer Hafen und Logistik AG", "Kestrel Port and Logistics Ltd"
                    continue
                if title(p) and (self._word_of_company_name(p) or self._org_head(p) and p - 1 >= sent.start and title(p - 1)
                                 and p + 1 < name_end) and self.legal_form_end(p) is None:
                    s = p       # also a head word inside the name: "Tokyo Electric Power Company Holdings, Inc."
                    continue
                if _NAME_NUMBER.fullmatch(toks[p].text) and p - 1 >= sent.start and title(p - 1):
                    s = p                                           # Nord Stream 2 AG
                    continue
                if toks[p].text == "&" and p - 1 >= sent.start and title(p - 1):
                    s = p
                    continue
                if toks[p].fold in ("of", "for") and s < name_end and p - 1 >= sent.start and title(p - 1) \
                        and (self._org_head(p - 1) or (toks[p - 1].fold,) in self.m.org_words):
                    s = p       # "Power Grid Corporation of India Ltd", "Bank of China Limited"
                    continue
                if toks[p].fold in ("and", "und") and p - 1 >= sent.start and title(p - 1) \
                        and self._joined_business_lines(p, name_end + 1, title):
                    s = p       # "Kappa Exploration and Production Peru Limited", "Kappa Öl und Gas GmbH"
                    continue
                if toks[p].fold == "and" and name_end < k and p - 1 >= sent.start and title(p - 1) \
                        and all((toks[x].fold,) in self.m.org_words for x in range(p + 1, name_end)) \
                        and (self.ent_at.get(p - 1) is None or self.ent_at[p - 1].kind == "org"):
                    s = p       # "Air Products and Chemicals, Inc.": words of company names on both sides of "and"
                    continue
                if toks[p].text == ")" and p - 2 >= sent.start and toks[p - 2].text == "(" and title(p - 1):
                    s = p - 2                                       # Kappa (India) Limited
                    continue
                break
            while s < name_end and (toks[s].pos in ("ADV", "PRON", "DET", "ADP", "SCONJ", "CCONJ") or self._nationality(s)
                                    or toks[s].text in ("(", "&") or self._descriptor(s, name_end)):
                s += 1
            if name_end > s and not all(self.ent_at.get(x) is not None and self.ent_at[x].kind in ("country", "region", "place")
                                        for x in range(s, name_end)):
                known = self.ent_at.get(s)
                iri = known.iri if known is not None and known.kind == "org" and known.start == s and known.end >= name_end else None
                add(s, end, "legal-form", iri)
            k = end

    def _nouns_joined_in_name(self, p: int, name_end: int, start: int, title) -> bool:
        """"und"/"and" at token p joins capitalised common nouns of a name that a legal form closes
        (at ``name_end``) and a name word opens: "Kappauer Hafen und Logistik AG", "Kestrel Port and
        Logistics Ltd". Not without that name word ("zwischen Bund und Netz AG": two parties), nor
        before a name ("Kappa und Zeta AG"), nor after a word of company names, which may close the
        first of two names ("Kappa Power und Nordwind AG")."""
        toks = self.tokens

        def common(x: int) -> bool:
            return title(x) and self.ent_at.get(x) is None and self.legal_form_end(x) is None \
                and self._word_of_company_name(x) \
                and ((toks[x].fold,) in self.m.org_words or self.word_class(x) == "noun"
                     or self.lang == "en" and word_class("en", toks[x].text.lower()) == "noun")

        if not (p + 1 < name_end and all(common(x) for x in range(p + 1, name_end))):
            return False
        q = p - 1
        while q >= start and common(q) and (toks[q].fold,) not in self.m.org_words and not self._org_head(q):
            q -= 1      # (a word of company names before "und" may end a name: "Kappa Power und Nordwind AG")
        return start <= q < p - 1 and title(q) and self.word_class(q) != "noun" and self.ent_at.get(q) is None \
            and self.legal_form_end(q) is None and self._word_of_company_name(q)
