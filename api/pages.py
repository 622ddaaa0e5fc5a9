"""Plain HTML pages (no external assets): the home page and entity pages."""

from __future__ import annotations

from html import escape

from kg.namespaces import ID

STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 64rem; padding: 0 1rem;
       color: #222; line-height: 1.45; }
a { color: #0550ae; text-decoration: none; } a:hover { text-decoration: underline; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.1rem; margin-top: 1.6rem; }
.muted { color: #666; font-size: .9rem; } code { background: #f3f3f3; padding: 0 .2rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .4rem; text-align: left; vertical-align: top; }
blockquote { margin: .3rem 0 .8rem; padding: .2rem .8rem; border-left: 3px solid #ccc; color: #333; }
nav a { margin-right: 1rem; } input[type=search] { width: 20rem; padding: .3rem; }
"""


def local_href(iri: str) -> str:
    """Our entity IRIs link to this server's /id/ pages; others stay as they are."""
    return "/id/" + iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


def _link(entity: dict | None) -> str:
    if not entity:
        return ""
    label = entity.get("label") or entity.get("iri", "")
    return f'<a href="{escape(local_href(entity["iri"]))}">{escape(label)}</a>'


def _page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} · energy-kg</title><style>{STYLE}</style></head><body>"
            '<nav><a href="/">energy-kg</a><a href="/sparql">SPARQL</a>'
            '<a href="/docs">API</a></nav>'
            f"{body}</body></html>")


def entity_page(detail: dict) -> str:
    """The HTML page of one entity (from the JSON detail of ``/entities/{kind}/{key}``)."""
    iri = detail["iri"]
    parts = [f"<h1>{escape(detail['label'])}</h1>",
             f'<div class="muted">{escape(detail.get("type") or "entity")} · '
             f"<code>{escape(iri)}</code> · "
             f'<a href="{escape(local_href(iri))}?format=turtle">Turtle</a> · '
             f'<a href="{escape(local_href(iri))}?format=jsonld">JSON-LD</a> · '
             f'<a href="{escape(detail["links"]["json"])}">JSON</a></div>']
    labels = detail.get("labels") or []
    if labels:
        rows = "".join(f"<tr><td>{escape(l['value'])}</td><td>{escape(l.get('lang') or '')}</td>"
                       f"<td class=muted>{escape(l['property'])}</td></tr>" for l in labels)
        parts.append(f"<h2>Names</h2><table>{rows}</table>")
    props = detail.get("properties") or {}
    if props:
        rows = "".join(f"<tr><th>{escape(p)}</th><td>{escape(', '.join(map(str, vs)))}</td></tr>"
                       for p, vs in props.items())
        parts.append(f"<h2>Facts</h2><table>{rows}</table>")
    agreement = detail.get("agreement")
    if agreement:
        rows = []
        for key in ("parties", "signatories", "witnesses", "topics"):
            if agreement.get(key):
                rows.append(f"<tr><th>{key}</th><td>"
                            + ", ".join(_link(e) for e in agreement[key]) + "</td></tr>")
        if agreement.get("date"):
            rows.append(f"<tr><th>date</th><td>{escape(agreement['date'])}</td></tr>")
        parts.append("<h2>Agreement</h2><table>" + "".join(rows) + "</table>")
        quotes = [e for e in agreement.get("evidence", []) if e.get("quote")]
        if quotes:
            parts.append("<h2>Evidence</h2>" + "".join(
                f"<blockquote>{escape(e['quote'])}<div class=muted>"
                f"{escape(e.get('document') or '')} · confidence {e.get('confidence', '')}"
                "</div></blockquote>" for e in quotes))
    partners = detail.get("partners") or []
    if partners:
        rows = "".join(f"<tr><td>{_link(p)}</td><td>{escape(p.get('type', ''))}</td>"
                       f"<td>{p.get('weight', '')}</td></tr>" for p in partners)
        parts.append("<h2>Cooperates with</h2><table><tr><th>partner</th><th>type</th>"
                     f"<th>agreements</th></tr>{rows}</table>")
    for title, key, end in (("Relations", "outgoing", "target"),
                            ("Referenced by", "incoming", "source")):
        rel = (detail.get("relations") or {}).get(key) or []
        if rel:
            rows = "".join(f"<tr><td class=muted>{escape(r['predicate'])}</td>"
                           f"<td>{_link(r[end])}</td></tr>" for r in rel)
            parts.append(f"<h2>{title}</h2><table>{rows}</table>")
    return _page(detail["label"], "".join(parts))


def home_page(stats: dict) -> str:
    """The front page: search, counts and where to go next."""
    counts = "".join(f"<tr><td>{escape(k)}</td><td>{v:,}</td></tr>"
                     for k, v in (stats.get("entities") or {}).items())
    body = f"""
<h1>Energy cooperation knowledge graph</h1>
<p class="muted">{stats.get('triples', 0):,} triples · revision {stats.get('revision', 0)}</p>
<form action="/entities" method="get" id="search">
  <input type="search" name="q" placeholder="Japan, Rosatom, Wasserstoff …" id="q">
  <button>Search</button>
</form>
<ul id="hits"></ul>
<h2>Explore</h2>
<ul>
<li><a href="/sparql">SPARQL query page</a> — the endpoint for notebooks and graph tools</li>
<li><a href="/docs">API documentation</a> — cooperations, paths, agreements, export</li>
<li><a href="/agreements">Agreements</a> (JSON) · <a href="/cooperations">cooperations</a> (JSON)
 · <a href="/export?format=turtle">export as Turtle</a></li>
</ul>
<h2>Contents</h2><table>{counts}</table>
<script>
document.getElementById("search").addEventListener("submit", function (e) {{
  e.preventDefault();
  var q = document.getElementById("q").value, hits = document.getElementById("hits");
  fetch("/entities?limit=20&q=" + encodeURIComponent(q)).then(function (r) {{ return r.json(); }})
    .then(function (data) {{
      hits.innerHTML = "";
      (data.items || []).forEach(function (item) {{
        var li = document.createElement("li"), a = document.createElement("a");
        a.textContent = item.label; a.href = item.links.html;
        li.appendChild(a); li.appendChild(document.createTextNode(" (" + item.type + ")"));
        hits.appendChild(li);
      }});
      if (!hits.children.length) hits.textContent = data.message || "nothing found";
    }});
}});
</script>"""
    return _page("Energy cooperation knowledge graph", body)
