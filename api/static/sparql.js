/* The SPARQL page: a small editor of our own over the page's <textarea> (syntax colours drawn
 * in a <pre> behind it, completion of prefixes, ontology terms and entities, Ctrl+Enter to
 * run), runnable examples, the address bar as the permalink, and three result views: table
 * (compact IRIs), graph (Cytoscape.js) and timeline. The textarea stays the real form field,
 * so the page works without this script and a shared /sparql?query= link fills it on the
 * server. Why not CodeMirror or YASGUI: docs/explorer.md. */
(function () {
  "use strict";
  var EKG = window.EKG, el = EKG.el;
  var PREFIXES = window.EKG_PREFIXES || {}, DECLARED = window.EKG_DECLARED || [],
      TERMS = window.EKG_TERMS || [];
  var form = document.getElementById("form"), out = document.getElementById("out"),
      status = document.getElementById("status"), fmt = document.getElementById("format"),
      query = document.getElementById("query"), pre = document.getElementById("highlight"),
      fullIris = document.getElementById("full-iris");
  var accept = { json: "application/sparql-results+json, application/n-triples;q=0.9",
                 jsonld: "application/sparql-results+json;q=0.5, application/ld+json",
                 xml: "application/sparql-results+xml, application/rdf+xml;q=0.9",
                 csv: "text/csv", tsv: "text/tab-separated-values",
                 turtle: "text/turtle, application/sparql-results+json;q=0.5" };
  var KEYWORDS = ("SELECT CONSTRUCT DESCRIBE ASK WHERE FILTER OPTIONAL UNION MINUS GRAPH SERVICE " +
    "BIND VALUES AS DISTINCT REDUCED ORDER BY GROUP HAVING LIMIT OFFSET ASC DESC PREFIX BASE " +
    "FROM NAMED NOT EXISTS IN a INSERT DELETE DATA WITH USING CLEAR DROP LOAD SILENT DEFAULT ALL " +
    "TRUE FALSE UNDEF").split(" ");
  var FUNCTIONS = ("COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT STR LANG LANGMATCHES DATATYPE BOUND " +
    "IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS " +
    "STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW " +
    "UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI ISURI " +
    "ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE").split(" ");
  var KW = {}, FN = {};
  KEYWORDS.forEach(function (k) { KW[k.toUpperCase()] = true; });
  FUNCTIONS.forEach(function (f) { FN[f] = true; });
  var KINDS = { country: "country", region: "region", org: "org", person: "person",
                place: "place", agreement: "agreement", topic: "topic", document: "document" };
  var KIND_TYPES = { country: "Country", region: "Region", org: "Organization", person: "Person",
                     place: "Place", topic: "Topic", document: "Document" };

  // --- compact IRIs -------------------------------------------------------------------------
  var byLength = Object.keys(PREFIXES).map(function (p) { return [p, PREFIXES[p]]; })
    .sort(function (a, b) { return b[1].length - a[1].length; });
  function compact(iri) {
    if (fullIris.checked) return iri;
    for (var i = 0; i < byLength.length; i++) {
      var ns = byLength[i][1];
      if (iri.indexOf(ns) === 0 && /^[\w.\-]*$/.test(iri.slice(ns.length))) return byLength[i][0] + ":" + iri.slice(ns.length);
    }
    return iri;
  }
  function kindOf(iri) {
    for (var k in KIND_TYPES) if (PREFIXES[k] && iri.indexOf(PREFIXES[k]) === 0) return KIND_TYPES[k];
    return "";
  }

  // --- highlighting -------------------------------------------------------------------------
  var TOKEN = /(#[^\n]*)|(<[^<>"{}|^`\\\s]*>)|("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|([?$][\w\u00C0-\uFFFF]+)|((?:[A-Za-z][\w.\-]*)?:(?:[\w\-%]|\.(?=[\w\-%]))*)|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_]\w*)/g;
  function esc(s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  function highlight(text) {
    var html = "", last = 0, m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text))) {
      html += esc(text.slice(last, m.index));
      var cls = m[1] ? "comment" : m[2] ? "iri" : m[3] ? "str" : m[4] ? "var" : m[5] ? "pname" :
                m[6] ? "num" : KW[m[7].toUpperCase()] ? "kw" : FN[m[7].toUpperCase()] ? "fn" : "";
      html += cls ? '<span class="tok-' + cls + '">' + esc(m[0]) + "</span>" : esc(m[0]);
      last = TOKEN.lastIndex;
    }
    return html + esc(text.slice(last)) + "\n";
  }
  function repaint() { pre.innerHTML = highlight(query.value); pre.scrollTop = query.scrollTop; }
  query.addEventListener("input", repaint);
  query.addEventListener("scroll", function () { pre.scrollTop = query.scrollTop; });
  function fit() {  // the editor grows with the query (up to 60% of the window)
    query.style.height = "auto";
    query.style.height = Math.min(Math.max(query.scrollHeight + 4, 180), window.innerHeight * 0.6) + "px";
  }
  query.addEventListener("input", fit);

  // --- completion ---------------------------------------------------------------------------
  var popup = el("ul", { "class": "complete", role: "listbox", hidden: "" }), choices = [],
      active = 0, wordStart = 0, pending = 0;
  document.getElementById("editor").appendChild(popup);
  function closePopup() { popup.hidden = true; choices = []; }
  function caretXY() {
    var before = query.value.slice(0, query.selectionStart), lines = before.split("\n"),
        style = getComputedStyle(query), lineHeight = parseFloat(style.lineHeight) || 20,
        ch = measure();
    return { x: 9 + lines[lines.length - 1].length * ch - query.scrollLeft,
             y: 9 + lines.length * lineHeight - query.scrollTop };
  }
  var charWidth = 0;
  function measure() {
    if (charWidth) return charWidth;
    var probe = el("span", { text: "0000000000" });
    pre.appendChild(probe); charWidth = probe.getBoundingClientRect().width / 10 || 8.4;
    pre.removeChild(probe); return charWidth;
  }
  function showChoices(list) {
    choices = list.slice(0, 12); active = 0; popup.innerHTML = "";
    choices.forEach(function (c, i) {
      var li = el("li", { role: "option" }, [c.text, el("small", { text: c.note || "" })]);
      if (i === 0) li.className = "active";
      li.addEventListener("mousedown", function (e) { e.preventDefault(); accept_(i); });
      popup.appendChild(li);
    });
    var xy = caretXY();
    popup.style.left = Math.max(0, xy.x) + "px"; popup.style.top = xy.y + 2 + "px";
    popup.hidden = !choices.length;
  }
  function accept_(i) {
    var c = choices[i], end = query.selectionStart;
    query.setRangeText(c.text, wordStart, end, "end");
    closePopup(); repaint(); query.focus();
  }
  function suggest() {
    var caret = query.selectionStart, before = query.value.slice(0, caret);
    var m = /((?:[A-Za-z][\w\-]*)?):([\w.\-%]*)$/.exec(before);
    var ticket = ++pending;
    if (m) {
      var prefix = m[1], local = m[2];
      wordStart = caret - m[0].length;
      if (KINDS[prefix] && EKG.hasWord(local)) {
        fetch("/entities?limit=12&type=" + KINDS[prefix] + "&q=" + encodeURIComponent(local),
              { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (body) {
            if (ticket !== pending) return;
            showChoices((body.items || []).filter(function (it) {
              return it.iri.indexOf(PREFIXES[prefix]) === 0;
            }).map(function (it) {
              return { text: prefix + ":" + it.iri.slice(PREFIXES[prefix].length), note: it.label };
            }));
          }).catch(closePopup);
        return;
      }
      var ns = PREFIXES[prefix];
      if (ns) {
        showChoices(TERMS.filter(function (t) { return t.indexOf(ns) === 0; })
          .map(function (t) { return t.slice(ns.length); })
          .filter(function (t) { return t.toLowerCase().indexOf(local.toLowerCase()) === 0 && t !== local; })
          .map(function (t) { return { text: prefix + ":" + t, note: "" }; }));
        return;
      }
      closePopup(); return;
    }
    var w = /(^|[^\w?$:])([A-Za-z][\w\-]*)$/.exec(before);
    if (w && w[2].length >= 2) {
      var word = w[2], lower = word.toLowerCase();
      wordStart = caret - word.length;
      var list = DECLARED.filter(function (p) { return p.indexOf(lower) === 0; })
        .map(function (p) { return { text: p + ":", note: PREFIXES[p] }; });
      KEYWORDS.concat(FUNCTIONS).forEach(function (k) {
        if (k.length > 1 && k.toLowerCase().indexOf(lower) === 0 && k.toLowerCase() !== lower) list.push({ text: k, note: "" });
      });
      showChoices(list);
      return;
    }
    closePopup();
  }
  var timer = null;
  query.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(suggest, 100); });
  query.addEventListener("blur", function () { setTimeout(closePopup, 150); });
  query.addEventListener("keydown", function (e) {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") { e.preventDefault(); closePopup(); run(); return; }
    if (!popup.hidden) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        active = (active + (e.key === "ArrowDown" ? 1 : choices.length - 1)) % choices.length;
        Array.prototype.forEach.call(popup.children, function (li, i) { li.classList.toggle("active", i === active); });
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") { e.preventDefault(); accept_(active); return; }
      if (e.key === "Escape") { closePopup(); return; }
    }
    if (e.key === "Tab" && !e.shiftKey) { e.preventDefault(); query.setRangeText("  ", query.selectionStart, query.selectionEnd, "end"); repaint(); }
  });

  // --- results --------------------------------------------------------------------------
  var result = null, view = "table";
  function text(tag, value, cls) { return el(tag, cls ? { "class": cls, text: value } : { text: value }); }
  function iriLink(iri) {
    var a = el("a", { href: EKG.href(iri), title: iri, text: compact(iri) });
    return a;
  }
  function cell(term) {
    var td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") td.appendChild(iriLink(term.value));
    else {
      td.textContent = term.value;
      if (term["xml:lang"]) td.appendChild(text("span", " @" + term["xml:lang"], "muted"));
    }
    return td;
  }
  function table(vars, rows) {
    var t = document.createElement("table"), head = t.insertRow();
    vars.forEach(function (v) { head.appendChild(text("th", v)); });
    rows.forEach(function (b) {
      var row = t.insertRow();
      vars.forEach(function (v) { row.appendChild(cell(b[v])); });
    });
    return t;
  }
  var NT = /^(<[^>]*>|_:\S+)\s+<([^>]*)>\s+(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[\w-]+|\^\^<[^>]*>)?)\s*\.\s*$/;
  function unescapeNT(s) {
    return s.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})|\\(.)/g, function (m, u, U, c) {
      if (u || U) return String.fromCodePoint(parseInt(u || U, 16));
      return { n: "\n", t: "\t", r: "\r" }[c] || c;
    });
  }
  function ntTerm(s) {
    if (s[0] === "<") return { type: "uri", value: s.slice(1, -1) };
    if (s[0] === "_") return { type: "bnode", value: s.slice(2) };
    var m = /^"((?:[^"\\]|\\.)*)"(?:@([\w-]+)|\^\^<([^>]*)>)?$/.exec(s), t = { type: "literal", value: unescapeNT(m[1]) };
    if (m[2]) t["xml:lang"] = m[2];
    if (m[3]) t.datatype = m[3];
    return t;
  }
  function parseNTriples(body) {
    var rows = [];
    body.split("\n").forEach(function (line) {
      var m = NT.exec(line.trim());
      if (m) rows.push({ subject: ntTerm(m[1]), predicate: { type: "uri", value: m[2] }, object: ntTerm(m[3]) });
    });
    return rows;
  }
  function isDate(term) {
    if (!term || term.type === "uri" || term.type === "bnode") return false;
    if (term.datatype && /#(date|dateTime|gYear|gYearMonth)$/.test(term.datatype)) return true;
    return /^\d{4}(-\d{2}(-\d{2})?)?$/.test(term.value);
  }
  function graphOf(vars, rows) {
    var nodes = {}, edges = {}, labels = {};
    rows.forEach(function (b) {  // a literal column right after an IRI column labels it
      vars.forEach(function (v, i) {
        var next = vars[i + 1];
        if (b[v] && b[v].type === "uri" && next && b[next] && b[next].type === "literal" && !isDate(b[next])) labels[b[v].value] = b[next].value;
      });
    });
    function node(term) {
      var id = term.value;
      if (!nodes[id]) {
        var type = kindOf(id);
        nodes[id] = { data: { id: id, label: labels[id] || compact(id), type: type, color: EKG.typeColor(type),
                              shape: type ? "ellipse" : "round-rectangle" } };
      }
      return id;
    }
    rows.forEach(function (b) {
      if (b.subject && b.predicate) {  // a triple
        if (b.object.type === "literal") return node(b.subject);
        var s = node(b.subject), o = node(b.object), id = s + " " + b.predicate.value + " " + o;
        edges[id] = { data: { id: id, source: s, target: o, label: compact(b.predicate.value), color: "#8a97a6", width: 1.5, arrow: 1 } };
        return;
      }
      var previous = null;
      vars.forEach(function (v) {
        var t = b[v];
        if (!t || (t.type !== "uri" && t.type !== "bnode")) return;
        var id = node(t);
        if (previous && previous !== id) {
          var key = previous + " " + v + " " + id;
          edges[key] = { data: { id: key, source: previous, target: id, label: v, color: "#8a97a6", width: 1.5, arrow: 1 } };
        }
        previous = id;
      });
    });
    return Object.keys(nodes).map(function (k) { return nodes[k]; })
      .concat(Object.keys(edges).map(function (k) { return edges[k]; }));
  }
  function render() {
    out.innerHTML = "";
    if (window.ekgGraph) { window.ekgGraph.destroy(); window.ekgGraph = null; }
    Array.prototype.forEach.call(document.querySelectorAll("[data-view]"), function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === view));
    });
    if (!result) return;
    if (result.raw !== undefined) { out.appendChild(text("pre", result.raw, "raw")); return; }
    if (result.boolean !== undefined) { out.appendChild(text("pre", String(result.boolean), "raw")); return; }
    var vars = result.vars, rows = result.rows;
    if (view === "graph") {
      var box = el("div", { id: "result-graph", "class": "graph" });
      out.appendChild(box);
      var elements = graphOf(vars, rows);
      var cy = window.ekgGraph = window.cytoscape({ container: box, elements: elements, style: EKG.graphStyle(), minZoom: 0.2, maxZoom: 3 });
      cy.layout({ name: "cose", animate: false, nodeRepulsion: 8000, idealEdgeLength: 90, padding: 30 }).run();
      EKG.settle(cy);
      box.setAttribute("data-nodes", cy.nodes().length);
      cy.on("tap", "node", function (evt) { var id = evt.target.id(); if (id.indexOf("http") === 0) location.href = EKG.href(id); });
      var types = {};
      cy.nodes().forEach(function (n) { if (n.data("type")) types[n.data("type")] = true; });
      var legendBox = el("div", { "class": "legend" });
      out.appendChild(legendBox);
      EKG.legend(legendBox, Object.keys(types), []);
      out.appendChild(el("p", { "class": "muted", text: "IRIs in one row are linked in column order (edges named by the column); a literal column after an IRI column labels it. Click a node to open its page." }));
      return;
    }
    if (view === "timeline") {
      var items = [];
      rows.forEach(function (b) {
        var dateVar = vars.filter(function (v) { return isDate(b[v]); })[0];
        if (!dateVar) return;
        var iriVar = vars.filter(function (v) { return b[v] && b[v].type === "uri"; })[0],
            labelVar = vars.filter(function (v) { return b[v] && b[v].type === "literal" && !isDate(b[v]); })[0];
        items.push({ date: b[dateVar].value.slice(0, 10),
                     label: labelVar ? b[labelVar].value : iriVar ? compact(b[iriVar].value) : dateVar,
                     href: iriVar ? EKG.href(b[iriVar].value) : null });
      });
      var tl = el("div", { id: "result-timeline", "class": "timeline" });
      out.appendChild(tl);
      if (!items.length) { tl.appendChild(el("p", { "class": "muted", text: "No column holds dates (xsd:date, gYear, gYearMonth or YYYY-MM-DD)." })); return; }
      EKG.timeline(tl, items);
      return;
    }
    out.appendChild(table(vars, rows));
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-view]"), function (b) {
    b.addEventListener("click", function () {
      view = b.getAttribute("data-view");
      if (history.replaceState) history.replaceState(null, "", location.pathname + location.search + (view === "table" ? "" : "#view=" + view));
      share();
      render();
    });
  });
  fullIris.addEventListener("change", render);

  // --- running and sharing -------------------------------------------------------------
  function shareUrl() {
    // The address bar carries the query, so the page can be shared or bookmarked; opening the
    // link in a browser shows this page with the query run again (and the view in the #hash).
    return "sparql?query=" + encodeURIComponent(query.value);
  }
  function share() {
    var link = document.getElementById("share");
    link.href = shareUrl() + (view === "table" ? "" : "#view=" + view); link.hidden = false;
  }
  function run() {
    var started = Date.now(), link = shareUrl();
    if (window.history && history.pushState &&
        new URLSearchParams(location.search).get("query") !== query.value) {
      history.pushState(null, "", link + (view === "table" ? "" : "#view=" + view));
    }
    share();
    status.textContent = "running…"; result = null; out.innerHTML = "";
    fetch("sparql", { method: "POST",
                      headers: { "Content-Type": "application/x-www-form-urlencoded",
                                 "Accept": accept[fmt.value] },
                      body: "query=" + encodeURIComponent(query.value) })
      .then(function (r) {
        var type = r.headers.get("Content-Type") || "";
        return r.text().then(function (body) { return { ok: r.ok, status: r.status, type: type, body: body }; });
      })
      .then(function (r) {
        var ms = Date.now() - started;
        if (!r.ok) { status.textContent = "HTTP " + r.status; out.appendChild(text("pre", r.body, "error")); return; }
        status.textContent = (r.type.split(";")[0]) + " · " + ms + " ms";
        if (r.type.indexOf("sparql-results+json") >= 0) {
          var data = JSON.parse(r.body);
          if (typeof data.boolean === "boolean") result = { boolean: data.boolean };
          else {
            result = { vars: data.head.vars, rows: data.results.bindings };
            status.textContent += " · " + data.results.bindings.length + " rows";
          }
        } else if (r.type.indexOf("application/n-triples") >= 0) {
          result = { vars: ["subject", "predicate", "object"], rows: parseNTriples(r.body) };
          status.textContent += " · " + result.rows.length + " triples";
        } else { result = { raw: r.body }; }
        render();
      })
      .catch(function (err) { status.textContent = "failed"; out.appendChild(text("pre", String(err), "error")); });
  }
  EKG.runQuery = run;
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  Array.prototype.forEach.call(document.querySelectorAll("[data-q]"), function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault(); query.value = a.getAttribute("data-q"); repaint(); fit(); run();
    });
  });
  window.addEventListener("popstate", function () {
    var q = new URLSearchParams(location.search).get("query");
    if (q !== null) { query.value = q; repaint(); fit(); run(); }
  });
  var hashView = /view=(table|graph|timeline)/.exec(location.hash);
  if (hashView) view = hashView[1];
  repaint(); fit();
  if (form.getAttribute("data-autorun") === "true") run();
})();
