"""Recognition of persons and organizations (kg.extract.linking), on invented sentences.

Every rule of the linker has a case here, in German and English where the rule applies to both.
Each case names persons or organizations that must be found (by name, as printed in the JSON) and
names that must not be.
"""

from __future__ import annotations

import pytest

from kg.extract.pipeline import extract_text


def _names(text: str, lang: str, field: str) -> list[str]:
    return [x["name"] for x in extract_text(text, language=lang).to_json()[field]]


def _check(text: str, lang: str, field: str, found: list[str], absent: list[str]) -> None:
    names = _names(text, lang, field)
    for name in found:
        assert name in names, (name, names)
    for name in absent:
        assert not any(name.lower() in n.lower() for n in names), (name, names)


PERSONS = [
    # a byline is the author, not a person of the story
    ("en", "By Jane Roe\nThe utility Kappa Power signed a deal with Norvia.", [], ["Jane Roe", "Roe"]),
    ("de", "Von Max Muster\nDer Versorger Nordlicht unterzeichnete einen Vertrag.", [], ["Max Muster", "Muster"]),
    # an agency after the name of a byline; a line that is only a name, with a title after a bar or on
    # the line under it; a sentence that says the author is a journalist; "Posted by"
    ("de", "Nordlicht unterzeichnet Vertrag\n\nVon Max Muster, dpa\n\nDer Versorger Nordlicht unterzeichnete einen Vertrag "
           "mit Minister Jan Probe.", ["Jan Probe"], ["Max Muster"]),
    ("en", "Kappa Power signs deal\n\nJane Roe | Energy Correspondent\n\nThe utility Kappa Power signed a deal with Norvia.",
     [], ["Jane Roe"]),
    ("en", "Kappa Power signs deal\n\nJane Roe\nSenior Energy Correspondent\n\nThe utility Kappa Power signed a deal.",
     [], ["Jane Roe"]),
    ("de", "Der Versorger Nordlicht unterzeichnete einen Vertrag. (mm/dpa)\n\nMax Muster", [], ["Max Muster"]),
    ("en", "The utility Kappa Power signed a deal with Norvia.\n\nJane Roe is a freelance journalist based in Oslo.",
     [], ["Jane Roe"]),
    ("en", "Posted by Jane Roe on 10 May 2023\n\nThe utility Kappa Power signed a deal with Norvia.", [], ["Jane Roe"]),
    # "the role of X, Name": a name in apposition after the role's complement, without a known given name;
    # "officer" heads company titles
    ("de", "Der Geschäftsführende Direktor von Equinor, Dralen Fosk, unterzeichnete den Vertrag.", ["Dralen Fosk"], []),
    ("en", "Petronas Managing Executive Officer Tarvo Quillsen signed the memorandum.", ["Tarvo Quillsen"], []),
    # a nickname in quotes inside a name; a family name that is also a month; the rest of a company's
    # name after "chairman of" is no person
    ("de", "Gouverneur Karl „Kalle“ Muster unterzeichnete den Vertrag.", ["Karl „Kalle“ Muster"], []),
    ("en", "Governor Karl \"Kalle\" Muster signed the deal.", ['Karl "Kalle" Muster'], []),
    ("en", "Prime Minister Anna March gave the go-ahead in March 2016.", ["Anna March"], []),
    ("de", "Ministerin Jana Mai sagte, der Vertrag sei im Mai unterzeichnet worden.", ["Jana Mai"], []),
    ("en", "Jan Probe, chairman of Nordic Wind Power Corporation (NWPC), signed the deal.", ["Jan Probe"], ["Power"]),
    # the same when the first words of that name are a known company's ("China General Nuclear"), the
    # rest company words or not, and right after a role with no "of" between
    ("en", "The chairman of China General Nuclear Power Corporation signed the deal.", [], ["Power"]),
    ("de", "Der Vorsitzende von China General Nuclear Power Corporation unterzeichnete den Vertrag.", [], ["Power"]),
    ("en", "The chairman of China General Nuclear Atlantic Corporation signed the deal.", [], ["Atlantic"]),
    ("en", "The CGN chairman Power Corporation signed the deal.", [], ["Power"]),
    ("de", "Der CGN-Chef Power Corporation unterzeichnete den Vertrag.", [], ["Power"]),
    # a verb written small is no role title: "who heads X" makes no person of X
    ("en", "Tarvo Quillsen, who heads Nordwind, told reporters the deal was signed.", ["Tarvo Quillsen"], ["Nordwind"]),
    # persons without a known given name: after a signing verb with a pronoun between ("Unterzeichnet
    # wurde es von X Y"), and "X Y of <country> and …"
    ("de", "Unterzeichnet wurde es von Tarvo Quillsen und Dralen Fosk.", ["Tarvo Quillsen", "Dralen Fosk"], []),
    ("en", "Tarvo Quillsen of Chile and Dralen Fosk of Peru signed a memorandum.", ["Tarvo Quillsen", "Dralen Fosk"], []),
    # more role heads: coordinator, treasurer, Landesrätin
    ("en", "Hydrogen Coordinator Tarvo Quillsen signed the deal.", ["Tarvo Quillsen"], []),
    ("de", "Landesrätin Marit Quensel unterzeichnete den Vertrag.", ["Marit Quensel"], []),
    # a name line with a role is a caption, not a byline
    ("en", "The utility Kappa Power signed a deal with Norvia.\n\nEnergy Minister Jan Probe\n\nThe deal covers wind.",
     ["Jan Probe"], []),
    # a common noun after a role is no name
    ("de", "Laut Ministerin Zuschüsse gibt es für das Projekt nicht.", [], ["Zuschüsse"]),
    ("de", "Ministerin Katrin Zwiebelmann kam. Laut Ministerin Zwiebelmann gibt es Geld.", ["Katrin Zwiebelmann"], []),
    # particles stay part of the name
    ("en", "Energy minister Karim al-Rashidi said the plant would open.", ["Karim al-Rashidi"], []),
    ("en", "Crown Prince Faisal bin Karim met Peru's mining minister Tamer El Sayedi.", ["Faisal bin Karim", "Tamer El Sayedi"], []),
    ("de", "Kommissionspräsidentin Ulrike von der Lindow und Minister Jan van der Berghe kamen.",
     ["Ulrike von der Lindow", "Jan van der Berghe"], []),
    # a backtick as apostrophe
    ("en", "Minister Sean O`Brannagh signed the deal.", ["Sean O`Brannagh"], []),
    # persons found from their context, with given names not in the list
    ("en", "Quillon Marbury, the Energy Secretary, attended.", ["Quillon Marbury"], []),
    ("en", "Marbury, the Energy Secretary, attended.", ["Marbury"], []),
    ("en", "The deal matters, said Hollis Tarrant.", ["Hollis Tarrant"], []),
    ("en", "Hollis Tarrant told reporters the deal was done.", ["Hollis Tarrant"], []),
    ("en", "According to Hollis Tarrant, the deal was done.", ["Hollis Tarrant"], []),
    ("de", "Das sei ein Erfolg, sagte Ilkko Varvikaara.", ["Ilkko Varvikaara"], []),
    ("de", "Das sei ein Erfolg, so Ilkko Varvikaara.", ["Ilkko Varvikaara"], []),
    ("en", "Mr. Quentin Blarney and Dr. Ines Okparo attended.", ["Quentin Blarney", "Ines Okparo"], []),
    ("de", "Herr Muster und Frau Okparo kamen nach Berlin.", ["Muster", "Okparo"], []),
    ("en", "A. Halvorsen spoke at the ceremony.", ["A. Halvorsen"], []),
    ("en", "Hollis Tarrant, 54, runs the company.", ["Hollis Tarrant"], []),
    ("en", "Gretchen Halvorsen, the Energy Secretary, and Ignatius Pellworth met.", ["Gretchen Halvorsen", "Ignatius Pellworth"], []),
    ("de", "Auf dem Foto stehen Raavo Tammik, Jean-Luc Muster und Ilkko Sarvivaara.",
     ["Raavo Tammik", "Jean-Luc Muster", "Ilkko Sarvivaara"], []),
    # role titles
    ("de", "Das sagte Energieexperte Karl Zwiebelmann.", ["Karl Zwiebelmann"], []),
    ("de", "Pressesprecherin Anna Krautwurst bestätigte den Vertrag.", ["Anna Krautwurst"], []),
    ("en", "MEP Jan Zahradek and Speaker Nora Pellosi met.", ["Jan Zahradek", "Nora Pellosi"], []),
    ("en", "Quillon Marbury, an analyst at Kappa Research, said so.", ["Quillon Marbury"], []),
    ("en", "President & CEO Dariush Ahrabo attended.", ["Dariush Ahrabo"], []),
    ("en", "Minister of Energy and Mines Hollis Tarrant attended.", ["Hollis Tarrant"], ["Mines"]),
    # signing, presence and photo captions
    ("en", "Hollis Tarrant signed the agreement for the province.", ["Hollis Tarrant"], []),
    ("de", "Unterzeichnet haben Ilkko Varvikaara und Raavo Veskimaa.", ["Ilkko Varvikaara", "Raavo Veskimaa"], []),
    ("en", "The agreement was signed in the presence of Hollis Tarrant.", ["Hollis Tarrant"], []),
    ("en", "Pictured: Hollis Tarrant (left) and the governor.", ["Hollis Tarrant"], []),
    # CamelCase words are companies' names, not given name + family name; McDonald stays a person
    ("en", "Bharat PetroResources signed a deal with Jane McDonald.", ["Jane McDonald"], ["Bharat", "Petro"]),
    ("de", "Die Anna Petronova GmbH unterzeichnete den Vertrag.", [], ["Anna Petronova"]),
    # no persons from adjectives or company names
    ("en", "The East African states agreed on the pipeline.", [], ["East African"]),
    ("en", "Kappa Holdings said it would build the plant.", [], ["Kappa Holdings"]),
    ("en", "The deal was signed in Khanh Hoa, Ca Mau and Long An.", [], ["Khanh Hoa", "Ca Mau"]),
    # persons whose given name is not listed, from more contexts
    ("en", "Quillon Marbury, who heads the Kappa Energy Agency, welcomed the deal.", ["Quillon Marbury"], []),
    ("de", "Quillon Marbury, der die Agentur leitet, lobte das Abkommen.", ["Quillon Marbury"], []),
    ("en", "Quillon Marbury of Zentrox Solar and Hollis Tarrant of Kappa Power signed the memorandum.",
     ["Quillon Marbury", "Hollis Tarrant"], []),
    ("en", "Zentrox Solar's Quillon Marbury signed the memorandum.", ["Quillon Marbury"], []),
    ("en", "In a statement, Quillon Marbury, Zentrox's head of strategy, praised the deal.", ["Quillon Marbury"], []),
    ("en", "Quillon Marbury (Zentrox) and Hollis Tarrant (Kappa Power) signed.", ["Quillon Marbury", "Hollis Tarrant"], []),
    ("en", "Kappa's ambassador to Peru, Quillon Marbury, signed the document.", ["Quillon Marbury"], []),
    ("de", "Der Chef von Zentrox, Quillon Marbury, sprach von einem Meilenstein.", ["Quillon Marbury"], []),
    ("en", "\"This is a milestone,\" Quillon Marbury said.", ["Quillon Marbury"], []),
    ("en", "\"This is a milestone,\" said Zentrox boss Quillon Marbury.", ["Quillon Marbury"], []),
    ("de", "Anwesend war auch Quillon Marbury.", ["Quillon Marbury"], []),
    ("en", "Kappa Solar (Peru) and Norvia Holdings (Chile) signed. Peru's Atacama Desert is dry.", [],
     ["Kappa Solar", "Norvia", "Atacama"]),
    # capitals of Central European and Turkish alphabets; family names that are places or titles
    ("en", "The agreement was signed by Maroš Šefčovič and Şebnem Öztürk.", ["Maroš Šefčovič", "Şebnem Öztürk"], []),
    ("en", "The agreement was signed by Luís Montenegro and Madeleine King.", ["Luís Montenegro", "Madeleine King"], []),
    ("en", "It was signed by Herkko Plit.", ["Herkko Plit"], []),
    ("en", "Petro Vietnam and Peru signed.", [], ["Petro Vietnam"]),   # a company prefix and a country: a company
    ("en", "Kappa Electricity Generating Company (KenGen) signed. KenGen managing director Peter Njenga spoke.",
     ["Peter Njenga"], ["Ken Gen"]),
    # a name right after the side in a signing clause
    ("de", "Für Peru unterschrieb Quillon Marbury, für Chile Hollis Tarrant.", ["Quillon Marbury", "Hollis Tarrant"], []),
    # credit lines are document structure, not persons of the story
    ("en", "Peru and Chile signed a memorandum, said Hollis Tarrant.\n\n(Reporting by Quillon Marbury in Lima; "
           "Editing by Jane Rowe)", ["Hollis Tarrant"], ["Quillon Marbury", "Jane Rowe"]),
    ("en", "Written by Quillon Marbury | 12 May 2023\n\nPeru and Chile signed a memorandum.", [], ["Quillon Marbury"]),
    ("de", "Peru und Chile unterzeichneten, sagte Hollis Tarrant.\nMitarbeit: Quillon Marbury", ["Hollis Tarrant"],
     ["Quillon Marbury"]),
    # a Roman numeral is no given name, and a known person is not written in capitals
    ("en", "Under Article XI Quillon Marbury was named. Chapter XI Jinping Province is not a person.", [],
     ["Quillon", "XI Jinping"]),
    # more role titles; a field after "Head of" is no part of the name
    ("en", "Head of Hydrogen Quillon Marbury and General Counsel Hollis Tarrant spoke.",
     ["Quillon Marbury", "Hollis Tarrant"], ["Hydrogen"]),
    ("de", "Beigeordneter Quillon Marbury und Chefunterhändlerin Ilkka Varvikaara kamen.",
     ["Quillon Marbury", "Ilkka Varvikaara"], ["Beigeordneter"]),
]


