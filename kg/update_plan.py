"""How a SPARQL Update is run on a store whose default graph is the merged union.

:class:`kg.store.Store` keeps, in Oxigraph's own default graph, every triple
of its named graphs once (the set union, see ``docs/architecture.md``). An
update is read here, token by token (:mod:`kg.sparql_lexer`), before it runs:

* **The rule: an update writes named graphs only.** The default graph is what
  the named graphs say; a triple written there directly would belong to no
  graph, and a triple deleted there alone would still be stated by its graphs.
  So an update that inserts or deletes triples outside ``GRAPH`` (and without
  ``WITH``), ``LOAD`` without ``INTO GRAPH``, ``ADD``/``COPY``/``MOVE ... TO
  DEFAULT``, ``MOVE DEFAULT``, and ``CLEAR``/``DROP DEFAULT`` are refused
  (:func:`plan` lists why; the store raises :class:`kg.errors.InputError`,
  HTTP 400). Reading the default graph (a ``WHERE`` without ``GRAPH``,
  ``COPY DEFAULT TO GRAPH <g>``) is fine: it is the set union.
* **Keeping it in step.** An update made only of ``INSERT DATA``, ``DELETE
  DATA`` and ``DROP``/``CLEAR GRAPH <iri>`` costs what its data costs: each
  ``GRAPH <g> { T }`` of an ``INSERT DATA`` also writes ``T`` at the top of the
  block, into the default graph; a ``DROP``/``CLEAR GRAPH <g>`` is preceded by
  :func:`forget`; the triples of a ``DELETE DATA`` are checked at the end
  (:func:`unstated`). Any other update is
  followed, in the same request (one transaction), by the reconciliation
  (:data:`ADD_MISSING`, :data:`DROP_UNSTATED`), which scans the store; only
  the halves that the update's words can need are added.

>>> p = plan('INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } }')
>>> p.refused, p.reconcile
((), ())
>>> p.text
'INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 }\\n<urn:a> <urn:b> 1 . }'
>>> plan('INSERT DATA { <urn:a> <urn:b> 1 }').refused
('INSERT DATA writes triples outside GRAPH (line 1, column 15)',)
>>> plan('WITH <urn:g> DELETE { ?s ?p 1 } WHERE { ?s ?p 1 }').reconcile == (DROP_UNSTATED,)
True
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.sparql_lexer import Token, iter_tokens, where

# Every triple of a named graph, once, in the default graph (a whole-store rebuild of it).
MERGE = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
# The two halves of a reconciliation after an arbitrary update (each scans the store).
DROP_UNSTATED = "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"
ADD_MISSING = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }"



def forget(graph: str) -> str:
    """An update that takes out of the default graph what only ``graph`` states."""
    return ("DELETE { ?s ?p ?o } WHERE { GRAPH <" + graph + "> { ?s ?p ?o } "
            "FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER(?other != <" + graph + ">) } }")


def unstated(triples: str) -> str:
    """An update that takes the given triples (a VALUES body) out of the default graph
    unless a named graph still states them."""
    return ("DELETE { ?s ?p ?o } WHERE { VALUES (?s ?p ?o) { " + triples + " } "
            "?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")


RULE = ("an update must write into named graphs: the default graph is the union of the named "
        "graphs, each triple once, and the store keeps it. Write INSERT DATA { GRAPH <g> { … } }, "
        "or DELETE WHERE { GRAPH ?g { … } } to remove a fact from every graph that states it")

_REMOVES = frozenset({"DELETE", "DROP", "CLEAR", "MOVE", "COPY"})  # COPY clears its target
_ADDS = frozenset({"INSERT", "LOAD", "ADD", "COPY", "MOVE"})
_OPERATIONS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE",
                         "COPY", "WITH"})


@dataclass(frozen=True)
class Data:
    """What a targeted update changes: Turtle documents of the triples it inserts and
    deletes, and the graphs it drops or clears."""

    inserted: str
    deleted: str
    dropped: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """What to run for an update: refusals (if any), the text, the reconciliation to add."""

    refused: tuple[str, ...]
    text: str
    reconcile: tuple[str, ...]
    # For an update made only of INSERT DATA, DELETE DATA and DROP/CLEAR GRAPH <iri>: the
    # Turtle of what it inserts and deletes, and the graphs it empties (what changes, for
    # the view's journal, see kg.store); None for any other update.
    data: Data | None = None

    def full_text(self) -> str:
        """The update and its reconciliation, as one request (one transaction)."""
        if not self.reconcile:
            return self.text
        body = self.text.rstrip()
        body = body[:-1] if body.endswith(";") else body
        return " ;\n".join([body, *self.reconcile])


def plan(sparql: str) -> Plan:
    """Read ``sparql`` (an update) and say how to run it on a merged store.

    Raises :class:`kg.errors.QuerySyntaxError` for text that is not made of
    SPARQL tokens; other syntax errors are left to Oxigraph.
    """
    tokens = list(iter_tokens(sparql))
    refused: list[str] = []
    words: set[str] = set()
    inserts: list[tuple[int, int]] = []  # INSERT DATA blocks: (index of "{", index of "}")
    deletes: list[tuple[int, int]] = []  # DELETE DATA blocks
    drops: list[tuple[int, str]] = []    # DROP/CLEAR GRAPH <iri>: (index of the word, iri)
    targeted = True  # only INSERT DATA, DELETE DATA, DROP/CLEAR GRAPH <iri>
    i, n = 0, len(tokens)
    with_graph = False
    while i < n:
        token = tokens[i]
        word = _word(token)
        if word in _OPERATIONS:
            words.add(word)
        if token.text == "{":
            i = _skip_block(tokens, i)
            continue
        if token.text == ";":
            with_graph = False
        elif word == "WITH":
            with_graph = True
            targeted = False
        elif word == "BASE":
            targeted = False
        elif word in ("INSERT", "DELETE"):
            following = _word(tokens[i + 1]) if i + 1 < n else None
            if following in ("DATA", "WHERE"):
                i += 1
            if following != "DATA":
                targeted = False
            if i + 1 < n and tokens[i + 1].text == "{":
                start, end = i + 1, _skip_block(tokens, i + 1) - 1
                outside = _outside_graph(tokens, start, end)
                if outside is not None and not (with_graph and following not in ("DATA",
                                                                                   "WHERE")):
                    label = f"{word} {following}" if following in ("DATA", "WHERE") else word
                    refused.append(f"{label} writes triples outside GRAPH "
                                   f"({where(sparql, outside.start)})")
                if following == "DATA":
                    (inserts if word == "INSERT" else deletes).append((start, end))
                i = end + 1
                continue
        elif word in ("LOAD", "CLEAR", "DROP", "ADD", "MOVE", "COPY", "CREATE"):
            end = _operation_end(tokens, i)
            operands = [_word(t) or t.text for t in tokens[i + 1:end]]
            named = [t for t in tokens[i + 1:end] if _word(t) != "SILENT"]
            if (word in ("CLEAR", "DROP") and len(named) == 2 and _word(named[0]) == "GRAPH"
                    and named[1].kind == "iri"):
                drops.append((i, named[1].value))
            elif word != "CREATE":
                targeted = False
            problem = _graph_operation(word, operands)
            if problem:
                refused.append(f"{problem} ({where(sparql, token.start)})")
            i = end
            continue
        i += 1

    if refused:
        return Plan(tuple(refused), sparql, ())
    if targeted and (inserts or deletes or drops) \
            and all(_plain(tokens, s, e) for s, e in inserts):
        removed = _deleted_triples(sparql, tokens, deletes)
        if removed is not None:
            text = _with_default_copies(sparql, tokens, inserts, drops)
            data = Data(_turtle(sparql, tokens, inserts), _turtle(sparql, tokens, deletes),
                        tuple(iri for _, iri in drops))
            return Plan((), text, (unstated(removed),) if removed else (), data)
    reconcile = []
    if words & _REMOVES:
        reconcile.append(DROP_UNSTATED)
    if words & _ADDS:
        reconcile.append(ADD_MISSING)
    return Plan((), sparql, tuple(reconcile))


def _word(token: Token) -> str | None:
    return token.value if token.kind == "name" else None


def _skip_block(tokens: list[Token], start: int) -> int:
    """The index after the bracket that closes the ``{`` at ``start``."""
    depth = 0
    for i in range(start, len(tokens)):
        text = tokens[i].text
        if text == "{":
            depth += 1
        elif text == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(tokens)


def _outside_graph(tokens: list[Token], start: int, end: int) -> Token | None:
    """The first token of a triple written at the top of the block ``start``..``end``."""
    i = start + 1
    while i < end:
        token = tokens[i]
        if _word(token) == "GRAPH":
            i += 2  # GRAPH and its name
            if i < end and tokens[i].text == "{":
                i = _skip_block(tokens, i)
            continue
        if token.text == ".":
            i += 1
            continue
        return token
    return None


def _operation_end(tokens: list[Token], start: int) -> int:
    """The index of the ``;`` that ends the graph operation at ``start`` (or the end)."""
    for i in range(start + 1, len(tokens)):
        if tokens[i].text == ";":
            return i
    return len(tokens)


def _graph_operation(word: str, operands: list[str]) -> str | None:
    """Why a graph-management operation would write the default graph (None: it does not)."""
    operands = [o for o in operands if o != "SILENT"]
    if word == "LOAD":
        return None if "INTO" in operands else "LOAD without INTO GRAPH writes the default graph"
    if word in ("CLEAR", "DROP"):
        return f"{word} DEFAULT" if operands[:1] == ["DEFAULT"] else None
    if word in ("ADD", "MOVE", "COPY"):
        target = operands[operands.index("TO") + 1:] if "TO" in operands else []
        if target[:1] == ["DEFAULT"]:
            return f"{word} ... TO DEFAULT writes the default graph"
        if word == "MOVE" and operands[:1] == ["DEFAULT"]:
            return "MOVE DEFAULT empties the default graph"
    return None


def _turtle(sparql: str, tokens: list[Token], blocks: list[tuple[int, int]]) -> str:
    """The GRAPH contents of data blocks as one Turtle document ("" for none), with the
    update's own prefixes and the predeclared ones."""
    if not blocks:
        return ""
    from kg.namespaces import PREFIXES  # noqa: PLC0415

    prologue = {**PREFIXES}
    for i, token in enumerate(tokens[:-2]):
        if _word(token) == "PREFIX" and tokens[i + 1].kind == "pname" \
                and tokens[i + 2].kind == "iri":
            prologue[tokens[i + 1].text[:-1]] = tokens[i + 2].value
    bodies = []
    for start, end in blocks:
        i = start + 1
        while i < end:
            if _word(tokens[i]) == "GRAPH" and i + 2 < end and tokens[i + 2].text == "{":
                close = _skip_block(tokens, i + 2) - 1
                bodies.append(sparql[tokens[i + 2].start + 1:tokens[close].start])
                i = close + 1
            else:
                i += 1
    turtle = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prologue.items())
    return turtle + "\n".join(body.strip().rstrip(".") + " ." for body in bodies if body.strip())


