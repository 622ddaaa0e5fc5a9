"""The extraction rules on small invented texts (tests/data/extract/*.txt), not on the dev corpus.

Each ``NAME.txt`` has a ``NAME.expected.json`` that lists the rules it exercises and the facts
they must give: agreements (matched in order; every listed field must be equal, topics must all
be present), cooperation pairs that must or must not appear, and organizations that must appear.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract.pipeline import extract_file, extract_text

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"
CASES = sorted(DATA.glob("*.txt"))


def _pairs(coops) -> set[frozenset]:
    return {frozenset(c[:2]) for c in coops}


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_invented_text(path: Path):
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    out = extract_file(path).to_json()
    got = out["agreements"]
    assert len(got) == len(expected["agreements"]), [a["title"] for a in got]
    for want, have in zip(expected["agreements"], got):
        for key in ("kind", "signed_on", "place", "background"):
            if key in want:
                assert have[key] == want[key], (key, have)
        for key in ("parties", "witnesses"):
            if key in want:
                assert sorted(have[key]) == sorted(want[key]), (key, have)
        if "signatories" in want:
            assert sorted(s["person"] for s in have["signatories"]) == sorted(want["signatories"])
        for topic in want.get("topics", []):
            assert topic in have["topics"], have["topics"]
    pairs = _pairs(out["cooperations"])
    for pair in expected.get("cooperations_include", []):
        assert frozenset(pair) in pairs, out["cooperations"]
    for pair in expected.get("cooperations_exclude", []):
        assert frozenset(pair) not in pairs, out["cooperations"]
    orgs = {o["name"] for o in out["organizations"]}
    for name in expected.get("organizations_include", []):
        assert name in orgs, orgs


# ---------------------------------------------------------------- single rules
def _agreements(text: str, lang: str, published: str | None = None) -> list[dict]:
    return extract_text(text, language=lang, published=published).to_json()["agreements"]


def test_witness_next_to_signatories():
    a = _agreements("Oslo – Norway and Japan signed an agreement on ammonia on 2 May 2024. Energy Minister "
                    "Per Muster and Ambassador Tokuro Furuya signed for their countries. A photo of the "
                    "ceremony shows Prime Minister Jonas Gahr Støre next to the two ministers.", "en")
    assert a[0]["witnesses"] == ["Jonas Gahr Støre"]


def test_scheduled_attendance_is_no_presence():
    a = _agreements("Rome – Italy and Algeria signed a gas agreement on 3 May 2024. Energy Minister Gilberto "
                    "Pichetto Fratin and Energy Minister Mohamed Arkab signed it. Prime Minister Giorgia "
                    "Meloni is scheduled to attend a summit in Algiers next week.", "en")
    assert a[0]["witnesses"] == []


def test_topic_masked_in_role_title():
    a = _agreements("Cairo – Egypt and Cyprus signed a memorandum on electricity interconnection on 1 May 2024. "
                    "Minister of Petroleum Hany Beispiel and Minister Nikos Muster signed it.", "en")
    assert "oil" not in a[0]["topics"] and "electricity grids" in a[0]["topics"]


def test_german_compound_prefix_topic():
    a = _agreements("Berlin – Deutschland und Kenia haben am 4. Mai 2024 eine Klimapartnerschaft "
                    "unterzeichnet.", "de")
    assert "climate protection" in a[0]["topics"]


def test_attributive_participle_is_no_new_agreement():
    a = _agreements("Madrid – Spanien und Marokko unterzeichneten am 2. Mai 2024 eine Erklärung über "
                    "grünen Wasserstoff. Das unterzeichnete Papier sei mehr als eine Erklärung, sagte "
                    "ein Sprecher.", "de")
    assert len(a) == 1


def test_group_reference_takes_the_actors_named_together():
    # "die beiden Länder" are the two countries named together as a list, not the last two named
    a = _agreements("Finnland und Estland wollen enger zusammenarbeiten. Polen prüft das. Die beiden Länder "
                    "unterzeichneten am 3. Mai 2024 ein Abkommen über Stromnetze.", "de")
    assert sorted(a[0]["parties"]) == ["Estonia", "Finland"]
    # "the two provinces" skips the countries and takes regions only
    a = _agreements("Ontario, Quebec and Bavaria met. The two provinces signed an agreement on hydropower "
                    "on 3 May 2024.", "en")
    assert sorted(a[0]["parties"]) == ["Bavaria", "Quebec"]


def test_group_reference_to_persons_makes_them_signatories():
    a = _agreements("Energy Minister Anna Beispiel of Peru met Energy Minister Tom Muster of Chile in Lima. "
                    "The two ministers signed a memorandum on hydrogen on 3 May 2024.", "en")
    assert [s["person"] for s in a[0]["signatories"]] == ["Anna Beispiel", "Tom Muster"]


def _orgs(text: str, lang: str) -> list[str]:
    return [o["name"] for o in extract_text(text, language=lang).to_json()["organizations"]]


def test_organization_named_by_a_role_title():
    """"EU-Kommissionspräsidentin X" names the Commission: it is an organization of the text."""
    orgs = _orgs("EU-Kommissionspräsidentin Anna Beispiel und der peruanische Präsident Jan Muster "
                 "unterzeichneten am Montag in Lima eine Absichtserklärung über Wasserstoff.", "de")
    assert "European Commission" in orgs


def test_title_words_are_no_organization():
    """"Minister of Electricity and Renewable Energy": the words of a title are not a company."""
    orgs = _orgs("Jan Muster, Peru's Minister of Electricity and Renewable Energy, signed a contract with "
                 "Kestrel Energy Ltd. on Monday.", "en")
    assert "Renewable Energy" not in orgs and "Kestrel Energy Ltd." in orgs


def test_short_role_compound():
    out = extract_text("Ölminister Khalid Beispiel und die Ministerin Anna Muster unterzeichneten am 4. April 2023 "
                       "ein Abkommen zwischen Kuwait und Dänemark.", language="de").to_json()
    roles = {p["name"]: p["role"] for p in out["persons"]}
    assert roles["Khalid Beispiel"] == "Ölminister"


def test_with_partner_is_not_the_signers_side():
    a = _agreements("Die Lieferungen gelten als Ergebnis der Energiepartnerschaft, die Minister Jan Muster im März "
                    "mit Katar vereinbart hatte.", "de", "2022-11-29")
    assert a[0]["signatories"][0]["on_behalf_of"] != "Qatar"


@pytest.mark.parametrize("lang, text", [
    ("en", "The deal was signed by Jan Muster, Kappa Power's managing director, on Monday."),
    ("de", "Unterzeichnet wurde der Vertrag von Jan Muster, dem Geschäftsführer der Kappa Power, am Montag."),
])
def test_owner_before_a_role_gives_role_and_affiliation(lang, text):
    """"Jan Muster, Kappa Power's managing director": a multiword owner before the role is the
    person's affiliation (the German genitive after the role says the same)."""
    person = extract_text(text, language=lang, published="2024-03-06").to_json()["persons"][0]
    assert person["name"] == "Jan Muster"
    assert person["affiliation"] == "Kappa Power" and person["role"]


