"""The explorer's HTML pages: home, actor, agreement, other entities, path finder, 404.

Pages are written on the server, so they read without JavaScript; the
drawings, the timeline, sorting and filtering and the completion of names are
added by ``/static/explorer.js`` (which uses the vendored Cytoscape.js for
networks). Data a script needs is in the page as JSON
(``<script type="application/json" id="page-data">``), so a page makes no
request it does not have to. Every asset comes from this server
(``/static/...``); ``docs/explorer.md`` says which libraries and why.
"""

from __future__ import annotations

import json
from html import escape
from urllib.parse import urlencode

from kg.namespaces import ID, compact
from kg.view import date_precision

ACTOR_TYPES = ("Country", "Region", "Organization", "Person")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def local_href(iri: str) -> str:
    """Our entity IRIs link to this server's /id/ pages; others stay as they are."""
    return "/id/" + iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


def _link(entity: dict | None) -> str:
    if not entity:
        return ""
    label = entity.get("label") or entity.get("iri", "")
    return (f'<a href="{escape(local_href(entity["iri"]))}" '
            f'data-type="{escape(entity.get("type") or "")}">{escape(label)}</a>')


def _chip(entity: dict) -> str:
    return (f'<a class="chip" href="{escape(local_href(entity["iri"]))}" '
            f'data-topic="{escape(entity["iri"])}">{escape(entity["label"])}</a>')


def format_date(value: str | None) -> str:
    """A date as precise as it is written: ``2016-12-16`` → 16 December 2016,
    ``2016-03`` → March 2016, ``2019`` → 2019.

    >>> format_date("2016-12-16"), format_date("2016-03"), format_date("2019")
    ('16 December 2016', 'March 2016', '2019')
    """
    precision = date_precision(value)
    if precision is None:
        return value or ""
    parts = value.strip().split("-")
    if precision == "day":
        return f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    if precision == "month":
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def _date(value: str | None) -> str:
    if not value:
        return '<span class="muted">undated</span>'
    precision = date_precision(value)
    return (f'<time datetime="{escape(value)}" title="precision: {precision or "unknown"}">'
            f"{escape(format_date(value))}</time>")


def _json(data) -> str:
    """JSON safe to put inside a ``<script>`` element."""
    return (json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
            .replace(">", "\\u003e").replace("&", "\\u0026"))


def _page(title: str, body: str, *, data=None, scripts: tuple[str, ...] = (),
          wide: bool = False) -> str:
    head_scripts = "".join(f'<script src="{escape(s)}" defer></script>' for s in scripts)
    data_tag = (f'<script type="application/json" id="page-data">{_json(data)}</script>'
                if data is not None else "")
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} · energy-kg</title>"
            '<link rel="icon" href="/favicon.svg" type="image/svg+xml">'
            '<link rel="stylesheet" href="/static/explorer.css">'
            f"{head_scripts}</head>"
            f'<body class="{"wide" if wide else ""}">'
            '<nav class="top"><a class="brand" href="/">energy-kg</a>'
            '<a href="/pathfinder">Path finder</a><a href="/sparql">SPARQL</a>'
            '<a href="/docs">API</a>'
            '<form class="navsearch" action="/" method="get" role="search">'
            '<input type="search" name="q" placeholder="Find an actor…" '
            'aria-label="Find an entity" data-complete="any" autocomplete="off"></form></nav>'
            f"<main>{body}</main>{data_tag}</body></html>")


def _header(detail: dict, extra: str = "") -> str:
    iri = detail["iri"]
    href = local_href(iri)
    return (f"<h1>{escape(detail['label'])}</h1>"
            f'<div class="muted sub"><span class="type type-{escape(detail.get("type") or "")}">'
            f'{escape(detail.get("type") or "entity")}</span>{extra} · '
            f'<code title="{escape(iri)}">{escape(compact(iri))}</code> · '
            f'<a href="{escape(href)}?format=turtle">Turtle</a> · '
            f'<a href="{escape(href)}?format=jsonld">JSON-LD</a> · '
            f'<a href="{escape(detail["links"]["json"])}">JSON</a></div>')


