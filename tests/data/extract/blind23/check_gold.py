import json, glob, os, re, sys, datetime
D=sys.argv[1]
TOP={"nuclear energy","nuclear fuel cycle","uranium mining","radioactive waste","decommissioning","nuclear safety","hydrogen","ammonia","renewable energy","solar energy","wind energy","hydropower","geothermal energy","bioenergy","oil","natural gas","LNG","pipelines","coal","electricity grids","energy storage","energy efficiency","carbon capture","critical minerals","climate protection","research and innovation","other"}
KINDS={"memorandum","agreement","declaration_of_intent","treaty","partnership","contract"}
ok=True
def err(*a):
    global ok; ok=False; print("ERR",*a)
def occurs(s,text):
    if s is None: return True
    tl=text.lower(); sl=s.lower()
    if sl in tl: return True
    for suf in ("en","er","es","e","s","n"):
        if sl.endswith(suf) and sl[:-len(suf)] in tl: return True
    return False
for gf in sorted(glob.glob(D+'/gold/*.json')):
    doc=os.path.basename(gf)[:-5]
    g=json.load(open(gf))
    raw=open(D+'/texts/'+doc+'.txt').read()
    lines=raw.split('\n')
    assert lines[0].startswith('# source: paraphrase of ') and ' | title: ' in lines[0], doc
    assert lines[1]=='# language: de' and lines[2].startswith('# published: ') and lines[3]=='', doc
    pub=lines[2][len('# published: '):]
    assert re.fullmatch(r'\d{4}-\d\d(-\d\d)?|unknown',pub), pub
    body='\n'.join(lines[4:]); text=lines[0]+'\n'+body
    n=len(body.split()); 
    if not 120<=n<=300: err(doc,'words',n)
    if set(g)!={"doc","language","agreements","cooperations","persons","organizations","aliases","notes"}: err(doc,'keys')
    if g['doc']!=doc or g['language']!='de': err(doc,'doc/lang')
    names=set()
    for a in g['agreements']:
        if a['kind'] not in KINDS: err(doc,'kind',a['kind'])
        so=a['signed_on']
        if so is not None and not re.fullmatch(r'(\d{4}|XXXX)(-\d\d(-\d\d)?)?',so): err(doc,'date',so)
        if so and len(so)==10: datetime.date.fromisoformat(so)
        for t in a['topics']:
            if t not in TOP: err(doc,'topic',t)
        for s in a['signatories']:
            if s['on_behalf_of'] not in a['parties']: err(doc,'obo',s)
            if not occurs(s['person'],text): err(doc,'signatory',s['person'])
        for w in a['witnesses']:
            if w not in [p['name'] for p in g['persons']]: err(doc,'witness not in persons',w)
        if a['place'] and not occurs(a['place'],text): err(doc,'place',a['place'])
        for od in a['other_dates']:
            if not re.fullmatch(r'\d{4}(-\d\d(-\d\d)?)?',od['date']): err(doc,'od',od)
        names|=set(a['parties'])
    for c in g['cooperations']:
        if len(c)!=3 or (c[2] is not None and c[2] not in TOP): err(doc,'coop',c)
        for x in c[:2]:
            if x not in names and x not in g['aliases'] and x not in [o['name'] for o in g['organizations']]: err(doc,'coop actor',x)
    for p in g['persons']:
        for s in [p['name']]+p['aliases']:
            if not occurs(s,text): err(doc,'person',s)
        if p['role'] and not occurs(p['role'],text): print('  note role',doc,p['role'])
    orgn=[o['name'] for o in g['organizations']]
    for o in g['organizations']:
        for s in ([o['name']] if o['name'] not in ('European Union','European Commission') else [])+o['aliases']:
            if not occurs(s,text): err(doc,'org',s)
    for k,v in g['aliases'].items():
        for s in v:
            if not occurs(s,text): err(doc,'alias',k,s)
    for x in names:
        if x not in g['aliases'] and x not in orgn: err(doc,'party not canonicalised',x)
    print(doc, pub, n, 'words', len(g['agreements']),'agreements', [a['signed_on'] for a in g['agreements']])
print('OK' if ok else 'FAIL')