def test_company_after_a_role_noun_is_no_person():
    """"den Partnern Kappa Electric und …": a name that ends in a company word after a role noun
    is an organization, not a person; a German common noun before it does not stop the name."""
    for text, lang in (("Die Firma baut das Kraftwerk gemeinsam mit den lokalen Partnern Kappa Electric und "
                        "Zentrox Construction.", "de"),
                       ("The firm will build the plant with its local partner Kappa Electric and with Zentrox "
                        "Construction.", "en")):
        out = extract_text(text, language=lang).to_json()
        assert "Kappa Electric" in [o["name"] for o in out["organizations"]], (lang, out["organizations"])
        assert "Kappa Electric" not in [p["name"] for p in out["persons"]], (lang, out["persons"])


def test_english_head_word_closes_a_name_in_german_text():
    """"des Bergbaukonzerns Kappa Metals Group": an English head word after a name closes that
    name (one organization), it is no German compound organization of its own."""
    orgs = _orgs("Zentrox Hydrogen ist eine Tochter des Bergbaukonzerns Fortescue Metals Group.", "de")
    assert "Fortescue Metals Group" in orgs and "Group" not in orgs
    orgs = _orgs("Zentrox Hydrogen, a unit of the miner Fortescue Metals Group, signed the deal.", "en")
    assert "Fortescue Metals Group" in orgs and "Group" not in orgs