def _names_and_relations(detail: dict, open_: bool = False) -> str:
    parts = []
    labels = detail.get("labels") or []
    if labels:
        seen, cells = set(), []
        for label in labels:
            key = (label["value"], label.get("lang"))
            if key in seen:
                continue
            seen.add(key)
            lang = f'<sub>{escape(label["lang"])}</sub>' if label.get("lang") else ""
            cells.append(f"<span class=name>{escape(label['value'])}{lang}</span>")
        parts.append(f"<h2>Names</h2><p class=names>{' · '.join(cells)}</p>")
    props = detail.get("properties") or {}
    if props:
        rows = "".join(f"<tr><th>{escape(p)}</th><td>"
                       f"{escape(', '.join(dict.fromkeys(map(str, vs))))}</td></tr>"
                       for p, vs in props.items())
        parts.append(f"<h2>Facts</h2><table class=facts>{rows}</table>")
    rel = detail.get("relations") or {}
    rows = []
    for key, end, arrow in (("outgoing", "target", "→"), ("incoming", "source", "←")):
        for r in rel.get(key) or []:
            rows.append(f"<tr><td class=muted>{arrow} {escape(r['predicate'])}</td>"
                        f"<td>{_link(r[end])}</td><td class=muted>"
                        f"{escape(r[end].get('type') or '')}</td></tr>")
    if rows:
        parts.append(f"<details{' open' if open_ else ''} class=relations><summary>"
                     f"All relations ({len(rows)})</summary><table>{''.join(rows)}</table>"
                     "</details>")
    return "".join(parts)


# --- actors ---------------------------------------------------------------------------------

def _agreement_rows(agreements: list[dict], center: str) -> str:
    rows = []
    for a in agreements:
        others = [p for p in a["parties"] if p["iri"] != center]
        rows.append(
            f'<tr data-date="{escape(a.get("date") or "")}">'
            f"<td>{_date(a.get('date'))}</td><td>{_link(a)}</td>"
            f"<td>{escape((a.get('kind') or a.get('type') or '').replace('_', ' '))}</td>"
            f"<td>{', '.join(_link(p) for p in others)}</td>"
            f"<td>{' '.join(_chip(t) for t in a['topics'])}</td></tr>")
    return "".join(rows)