@pytest.mark.parametrize("lang,text,found,absent", PERSONS)
def test_persons(lang, text, found, absent):
    _check(text, lang, "persons", found, absent)


ORGS = [
    # legal forms close a company name
    ("en", "Acme Holdings Ltd and Elektro Nord AS signed a deal.", ["Acme Holdings Ltd", "Elektro Nord AS"], []),
    ("en", "Beta Power Co., Ltd. and Zentrox, Inc. signed.", ["Beta Power Co., Ltd.", "Zentrox, Inc."], []),
    ("de", "Die Nordwind Energie GmbH und die Kappa Solar SE unterzeichneten.", ["Nordwind Energie GmbH", "Kappa Solar SE"], []),
    ("en", "The consortium Taplon Ltd. Consortium was formed.", ["Taplon Ltd. Consortium"], []),
    ("en", "Pakistan's \"Coastal power grids (Private) Limited\" signed.", ["Coastal power grids (Private) Limited"], []),
    ("en", "As the minister said, the plan is good.", [], ["As"]),
    # legal forms are matched as written: "AS" is one, "As"/"as" are English words
    ("en", "Nordwind Hydrogen Partners AS signed an offtake deal as the buyer.", ["Nordwind Hydrogen Partners AS"], []),
    ("en", "The deal was signed, As Kappa said, by Norvia.", [], ["Kappa"]),
    # a number inside a name; a German common noun before the name only describes it
    ("de", "Die Projektgesellschaft Ostwind Kabel 2 AG unterzeichnete den Vertrag.", ["Ostwind Kabel 2 AG"],
     ["Projektgesellschaft"]),
    # a CamelCase word and the name words around it are a company (a given name glued to a word
    # of company names is not split into two names)
    ("en", "Bharat PetroResources signed a deal with Kappa GreenTech Solutions.", ["Bharat PetroResources",
                                                                                 "Kappa GreenTech Solutions"], []),
    ("de", "Die Anna Petronova GmbH unterzeichnete den Vertrag.", ["Anna Petronova GmbH"], []),
    # an adjective and a group noun refer back to a company; they are not its name
    ("de", "Kappa Energie AG meldet Gewinne. Der Münchner Konzern unterzeichnete Verträge mit Ägypten.",
     ["Kappa Energie AG"], ["Münchner Konzern"]),
    # a name before "and" is not the start of the next one's acronym name
    ("en", "A memorandum between ZEPTA and Kappa Strategic Fuel Reserves Limited (KSFRL) covers storage.",
     ["Kappa Strategic Fuel Reserves Limited"], ["ZEPTA and Kappa Strategic Fuel Reserves Limited"]),
    # a CamelCase word alone is a project unless a company word is part of it
    ("en", "The WestLink pipeline will carry gas; KappaEnergy will run it.", ["KappaEnergy"], ["WestLink"]),
    # a name in quotes after a company word
    ("en", "The deal was signed by the state concern \"Turkmenmash\".", ["Turkmenmash"], []),
    ("de", "Der Versorger „Nordstrom“ unterzeichnete.", ["Nordstrom"], []),
    ("en", "The state utility Elektrogen signed with Norvolt Ltd yesterday.", ["Elektrogen", "Norvolt Ltd"], []),
    # enumerations inside a name
    ("en", "The Ministry of Water, Energy and Mines of Ruritania signed.", ["Ministry of Water, Energy and Mines of Ruritania"], []),
    # acronyms in brackets; a nationality adjective is not part of the name unless the acronym says so
    ("en", "The American Rural Trade Finance Corp. (RTFC) issued a letter.", ["Rural Trade Finance Corp."], []),
    ("en", "The Peruvian Association of Green Ammonia (APAV) signed.", ["Peruvian Association of Green Ammonia"], []),
    ("de", "Irland erhält Lieferungen Flüssigerdgas (LNG) aus Katar.", [], ["Lieferungen"]),
    ("en", "The Legal Advisor for the Zambia-Eswatini-Peru-Tonga-Angola (ZEPTA) pipeline was hired.", [],
     ["Legal Advisor"]),
    ("de", "Der EU-Rivale Baker Hughes (BH) hofft weiter.", ["Baker Hughes"], ["EU-Rivale"]),
    ("de", "Das Bundesministerium für ländliche Entwicklung und Ernährung (BMLE) zahlt.",
     ["Bundesministerium für ländliche Entwicklung und Ernährung"], []),
    # an alliance with a name word before it is an organization, its name runs on after "for"
    ("en", "The Nordhavn Maritime Alliance for Clean Fuels (NMACF) signed a memorandum.",
     ["Nordhavn Maritime Alliance for Clean Fuels"], []),
    ("en", "Banks joined the Nordhavn Maritime Alliance for Clean Fuels last year.",
     ["Nordhavn Maritime Alliance for Clean Fuels"], []),
    ("de", "Die Deutsch-Ruritanische Allianz für Wasser und Energie wurde unterzeichnet.", [], ["Allianz"]),
    # a capitalised word in parentheses inside a name
    ("en", "Silverlake Falls (Northland) Corporation signed a power contract.",
     ["Silverlake Falls (Northland) Corporation"], []),
    # a country or region name followed by words of company names is a company
    ("en", "Newfoundland and Labrador Hydro signed a memorandum with Kappa Power.", ["Newfoundland and Labrador Hydro"], []),
    ("de", "Die Niedersachsen Energie Holding unterzeichnete den Vertrag.", ["Niedersachsen Energie Holding"], []),
    # an acronym or a known one-word company with a place or proper word after it is one company
    ("en", "ZEPTA Arabia signed an agreement with Kappa Power.", ["ZEPTA Arabia"], []),
    ("de", "Die Uniper Danmark unterzeichnete am Montag.", ["Uniper Danmark"], []),
    # a CamelCase name with its acronym in brackets: the acronym is no organization of its own
    ("en", "NordaPetrol Gas (NP) signed a memorandum with Kappa Power. NP will build a terminal.", ["NordaPetrol Gas"], ["NP"]),
    # subsidiaries and their parents
    ("en", "Bravo Power, a subsidiary of Zetacorp, signed.", ["Bravo Power", "Zetacorp"], []),
    # a name coordinated with an organization
    ("en", "Norvolt Ltd and Firmex signed the agreement.", ["Norvolt Ltd", "Firmex"], []),
    ("en", "Rosatom and Zentrox will build the plant.", ["Rosatom", "Zentrox"], []),
    ("de", "Temasek, der Staatsfonds von Singapur, ist beteiligt.", ["Temasek"], ["Staatsfonds"]),
    ("en", "It was signed during the International Wind and Solar Forum.", [], ["Forum", "International Wind"]),
    ("en", "At the project's Steering Committee the firms met.", [], ["Steering Committee"]),
    # the company of a company role, and a name with a word of company names
    ("en", "Zentrox's chief executive Jane Roe spoke.", ["Zentrox"], []),
    ("en", "Jane Roe, CEO of Zentrox, spoke.", ["Zentrox"], []),
    ("de", "Zentrox-Chef Max Muster kam nach Berlin.", ["Zentrox"], []),
    ("de", "Max Muster, Vorstandschef der Zentrox, kam.", ["Zentrox"], []),
    ("de", "Max Muster, Leiter der OECD-Vertretung, kam.", [], ["OECD-Vertretung"]),
    ("en", "Kappa Energy and the ministry signed.", ["Kappa Energy"], []),
    ("en", "Clean Energy is the future.", [], ["Clean Energy"]),
    # names ending in Academy
    ("en", "The Ruritanian Energy Academy hosted the event.", ["Ruritanian Energy Academy"], []),
    # German compounds: ministries on their own, other heads with their adjective, in the nominative
    ("de", "Nach Angaben des Bergbauministeriums wurde unterzeichnet.", ["Bergbauministerium"], []),
    ("de", "Die Karibische Entwicklungsbank und ein katarischer Entwicklungsfonds zahlen.",
     ["Karibische Entwicklungsbank", "katarischer Entwicklungsfonds"], []),
    ("de", "Die sächsische Staatskanzlei und der Ruritanische Wasserstoffrat trafen sich.",
     ["sächsische Staatskanzlei", "Ruritanischer Wasserstoffrat"], []),
    ("de", "Mit der Ruritanischen Energieagentur wurde verhandelt.", ["Ruritanische Energieagentur"], []),
    ("de", "Die Ruritanische Handelsgesellschaft und die Energieagentur NRW kamen.",
     ["Ruritanische Handelsgesellschaft", "Energieagentur NRW"], []),
    ("de", "Die Entwicklungsbank zahlt, die Forschungsinstitute forschen, das Unternehmen baut Kraftwerke.",
     [], ["Entwicklungsbank", "Forschungsinstitute", "Kraftwerke"]),
    ("de", "Wie die Nachrichtenagentur AFP meldete, gebe es Verhandlungen.", [], ["Nachrichtenagentur", "AFP"]),
    ("de", "Die Staatsholding Zentrax hält 24,9 Prozent.", ["Zentrax"], ["24,9"]),
    # known names with or without spaces and hyphens, and with German case endings
    ("en", "Qatar Energy and Exxon-Mobil signed.", ["Qatar Energy", "Exxon-Mobil"], []),
    ("de", "Mit der Europäischen Investitionsbank wurde ein Kredit vereinbart.", ["Europäische Investitionsbank"], []),
    ("de", "Die Kommission der Europäischen Union prüft.", ["European Union"], []),   # lex:nameInEveryLanguage
    # names their context shows to be organisations: an origin phrase after list items, a
    # country's possessive, a German article before a bare acronym
    ("en", "Three firms signed: Brightvolt and Norvia from Chile, and Tessaro and K4Q from Peru.",
     ["Brightvolt", "Norvia", "Tessaro", "K4Q"], []),
    ("de", "Verträge gab es mit Zentrax aus Polen, Volterra aus Spanien sowie mit Kelmo und Brandtwerk aus Irland.",
     ["Zentrax", "Volterra", "Kelmo", "Brandtwerk"], []),
    ("en", "The plant is run by a venture of Peru's KAPCO and Chile's Brightvolt.", ["KAPCO", "Brightvolt"], []),
    ("en", "Gas from Norway and wind power from Denmark are cheap.", [], ["Gas", "Wind"]),
    ("de", "Für die ZKW unterschrieb deren Chefin Anna Muster.", ["ZKW"], []),
    ("de", "Die Lieferungen von LNG aus Katar steigen.", [], ["LNG"]),
    # an English name headed by a word that is also a German compound head (Bank, Fonds)
    ("en", "The Andean Development Bank signed the loan.", ["Andean Development Bank"], []),
    # a long unknown name is not a known one with another first word
    ("en", "The Guyana National Petroleum Corporation signed.", ["Guyana National Petroleum Corporation"],
     ["Ghana National Petroleum Corporation"]),
    # a name before "and" that the bracketed acronym does not cover is a name of its own
    ("en", "Zentrox and Peru Kappa Power Corporation (PKPC) signed a contract.",
     ["Zentrox", "Peru Kappa Power Corporation"], ["Zentrox and Peru Kappa Power Corporation"]),
    # a descriptive noun before a name with its acronym is not part of the name
    ("de", "Mit dem Netzbetreiber Kappa Grid Holding (KGH) wurde verhandelt.", ["Kappa Grid Holding"],
     ["Netzbetreiber Kappa Grid Holding"]),
    # a project word in the of-complement of an organisation head ends the name
    ("en", "The Ministry of Energy and Mines signed.", ["Ministry of Energy and Mines"], []),
    ("en", "The Kappa Pipeline is long.", [], ["Kappa Pipeline"]),
    # a head word with a country's genitive after "im" is a place
    ("de", "Das Kraftwerk soll im Zentrum Perus entstehen.", [], ["Zentrum Perus"]),
    # a nationality word inside a name after a company word
    ("de", "Beteiligt ist der britisch-niederländische Konzern Royal Dutch Zentrox.", ["Royal Dutch Zentrox"], []),
    # a nationality adjective before a name with an acronym: kept only if the acronym needs its letter
    ("en", "They signed: the Peruvian National Office of Hydrocarbons and Petroleum (ONHP).",
     ["National Office of Hydrocarbons and Petroleum"], ["Peruvian National Office"]),
    ("en", "The Peruvian Association of Green Hydrogen (APHV) signed.", ["Peruvian Association of Green Hydrogen"], []),
    # a German compound that says what kind of company follows
    ("de", "Der Kraftwerksbetreiber Lumora und der Mineralölkonzern Petrava kamen.", ["Lumora", "Petrava"], []),
    # an organisation's name as the modifier of an event is no organisation of the text
    ("en", "On the sidelines of the G20 summit, Japan and Peru signed a deal.", [], ["G20"]),
    ("en", "At the UN climate conference Japan and Peru signed a deal.", [], ["UN"]),
    ("en", "The UN and Peru signed a deal.", ["UN"], []),
    # more words for what a company is, and a company role right after the company's name
    ("en", "Peruvian trading house Zentrox and Chilean miner Kappa Lithium signed a contract.",
     ["Zentrox", "Kappa Lithium"], []),
    ("en", "The deal was signed by Zentrox chief executive Jane Roe.", ["Zentrox"], []),
    # a company word between a city's adjective and a name is no part of the name
    ("de", "Die Firma, eine Tochter des Essener Konzerns Zentrax Holding, plant viel.", ["Zentrax Holding"],
     ["Essener", "Konzerns"]),
    # a company prefix glued to a word is a CamelCase company, not a given name glued to a surname
    ("en", "Peru's state-owned PetroKallpa and Zentrox Engineering signed a framework agreement.",
     ["PetroKallpa", "Zentrox Engineering"], ["Petro Kallpa"]),
    # a common word is not the company of the same name
    ("en", "In total, the plant cost two billion dollars.", [], ["total"]),
    # regional organisations from the gazetteer
    ("en", "ASEAN, SADC and CARICOM welcomed the African Union's plan.", ["ASEAN", "SADC", "CARICOM",
                                                                         "African Union"], []),
    # "and" inside a name before its head word, after "the"; a second name after "and" is its own
    ("en", "Zentrox signed with the Peru Investment Promotion and Development Board and the Clean and Renewable "
           "Power Authority.", ["Peru Investment Promotion and Development Board", "Clean and Renewable Power Authority"], []),
    ("en", "Kappa Power and Peru Energy Authority signed.", ["Kappa Power", "Peru Energy Authority"], []),
    ("en", "The Agency for the Promotion and Application of Technology and Kappa Technical Institute signed.",
     ["Agency for the Promotion and Application of Technology", "Kappa Technical Institute"], ["Technology and Kappa"]),
    # the portfolio of a role and the region before a role are no companies
    ("en", "Jane Roe, the Minister of Electricity and Renewable Energy, attended.", [], ["Renewable Energy"]),
    ("en", "Queensland Energy Minister Jane Roe welcomed the deal.", [], ["Queensland Energy"]),
    # a country's possessive before a common noun and a word of company names
    ("en", "Peru's Infinity Power signed a deal with Zentrox.", ["Infinity Power"], []),
    # a head word that is also a company word or a role closes the name
    ("en", "The Danish developer Kappa Infrastructure Partners signed.", ["Kappa Infrastructure Partners"], []),
    ("en", "Bravo Power, a subsidiary of Zeta Metals Group, signed.", ["Bravo Power", "Zeta Metals Group"], []),
    # German ministries and associations with their field
    ("de", "Das Ministerium für Energie und Bergbau Perus unterzeichnete.", ["Ministerium für Energie und Bergbau"], []),
    ("de", "Der Bundesverband Windenergie und die Stiftung Offshore-Windenergie begrüßten das.",
     ["Bundesverband Windenergie", "Stiftung Offshore-Windenergie"], []),
    ("de", "Die peruanische Wirtschaftsförderungsagentur Zentrax unterzeichnete.", ["Zentrax"],
     ["Wirtschaftsförderungsagentur"]),
    ("de", "Das Kappa-Institut für Solare Energiesysteme forscht.", ["Kappa-Institut für Solare Energiesysteme"], []),
    ("de", "Die Physikalisch-Technische Bundesanstalt prüft den Zähler.", ["Physikalisch-Technische Bundesanstalt"], []),
    ("de", "Die deutsche Zivilgesellschaft begrüßte den Gasvorrat.", [], ["Zivilgesellschaft", "Gasvorrat"]),
    # a short name in brackets is the same organisation, also where it is used later
    ("en", "The Hydrogen Development Company (Hydrokap) signed. Later Hydrokap signed with Zentrox.",
     ["Hydrogen Development Company"], ["Hydrokap"]),
    ("de", "Der Europäische Verband der Netzbetreiber (ZENTSO) und Zentrox kamen.",
     ["Europäischer Verband der Netzbetreiber"], ["ZENTSO"]),
    # words that describe a company are no part of its name; a country's adjective before a ministry neither
    ("en", "A consortium led by Oslo-based Kappa Power Holdings signed.", ["Kappa Power Holdings"], ["Oslo-based"]),
    ("en", "The Peruvian Ministry of Energy and Mines signed.", ["Ministry of Energy and Mines"], ["Peruvian Ministry"]),
    # a CamelCase word needs a word of company names: alone or with plain words it is a project
    ("en", "The HyDeal Ambition scheme and Kappa GreenTech Solutions met.", ["Kappa GreenTech Solutions"], ["HyDeal"]),
    # a port is an organisation as a partner or subject, a place after a preposition of place
    ("en", "Hamburg signed agreements with the port of Kappaville and the city of Lima. Ships sail from the port of "
           "Norvia.", ["port of Kappaville"], ["port of Norvia"]),
    ("de", "Der Bürgermeister schloss Vereinbarungen mit dem Hafen von Montalvo. Wasserstoff kommt über den Hafen "
           "Norvia.", ["Hafen von Montalvo"], ["Hafen Norvia"]),
    # an English ministry written small with its field describes the government, it names no organisation;
    # the capitalised name and the German compound are names
    ("en", "Peru's energy ministry and the Chilean mining ministry signed. The ministry said so.",
     [], ["energy ministry", "mining ministry", "Chilean"]),
    ("en", "The loan is backed by a guarantee from Kenya's finance ministry.", [], ["finance ministry"]),
    ("en", "A memorandum was signed by the Omani energy ministry and a Korean developer.", [], ["energy ministry"]),
    ("en", "The Ministry of Energy of Peru signed the memorandum.", ["Ministry of Energy of Peru"], []),
    ("de", "Das peruanische Energieministerium und Kappa Power unterzeichneten.", ["Energieministerium"], []),
    ("de", "Laut dem Finanzministerium Kenias ist der Kredit gesichert.", ["Finanzministerium"], []),
    # joint bodies named only with common words are no organizations; a proper word makes a name
    ("en", "The countries set up a Joint Working Group and a Steering Committee; the Technical Working Group met.", [],
     ["Working Group", "Steering Committee"]),
    ("en", "The Kappa Hydrogen Working Group met.", ["Kappa Hydrogen Working Group"], []),
    # a genitive with a truncated compound before a bracketed short name
    ("de", "Der Vorstand des Bundesverbands der Kappa- und Zetawirtschaft (BKZ) sprach.",
     ["Bundesverband der Kappa- und Zetawirtschaft"], []),
    # an unknown name as the subject of a signing verb is an organization, a person's family name is not
    ("en", "Xlinkor has signed a memorandum with the Peruvian government.", ["Xlinkor"], []),
    ("de", "Stegrova unterzeichnete am Montag einen Vertrag mit Peru.", ["Stegrova"], []),
    ("en", "Minister Hollis Tarrant came. Tarrant signed the memorandum with Peru.", [], ["Tarrant"]),
    ("de", "Zentrox und Kappa AG haben einen Vertrag über Windparks in der Ostsee unterzeichnet.", [], ["Ostsee"]),
    # unknown coined names in a list of partners of a signing; places, persons and common words are not taken
    ("en", "On Monday an agreement was signed between Xlinkor and Stegrova on green steel.", ["Xlinkor", "Stegrova"], []),
    ("de", "Am Montag unterzeichneten Xlinkor und Stegrova einen Vertrag über grünen Stahl.", ["Xlinkor", "Stegrova"], []),
    ("en", "Xlinkor, Stegrova and Peru signed the memorandum.", ["Xlinkor", "Stegrova"], []),
    ("en", "The memorandum was signed by Xlinkor and Stegrova.", ["Xlinkor", "Stegrova"], []),
    ("en", "An agreement between Europe and Asia was signed. It was signed between the Caspian and Black Sea "
           "regions.", [], ["Europe", "Asia", "Caspian", "Black Sea"]),
    ("de", "Die Vereinbarung zwischen Europa und Afrika wurde unterzeichnet.", [], ["Europa", "Afrika"]),
    # an adjective may begin a name coordinated with an organisation
    ("en", "On Tuesday, Amber Grid and Gasum signed an agreement.", ["Amber Grid", "Gasum"], []),
    # "of the" + a country ends a name
    ("en", "The deal was concluded with the National Kappa Corporation of the Republic of Guinea.",
     ["National Kappa Corporation"], ["Republic"]),
    # a forum held somewhere, or that one is at, is an event; a forum that acts is an organization
    ("en", "The province will be co-organizer of the Kappa Clean Energy Forum in Beijing. The deal was signed at "
           "the Zeta Energy Forum.", [], ["Kappa Clean Energy Forum", "Zeta Energy Forum"]),
    ("en", "The Indo-Kappan Energy Forum will host a task force.", ["Indo-Kappan Energy Forum"], []),
    # German words for groups of companies
    ("de", "Die Unternehmensgruppe Zentrax und die Firmengruppe Norvia unterzeichneten.", ["Zentrax", "Norvia"], []),
    ("en", "Petro Vietnam and Peru signed.", ["Petro Vietnam"], []),
    # an apposition that calls a name an operator; a known company extended by words of company names with "&"
    ("en", "The study is done with Zentrovia and MAVOR, the Peruvian transmission system operator.", ["MAVOR"], []),
    ("en", "Japan's Toshiba Energy Systems & Solutions signed.", ["Toshiba Energy Systems & Solutions"], []),
    # a German compound that says what kind of company the name after it is
    ("de", "Beteiligt sind die Investmentfirma Kappa Holdings und die Umweltorganisation Norvia Chamber of "
           "Environment.", ["Kappa Holdings"], ["Investmentfirma", "Umweltorganisation"]),
    ("de", "Das Konsortium Kappa Hydrogen Energy unterzeichnete.", ["Kappa Hydrogen Energy"], ["Konsortium"]),
    # words of company names with "of" and a country; a country at the end of a name an apposition explains
    ("en", "The state-owned National Electric Grid of Peru will buy the power.", ["National Electric Grid of Peru"], []),
    ("en", "Hydrogen Peru, an industry association, welcomed the deals. Peru, a country, agreed.", ["Hydrogen Peru"], []),
    # news media are the source of the text, not organizations of the news
    ("en", "The Peruvian News Agency reported that Zentrox Power signed. The Kappa Times said so.", ["Zentrox Power"],
     ["News Agency", "Times"]),
    ("de", "Wie die Kappa Zeitung berichtete, unterzeichnete die Zentrox AG.", ["Zentrox AG"], ["Zeitung"]),
    # a list of partners before the verb opens the clause or follows a comma
    ("en", "On the sidelines of KAPPA28, Peru and Chile signed a framework agreement.", [], ["KAPPA28"]),
    ("en", "On Tuesday, Xlinkor and Stegrova signed an agreement.", ["Xlinkor", "Stegrova"], []),
    # a hyphenated compound that says what the name after it is; a country at the end of a name after a company word
    ("de", "Die OMV und der Emirat-Staatsfonds Zentravia haben unterzeichnet.", ["Zentravia"], ["Emirat-Staatsfonds"]),
    ("de", "Der Verband Hydrogen Peru sprach von einem historischen Tag.", ["Hydrogen Peru"], []),
    # a German head word before a known name says what it is
    ("de", "Die Initiative H2Global und die Stiftung Siemens Energy sowie die Universität Stuttgart kamen.",
     ["H2Global", "Siemens Energy", "Universität Stuttgart"], ["Initiative H2Global", "Stiftung Siemens"]),
    # a contact line is document structure
    ("en", "Peru and Chile signed a lithium agreement.\n\nContact: Jane Roe, Press Office, Zentrox AG", [],
     ["Zentrox", "Press Office"]),
    # legal forms before the name (PT, PJSC, TOO) and more legal forms after it (Pte Ltd, Sdn Bhd)
    ("en", "PT Kappa Energi Indonesia and PT Zentra (Persero) signed with Kappa Utilities Pte Ltd and Zeta Power Sdn "
           "Bhd on Monday.", ["PT Kappa Energi Indonesia", "PT Zentra (Persero)", "Kappa Utilities Pte Ltd",
                             "Zeta Power Sdn Bhd"], []),
    ("en", "PJSC Kapparoil and TOO Zentra Energy signed.", ["PJSC Kapparoil", "TOO Zentra Energy"], []),
    # the office of an officeholder
    ("en", "The Office of the President of Peru and the Prime Minister's Office signed a memorandum.",
     ["Office of the President of Peru", "Prime Minister's Office"], []),
    # names listed after a company word and "such as" / "wie"
    ("en", "Companies such as Zentrox, Kappalux and Norvia Power will supply the turbines.",
     ["Zentrox", "Kappalux", "Norvia Power"], []),
    ("de", "Unternehmen wie Zentrox, Kappalux und Norvia sollen die Turbinen liefern.", ["Zentrox", "Kappalux", "Norvia"], []),
    ("en", "Countries such as Peru and Chile agreed.", [], ["Peru", "Chile"]),
    # a country's name with a head word goes on with "of …"
    ("en", "The Peru Department of State agreed.", ["Peru Department of State"], []),
    # a capitalised English company word inside a name; a German name after "des" in the nominative
    ("en", "The Independent Power Producer Office welcomed the deal.", ["Independent Power Producer Office"], []),
    ("de", "Nach Angaben des Bundesverbands Kappa Energie (BKE) reicht das nicht.", ["Bundesverband Kappa Energie"],
     ["Bundesverbands"]),
    # a three-letter compound head ("-rat") makes a body with the adjective that names it; words that
    # only end like it are none, and a body of a named organisation is an organ of it
    ("de", "Der Peruanische Energierat und der chilenische Wasserstoffrat unterzeichneten eine Vereinbarung.",
     ["Peruanischer Energierat", "chilenischer Wasserstoffrat"], []),
    ("en", "The Peruvian Energy Council signed.", ["Peruvian Energy Council"], []),
    ("de", "Der amerikanische Demokrat sprach mit dem chilenischen Technokraten.", [], ["Demokrat", "Technokrat"]),
    ("de", "Auf der Sitzung des Gemeinsamen Energierats der Afrikanischen Union wurde gesprochen.",
     ["Afrikanische Union"], ["Energierat"]),
    # a head word that is also a role ("partner") closes a name
    ("en", "The deal was brokered by Kappa Capital Partners and financed by Norvia Bank.",
     ["Kappa Capital Partners", "Norvia Bank"], []),
    ("en", "The Peruvian partners signed a deal.", [], ["partners"]),
    # words of company names from the commodities of the energy world
    ("en", "Zentrova Lithium and Brightvale Energy Storage signed offtake agreements with Norvia Batteries.",
     ["Zentrova Lithium", "Brightvale Energy Storage", "Norvia Batteries"], []),
    ("en", "The Atacama Lithium project and Battery Storage plans were discussed.", [], ["Lithium", "Storage"]),
    # German energy words inside a company name before its legal form; a legal form alone is no name
    ("de", "Die Kappa Wasserstoff GmbH, eine Tochter der Zentrova, unterzeichnete einen Vertrag mit Peru.",
     ["Kappa Wasserstoff GmbH", "Zentrova"], []),
    ("de", "Die Zentrova-Tochter Kappa Strom unterzeichnete einen Vertrag mit Peru.", ["Kappa Strom"], []),
    ("de", "Grüner Wasserstoff und Strom aus Chile sollen nach Hamburg kommen.", [], ["Wasserstoff", "Strom"]),
    # the parent before a subsidiary noun, an apposition with a subsidiary noun or a country's possessive
    ("en", "Zentrova's subsidiary Kappa Hydrogen and Norvia Gas, a Kappalon affiliate, signed a deal with Peru.",
     ["Zentrova", "Kappa Hydrogen", "Norvia Gas", "Kappalon"], []),
    ("en", "Kappa Green, a unit of Norvia, and Zeta Gas, a joint venture of Kappalon and Zentrova, signed.",
     ["Kappa Green", "Norvia", "Zeta Gas", "Kappalon", "Zentrova"], []),
    ("en", "Officials of Petrokap, Peru's state oil company, signed the memorandum.", ["Petrokap"], []),
    ("en", "The power unit of the plant and the German division will be built.", [], ["German", "Power"]),
    ("de", "Die Zentrova-Tochter Kappa Wasserstoff unterzeichnete einen Vertrag mit Peru.",
     ["Zentrova", "Kappa Wasserstoff"], []),
    ("de", "Die Kappa Strom, ein Gemeinschaftsunternehmen von Zentrova und Norvia, unterzeichnete.",
     ["Kappa Strom", "Zentrova", "Norvia"], []),
    # a known acronym before another known organisation's name: one body of the first
    ("en", "The EU Clean Hydrogen Partnership will fund the project.", ["EU Clean Hydrogen Partnership"], []),
    # German "an" is no article: "…, an denen der Konzern beteiligt ist" is no apposition of a company
    ("de", "Das Gas stammt aus den Feldern Kappa Nord und Kappa Süd, an denen der Konzern beteiligt ist.", [],
     ["Kappa Süd"]),
    # a seat of government before a role is no company; a description alone is no name; a dam is a project
    ("de", "Die Reise führte den Kreml-Chef nach Wien.", [], ["Kreml"]),
    ("en", "Turkey and Libya's Tripoli-based government concluded a maritime accord.", [], ["Tripoli-based"]),
    ("en", "They signed a declaration on the Grand Kappa Renaissance Dam (GKRD) on Monday.", [], ["Dam"]),
    # words of company names on both sides of "and" before ", Inc."; two names are not merged
    ("en", "The industrial gases company Kappa Products and Chemicals, Inc. signed with Zentrox.",
     ["Kappa Products and Chemicals, Inc."], []),
    ("en", "Zentrox and Kappa, Inc. signed an agreement.", ["Zentrox"], ["Zentrox and Kappa"]),
    # "für" before a bracketed acronym belongs to the name
    ("de", "Das Bundesministerium für Kappa und Zetaforschung (BMKZ) zahlt.", ["Bundesministerium für Kappa und Zetaforschung"], []),
    # a role word that is also a word of company names inside a name; no person after "chairman of"
    ("en", "Jane Roe, chairman of Peru General Nuclear Power Corporation (PGN), signed.",
     ["Peru General Nuclear Power Corporation"], ["Peru General Nuclear Power Corporation (PGN)"]),
    # a known name written small matches only as written
    ("en", "Electrolysers come from Germany's thyssenkrupp; the reactor designer newcleo signed with Zentrox.",
     ["thyssenkrupp", "newcleo"], []),
    ("en", "The beach was covered in shell and sand.", [], ["shell", "Shell"]),
    # a compound with a country's name in the nominative is one name; a genitive says whose; no name cut in brackets
    ("de", "Die Wirtschaftskammer Peru und die Energieagentur Chile luden ein. Das Energieministerium Perus zahlt.",
     ["Wirtschaftskammer Peru", "Energieagentur Chile", "Energieministerium"], ["Energieministerium Perus"]),
    ("de", "Die Deutsche Gesellschaft für Kappa-Zusammenarbeit (DGKZ) GmbH setzt das Projekt um.",
     ["Deutsche Gesellschaft für Kappa-Zusammenarbeit"], ["DGKZ) GmbH"]),
    # "and" before a country's possessive ends a name; a known name keeps the spacing of the text
    ("en", "The Peru Department of Energy and Chile's Ministry of Economy, Trade and Industry signed a memorandum.",
     ["Peru Department of Energy", "Ministry of Economy, Trade and Industry"], ["Energy and Chile"]),
    # a name after an article in the dative or genitive is given in the nominative (weak adjective)
    ("de", "Kritik kam von der Deutschen Kappa-Hilfe (DKH) und aus der Peruanischen Energieagentur.",
     ["Deutsche Kappa-Hilfe", "Peruanische Energieagentur"], ["Deutschen"]),
    ("de", "Die Kappa AG und das Gemeinschaftsunternehmen Zentrova sind beteiligt.", ["Kappa AG", "Zentrova"], []),
    # a known organisation before a company role or word in a compound is named; before other nouns it is not
    ("de", "Der Siemens-Chef kam nach Berlin. Der Gazprom-Konzern zahlt.", ["Siemens", "Gazprom"], []),
    ("de", "Die Siemens-Aktie stieg. Das Gazprom-Gas fließt.", [], ["Siemens", "Gazprom"]),
    # a head word inside a name before its legal form; "X & Y" coordinated with companies is one company
    ("en", "Kappa Electric Power Company Holdings, Inc. and Zentrox AS signed with Brightmoor & Zentrola.",
     ["Kappa Electric Power Company Holdings, Inc.", "Zentrox AS", "Brightmoor & Zentrola"], []),
    # words for think tanks, consultancies and regulators
    ("en", "The think tank Kappa Energiewende and the consultancy Norvia Research spoke.",
     ["Kappa Energiewende", "Norvia Research"], []),
]