def test_investor_compound_is_a_company_word():
    """"dem Finanzinvestor Kappa": a compound of "-investor" names the company after it."""
    assert "Kappa" in _orgs("Die Raffinerie gehört dem Finanzinvestor Kappa.", "de")
    assert "Kappa" in _orgs("The refinery belongs to the investor Kappa.", "en")


def test_exporter_and_importer_are_company_words():
    """"mit dem Exporteur Zentrox LNG", "der Gasimporteur Kappa", "with the exporter Zentrox LNG":
    the name after the company word, without it."""
    orgs = _orgs("Der Leipziger Gasimporteur Kappa und der Exporteur Zentrox LNG arbeiten zusammen.", "de")
    assert "Kappa" in orgs and "Zentrox LNG" in orgs and "Exporteur Zentrox LNG" not in orgs
    orgs = _orgs("Kappa Energy signed two purchase contracts with the exporter Zentrox LNG on Monday.", "en")
    assert "Zentrox LNG" in orgs


def test_hungarian_married_name_is_a_given_name():
    """"Istvánné Kovács": a known given name with the Hungarian married-name ending -né opens a
    person's name like the given name itself."""
    for text, lang in (("Die Unterschriften setzten die ungarische Ministerin für nationale Entwicklung, Istvánné Kovács, "
                        "und Rosatom-Generaldirektor Jan Muster unter das Dokument.", "de"),
                       ("The signatures were put to the document by the Hungarian minister of national development, "
                        "Istvánné Kovács, and Rosatom director general Jan Muster.", "en")):
        names = [p["name"] for p in extract_text(text, language=lang).to_json()["persons"]]
        assert "Istvánné Kovács" in names, (lang, names)


@pytest.mark.parametrize("lang, text", [
    ("de", "Dänemark und Polen unterzeichneten am Dienstag eine Erklärung zum Ausbau der Windkraft, um sich schneller "
           "von russischem Gas zu lösen."),
    ("en", "Denmark and Poland signed a declaration on expanding wind power on Tuesday to wean themselves off Russian "
           "gas faster."),
])
def test_what_a_party_gets_free_of_is_no_topic(lang, text):
    """"sich von russischem Gas lösen", "wean … off Russian gas": the supply a party wants to be
    free of is no topic of the agreement."""
    a = _agreements(text, lang, "2022-08-31")
    assert [x["topics"] for x in a] == [["wind energy"]]


@pytest.mark.parametrize("lang, text, name", [
    ("en", "Chipmaker Kappa Semiconductor Co (KSC) has signed a power purchase agreement with Nordwind Energy.",
     "Kappa Semiconductor Co"),
    ("en", "OSLO – Miner Kappa Resources (KR) has signed a supply contract with Nordwind Energy.", "Kappa Resources"),
    # German names open with their head noun: it stays
    ("de", "Die Agentur Kappa Netze (KN) hat am Montag mit Nordwind Energy einen Vertrag über Windstrom unterzeichnet.",
     "Agentur Kappa Netze"),
])
def test_company_word_opening_an_english_sentence_is_no_part_of_the_name(lang, text, name):
    out = extract_text(text, language=lang).to_json()
    assert name in {o["name"] for o in out["organizations"]}
    assert name in out["agreements"][0]["parties"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Seattle-based Zentrox has struck an agreement with Nordwind Energy on nuclear power."),
    ("en", "Texas-headquartered Zentrox signed a supply contract with Nordwind Energy on Monday."),
    ("de", "Die Oslo-basierte Zentrox AS hat am Montag mit Nordwind Energy einen Vertrag über Windstrom unterzeichnet."),
])
def test_descriptor_before_an_unknown_partner_is_no_part_of_its_name(lang, text):
    parties = extract_text(text, language=lang).to_json()["agreements"][0]["parties"]
    assert any(p.startswith("Zentrox") for p in parties) and not any("-" in p for p in parties), parties


@pytest.mark.parametrize("lang, text, orgs", [
    ("en", "Jan Muster, project director of the Kappa plant, said the work would start soon.", set()),
    ("en", "Jan Muster, manager of the Kappa mine, said the work would start soon.", set()),
    ("en", "Jan Muster, CEO of Zentrox, said the work would start soon.", {"Zentrox"}),
    ("de", "Jan Muster, Projektleiter der Kappa Pipeline, sagte, die Arbeiten begännen bald.", set()),
    ("de", "Jan Muster, Vorstandschef der Zentrox AG, sagte, die Arbeiten begännen bald.", {"Zentrox AG"}),
])
def test_name_before_a_site_word_after_a_role_is_no_employer(lang, text, orgs):
    """"project director of the Kappa plant": the name of a site, not the company of the role."""
    assert {o["name"] for o in extract_text(text, language=lang).to_json()["organizations"]} == orgs