def actor_page(detail: dict, agreements: list[dict], partners: list[dict],
               counts: dict | None = None) -> str:
    """A country, region, organization (or person) page: its agreements first, then its
    partners (sortable, filterable), the drawn neighbourhood and the timeline.

    ``counts`` when the lists are not whole (``agreements``, ``partners``: how many there
    are; ``span``: the first and last date of all agreements): the page says how many it
    shows and links to the API's lists."""
    iri = detail["iri"]
    country = detail.get("country")
    extra = f" in {_link(country)}" if country else ""
    parts = [_header(detail, extra)]
    dated = [a for a in agreements if a.get("date")]
    n_agreements = counts["agreements"] if counts else len(agreements)
    n_partners = counts["partners"] if counts else len(partners)
    summary = (f"{n_agreements} agreement{'s' * (n_agreements != 1)} and stated "
               f"cooperation{'s' * (n_agreements != 1)}, {n_partners} "
               f"partner{'s' * (n_partners != 1)}")
    span = counts["span"] if counts else (
        (dated[0]["date"], dated[-1]["date"]) if dated else None)
    if span:
        summary += f", {format_date(span[0])} – {format_date(span[1])}"
    parts.append(f'<p class="lead">{escape(summary)}</p>')
    newest = sorted(agreements, key=lambda a: a.get("date") or "", reverse=True)
    if agreements:
        more = ""
        if n_agreements > len(agreements):
            href = escape("/agreements?" + urlencode({"party": iri}))
            more = (f'<p class="muted" id="agreements-more">The {len(agreements)} newest of '
                    f'{n_agreements}: <a href="{href}">all of them</a> (JSON, paged).</p>')
        parts.append('<section id="agreements"><h2>Agreements</h2>' + more +
                     '<table class="sortable"><thead><tr><th>date</th><th>agreement</th>'
                     '<th>kind</th><th>with</th><th>topics</th></tr></thead>'
                     f"<tbody>{_agreement_rows(newest, iri)}</tbody></table></section>")
    else:
        parts.append('<section id="agreements"><h2>Agreements</h2>'
                     '<p class="muted">No agreement or stated cooperation names this actor '
                     "as a party.</p></section>")
    if partners:
        rows = []
        for p in partners:
            links = "<br>".join(
                f"{_link(a)} <span class=muted>{escape(format_date(a.get('date')))}</span>"
                for a in p["agreements"] + p["cooperations"])
            if p.get("more"):
                links += f'<br><span class=muted>and {p["more"]} more</span>'
            topics = " ".join(_chip(t) for t in p["topics"])
            rows.append(
                f'<tr data-iri="{escape(p["iri"])}" data-type="{escape(p["type"])}" '
                f'data-topics="{escape(" ".join(t["iri"] for t in p["topics"]))}" '
                f'data-first="{escape(p.get("first") or "")}" '
                f'data-last="{escape(p.get("last") or "")}">'
                f"<td>{_link(p)}</td><td>{escape(p['type'])}</td>"
                f"<td>{_link(p.get('country'))}</td>"
                f'<td data-sort="{p["weight"]}">{p["weight"]}</td>'
                f"<td>{links}</td><td>{topics}</td>"
                f'<td data-sort="{escape(p.get("first") or "")}">{_date(p.get("first"))}</td>'
                f'<td data-sort="{escape(p.get("last") or "")}">{_date(p.get("last"))}</td>'
                "</tr>")
        topics = {t["iri"]: t["label"] for p in partners for t in p["topics"]}
        types = sorted({p["type"] for p in partners})
        topic_options = "".join(f'<option value="{escape(k)}">{escape(v)}</option>'
                                for k, v in sorted(topics.items(), key=lambda kv: kv[1]))
        type_options = "".join(f'<option value="{escape(t)}">{escape(t)}</option>'
                               for t in types)
        parts.append(
            '<section id="partners"><h2>Partners</h2>'
            + (f'<p class="muted" id="partners-more">The {len(partners)} strongest of '
               f'{n_partners}: <a href="{escape("/cooperations?" + urlencode({"actor": iri}))}'
               '">all of them</a> (JSON, paged).</p>' if n_partners > len(partners) else "") +
            '<form class="filters" id="partner-filters" onsubmit="return false">'
            f'<label>topic <select name="topic"><option value="">any</option>{topic_options}'
            '</select></label>'
            f'<label>kind <select name="type"><option value="">any</option>{type_options}'
            '</select></label>'
            '<label>from <input name="since" size="10" placeholder="YYYY[-MM[-DD]]"></label>'
            '<label>to <input name="until" size="10" placeholder="YYYY[-MM[-DD]]"></label>'
            '<span class="muted" id="partner-count"></span></form>'
            '<table class="sortable" id="partner-table"><thead><tr><th>partner</th>'
            '<th>kind</th><th>country</th><th title="agreements and stated cooperations">n</th>'
            '<th>agreements</th><th>topics</th><th>first</th><th>last</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></section>")
    parts.append(
        '<section id="network"><h2>Neighbourhood</h2>'
        '<p class="muted">Click a node to draw its partners too; the panel links to its page. '
        'Nodes are coloured by kind, edges by their main topic.</p>'
        '<div class="graph-wrap"><div id="graph" class="graph"></div>'
        '<aside id="graph-info" class="graph-info"></aside></div>'
        '<div id="graph-legend" class="legend"></div></section>')
    if dated:
        parts.append('<section id="timeline-section"><h2>Timeline</h2>'
                     '<div id="timeline" class="timeline"></div></section>')
    parts.append(_names_and_relations(detail))
    center = {"iri": iri, "label": detail["label"], "type": detail.get("type") or ""}
    timeline = [{"date": a["date"], "label": a["label"], "href": local_href(a["iri"]),
                 "topics": [t["label"] for t in a["topics"]],
                 "topic": a["topics"][0]["iri"] if a["topics"] else None} for a in dated]
    edges = [{"source": iri, "target": p["iri"], "weight": p["weight"],
              "topics": p["topics"], "first": p.get("first"), "last": p.get("last")}
             for p in partners]
    nodes = [center] + [{"iri": p["iri"], "label": p["label"], "type": p["type"]}
                        for p in partners]
    data = {"page": "actor", "center": center, "nodes": nodes, "edges": edges,
            "timeline": timeline}
    return _page(detail["label"], "".join(parts), data=data,
                 scripts=("/static/vendor/cytoscape/cytoscape.min.js", "/static/explorer.js"))


# --- agreements -----------------------------------------------------------------------------

def _provenance(fact) -> str:
    badges = []
    if fact.curated:
        badges.append('<span class="badge curated" title="hand-curated (graph/curated)">'
                      "curated</span>")
    if fact.extracted:
        refs = ", ".join(
            f'<a href="#quote-{n}">quote {n}</a>'
            + (f' <span class="muted">({c:.2f})</span>' if c is not None else "")
            for n, c in fact.evidence)
        badges.append('<span class="badge extracted" title="read from a document by the '
                      f'extractor">extracted</span> {refs}')
    others = sorted(s for s in fact.sources if s not in ("curated", "extracted"))
    badges += [f'<span class="badge other">{escape(s)}</span>' for s in others]
    return " ".join(badges)


def _fact_value(fact, labels: dict[str, dict]) -> str:
    if fact.property.endswith("signedOn") or fact.property.endswith("since"):
        return _date(fact.value)
    if fact.is_iri:
        entity = labels.get(fact.value) or {"iri": fact.value, "label": compact(fact.value)}
        return _link(entity)
    return escape(fact.value)


def agreement_page(detail: dict, facts: list, quotes: list, documents: dict[str, dict],
                   related: list[dict], labels: dict[str, dict]) -> str:
    """An agreement (or a stated cooperation): who, when, where, on what, and the evidence,
    each sentence once with the words behind each fact marked."""
    info = detail["agreement"]
    kind = (info.get("kind") or info.get("type") or "").replace("_", " ")
    parts = [_header(detail, f" · {escape(kind)}" if kind and kind.replace(" ", "").lower()
                     != (detail.get("type") or "").lower()
                     else "")]
    if info.get("title"):
        parts.append(f'<p class="lead"><q>{escape(info["title"])}</q></p>')
    rows = []
    parties = info.get("parties") or []
    if parties:
        rows.append(f"<tr><th>{'participants' if info['type'] == 'Cooperation' else 'parties'}"
                    f"</th><td>{', '.join(_link(p) for p in parties)}</td></tr>")
    rows.append(f"<tr><th>date</th><td>{_date(info.get('date'))}"
                + (f' <span class="muted">({date_precision(info["date"])} precision)</span>'
                   if info.get("date") else "") + "</td></tr>")
    if info.get("signed_at"):
        rows.append(f"<tr><th>place</th><td>{_link(info['signed_at'])}</td></tr>")
    if info.get("topics"):
        rows.append(f"<tr><th>topics</th><td>{' '.join(_chip(t) for t in info['topics'])}"
                    "</td></tr>")
    if info.get("witnesses"):
        rows.append(f"<tr><th>witnesses</th><td>"
                    f"{', '.join(_link(w) for w in info['witnesses'])}</td></tr>")
    for r in related:
        rows.append(f"<tr><th>{escape(r['relation'])}</th><td>{_link(r['entity'])} "
                    f"<span class=muted>{escape(format_date(r.get('date')))}</span></td></tr>")
    parts.append(f'<table class="summary">{"".join(rows)}</table>')
    signers: dict[tuple[str, str], list[str]] = {}
    who: dict[str, dict] = {}
    for s in info.get("signatures") or []:
        signer, behalf = s.get("signer") or {}, s.get("on_behalf_of") or {}
        if not signer:
            continue
        key = (signer.get("iri", ""), behalf.get("iri", ""))
        who[key[0]], who[key[1]] = signer, behalf
        titles = signers.setdefault(key, [])
        if s.get("title") and s["title"] not in titles:
            titles.append(s["title"])
    signed = {k[0] for k in signers}
    for person in info.get("signatories") or []:
        if person["iri"] not in signed:
            signers[(person["iri"], "")] = []
            who[person["iri"]] = person
    if signers:
        rows = []
        for (signer, behalf), titles in signers.items():
            role = escape(titles[0]) if titles else '<span class="muted">—</span>'
            if len(titles) > 1:
                role += ('<br><span class="muted">also written: '
                         + "; ".join(escape(t) for t in titles[1:]) + "</span>")
            rows.append(f"<tr><td>{_link(who[signer])}</td><td>{role}</td>"
                        f"<td>{_link(who.get(behalf)) if behalf else ''}</td></tr>")
        parts.append('<section id="signatories"><h2>Signatories</h2><table><thead><tr>'
                     "<th>signed by</th><th>role</th><th>on behalf of</th></tr></thead>"
                     f"<tbody>{''.join(rows)}</tbody></table></section>")
    if facts:
        rows = "".join(
            f'<tr class="fact" data-property="{escape(f.name)}" data-value="{escape(f.value)}">'
            f"<th>{escape(f.name)}</th><td>{_fact_value(f, labels)}</td>"
            f"<td>{_provenance(f)}</td></tr>" for f in facts)
        parts.append(
            '<section id="facts"><h2>Facts and where they come from</h2>'
            '<p class="muted"><span class="badge curated">curated</span> facts were written by '
            'hand in <code>seeds/curated</code>; <span class="badge extracted">extracted</span> '
            "facts were read from a document, with the extractor's confidence and the sentence "
            "below.</p>"
            f'<table class="facts"><thead><tr><th>fact</th><th>value</th><th>source</th></tr>'
            f"</thead><tbody>{rows}</tbody></table></section>")
    if quotes:
        blocks = []
        for q in quotes:
            doc = documents.get(q.document or "", {})
            doc_link = (f'<a href="{escape(local_href(q.document))}">'
                        f'{escape(doc.get("label") or compact(q.document))}</a>'
                        if q.document else "")
            if doc.get("source"):
                doc_link += (f' · <a href="{escape(doc["source"])}" rel="noreferrer">'
                             "original</a>")
            facts_list = "".join(
                f'<li data-fact="{i}" class="{"found" if found else "notfound"}">'
                f"<b>{escape(f.name)}</b> {_fact_value(f, labels)}"
                + (f' <span class="muted">{c:.2f}</span>' if c is not None else "")
                + ("" if found else ' <span class="muted">(words not marked)</span>')
                + "</li>" for i, (f, c, found) in enumerate(q.facts))
            blocks.append(
                f'<figure class="quote" id="quote-{q.number}"><blockquote>{q.html()}'
                f"</blockquote><figcaption>quote {q.number} · {doc_link}</figcaption>"
                f'<ul class="supports">{facts_list}</ul></figure>')
        parts.append('<section id="evidence"><h2>Evidence</h2>'
                     '<p class="muted">Each sentence once; the facts it supports beside it. '
                     "Point at a fact to see its words.</p>" + "".join(blocks) + "</section>")
    parts.append(_names_and_relations(detail))
    return _page(detail["label"], "".join(parts), data={"page": "agreement"},
                 scripts=("/static/explorer.js",))


# --- other entities -------------------------------------------------------------------------

def entity_page(detail: dict, agreements: list[dict] | None = None,
                agreements_title: str = "Agreements") -> str:
    """Any other entity (topic, person, place, document): its agreements, names and
    relations."""
    parts = [_header(detail)]
    if agreements:
        newest = sorted(agreements, key=lambda a: a.get("date") or "", reverse=True)
        parts.append(f'<section id="agreements"><h2>{escape(agreements_title)}</h2>'
                     '<table class="sortable"><thead><tr><th>date</th><th>agreement</th>'
                     '<th>kind</th><th>parties</th><th>topics</th></tr></thead>'
                     f"<tbody>{_agreement_rows(newest, detail['iri'])}</tbody></table>"
                     "</section>")
    parts.append(_names_and_relations(detail, open_=not agreements))
    return _page(detail["label"], "".join(parts), scripts=("/static/explorer.js",))


# --- path finder ----------------------------------------------------------------------------

def pathfinder_page(params: dict[str, str], topics: list[dict]) -> str:
    """Two actors, k paths between them drawn and explained hop by hop; the form fills
    from the address, so a link with ``?source=&target=`` opens the answer."""
    def value(name: str) -> str:
        return escape(params.get(name) or "", quote=True)

    topic_options = "".join(
        f'<option value="{escape(t["label"])}"'
        f'{" selected" if params.get("topic") == t["label"] else ""}>{escape(t["label"])}'
        "</option>" for t in topics)
    body = f"""
<h1>Path finder</h1>
<p class="muted">How are two actors connected? Paths run over agreements, stated cooperations,
membership and location; each hop says why.</p>
<form id="path-form" class="pathform" method="get" action="/pathfinder">
  <label>from <input name="source" id="source" value="{value('source')}" required
    data-complete="actor" autocomplete="off" placeholder="North Rhine-Westphalia"></label>
  <label>to <input name="target" id="target" value="{value('target')}" required
    data-complete="actor" autocomplete="off" placeholder="Kazakhstan"></label>
  <label>paths <input name="k" id="k" type="number" min="1" max="10"
    value="{value('k') or 3}"></label>
  <details class="more"{' open' if any(params.get(n) for n in ('topic', 'since', 'until', 'via'))
                         else ''}><summary>filters</summary>
    <label>topic <select name="topic" id="topic"><option value="">any</option>
      {topic_options}</select></label>
    <label>from date <input name="since" id="since" size="10" value="{value('since')}"
      placeholder="YYYY[-MM[-DD]]"></label>
    <label>to date <input name="until" id="until" size="10" value="{value('until')}"
      placeholder="YYYY[-MM[-DD]]"></label>
    <label>via <input name="via" id="via" value="{value('via')}" data-complete="any"
      autocomplete="off" placeholder="an entity every path passes"></label>
  </details>
  <button type="submit">Find paths</button>
  <span id="path-status" class="muted"></span>
</form>
<div class="graph-wrap"><div id="path-graph" class="graph"></div>
<aside id="graph-info" class="graph-info"></aside></div>
<div id="graph-legend" class="legend"></div>
<ol id="paths" class="paths"></ol>
"""
    return _page("Path finder", body, data={"page": "pathfinder"},
                 scripts=("/static/vendor/cytoscape/cytoscape.min.js", "/static/explorer.js"))


# --- home and errors ------------------------------------------------------------------------

def home_page(stats: dict, query: str = "", hits: list[dict] | None = None,
              message: str = "") -> str:
    """The front page: search with completion (results listed here for ``?q=``), counts and
    where to go next."""
    found = "".join(f"<li>{_link(h)} <span class=muted>{escape(h.get('type') or '')}"
                    "</span></li>" for h in hits or ())
    if query and not hits:
        found = f'<li class="muted">{escape(message or "nothing found")}</li>'
    counts = "".join(f"<tr><td>{escape(k)}</td><td>{v:,}</td></tr>"
                     for k, v in (stats.get("entities") or {}).items())
    body = f"""
<h1>Energy cooperation knowledge graph</h1>
<p class="muted">{stats.get('triples', 0):,} triples · revision {stats.get('revision', 0)}</p>
<form action="/" method="get" id="search" class="search">
  <input type="search" name="q" placeholder="Japan, Rosatom, Wasserstoff …" id="q"
    value="{escape(query, quote=True)}" data-complete="any" autocomplete="off" autofocus>
  <button>Search</button>
</form>
<ul id="hits" class="hits">{found}</ul>
<h2>Explore</h2>
<ul>
<li><a href="/id/country/JP">Japan</a>, <a href="/id/org/rosatom">Rosatom</a>,
<a href="/id/region/DE-NW">North Rhine-Westphalia</a>: actor pages with partners, a drawing
and a timeline</li>
<li><a href="/pathfinder">Path finder</a>: how two actors are connected, hop by hop</li>
<li><a href="/sparql">SPARQL query page</a>: examples, completion, table, graph and timeline
views</li>
<li><a href="/docs">API documentation</a> — <a href="/agreements">agreements</a>,
<a href="/cooperations">cooperations</a> (JSON) · <a href="/export?format=turtle">export as
Turtle</a></li>
</ul>
<h2>Contents</h2><table class="counts">{counts}</table>"""
    return _page("Energy cooperation knowledge graph", body, data={"page": "home"},
                 scripts=("/static/explorer.js",))


def error_page(status: int, message: str, suggestions: list[str] | None = None) -> str:
    """The page a browser gets for a 404 (and other errors on pages)."""
    hints = ""
    if suggestions:
        items = []
        for s in suggestions:
            label, _, rest = s.partition(" (/entities/")
            if rest:
                href = "/id/" + rest.rstrip(")")
                items.append(f'<li><a href="{escape(href)}">{escape(label)}</a></li>')
            else:
                items.append(f"<li>{escape(s)}</li>")
        hints = f"<h2>Did you mean</h2><ul>{''.join(items)}</ul>"
    title = {404: "Not found"}.get(status, f"Error {status}")
    body = (f'<h1>{escape(title)}</h1><p class="error">{escape(message)}</p>{hints}'
            '<p>Search for an actor above, or start from the <a href="/">home page</a>.</p>')
    return _page(title, body, scripts=("/static/explorer.js",))
