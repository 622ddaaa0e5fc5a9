"""The SPARQL tokenizer and the guard built on it, without a server."""

from __future__ import annotations

import pytest

from api.guard import Limits, Remote, inspect, target_allowed
from api.settings import Settings
from kg.sparql_lexer import tokenize
from kg.errors import QuerySyntaxError, QueryTooComplexError

TARGET = "http://127.0.0.1:8080/"


@pytest.mark.parametrize("text, kinds", [
    ('"a\\"b" \'c\\\'d\'', ["string", "string"]),
    ('"""a "" b\n""" \'\'\'x \'\' y\'\'\'', ["string", "string"]),
    ('"""a\\""""', ["string"]),
    ("<http://x/\\u0041#> # comment <y>", ["iri"]),
    ("?a<?b", ["var", "punct", "var"]),  # '<?b' has no closing '>': '<' is less-than
    ("?a < ?b", ["var", "punct", "var"]),
    ("ex:a\\'b ex:c.d ex:e. :f _:b1 $v 1.5e3 .5 @en-GB ^^ && || != <=",
     ["pname", "pname", "pname", "punct", "pname", "bnode", "var", "number", "number",
      "langtag", "punct", "punct", "punct", "punct", "punct"]),
])
def test_token_kinds(text, kinds):
    assert [t.kind for t in tokenize(text)] == kinds


def test_token_values():
    iri, name, long_string = tokenize('<http://x/\\u0041\\U00000042> e:a\\~b """q\\n"""')
    assert iri.value == "http://x/AB"
    assert name.value == "e:a~b"
    assert long_string.value == "q\n"


@pytest.mark.parametrize("text", ['"unclosed', "'line\nbreak'", "\\u0053ERVICE", "{ ` }"])
def test_untokenizable_text_is_a_syntax_error(text):
    with pytest.raises(QuerySyntaxError):
        tokenize(text)


@pytest.mark.parametrize("query, iri", [
    (f"SELECT * {{ SERVICE <{TARGET}> {{}} }}", TARGET),
    (f"select * {{ service silent <{TARGET}> {{}} }}", TARGET),
    ("PREFIX t: <http://\\u0031\\u0032\\u0037.0.0.1:8080/> SELECT * { SERVICE t:q {} }",
     "http://127.0.0.1:8080/q"),
    ("BASE <http://127.0.0.1:8080/a/> SELECT * { SERVICE <../q> {} }", "http://127.0.0.1:8080/q"),
    ("PREFIX a: <http://allowed.org> SELECT * { SERVICE a:\\@127.0.0.1/ {} }",
     "http://allowed.org@127.0.0.1"),  # a local name cannot end in "/"
    ("PREFIX x: <http://x/\\u0041#> SELECT * { SERVICE <http://127.0.0.1:8080/> {} }",
     "http://127.0.0.1:8080/"),
    ("PREFIX e: <http://e/> SELECT * { ?s e:p e:a\\' . SERVICE <http://h/> {} } # '",
     "http://h/"),
    ("SELECT * { SERVICE ?where {} }", None),
    ("SELECT * { SERVICE nope:x {} }", None),
    ("LOAD <http://127.0.0.1:8080/d.ttl>", "http://127.0.0.1:8080/d.ttl"),
])
def test_remote_targets_are_found(query, iri):
    assert inspect(query).remotes[0].iri == iri


@pytest.mark.parametrize("query", [
    'SELECT * { ?s ?p "SERVICE <http://h/>" }',
    "SELECT * { ?s ?p ?o } # SERVICE <http://h/>",
    "SELECT * { ?s ?p '''\nSERVICE <http://h/> {}\n''' }",
    'SELECT * { ?s ?p "a\\u0022 } SERVICE <http://h/> {} #" }',  # \u0022 stays in the string
    "SELECT ?service { ?s ex:service ?service }",
])
def test_service_in_strings_comments_and_names_is_not_a_service(query):
    assert inspect(query).remotes == ()


@pytest.mark.parametrize("iri, allow, ok", [
    (TARGET, (), False),
    (TARGET, ("127.0.0.1",), True),
    (TARGET, ("127.0.0.1:8080",), True),
    (TARGET, ("127.0.0.1:8081",), False),
    (TARGET, ("http://127.0.0.1:8080/",), True),
    (TARGET, ("https://127.0.0.1:8080/",), False),
    ("http://allowed.org@127.0.0.1/", ("allowed.org",), False),
    ("http://127.0.0.1\\@allowed.org/", ("allowed.org",), False),
    ("file:///etc/passwd", ("127.0.0.1",), False),
    (None, ("127.0.0.1",), False),
    (None, ("*",), True),
])
def test_target_allowed(iri, allow, ok):
    assert target_allowed(iri, allow) is ok


def test_dataset_and_form():
    assert inspect("SELECT * FROM <http://g> { ?s ?p ?o }").dataset
    assert inspect("SELECT * FROM NAMED <http://g> { GRAPH ?g {} }").dataset
    assert not inspect("SELECT * { ?s ?p 'FROM <x>' }").dataset
    assert inspect("PREFIX a: <http://a/> INSERT DATA { a:a a:b a:c }").update
    assert inspect("ASK {}").form == "ASK"


def test_limits_are_configurable():
    query = "ASK { " + " UNION ".join(["{ ?s ?p ?o }"] * 11) + " }"
    assert inspect(query).chain == 11
    with pytest.raises(QueryTooComplexError, match="KG_SPARQL_MAX_CHAIN"):
        inspect(query, Limits(max_chain=10))
    with pytest.raises(QueryTooComplexError, match="KG_SPARQL_MAX_DEPTH"):
        inspect("SELECT * {{{ }}}", Limits(max_depth=2))
    with pytest.raises(QueryTooComplexError, match="KG_SPARQL_MAX_TOKENS"):
        inspect("ASK {}", Limits(max_tokens=2))
    settings = Settings.from_env({"KG_SPARQL_MAX_DEPTH": "8", "KG_SPARQL_MAX_CHAIN": "9",
                                  "KG_SPARQL_MAX_TOKENS": "10"})
    assert settings.sparql_limits == Limits(max_depth=8, max_chain=9, max_tokens=10)
    assert Settings.from_env({}).sparql_limits == Limits(64, 256, 100_000)


def test_data_blocks_do_not_count_as_chains():
    data = " . ".join(f"<http://s/{i}> <http://p> {i}" for i in range(1000))
    assert inspect(f"INSERT DATA {{ GRAPH <http://g> {{ {data} }} }}").chain == 0
    assert inspect(f"CONSTRUCT {{ {data} }} WHERE {{}}").chain == 0
    with pytest.raises(QueryTooComplexError):
        inspect(f"SELECT * WHERE {{ {data} }}")


def test_remote_repr():
    found = inspect("SELECT * { SERVICE <http://h/> {} }").remotes
    assert found == (Remote("SERVICE", "http://h/"),)