@pytest.mark.parametrize("lang, text", [
    ("en", "Kappa Gas and Nordwind Energy signed a supply contract for LNG on Monday, chief executive Jan Muster said."
           "\n\nBy Lucia Mendez; editing by Paul Arnett"),
    ("de", "Kappa Gas und Nordwind Energy unterzeichneten am Montag einen Liefervertrag für LNG, sagte Vorstandschef "
           "Jan Muster.\n\nVon Lucia Mendez; Redaktion: Paul Arnett"),
])
def test_byline_followed_by_a_credit_after_a_semicolon(lang, text):
    """"By Jane Doe; editing by Max Muster" on a line of its own: neither name is a person of the news."""
    persons = {p["name"] for p in extract_text(text, language=lang, published="2023-02-14").to_json()["persons"]}
    assert persons == {"Jan Muster"}, persons


@pytest.mark.parametrize("lang, text, names", [
    ("de", "Norwegen und Polen unterzeichneten am Montag ein Abkommen über Gas. Später hob Präsident Jan Muster das "
           "Dekret wieder auf, und Bundespräsident Karl Van der Bellen war anwesend.", {"Jan Muster", "Karl Van der Bellen"}),
    ("en", "Norway and Poland signed an agreement on gas on Monday. President Maria das Beispiel later revoked the "
           "decree, and Karl van der Berg attended.", {"Maria das Beispiel", "Karl van der Berg"}),
])
def test_german_article_before_a_noun_is_no_name_particle(lang, text, names):
    """"hob Präsident Jan Muster das Dekret auf": a German article before a common noun ends the
    name; a particle inside a name ("Van der Bellen", "das Beispiel" in English) does not."""
    persons = {p["name"] for p in extract_text(text, language=lang, published="2024-05-10").to_json()["persons"]}
    assert persons == names, persons


@pytest.mark.parametrize("lang, text", [
    ("en", "Gas for Europe\n\nBy our correspondent Hanna Beispiel\n\nOSLO – Norway and Poland signed an agreement on "
           "gas on Monday. Energy Minister Jan Muster spoke of a good day."),
    ("de", "Gas für Europa\n\nVon unserer Korrespondentin Hanna Beispiel\n\nOslo – Norwegen und Polen unterzeichneten "
           "am Montag ein Abkommen über Gas. Energieminister Jan Muster sprach von einem guten Tag."),
])
def test_byline_with_a_journalist_title(lang, text):
    """"Von unserer Korrespondentin Jane Doe", "By our correspondent Max Muster": a byline whose
    name follows a possessive and a journalist's title is the author, not a person of the news."""
    persons = {p["name"] for p in extract_text(text, language=lang, published="2024-05-10").to_json()["persons"]}
    assert persons == {"Jan Muster"}, persons


@pytest.mark.parametrize("lang, text", [
    ("en", "Contract signed: Russia to build Peru's first nuclear plant\n\nLIMA – The Kappa Energy Commission on Friday "
           "signed the general contract for the plant with Rosatom."),
    ("de", "Vertrag unterzeichnet: Russland baut Perus erstes Kernkraftwerk\n\nLIMA – Die Kappa Energiekommission hat am "
           "Freitag den Generalvertrag für das Kraftwerk mit Rosatom unterzeichnet."),
])
def test_headline_country_gives_way_to_its_company(lang, text):
    """"Russia to build …" in the headline, Rosatom signing in the body: the company is the party."""
    parties = extract_text(text, language=lang, published="2015-12-26").to_json()["agreements"][0]["parties"]
    assert "Rosatom" in parties and "Russia" not in parties, parties


def test_headline_country_named_in_the_body_stays():
    text = "Russia and Peru sign nuclear deal\n\nRussia and Peru on Friday signed an agreement on a nuclear plant. " \
           "Rosatom will build it."
    parties = extract_text(text, language="en", published="2015-12-26").to_json()["agreements"][0]["parties"]
    assert sorted(parties) == ["Peru", "Russia"], parties


