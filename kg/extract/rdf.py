"""RDF of an extraction result, following docs/model.md, with evidence nodes.

The graph is meant for the document's named graph ``graph/extracted/{document-key}``.
Entities that the gazetteer or the curated data know keep their IRIs (countries
``id:country/ISO2``, regions ``id:region/ISO3166-2``, known organizations and persons);
new organizations and persons are ``id:org/{slug}`` and ``id:person/{slug}``. Agreement IRIs
are ``id:agreement/{date-or-undated}-{party-slugs}-{main-topic}`` (``-2``, ``-3`` ... for the
next agreements of one text that would get the same). Every asserted fact is
supported by an ``ekg:Evidence`` node with the document, the sentence, its character
offsets (in the normalised text), a confidence and the extractor version.
"""

from __future__ import annotations

import hashlib

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.namespaces import EKG, ID, PREFIXES, entity_iri, slugify, split_entity_iri, text_digest

KIND_CLASS = {"memorandum": EKG.Memorandum, "agreement": EKG.Agreement, "declaration_of_intent": EKG.DeclarationOfIntent,
              "treaty": EKG.Treaty, "partnership": EKG.Partnership, "contract": EKG.Contract}


def date_literal(value: str | None) -> Literal | None:
    if not value or value.startswith("XXXX"):
        return None
    if len(value) == 10:
        return Literal(value, datatype=XSD.date)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    return None


def _key(iri: str) -> str:
    kk = split_entity_iri(iri)
    if kk and kk[0] in ("country", "region"):
        return kk[1].lower()
    return kk[1] if kk else slugify(iri.rsplit("/", 1)[-1])


def agreement_iri(result, a) -> URIRef:
    date = a.date.value if a.date is not None and a.date.value and not a.date.value.startswith("XXXX") else "undated"
    parties = sorted(_key(p) for p in a.parties)[:4]
    topic = next(iter(a.topics), None)
    parts = [date] + parties + ([topic.rsplit("/", 1)[-1]] if topic else [])
    slug = slugify("-".join(parts))
    if date == "undated":   # undated agreements of one pair stay apart per document
        slug += "-" + result.doc.key[:6]
    return entity_iri("agreement", slug)


