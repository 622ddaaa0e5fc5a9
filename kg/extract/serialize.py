"""The JSON form of an extraction result (the shape of the evaluation corpus)."""

from __future__ import annotations

from kg.namespaces import split_entity_iri


def _date(d) -> str | None:
    return d.value if d is not None else None


def result_to_json(result) -> dict:
    an = result.analysis
    out = {"doc": result.doc.name, "language": result.language, "published": result.doc.published,
           "agreements": [], "cooperations": [], "persons": [], "organizations": []}
    if an is None:
        return out
    name = lambda iri: _output_name(result, iri)
    for a in result.agreements:
        sigs = []
        for iri, info in a.signatories.items():
            sigs.append({"person": name(iri), "role": info.get("role"),
                         "on_behalf_of": name(info.get("on_behalf_of")), "iri": iri})
        topics = [result.gaz.label(t, "en") for t in a.topics]
        out["agreements"].append({
            "id": a.id, "kind": a.kind, "title": a.title, "signed_on": _date(a.date),
            "place": a.place, "parties": [name(p) for p in a.parties],
            "signatories": sigs, "witnesses": [name(w) for w in sorted(a.witnesses)],
            "topics": topics,
            "other_dates": [{"what": what, "date": d.value} for what, d in a.other_dates],
            "background": a.background, "confidence": round(a.confidence, 2),
            "evidence": sorted(a.sentences),
        })
    for x, y, t in result.cooperations:
        out["cooperations"].append([name(x), name(y), result.gaz.label(t, "en") if t else None])
    for iri, p in an.linker.persons.items():
        if not any(mt.start not in an.structure.skip for mt in p.mentions):
            continue   # named only in a byline
        info = an.persons.get(iri)
        out["persons"].append({"name": p.name, "role": info.role if info else None,
                               "affiliation": name(info.affiliation) if info else None, "iri": iri})
    titles = _title_spans(an)
    parties = {p for a in result.agreements for p in a.parties}
    for iri, o in an.linker.orgs.items():
        if _is_country_like(iri) or not any(mt.start not in an.structure.skip for mt in o.mentions):
            continue
        if iri not in parties and all(_names_an_event(an, mt) or an.linker.venue(mt) for mt in o.mentions):
            continue   # "the G20 summit", "the UN climate conference": an event, not the body; "signed at the
            # Kappa Secretariat": the building where it happens
        if all(mt.data.get("how") != "gazetteer" and any(s <= mt.start and mt.end <= e for s, e in titles)
               for mt in o.mentions):
            continue   # words of a title ("Minister of Electricity and Renewable Energy"), not a name
        out["organizations"].append({"name": name(iri), "country": name(o.country), "iri": iri})
    # an organization a role names without its name ("EU-Kommissionspräsidentin", "Commission
    # President"): the text names it through the title of its person
    listed = {o["iri"] for o in out["organizations"]}
    for p in out["persons"]:
        info = an.persons.get(p["iri"])
        org = info.affiliation if info else None
        if org and org not in listed and an.kind_of(org) == "org":
            ent = result.gaz.entities.get(org)
            out["organizations"].append({"name": name(org), "country": name(ent.country) if ent is not None else None,
                                         "iri": org})
            listed.add(org)
    return out


def _title_spans(an) -> list[tuple[int, int]]:
    """The token spans of the persons' role titles with their complements."""
    from kg.extract.roles import _complement_end

    out = []
    for pm in an.person_mentions:
        role = pm.data.get("role")
        if role:
            out.append((role[0], _complement_end(an, role[1])))
    return out


def _output_name(result, iri: str | None) -> str | None:
    """The name an actor is given in the output: a country or region by its plain English name, an
    organisation the gazetteer names in English in every language (lex:nameInEveryLanguage: the
    European Union, the European Commission) by that name, any other as the text names it."""
    if not iri:
        return None
    if _is_country_like(iri):
        return _plain_name(result.name_of(iri))
    ent = result.gaz.entities.get(iri) if result.gaz else None
    if ent is not None and ent.name_everywhere:
        return ent.label_en
    return result.name_of(iri)


def _plain_name(label: str | None) -> str | None:
    """A country's or region's name as a text names it: without the bracket that tells apart
    namesakes in the gazetteer ("Georgia (U.S. state)", "Berlin (state)", "Washington (state)")."""
    if label and label.endswith(")") and " (" in label:
        return label[:label.rindex(" (")]
    return label


def _is_country_like(iri: str) -> bool:
    kind_key = split_entity_iri(iri)
    return bool(kind_key and kind_key[0] in ("country", "region"))


def _names_an_event(an, mt) -> bool:
    """An organisation's name used as a modifier of an event or project word ("the G20
    summit", "the UN climate conference")."""
    toks = an.tokens
    k = mt.end
    while k < len(toks) and k - mt.end < 2 and toks[k].text[:1].islower() and toks[k].pos in ("NOUN", "ADJ"):
        if an.cats(k) & {"EventNoun", "ProjectWord"}:
            return True
        k += 1
    return k < len(toks) and toks[k].pos in ("NOUN", "PROPN") and bool(an.cats(k) & {"EventNoun", "ProjectWord"})