@pytest.mark.parametrize("lang,text,found,absent", ORGS)
def test_organizations(lang, text, found, absent):
    _check(text, lang, "organizations", found, absent)


def test_no_person_in_a_company_name_after_a_role():
    """"chairman of Kappa General Nuclear Power Corporation": "Power" is part of the company's name."""
    names = _names("He Yu, chairman of Kappa General Nuclear Power Corporation, signed the deal.", "en", "persons")
    assert "Power" not in names, names


def test_two_spellings_of_one_person_are_one_entity():
    text = ("Zugegen war Kommissionspräsident Jean-Luc Halvorssen. Auf dem Foto steht Jean-Luc Halvorsen. "
            "Halvorsen lobte das Abkommen.")
    persons = extract_text(text, language="de").to_json()["persons"]
    assert len(persons) == 1, persons


def test_misspelt_gazetteer_person_links_to_the_gazetteer():
    persons = extract_text("President Vladimir Puttin met the delegation.", language="en").to_json()["persons"]
    assert [p["iri"] for p in persons] == ["https://w3id.org/energy-kg/id/person/vladimir-putin"], persons


def test_one_org_spelt_two_ways_in_a_text_is_one_entity():
    orgs = extract_text("Kappa Tech Ltd signed. Later KappaTech Ltd said the plant is ready.",
                        language="en").to_json()["organizations"]
    assert len(orgs) == 1, orgs