def result_to_rdf(result) -> Graph:
    from kg.extract.pipeline import EXTRACTOR

    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    doc = result.doc
    doc_iri = entity_iri("document", doc.key)
    g.add((doc_iri, RDF.type, EKG.Document))
    if doc.title:
        g.add((doc_iri, DCTERMS.title, Literal(doc.title)))
    if doc.source:
        g.add((doc_iri, DCTERMS.source, Literal(doc.source)))
    if doc.published and date_literal(doc.published):
        g.add((doc_iri, DCTERMS.issued, date_literal(doc.published)))
    g.add((doc_iri, DCTERMS.language, Literal(result.language)))
    g.add((doc_iri, EKG.sha256, Literal(text_digest(doc.text))))
    if getattr(doc, "site", None):
        g.add((doc_iri, DCTERMS.publisher, Literal(doc.site)))
    if getattr(doc, "location", None):
        g.add((doc_iri, EKG.sourceLocation, Literal(doc.location, datatype=XSD.anyURI)))
    if getattr(doc, "media_type", None):
        g.add((doc_iri, DCTERMS["format"], Literal(doc.media_type)))
    an = result.analysis
    if an is None:
        return g
    text = an.text
    gaz = result.gaz

    def evidence(node, prop, value, sentence_index: int, confidence: float) -> None:
        sent = an.sentences[sentence_index]
        quote = text[sent.char_start:sent.char_end]
        h = hashlib.sha1(f"{node}|{prop}|{value}|{sentence_index}".encode()).hexdigest()[:16]
        ev = ID[f"evidence/{doc.key}-{h}"]
        g.add((ev, RDF.type, EKG.Evidence))
        g.add((ev, EKG.supports, node))
        g.add((ev, EKG.property, prop))
        if value is not None:
            g.add((ev, EKG.value, value if isinstance(value, (URIRef, Literal)) else URIRef(value)))
        g.add((ev, EKG.document, doc_iri))
        g.add((ev, EKG.quote, Literal(quote)))
        g.add((ev, EKG.start, Literal(sent.char_start, datatype=XSD.integer)))
        g.add((ev, EKG.end, Literal(sent.char_end, datatype=XSD.integer)))
        g.add((ev, EKG.confidence, Literal(round(confidence, 2), datatype=XSD.decimal)))
        g.add((ev, EKG.extractor, Literal(EXTRACTOR)))

    used: set[str] = set()

    def extracted(ref: URIRef, cls: URIRef, found, confidence: float) -> None:
        """Type, name, other spellings and provenance of a person or organization the text names."""
        g.add((ref, RDF.type, cls))
        g.add((ref, RDFS.label, Literal(found.name)))
        for alias in sorted(found.aliases - {found.name}):
            g.add((ref, SKOS.altLabel, Literal(alias)))
        g.add((ref, PROV.wasDerivedFrom, doc_iri))
        if found.mentions:
            evidence(ref, RDFS.label, Literal(found.name), an.sent_of[found.mentions[0].start], confidence)

    def entity(iri: str) -> URIRef:
        ref = URIRef(iri)
        if iri in used:
            return ref
        used.add(iri)
        if iri in an.linker.persons:
            p = an.linker.persons[iri]
            extracted(ref, EKG.Person, p, 0.8)
            info = an.persons.get(iri)
            if info is not None and (info.role or info.affiliation):
                role = BNode()
                g.add((ref, EKG.role, role))
                g.add((role, RDF.type, EKG.Role))
                if info.role:
                    g.add((role, EKG.title, Literal(info.role, lang=result.language)))
                aff = info.affiliation
                if aff:
                    kind = (split_entity_iri(aff) or ("org", ""))[0]
                    g.add((role, EKG.country if kind in ("country", "region") else EKG.organization, entity(aff)))
        elif iri in an.linker.orgs:
            o = an.linker.orgs[iri]
            extracted(ref, EKG.Organization, o, 0.75)
            if o.country:
                g.add((ref, EKG.basedIn, entity(o.country)))
        elif iri in gaz.entities:
            ent = gaz.entities[iri]
            cls = {"country": EKG.Country, "region": EKG.Region, "org": EKG.Organization,
                   "person": EKG.Person, "place": EKG.Place}.get(ent.kind)
            if cls is not None:
                g.add((ref, RDF.type, cls))
                g.add((ref, RDFS.label, Literal(ent.label_en, lang="en")))
        return ref

    minted: dict[URIRef, int] = {}
    for a in result.agreements:
        node = agreement_iri(result, a)
        minted[node] = minted.get(node, 0) + 1
        if minted[node] > 1:  # another agreement of this text has the same date, parties, topic
            node = URIRef(f"{node}-{minted[node]}")
        first = min(a.sentences) if a.sentences else a.intro
        g.add((node, RDF.type, KIND_CLASS.get(a.kind, EKG.Agreement)))
        g.add((node, RDFS.label, Literal(a.title or a.kind.replace("_", " "), lang=result.language)))
        if a.title:
            g.add((node, DCTERMS.title, Literal(a.title, lang=result.language)))
        g.add((node, PROV.wasDerivedFrom, doc_iri))
        evidence(node, RDF.type, KIND_CLASS.get(a.kind, EKG.Agreement), a.intro, a.confidence)
        lit = date_literal(a.date.value if a.date else None)
        if lit is not None:
            g.add((node, EKG.signedOn, lit))
            evidence(node, EKG.signedOn, lit, a.intro, a.confidence)
        if a.place:
            place = URIRef(a.place_iri) if a.place_iri else entity_iri("place", slugify(a.place))
            g.add((node, EKG.signedAt, place))
            g.add((place, RDF.type, EKG.Place))
            g.add((place, RDFS.label, Literal(a.place)))
        ev_sent = {(prop, val): s for prop, val, s, _ in a.evidence}
        for p, how in a.parties.items():
            ref = entity(p)
            g.add((node, EKG.party, ref))
            evidence(node, EKG.party, ref, ev_sent.get(("party", p), first), 0.85 if how != "lede" else 0.6)
        for person, info in a.signatories.items():
            ref = entity(person)
            g.add((node, EKG.signatory, ref))
            if info.get("on_behalf_of"):   # a signature node names whom the signer signed for; unknown: none
                sig = BNode()
                g.add((node, EKG.signature, sig))
                g.add((sig, RDF.type, EKG.Signature))
                g.add((sig, EKG.signer, ref))
                g.add((sig, EKG.onBehalfOf, entity(info["on_behalf_of"])))
                if info.get("role"):
                    g.add((sig, EKG.title, Literal(info["role"], lang=result.language)))
            evidence(node, EKG.signatory, ref, ev_sent.get(("signatory", person), first), 0.8)
        for person in sorted(a.witnesses):
            ref = entity(person)
            g.add((node, EKG.witness, ref))
            evidence(node, EKG.witness, ref, ev_sent.get(("witness", person), first), 0.7)
        for t in a.topics:
            g.add((node, EKG.topic, URIRef(t)))
            evidence(node, EKG.topic, URIRef(t), first, 0.7)
    def name(iri: str) -> str:
        if iri in gaz.entities:
            return gaz.entities[iri].label_en
        known = an.linker.orgs.get(iri) or an.linker.persons.get(iri)
        return known.name if known else iri.rsplit("/", 1)[-1]

    # Pairs of parties of one agreement are already linked through it (the build derives
    # ekg:cooperatesWith from shared agreements); only cooperations stated outside an
    # agreement become ekg:Cooperation nodes.
    agreement_parties = [set(a.parties) for a in result.agreements]
    for x, y, topic in result.cooperations:
        if any(x in parties and y in parties for parties in agreement_parties):
            continue
        x, y = sorted((x, y), key=_key)
        topic_key = topic.rsplit("/", 1)[-1] if topic else ""
        # id:cooperation/{key-a}--{key-b}[-topic], the actor keys sorted (docs/model.md)
        key = f"{slugify(_key(x))}--{slugify(_key(y))}" + (f"-{topic_key}" if topic else "")
        node = entity_iri("cooperation", key)
        g.add((node, RDF.type, EKG.Cooperation))
        label = f"{name(x)} – {name(y)}" + (f": {gaz.entities[topic].label_en}"
                                             if topic and topic in gaz.entities else "")
        g.add((node, RDFS.label, Literal(label, lang="en")))
        g.add((node, EKG.participant, entity(x)))
        g.add((node, EKG.participant, entity(y)))
        if topic:
            g.add((node, EKG.topic, URIRef(topic)))
        g.add((node, PROV.wasDerivedFrom, doc_iri))
    for iri in list(an.linker.persons) + list(an.linker.orgs):
        if split_entity_iri(iri) and split_entity_iri(iri)[0] in ("person", "org"):
            entity(iri)
    return g