@pytest.mark.parametrize("lang, text", [
    ("en", "Matthias Muster, general manager of Kappa Taiwan and its head of Asia-Pacific, said the deal was a milestone."),
    ("de", "Jan Muster, Leiter für Asien-Pazifik bei Kappa, sagte, der Vertrag sei ein Meilenstein."),
])
def test_world_region_after_a_role_is_no_person(lang, text):
    """"head of Asia-Pacific": a world region (a place of seeds/gazetteer/world-regions.ttl), not a name."""
    out = extract_text(text, language=lang).to_json()
    assert not any("Asia" in p["name"] or "Asien" in p["name"] for p in out["persons"]), out["persons"]
    assert not any("Asia" in o["name"] or "Asien" in o["name"] for o in out["organizations"])


@pytest.mark.parametrize("lang, text", [
    ("en", "Jan Novak, chief executive of Zentrox Energy, and Maria Lopez, head of Solaria Renovables, signed the "
           "agreement on Monday."),
    ("de", "Jan Novak, Vorstandschef von Zentrox Energy, und Maria Lopez, Leiterin von Solaria Renovables, "
           "unterzeichneten am Montag das Abkommen."),
])
def test_coordinated_name_role_of_company(lang, text):
    """"Name, role of Company, and Name, head of Company": a title that ends in its preposition
    ("head of") is followed by the company it heads, not by a person; and the next item of the
    list (", and Maria Lopez") is no apposition to the first person's title."""
    out = extract_text(text, language=lang, published="2024-05-10").to_json()
    persons = {p["name"]: p["affiliation"] for p in out["persons"]}
    assert persons == {"Jan Novak": "Zentrox Energy", "Maria Lopez": "Solaria Renovables"}, persons
    assert {o["name"] for o in out["organizations"]} == {"Zentrox Energy", "Solaria Renovables"}


@pytest.mark.parametrize("lang, text, orgs", [
    ("en", "Octopus Energy and Falcon Power signed an agreement on solar energy.", {"Octopus Energy", "Falcon Power"}),
    ("en", "Octopus Energy signed a power purchase agreement with Peru.", {"Octopus Energy"}),
    ("en", "Peru signed an agreement with Octopus Energy and Falcon Power.", {"Octopus Energy", "Falcon Power"}),
    ("de", "Octopus Energy und Falcon Power unterzeichneten eine Vereinbarung über Solarenergie.",
     {"Octopus Energy", "Falcon Power"}),
    ("en", "Solar Energy and Wind Power signed an agreement.", set()),
])
def test_common_noun_before_a_company_word_names_a_partner(lang, text, orgs):
    """English writes common nouns small: a capitalised common noun (or a known name) before a
    word of company names ("Octopus Energy", "Falcon Power") names a company that signs; words
    of company names alone ("Solar Energy") name none."""
    out = extract_text(text, language=lang).to_json()
    assert {o["name"] for o in out["organizations"]} == orgs, out["organizations"]


@pytest.mark.parametrize("lang, text, name", [
    ("en", "Enel Green Power Chile signed an agreement with Peru.", "Enel Green Power Chile"),
    ("de", "Enel Green Power und Peru unterzeichneten eine Vereinbarung.", "Enel Green Power"),
    ("en", "KfW IPEX-Bank signed a loan agreement with Peru.", "KfW IPEX-Bank"),
    ("de", "Die KfW IPEX-Bank und Peru unterzeichneten einen Kreditvertrag.", "KfW IPEX-Bank"),
    ("en", "Shell Energy Europe and Peru signed a memorandum.", "Shell Energy Europe"),
])
def test_known_name_extended_by_the_words_of_a_subsidiary(lang, text, name):
    """A known company's name goes on over the words of its subsidiary's name: a capitalised
    adjective before a word of company names ("Green Power"), a hyphenated word ending in an
    organization head ("IPEX-Bank"), a country or world region at the end ("Europe")."""
    out = extract_text(text, language=lang).to_json()
    assert name in {o["name"] for o in out["organizations"]}, out["organizations"]
    assert name in out["agreements"][0]["parties"]