def _deleted_triples(sparql: str, tokens: list[Token],
                     blocks: list[tuple[int, int]]) -> str | None:
    """The triples of the DELETE DATA blocks as a VALUES body ("" for none; None: unreadable).

    The blocks are read as Turtle, with the update's own prefixes and the predeclared ones.
    """
    if not blocks:
        return ""
    import pyoxigraph as ox  # noqa: PLC0415

    turtle = _turtle(sparql, tokens, blocks)
    try:
        triples = set(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, ValueError):
        return None
    if any(isinstance(t, ox.BlankNode) for triple in triples for t in triple):
        return None
    return " ".join(f"({t.subject} {t.predicate} {t.object})" for t in triples)


def _plain(tokens: list[Token], start: int, end: int) -> bool:
    """Whether a data block can be copied as text: no ``[]`` or ``()`` (fresh blank nodes)."""
    return not any(t.text in ("[", "(") for t in tokens[start:end])


def _with_default_copies(sparql: str, tokens: list[Token], blocks: list[tuple[int, int]],
                         drops: list[tuple[int, str]] = ()) -> str:
    """``sparql`` with each INSERT DATA block also stating its GRAPH contents at its top,
    and :func:`forget` before each ``DROP``/``CLEAR GRAPH``."""
    pieces, position = [], 0
    edits = sorted([(start, "insert", end) for start, end in blocks]
                   + [(index, "drop", iri) for index, iri in drops])
    for start, kind, end in edits:
        if kind == "drop":
            at = tokens[start].start
            pieces.append(sparql[position:at])
            pieces.append(forget(end) + " ;\n")
            position = at
            continue
        copies = []
        i = start + 1
        while i < end:
            if _word(tokens[i]) == "GRAPH" and i + 2 < end and tokens[i + 2].text == "{":
                close = _skip_block(tokens, i + 2) - 1
                inner = sparql[tokens[i + 2].start + 1:tokens[close].start].strip()
                if inner:
                    copies.append(inner if inner.endswith(".") else inner + " .")
                i = close + 1
            else:
                i += 1
        closing = tokens[end].start
        pieces.append(sparql[position:closing].rstrip())
        pieces.append("\n" + "\n".join(copies) + " " if copies else " ")
        position = closing
    pieces.append(sparql[position:])
    return "".join(pieces)
