import json, glob, os, re, sys, itertools
base = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
TOPICS = set("""nuclear energy|nuclear fuel cycle|uranium mining|radioactive waste|decommissioning|nuclear safety|hydrogen|ammonia|renewable energy|solar energy|wind energy|hydropower|geothermal energy|bioenergy|oil|natural gas|LNG|pipelines|coal|electricity grids|energy storage|energy efficiency|carbon capture|critical minerals|climate protection|research and innovation|other""".split('|'))
KINDS = {"memorandum","agreement","declaration_of_intent","treaty","partnership","contract"}
DATE = re.compile(r'^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$')
errs = 0
def err(d, m):
    global errs; errs += 1; print(f"{d}: {m}")
def occurs(s, text):
    if s in text: return True
    # allow case endings: drop up to 2 trailing chars of each word
    words = s.split()
    pat = r'\s+'.join(re.escape(w[:-2] if len(w) > 4 else w) + r'\w{0,3}' for w in words)
    return re.search(pat, text) is not None
for g in sorted(glob.glob(os.path.join(base, 'gold', '*.json'))):
    name = os.path.basename(g)[:-5]
    t = os.path.join(base, 'texts', name + '.txt')
    if not os.path.exists(t): err(name, 'no text'); continue
    raw = open(t, encoding='utf-8').read()
    lines = raw.split('\n')
    if not re.match(r'^# source: paraphrase of .+ \| title: .+$', lines[0]): err(name, 'header 1')
    if lines[1] != '# language: de': err(name, 'header 2')
    m = re.match(r'^# published: (\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|unknown.*)$', lines[2])
    if not m: err(name, 'header 3')
    if lines[3] != '': err(name, 'blank line')
    text = raw
    body = '\n'.join(lines[4:]); nw = len(body.split())
    if not 120 <= nw <= 300: err(name, f'{nw} words')
    d = json.load(open(g, encoding='utf-8'))
    if set(d) != {"doc","language","agreements","cooperations","persons","organizations","aliases","notes"}: err(name, f'keys {set(d)}')
    if d['doc'] != name or d['language'] != 'de': err(name, 'doc/language')
    orgnames = {o['name'] for o in d['organizations']}
    known = orgnames | set(d['aliases'])
    pairs = {frozenset(c[:2]) for c in d['cooperations']}
    for c in d['cooperations']:
        if len(c) != 3 or (c[2] is not None and c[2] not in TOPICS): err(name, f'coop {c}')
        for x in c[:2]:
            if x not in known: err(name, f'coop actor {x} undeclared')
    pnames = {p['name'] for p in d['persons']}
    for a in d['agreements']:
        if set(a) != {"id","kind","title","signed_on","place","parties","signatories","witnesses","topics","other_dates"}: err(name, f'agr keys {a["id"]}')
        if a['kind'] not in KINDS: err(name, f'kind {a["kind"]}')
        if a['signed_on'] is not None and not DATE.match(a['signed_on']): err(name, f'date {a["signed_on"]}')
        if a['place'] is not None and not occurs(a['place'], text): err(name, f'place {a["place"]}')
        for t_ in a['topics']:
            if t_ not in TOPICS: err(name, f'topic {t_}')
        for p in a['parties']:
            if p not in known: err(name, f'party {p} undeclared')
        for s in a['signatories']:
            if s['on_behalf_of'] not in a['parties']: err(name, f'obo {s}')
            if s['person'] not in pnames: err(name, f'signatory not in persons {s["person"]}')
            if not occurs(s['person'], text): err(name, f'signatory {s["person"]} not in text')
            if s['role'] and not occurs(s['role'], text): err(name, f'role {s["role"]} not in text')
        for w in a['witnesses']:
            if w not in pnames or not occurs(w, text): err(name, f'witness {w}')
        for od in a['other_dates']:
            if not DATE.match(od['date']): err(name, f'other date {od}')
        for x, y in itertools.combinations(a['parties'], 2):
            if frozenset((x, y)) not in pairs: err(name, f'missing pair {x}-{y}')
    for p in d['persons']:
        for s in [p['name']] + p['aliases']:
            if not occurs(s, text): err(name, f'person {s} not in text')
        if p['role'] and not occurs(p['role'], text): err(name, f'person role {p["role"]}')
    for o in d['organizations']:
        for s in o['aliases'] + ([o['name']] if o['name'] not in ('European Union','European Commission') else []):
            if not occurs(s, text): err(name, f'org {s} not in text')
    for k, v in d['aliases'].items():
        for s in v:
            if not occurs(s, text): err(name, f'alias {k}:{s} not in text')
    WD = ['Montag','Dienstag','Mittwoch','Donnerstag','Freitag','Samstag','Sonntag']
    pub = m.group(1) if m else ''
    for a in d['agreements']:
        so = a['signed_on'] or ''
        if re.match(r'^\d{4}-\d{2}-\d{2}$', so) and re.match(r'^\d{4}-\d{2}-\d{2}$', pub) and so[:4] == pub[:4]:
            import datetime
            wd = WD[datetime.date.fromisoformat(so).weekday()]
            lag = (datetime.date.fromisoformat(pub) - datetime.date.fromisoformat(so)).days
            if wd not in body or not 0 <= lag < 7: err(name, f'{a["id"]} {so} is a {wd} ({lag} days before publication) - not in text?')
            else: print(f'  {a["id"]}: {so} = {wd}, {lag} day(s) before publication {pub}')
        elif so and pub and not so.startswith('XXXX') and so > pub: err(name, f'{a["id"]} signed after publication')
    print(f'{name}: {len(d["agreements"])} agreements, {len(d["cooperations"])} coops, {nw} words')
print('errors:', errs)
