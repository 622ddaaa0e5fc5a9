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
    name = result.name_of
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
    for iri, o in an.linker.orgs.items():
        if _is_country_like(iri) or not any(mt.start not in an.structure.skip for mt in o.mentions):
            continue
        out["organizations"].append({"name": o.name, "country": name(o.country), "iri": iri})
    return out


def _is_country_like(iri: str) -> bool:
    kind_key = split_entity_iri(iri)
    return bool(kind_key and kind_key[0] in ("country", "region"))