@pytest.mark.parametrize("lang, text, name, country", [
    ("en", "Peru signed a memorandum with Scatec on solar energy.", "Scatec", "Norway"),
    ("de", "Peru und die Deutsche Bank unterzeichneten einen Kreditvertrag.", "Deutsche Bank", "Germany"),
    ("en", "The Development Bank of Southern Africa signed a loan agreement with Peru.",
     "Development Bank of Southern Africa", "South Africa"),
    ("de", "Elsewedy Electric unterzeichnete einen Vertrag mit Peru.", "Elsewedy Electric", "Egypt"),
    ("en", "Peru signed a loan agreement with the Nordic Investment Bank.", "Nordic Investment Bank", None),
    ("de", "Covestro und Peru unterzeichneten eine Absichtserklärung über Wasserstoff.", "Covestro", "Germany"),
    ("de", "Peru unterzeichnete einen Kreditvertrag mit der Europäischen Bank für Wiederaufbau und Entwicklung.",
     "Europäische Bank für Wiederaufbau und Entwicklung", None),
    ("en", "Peru signed a power purchase agreement with Apple on solar energy.", "Apple", "United States"),
    ("en", "Peru signed a supply deal with the Kenya Power and Lighting Company.", "Kenya Power and Lighting Company",
     "Kenya"),
    ("de", "Peru und British Gas unterzeichneten einen Liefervertrag.", "British Gas", "United Kingdom"),
])
def test_organizations_of_the_energy_world_are_known(lang, text, name, country):
    """The gazetteer knows the lenders, utilities and developers of the energy world with their
    home country (seeds/gazetteer/organizations.ttl)."""
    orgs = {o["name"]: o["country"] for o in extract_text(text, language=lang).to_json()["organizations"]}
    assert orgs.get(name) == country, orgs


@pytest.mark.parametrize("lang, text, orgs", [
    ("en", "Kappa Power Corporation of Peru Ltd signed a memorandum with Zentrox.",
     {"Kappa Power Corporation of Peru Ltd", "Zentrox"}),
    ("de", "Die Kappa Power Corporation of Peru Ltd unterzeichnete eine Absichtserklärung mit Zentrox.",
     {"Kappa Power Corporation of Peru Ltd", "Zentrox"}),
    ("en", "The Lima Department of Energy and Hyundai Engineering & Construction signed a contract.",
     {"Lima Department of Energy", "Hyundai Engineering & Construction"}),
    ("de", "Das Lima Department of Energy und Hyundai Engineering & Construction unterzeichneten einen Vertrag.",
     {"Lima Department of Energy", "Hyundai Engineering & Construction"}),
])
def test_organization_names_with_of_and_and(lang, text, orgs):
    """A name closed by a legal form goes back over "of" after a head word ("Corporation of Peru
    Ltd"); an "and" before a known organization ends the name before it, it does not join them."""
    got = {o["name"] for o in extract_text(text, language=lang).to_json()["organizations"]}
    assert orgs <= got and not any(" and Hyundai" in n or n == "Peru Ltd" for n in got), got


@pytest.mark.parametrize("lang, text, orgs", [
    ("en", "Zentrox signed a contract with Empresa Nacional de Electricidad de Kappa and with Société Nationale des "
           "Pétroles du Congo.",
     {"Empresa Nacional de Electricidad de Kappa", "Société Nationale des Pétroles du Congo", "Zentrox"}),
    ("de", "Zentrox unterzeichnete einen Vertrag mit der Compañía Eléctrica del Norte (CEN) und der Transportadora de "
           "Gas Natural de la Kappa (TGNK).",
     {"Compañía Eléctrica del Norte", "Transportadora de Gas Natural de la Kappa", "Zentrox"}),
])
def test_romance_organization_names(lang, text, orgs):
    """Spanish, Portuguese, French and Italian names keep their head word and small connecting
    words ("Empresa Nacional de …", "… de la Kappa (TGNK)") in English and German news."""
    got = {o["name"] for o in extract_text(text, language=lang).to_json()["organizations"]}
    assert orgs <= got, got


@pytest.mark.parametrize("lang, text, absent", [
    ("de", "Die Anlage entsteht nördlich von Punta Arenas in der Region Magallanes.", "Arenas"),
    ("en", "The plant will be built near the Arenas river in Peru.", "Arenas"),
    ("en", "Analysts at a Lima brokerage said the renewal removed the biggest uncertainty.", "Lima"),
    ("de", "Mit Windstrom sollen Elektrolyseure Wasserstoff erzeugen.", "Elektrolyseure Wasserstoff"),
])
def test_common_words_are_no_organizations(lang, text, absent):
    """The plural of a common noun is no genitive of a known name ("Arenas" is not ARENA's); a
    name that modifies a noun after a role's preposition is no employer ("analysts at a Lima
    brokerage"); an inflected German noun before a word of company names is no company."""
    names = {o["name"] for o in extract_text(text, language=lang).to_json()["organizations"]}
    assert absent not in names, names


