/* The explorer's scripts: name completion, sortable and filterable tables, the timeline,
 * network drawings (Cytoscape.js, vendored in /static/vendor/cytoscape) on actor pages and in
 * the path finder, and the evidence highlighting on agreement pages. No build step, no
 * framework; every request goes to this server. Shared with the SPARQL page (sparql.js). */
(function () {
  "use strict";
  var EKG = window.EKG = window.EKG || {};

  // --- small helpers ----------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "html") node.innerHTML = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  EKG.el = el;
  var ID = "https://w3id.org/energy-kg/id/";
  EKG.href = function (iri) { return iri.indexOf(ID) === 0 ? "/id/" + iri.slice(ID.length) : iri; };
  EKG.pageData = function () {
    var node = document.getElementById("page-data");
    return node ? JSON.parse(node.textContent) : {};
  };
  EKG.hasWord = function (text) { return /[\p{L}\p{N}]/u.test(text || ""); };

  // --- colours: the same on every page --------------------------------------------------
  EKG.typeColors = { Country: "#1f77b4", Region: "#17a2b8", Organization: "#ff7f0e",
                     Person: "#9467bd", Topic: "#2ca02c", Place: "#8c564b", Document: "#7f7f7f" };
  EKG.typeColor = function (type) {
    if (EKG.typeColors[type]) return EKG.typeColors[type];
    return "#a0a7b0";  // agreements, cooperations, anything else
  };
  var PALETTE = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6",
                 "#9a6324", "#469990", "#808000", "#000075", "#bfef45"];
  EKG.topicColor = function (iri) {
    if (!iri) return "#9aa5b1";
    var h = 0;
    for (var i = 0; i < iri.length; i++) h = (h * 31 + iri.charCodeAt(i)) >>> 0;
    return PALETTE[h % PALETTE.length];
  };
  function colourChips(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(".chip[data-topic]"),
      function (chip) { chip.style.setProperty("--chip", EKG.topicColor(chip.getAttribute("data-topic"))); });
  }

  // --- completion of names (/entities?q=) -------------------------------------------------
  EKG.complete = function (input, options) {
    options = options || {};
    var list = el("ul", { "class": "complete", role: "listbox", hidden: "" }), items = [],
        active = -1, timer = null, asked = "";
    input.parentNode.style.position = "relative";
    input.parentNode.appendChild(list);
    input.setAttribute("role", "combobox");
    function close() { list.hidden = true; active = -1; }
    function choose(item) {
      input.value = item.label;
      close();
      if (options.onChoose) options.onChoose(item);
    }
    function show(found) {
      items = found; list.innerHTML = ""; active = -1;
      found.forEach(function (item, i) {
        var li = el("li", { role: "option", "data-iri": item.iri }, [item.label,
          el("small", { text: item.type || "" })]);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(items[i]); });
        list.appendChild(li);
      });
      list.style.top = (input.offsetTop + input.offsetHeight) + "px";
      list.style.left = input.offsetLeft + "px";
      list.hidden = !found.length;
    }
    function ask() {
      var q = input.value.trim();
      if (q === asked) return;
      asked = q;
      if (!EKG.hasWord(q)) { show([]); return; }
      var url = "/entities?limit=10&q=" + encodeURIComponent(q) +
        (options.type ? "&type=" + encodeURIComponent(options.type) : "");
      fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
        return r.ok ? r.json() : { items: [] };
      }).then(function (data) {
        if (input.value.trim() === q) show(data.items || []);
      }).catch(function () { show([]); });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer); timer = setTimeout(ask, 120);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      var lis = list.children;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        active = (active + (e.key === "ArrowDown" ? 1 : lis.length - 1)) % lis.length;
        Array.prototype.forEach.call(lis, function (li, i) { li.classList.toggle("active", i === active); });
      } else if ((e.key === "Enter" || e.key === "Tab") && active >= 0) {
        e.preventDefault(); choose(items[active]);
      } else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    return { close: close };
  };

  // --- sortable and filterable tables -----------------------------------------------------
  function cellKey(cell) {
    var v = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    var time = cell.querySelector("time");
    if (!cell.hasAttribute("data-sort") && time) v = time.getAttribute("datetime");
    return v;
  }
  EKG.sortable = function (table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      th.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellKey(a.cells[col]), y = cellKey(b.cells[col]);
          var nx = parseFloat(x), ny = parseFloat(y), cmp;
          if (!isNaN(nx) && !isNaN(ny) && /^[\d.]+$/.test(x) && /^[\d.]+$/.test(y)) cmp = nx - ny;
          else cmp = x.localeCompare(y);
          return asc ? cmp : -cmp;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  };
  function bound(value, end) {  // "2016" -> "2016-01-01" / "2016-12-31" (as strings compare)
    if (!value) return "";
    var parts = value.split("-");
    if (parts.length === 1) return value + (end ? "-12-31" : "-01-01");
    if (parts.length === 2) return value + (end ? "-31" : "-01");
    return value;
  }
  EKG.filterPartners = function (form, table) {
    var count = document.getElementById("partner-count");
    function apply() {
      var topic = form.elements.topic.value, type = form.elements.type.value,
          since = bound(form.elements.since.value.trim(), false),
          until = bound(form.elements.until.value.trim(), true), shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var ok = true, first = row.getAttribute("data-first"), last = row.getAttribute("data-last");
        if (topic && (" " + row.getAttribute("data-topics") + " ").indexOf(" " + topic + " ") < 0) ok = false;
        if (type && row.getAttribute("data-type") !== type) ok = false;
        if (since && (!last || bound(last, true) < since)) ok = false;
        if (until && (!first || bound(first, false) > until)) ok = false;
        row.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = shown + " of " + table.tBodies[0].rows.length + " partners";
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    apply();
  };

  // --- timeline (SVG) -----------------------------------------------------------------------
  function yearOf(date, end) {  // a date at any precision as a fractional year (start or end)
    var p = String(date).split("-"), y = parseInt(p[0], 10);
    if (p.length === 1) return y + (end ? 1 : 0);
    var m = parseInt(p[1], 10) - 1;
    if (p.length === 2) return y + (m + (end ? 1 : 0)) / 12;
    var d = parseInt(p[2], 10) - 1;
    return y + m / 12 + (d + (end ? 1 : 0)) / 365;
  }
  EKG.yearOf = yearOf;
  EKG.timeline = function (container, items) {
    var NS = "http://www.w3.org/2000/svg";
    items = items.filter(function (i) { return i.date && /^\d{4}/.test(i.date); })
      .sort(function (a, b) { return yearOf(a.date) - yearOf(b.date); });
    container.innerHTML = "";
    if (!items.length) { container.appendChild(el("p", { "class": "muted", text: "no dates" })); return; }
    var lo = Math.floor(yearOf(items[0].date)), hi = lo;
    items.forEach(function (i) { hi = Math.max(hi, Math.ceil(yearOf(i.date, true))); });
    if (hi - lo < 2) { lo -= 1; hi += 1; }
    var width = Math.max(container.clientWidth || 800, 400), left = 10, right = 10, lane = 22,
        scale = (width - left - right) / (hi - lo), lanes = [], placed = [];
    items.forEach(function (item) {  // greedy lanes, so labels do not overlap
      var x0 = left + (yearOf(item.date) - lo) * scale,
          x1 = Math.max(left + (yearOf(item.date, true) - lo) * scale, x0 + 6),
          text = item.label + " (" + item.date + ")", textWidth = text.length * 6.2,
          before = x1 + 4 + textWidth > width,  // no room on the right: the label goes left
          from = before ? x0 - 4 - textWidth : x0, to = before ? x1 : x1 + 4 + textWidth, l = 0;
      while (lanes[l] && lanes[l].some(function (s) { return s[0] < to + 6 && from < s[1] + 6; })) l++;
      (lanes[l] = lanes[l] || []).push([from, to]);
      placed.push({ item: item, x0: x0, x1: x1, lane: l, text: text, before: before });
    });
    var height = 28 + lanes.length * lane + 8;
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("height", height);
    svg.setAttribute("role", "img");
    function add(parent, tag, attrs, text) {
      var n = document.createElementNS(NS, tag);
      Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
      if (text !== undefined) n.textContent = text;
      parent.appendChild(n); return n;
    }
    var step = Math.max(1, Math.ceil((hi - lo) / 12));
    for (var y = lo; y <= hi; y += step) {
      var x = left + (y - lo) * scale;
      add(svg, "line", { x1: x, x2: x, y1: 16, y2: height, stroke: "#e3e8ee" });
      add(svg, "text", { x: x + 2, y: 11, fill: "#656d76" }, String(y));
    }
    placed.forEach(function (p) {
      var top = 24 + p.lane * lane, g = p.item.href ? add(svg, "a", { href: p.item.href }) : svg;
      g.setAttribute("class", "event");
      var colour = EKG.topicColor(p.item.topic || "");
      add(g, "rect", { x: p.x0, y: top, width: p.x1 - p.x0, height: 10, rx: 4,
                       fill: p.item.color || colour, opacity: .85 });
      var t = add(g, "text", p.before ? { x: p.x0 - 4, y: top + 9, "text-anchor": "end" }
                                      : { x: p.x1 + 4, y: top + 9 }, p.text);
      add(t, "title", {}, (p.item.topics || []).join(", "));
    });
    container.appendChild(svg);
  };

  // --- network drawings (Cytoscape.js) -------------------------------------------------
  EKG.graphStyle = function () {
    return [
      { selector: "node", style: { "background-color": "data(color)", label: "data(label)",
        "font-size": 11, "text-valign": "bottom", "text-margin-y": 3, width: 22, height: 22,
        "text-wrap": "wrap", "text-max-width": 140, color: "#1f2328",
        "text-background-color": "#fff", "text-background-opacity": 0.7 } },
      { selector: "node[shape]", style: { shape: "data(shape)" } },
      { selector: "node.center", style: { width: 32, height: 32, "font-weight": "bold" } },
      { selector: "node.expanded", style: { "border-width": 3, "border-color": "#0b3d66" } },
      { selector: "node:selected", style: { "overlay-opacity": 0.15, "overlay-color": "#0550ae" } },
      { selector: "edge", style: { "line-color": "data(color)", width: "data(width)",
        "curve-style": "bezier", opacity: 0.85 } },
      { selector: "edge[label]", style: { label: "data(label)", "font-size": 9,
        "text-rotation": "autorotate", color: "#444", "text-background-color": "#fff",
        "text-background-opacity": 0.8 } },
      { selector: "edge[arrow]", style: { "target-arrow-shape": "triangle",
        "target-arrow-color": "data(color)" } },
    ];
  };
  function legend(target, types, topics, extra) {
    target.innerHTML = "";
    types.forEach(function (t) {
      target.appendChild(el("span", {}, [el("i", { style: "background:" + EKG.typeColor(t) }), t]));
    });
    topics.forEach(function (t) {
      target.appendChild(el("span", {}, [el("i", { "class": "edge", style: "background:" + EKG.topicColor(t.iri) }), t.label]));
    });
    (extra || []).forEach(function (x) { target.appendChild(x); });
  }
  EKG.legend = legend;
  EKG.settle = function (cy) {  // few nodes: do not blow them up to fill the box
    if (cy.zoom() > 1.6) { cy.zoom(1.6); cy.center(); }
  };

  function actorGraph(data) {
    var container = document.getElementById("graph");
    if (!container || !window.cytoscape) return;
    var cy = window.cytoscape({ container: container, elements: [], style: EKG.graphStyle(),
                                minZoom: 0.2, maxZoom: 3 });
    window.ekgGraph = cy;
    var info = document.getElementById("graph-info"), topics = {}, types = {};
    function addNode(n, near) {
      if (cy.getElementById(n.iri).length) return false;
      types[n.type] = true;
      var pos = near ? { x: near.x + (Math.random() - .5) * 120, y: near.y + (Math.random() - .5) * 120 }
                     : undefined;
      cy.add({ group: "nodes", data: { id: n.iri, label: n.label, type: n.type,
                                       color: EKG.typeColor(n.type) }, position: pos });
      return true;
    }
    function addEdge(a, b, link) {
      var id = [a, b].sort().join(" | ");
      if (cy.getElementById(id).length) return;
      var main = (link.topics || [])[0];
      if (main) topics[main.iri] = main.label;
      cy.add({ group: "edges", data: { id: id, source: a, target: b,
        color: EKG.topicColor(main && main.iri), width: 1.5 + Math.min(link.weight || 1, 6),
        topics: (link.topics || []).map(function (t) { return t.label; }).join(", "),
        first: link.first || "", last: link.last || "" } });
    }
    function relayout() {  // rings around the actor: its partners, then theirs ...
      var depth = {}, queue = [data.center.iri], most = 0;
      depth[data.center.iri] = 0;
      while (queue.length) {
        var id = queue.shift();
        cy.getElementById(id).neighborhood("node").forEach(function (n) {
          if (depth[n.id()] === undefined) { depth[n.id()] = depth[id] + 1; most = Math.max(most, depth[n.id()]); queue.push(n.id()); }
        });
      }
      cy.layout({ name: "concentric", animate: false, fit: true, padding: 40, minNodeSpacing: 70,
                  concentric: function (n) { return most + 1 - (depth[n.id()] || 0); },
                  levelWidth: function () { return 1; } }).run();
      EKG.settle(cy);
      container.setAttribute("data-nodes", cy.nodes().length);
      container.setAttribute("data-edges", cy.edges().length);
      legend(document.getElementById("graph-legend"), Object.keys(types),
             Object.keys(topics).map(function (k) { return { iri: k, label: topics[k] }; }));
    }
    function describe(node, extra) {
      info.innerHTML = "";
      info.appendChild(el("h3", {}, [el("a", { href: EKG.href(node.id()), text: node.data("label") })]));
      info.appendChild(el("div", { "class": "muted", text: node.data("type") }));
      if (extra) info.appendChild(el("p", { text: extra }));
    }
    data.nodes.forEach(function (n) { addNode(n); });
    data.edges.forEach(function (e) { addEdge(e.source, e.target, e); });
    cy.getElementById(data.center.iri).addClass("center expanded");
    relayout();
    cy.on("tap", "edge", function (evt) {
      var e = evt.target;
      info.innerHTML = "";
      info.appendChild(el("h3", { text: e.source().data("label") + " – " + e.target().data("label") }));
      info.appendChild(el("p", { text: "topics: " + (e.data("topics") || "none") }));
      if (e.data("first")) info.appendChild(el("p", { text: e.data("first") + " – " + e.data("last") }));
    });
    cy.on("tap", "node", function (evt) {
      var node = evt.target;
      if (node.hasClass("expanded")) { describe(node, "partners drawn"); return; }
      describe(node, "drawing its partners…");
      fetch("/cooperations?limit=100&actor=" + encodeURIComponent(node.id()),
            { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { items: [] }; })
        .then(function (body) {
          var added = 0, at = node.position();
          (body.items || []).forEach(function (p) {
            if (addNode(p, at)) added++;
            addEdge(node.id(), p.iri, p);
          });
          node.addClass("expanded");
          relayout();
          describe(node, (body.items || []).length + " partners, " + added + " new in the drawing");
        });
    });
  }

  // --- the path finder ------------------------------------------------------------------
  var PATH_COLORS = ["#0b62c4", "#d9480f", "#2b8a3e", "#862e9c", "#c2255c", "#5c940d",
                     "#1098ad", "#e67700", "#495057", "#364fc7"];
  function linkTo(entity) {
    return el("a", { href: EKG.href(entity.iri), text: entity.label, "data-type": entity.type || "" });
  }
  function explainHop(hop) {
    var text = hop.text, s = hop.source.label, t = hop.target.label, middle = text;
    if (text.indexOf(s) === 0 && text.slice(-t.length) === t) middle = text.slice(s.length, text.length - t.length);
    return el("li", { "class": "hop" }, [linkTo(hop.source), middle, linkTo(hop.target)]);
  }
  function drawPaths(body) {
    var container = document.getElementById("path-graph"), list = document.getElementById("paths");
    list.innerHTML = "";
    var cy = window.ekgGraph;
    if (cy) cy.destroy();
    cy = window.ekgGraph = window.cytoscape({ container: container, elements: [],
      style: EKG.graphStyle(), minZoom: 0.2, maxZoom: 3 });
    var longest = Math.max.apply(null, body.paths.map(function (p) { return p.nodes.length; }));
    var W = 170, H = 90, mid = (body.paths.length - 1) * H / 2, types = {};
    body.paths.forEach(function (path, p) {
      var colour = PATH_COLORS[p % PATH_COLORS.length];
      path.nodes.forEach(function (n, i) {
        if (cy.getElementById(n.iri).length) return;
        var last = i === path.nodes.length - 1, actor = EKG.typeColors[n.type] !== undefined;
        types[actor ? n.type : "agreement or cooperation"] = true;
        cy.add({ group: "nodes", data: { id: n.iri, label: n.label, type: n.type,
          color: EKG.typeColor(n.type), shape: actor ? "ellipse" : "round-rectangle" },
          position: { x: last ? (longest - 1) * W : i * W, y: (i === 0 || last) ? mid : p * H } });
      });
      path.hops.forEach(function (hop, i) {
        var a = path.nodes[i].iri, b = path.nodes[i + 1].iri, id = a + " > " + b;
        if (cy.getElementById(id).length) return;
        cy.add({ group: "edges", data: { id: id, source: a, target: b, color: colour, width: 3,
                                         label: hop.phrase, arrow: 1 } });
      });
      var hops = el("ol", { "class": "hops" }, path.hops.map(explainHop));
      list.appendChild(el("li", { "class": "path" }, [
        el("span", { "class": "swatch", style: "background:" + colour }),
        el("b", { text: "Path " + (p + 1) }), " · " + path.length + " hop" + (path.length === 1 ? "" : "s"),
        hops]));
    });
    cy.nodes().forEach(function (n) {
      if (n.id() === body.source.iri || n.id() === body.target.iri) n.addClass("center");
    });
    cy.fit(undefined, 40);
    EKG.settle(cy);
    container.setAttribute("data-nodes", cy.nodes().length);
    container.setAttribute("data-edges", cy.edges().length);
    var typeNames = Object.keys(types);
    legend(document.getElementById("graph-legend"), typeNames.filter(function (t) { return EKG.typeColors[t]; }), [],
           typeNames.indexOf("agreement or cooperation") >= 0 ?
             [el("span", {}, [el("i", { style: "background:#a0a7b0;border-radius:2px" }), "agreement or cooperation"])] : []);
    cy.on("tap", "node", function (evt) {
      var node = evt.target, info = document.getElementById("graph-info");
      info.innerHTML = "";
      info.appendChild(el("h3", {}, [el("a", { href: EKG.href(node.id()), text: node.data("label") })]));
      info.appendChild(el("div", { "class": "muted", text: node.data("type") }));
    });
  }
  function pathFinder() {
    var form = document.getElementById("path-form"), status = document.getElementById("path-status");
    function params() {
      var out = new URLSearchParams();
      ["source", "target", "k", "topic", "since", "until", "via"].forEach(function (name) {
        var v = form.elements[name].value.trim();
        if (v) out.set(name, v);
      });
      return out;
    }
    function run(push) {
      var p = params();
      if (!EKG.hasWord(p.get("source")) || !EKG.hasWord(p.get("target"))) return;
      if (push && history.pushState) history.pushState(null, "", "/pathfinder?" + p.toString());
      status.textContent = "searching…";
      var started = Date.now();
      fetch("/paths?" + p.toString(), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (r) {
          if (!r.ok) {
            status.textContent = r.body.message + (r.body.suggestions && r.body.suggestions.length ?
              " — did you mean: " + r.body.suggestions.join(", ") : "");
            document.getElementById("paths").innerHTML = "";
            return;
          }
          status.textContent = r.body.paths.length + " path" + (r.body.paths.length === 1 ? "" : "s") +
            " from " + r.body.source.label + " to " + r.body.target.label + " · " + (Date.now() - started) + " ms";
          drawPaths(r.body);
        })
        .catch(function (err) { status.textContent = "failed: " + err; });
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); run(true); });
    window.addEventListener("popstate", function () {
      var q = new URLSearchParams(location.search);
      ["source", "target", "k", "topic", "since", "until", "via"].forEach(function (n) {
        if (form.elements[n]) form.elements[n].value = q.get(n) || (n === "k" ? "3" : "");
      });
      run(false);
    });
    run(false);
  }

  // --- agreement pages: which words support which fact ------------------------------------
  function evidenceHighlight() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.quote"), function (fig) {
      var marks = fig.querySelectorAll("mark");
      Array.prototype.forEach.call(fig.querySelectorAll("li[data-fact]"), function (li) {
        var id = li.getAttribute("data-fact");
        li.addEventListener("mouseenter", function () {
          Array.prototype.forEach.call(marks, function (m) {
            var on = (" " + m.getAttribute("data-facts") + " ").indexOf(" " + id + " ") >= 0;
            m.classList.toggle("hot", on); m.classList.toggle("dim", !on);
          });
        });
        li.addEventListener("mouseleave", function () {
          Array.prototype.forEach.call(marks, function (m) { m.classList.remove("hot", "dim"); });
        });
      });
    });
  }

  // --- start ----------------------------------------------------------------------------
  function start() {
    var data = EKG.pageData();
    colourChips();
    Array.prototype.forEach.call(document.querySelectorAll("input[data-complete]"), function (input) {
      var kind = input.getAttribute("data-complete"), inForm = input.closest("#path-form");
      EKG.complete(input, { type: kind === "actor" ? "actor" : null,
        onChoose: inForm ? null : function (item) { location.href = item.links.html; } });
    });
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), EKG.sortable);
    var filters = document.getElementById("partner-filters");
    if (filters) EKG.filterPartners(filters, document.getElementById("partner-table"));
    if (data.page === "actor") {
      actorGraph(data);
      var tl = document.getElementById("timeline");
      if (tl) EKG.timeline(tl, data.timeline.map(function (t) {
        return { date: t.date, label: t.label, href: t.href, topics: t.topics, topic: t.topic }; }));
    }
    if (data.page === "pathfinder") pathFinder();
    if (data.page === "agreement") evidenceHighlight();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
