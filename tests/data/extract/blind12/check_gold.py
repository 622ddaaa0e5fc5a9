import json, glob, os, re, sys, itertools, datetime
ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
TOPICS = {"nuclear energy","nuclear fuel cycle","uranium mining","radioactive waste","decommissioning","nuclear safety","hydrogen","ammonia","renewable energy","solar energy","wind energy","hydropower","geothermal energy","bioenergy","oil","natural gas","LNG","pipelines","coal","electricity grids","energy storage","energy efficiency","carbon capture","critical minerals","climate protection","research and innovation","other"}
KINDS = {"memorandum","agreement","declaration_of_intent","treaty","partnership","contract"}
TOP = {"doc","language","agreements","cooperations","persons","organizations","aliases","notes"}
AKEYS = {"id","kind","title","signed_on","place","parties","signatories","witnesses","topics","other_dates"}
errs = 0
def err(doc, msg):
    global errs; errs += 1; print(f"{doc}: {msg}")
def occurs(name, text):
    return re.search(r'(?<!\w)' + re.escape(name) + r"(?:'s|s|')?(?!\w)", text) is not None
for gf in sorted(glob.glob(os.path.join(ROOT, 'gold', '*.json'))):
    doc = os.path.basename(gf)[:-5]
    g = json.load(open(gf))
    raw = open(os.path.join(ROOT, 'texts', doc + '.txt')).read()
    lines = raw.split('\n')
    if not re.match(r'^# source: paraphrase of .+ \| title: .+$', lines[0]): err(doc, 'header line 1')
    if lines[1] != '# language: ' + str(g.get('language')): err(doc, 'header line 2')
    m = re.match(r'^# published: (\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|unknown)$', lines[2])
    if not m: err(doc, 'header line 3')
    if lines[3] != '': err(doc, 'blank line 4')
    pub = m.group(1) if m else 'unknown'
    body = '\n'.join(lines[4:])
    nw = len(body.split())
    if not 120 <= nw <= 300: err(doc, f'body words {nw}')
    if set(g) != TOP: err(doc, f'top keys {set(g) ^ TOP}')
    if g['doc'] != doc or g['language'] not in ('de', 'en'): err(doc, 'doc/language')
    orgs = {o['name'] for o in g['organizations']}
    pers = {p['name'] for p in g['persons']}
    regions = set(g['aliases'])
    pairs = {frozenset(c[:2]) for c in g['cooperations']}
    for c in g['cooperations']:
        if len(c) != 3 or (c[2] is not None and c[2] not in TOPICS): err(doc, f'cooperation {c}')
        for x in c[:2]:
            if x not in orgs and x not in regions: err(doc, f'cooperation actor not declared: {x}')
    ids = set()
    for a in g['agreements']:
        if set(a) != AKEYS: err(doc, f'agreement keys {a["id"]}')
        if a['id'] in ids: err(doc, 'dup id')
        ids.add(a['id'])
        if a['kind'] not in KINDS: err(doc, f'kind {a["kind"]}')
        so = a['signed_on']
        if so is not None and not re.match(r'^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$', so): err(doc, f'signed_on {so}')
        if so and len(so) == 10 and pub != 'unknown':
            # a full date must not lie after the publication date
            if so > pub: err(doc, f'{a["id"]} signed after publication')
        if a['place'] is not None and not occurs(a['place'], body): err(doc, f'place {a["place"]}')
        for t in a['topics']:
            if t not in TOPICS: err(doc, f'topic {t}')
        for p in a['parties']:
            if p not in orgs and p not in regions: err(doc, f'party not declared: {p}')
        for x, y in itertools.combinations(a['parties'], 2):
            if frozenset((x, y)) not in pairs: err(doc, f'pair missing {x} / {y}')
        for s in a['signatories']:
            if s['on_behalf_of'] not in a['parties']: err(doc, f'on_behalf_of {s}')
            if s['person'] not in pers: err(doc, f'signatory not in persons {s["person"]}')
            if s['role'] and s['role'].lower() not in body.lower(): err(doc, f'role {s["role"]}')
        for w in a['witnesses']:
            if w not in pers: err(doc, f'witness not in persons {w}')
            if w in {s['person'] for s in a['signatories']}: err(doc, f'witness is signatory {w}')
    for p in g['persons']:
        for n in [p['name']] + p['aliases']:
            if not occurs(n, body): err(doc, f'person name {n}')
        if p['role'] and p['role'].lower() not in body.lower(): err(doc, f'person role {p["role"]}')
        if p['affiliation'] and p['affiliation'] not in orgs and p['affiliation'] not in regions: err(doc, f'affiliation {p["affiliation"]}')
    for o in g['organizations']:
        for n in [o['name']] + o['aliases']:
            if not occurs(n, body): err(doc, f'org name {n}')
        if o['country'] is not None and o['country'] not in regions: err(doc, f'org country not an alias key {o["country"]}')
    for k, v in g['aliases'].items():
        for n in v:
            if not occurs(n, body): err(doc, f'alias {n}')
    # weekday check: every weekday named in the body, with a full publication date
    if len(pub) == 10:
        pd = datetime.date.fromisoformat(pub)
        for wd in re.findall(r'\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b', body):
            print(f'{doc}: "on {wd}" -> candidates', [str(pd - datetime.timedelta(days=i)) for i in range(0, 7) if (pd - datetime.timedelta(days=i)).strftime('%A') == wd], '/ next', [str(pd + datetime.timedelta(days=i)) for i in range(1, 7) if (pd + datetime.timedelta(days=i)).strftime('%A') == wd])
print('errors:', errs)