@pytest.mark.parametrize("lang, text", [
    ("en", "Peru and Chile signed the agreement on hydrogen. Our Bureau, Lima"),
    ("en", "Peru and Chile signed the agreement on hydrogen, Our Correspondent reports."),
])
def test_byline_with_a_possessive_is_no_organization(lang, text):
    """"Our Bureau", "Our Correspondent": a name never opens with a possessive pronoun."""
    assert extract_text(text, language=lang).to_json()["organizations"] == []


@pytest.mark.parametrize("lang, text, sides", [
    ("en", "The memorandum was signed on behalf of Kappa Power by its managing director Jan Novak and on behalf of "
           "Zentrox by chairman Eva Lind.", {"Jan Novak": "Kappa Power", "Eva Lind": "Zentrox"}),
    ("de", "Im Namen der Zentrox unterzeichnete Geschäftsführerin Eva Lind den Vertrag mit Peru.", {"Eva Lind": "Zentrox"}),
    ("en", "Kappa Power's Jan Novak and Zentrox's Eva Lind initialled the contract.",
     {"Jan Novak": "Kappa Power", "Eva Lind": "Zentrox"}),
])
def test_unknown_company_named_as_a_signatory_side(lang, text, sides):
    """An unknown name after "on behalf of"/"im Namen der" in a signing, or in the possessive
    before a person's full name ("Zentrox's Eva Lind"), is the organization the signatory acts for."""
    a = extract_text(text, language=lang).to_json()["agreements"][0]
    got = {s["person"]: s["on_behalf_of"] for s in a["signatories"]}
    assert all(got.get(p) == side for p, side in sides.items()), got
    assert set(sides.values()) <= set(a["parties"]), a["parties"]


@pytest.mark.parametrize("lang, text, person, role", [
    ("en", "Eva Lind, the ADB's country director, and Peru's finance minister Jan Novak signed the loan agreement.",
     "Eva Lind", "country director"),
    ("en", "Deputy Prime Minister Ana Kovac and Peru's energy minister Jan Novak signed the agreement.",
     "Ana Kovac", "Deputy Prime Minister"),
    ("de", "Vizepremierministerin Ana Kovac und der peruanische Energieminister Jan Novak unterzeichneten das Abkommen.",
     "Ana Kovac", "Vizepremierministerin"),
])
def test_more_role_titles(lang, text, person, role):
    """Deputy heads of government and the country or regional directors of lenders are role titles."""
    roles = {p["name"]: p["role"] for p in extract_text(text, language=lang).to_json()["persons"]}
    assert roles.get(person) == role, roles


@pytest.mark.parametrize("lang, text, orgs", [
    ("en", "The plant will be operated by Hydrovolt, which also runs two wind farms in Peru.", {"Hydrovolt"}),
    ("en", "The project is financed by Kappa Capital Partners.", {"Kappa Capital Partners"}),
    ("de", "Die Anlage soll von Hydrovolt betrieben werden.", {"Hydrovolt"}),
    ("de", "Die Anlage entsteht nördlich von Punta Arenas.", set()),
    ("en", "The plant was inaugurated by Scholz.", set()),
])
def test_agent_of_a_passive_is_a_company(lang, text, orgs):
    """"operated by Hydrovolt", "von Hydrovolt betrieben": a coined name (or one that ends in a word
    of company names) as the agent of a passive participle is a company; a place after "von" or a
    known person is not."""
    assert {o["name"] for o in extract_text(text, language=lang).to_json()["organizations"]} == orgs


@pytest.mark.parametrize("lang, text", [
    ("en", "Peru signed the agreement with Hydrovolt Peru, a subsidiary of the Norwegian group Hydrovolt."),
    ("de", "Peru unterzeichnete die Vereinbarung mit Hydrovolt Peru, einer Tochter des norwegischen Konzerns Hydrovolt."),
])
def test_parent_company_is_no_short_form_of_its_subsidiary(lang, text):
    """"Hydrovolt Peru, a subsidiary of the group Hydrovolt": the parent named after a subsidiary
    cue is a company of its own, not a short form of the subsidiary's name (a German apposition
    in the dative, "einer Tochter", calls the name before it a company too)."""
    orgs = {o["name"]: o["country"] for o in extract_text(text, language=lang).to_json()["organizations"]}
    assert orgs.get("Hydrovolt Peru") == "Peru" and orgs.get("Hydrovolt") == "Norway", orgs