def test_variant_links_to_the_gazetteer_entity():
    orgs = extract_text("Qatar Energy signed a memorandum.", language="en").to_json()["organizations"]
    assert [o["iri"] for o in orgs] == ["https://w3id.org/energy-kg/id/org/qatarenergy"], orgs


def test_fuzzy_long_name_links_to_the_gazetteer_entity():
    orgs = extract_text("The Asian Infrastucture Investment Bank (AIIB) lent money.", language="en").to_json()["organizations"]
    assert "https://w3id.org/energy-kg/id/org/aiib" in [o["iri"] for o in orgs], orgs


def test_linker_api_is_stable():
    from kg.extract.gazetteer import load_gazetteer
    from kg.extract.linguistic import annotate
    from kg.extract.linking import Linker
    from kg.extract.analysis import matcher_for as _matcher
    from kg.extract.sentences import split_sentences
    from kg.extract.tokens import tokenize

    text = "Minister Karl Zwiebelmann und die Nordwind Energie GmbH unterzeichneten."
    gaz = load_gazetteer()
    toks = tokenize(text, "de")
    sents = split_sentences(text, toks)
    annotate(toks, "de", [(s.start, s.end) for s in sents])
    m = _matcher(gaz)
    linker = Linker(gaz, m, toks, m.phrases(toks, "de"), "de")
    linker.find_persons(sents)
    orgs = linker.find_orgs(sents)
    assert [p.name for p in linker.persons.values()] == ["Karl Zwiebelmann"]
    assert [o.name for o in linker.orgs.values()] == ["Nordwind Energie GmbH"]
    assert [mt.text for mt in linker.person_mentions] == ["Karl Zwiebelmann"]
    assert [mt.text for mt in orgs] == ["Nordwind Energie GmbH"]