@pytest.mark.parametrize("lang, text, org", [
    ("de", "Siemens-Energy-Chef Jan Novak und Peru unterzeichneten eine Absichtserklärung.", "Siemens Energy"),
    ("de", "Saudi-Aramco-Chef Jan Novak und Peru unterzeichneten einen Vertrag.", "Saudi Aramco"),
    ("de", "Air-Liquide-Chefin Eva Lind und Peru unterzeichneten eine Absichtserklärung.", "Air Liquide"),
])
def test_name_of_several_words_inside_a_hyphenated_compound(lang, text, org):
    """A known name of several words written with hyphens inside a compound ("Siemens-Energy-Chef")
    is that name, not its first word ("Siemens")."""
    names = {o["name"] for o in extract_text(text, language=lang).to_json()["organizations"]}
    assert org in names and org.split()[0] not in names, names


@pytest.mark.parametrize("lang, text", [
    ("en", "Kappa Power signed a gas deal with Peru's state-owned Zentrax."),
    ("en", "Kappa Power signed a gas deal with Peru's Zentrax."),
])
def test_country_possessive_before_a_described_name(lang, text):
    """"Peru's state-owned Zentrox": a hyphenated description between the country's possessive
    and the name does not hide the company (nor its home country)."""
    orgs = {o["name"]: o["country"] for o in extract_text(text, language=lang).to_json()["organizations"]}
    assert orgs.get("Zentrax") == "Peru", orgs


@pytest.mark.parametrize("lang, text, orgs", [
    ("en", "Peru signed an agreement with Hans Hydrogen Partners and Elena Renewables.",
     {"Hans Hydrogen Partners", "Elena Renewables"}),
    ("de", "Peru unterzeichnete eine Vereinbarung mit Hans Hydrogen Partners und Elena Renewables.",
     {"Hans Hydrogen Partners", "Elena Renewables"}),
    ("en", "The deal was signed by Peru and Jan Kappa Group.", {"Jan Kappa Group"}),
])
def test_company_name_opened_by_a_given_name(lang, text, orgs):
    """A run opened by a given name is a company, not a person, when it ends in a plural word of
    company names ("Elena Renewables") or a head word follows it ("Hans Hydrogen Partners")."""
    out = extract_text(text, language=lang).to_json()
    assert orgs <= {o["name"] for o in out["organizations"]}, out["organizations"]
    assert out["persons"] == [], out["persons"]


@pytest.mark.parametrize("lang, text, org", [
    ("de", "Das Kappastädter Zentrum für Energiepolitik unterzeichnete eine Vereinbarung mit Peru.",
     "Kappastädter Zentrum für Energiepolitik"),
    ("de", "Peru unterzeichnete eine Vereinbarung mit dem Limaer Institut für Energieforschung.",
     "Limaer Institut für Energieforschung"),
    ("en", "Peru signed an agreement with the Lima Institute for Energy Research.", "Lima Institute for Energy Research"),
])
def test_head_word_goes_on_with_fuer(lang, text, org):
    """A German name with a head word goes on over "für" and its field ("das Belgrader Zentrum für
    Energiepolitik"), as the English one does over "for"."""
    assert org in {o["name"] for o in extract_text(text, language=lang).to_json()["organizations"]}


@pytest.mark.parametrize("lang, text", [
    ("de", "Das Kappanische Departement für Umwelt, Verkehr, Energie und Kommunikation und Peru unterzeichneten eine "
           "Vereinbarung."),
    ("en", "The Kappan Department for Environment, Transport and Energy and Peru signed an agreement."),
])
def test_departement_is_a_head_word(lang, text):
    """"Departement" (Swiss German) heads a ministry's name as "Department" does in English; its
    field list is part of the name and no party of its own."""
    a = extract_text(text, language=lang).to_json()["agreements"][0]
    assert len(a["parties"]) == 2 and "Peru" in a["parties"], a["parties"]
    assert any(p.startswith("Kappan") and "Energ" in p for p in a["parties"]), a["parties"]
