"""Self-check of the blind22 German gold files (format, names in text, dates, topics); written by the German writer, never runs the extractor."""
import json, glob, os, re, datetime, sys
D=os.path.dirname(os.path.abspath(__file__))
TOPICS=set("nuclear energy, nuclear fuel cycle, uranium mining, radioactive waste, decommissioning, nuclear safety, hydrogen, ammonia, renewable energy, solar energy, wind energy, hydropower, geothermal energy, bioenergy, oil, natural gas, LNG, pipelines, coal, electricity grids, energy storage, energy efficiency, carbon capture, critical minerals, climate protection, research and innovation, other".split(', '))
KINDS={'memorandum','agreement','declaration_of_intent','treaty','partnership','contract'}
WD={'Montag':0,'Dienstag':1,'Mittwoch':2,'Donnerstag':3,'Freitag':4,'Samstag':5,'Sonntag':6}
bad=0
def err(f,m):
    global bad; bad+=1; print('ERR',f,m)
def occurs(name,text):
    if name in text: return True
    for cut in (1,2):
        if len(name)>4 and name[:-cut] in text: return True
    return False
for g in sorted(glob.glob(D+'/gold/*.json')):
    f=os.path.basename(g)[:-5]; d=json.load(open(g)); t=open(f'{D}/texts/{f}.txt').read()
    lines=t.split('\n'); assert lines[0].startswith('# source: paraphrase of ') and ' | title: ' in lines[0], f
    assert lines[1]=='# language: de' and lines[2].startswith('# published: ') and lines[3]=='', f
    pub=lines[2][len('# published: '):].strip(); body='\n'.join(lines[4:])
    nw=len(body.split()); 
    if not 120<=nw<=300: err(f,f'words {nw}')
    if set(d)!={'doc','language','agreements','cooperations','persons','organizations','aliases','notes'}: err(f,'keys')
    if d['doc']!=f: err(f,'doc')
    pers={p['name'] for p in d['persons']}; orgs={o['name'] for o in d['organizations']}; ctry=set(d['aliases'])
    for p in d['persons']:
        for n in [p['name']]+p['aliases']:
            if not occurs(n,body): err(f,f'person {n}')
        if p['role'] and not occurs(p['role'].split(' (')[0],body): print('  note role not verbatim:',f,p['role'])
    for o in d['organizations']:
        # canonical English names (European Commission) are allowed when an alias occurs
        if not occurs(o['name'],body) and not any(occurs(n,body) for n in o['aliases']): err(f,f"org {o['name']}")
        for n in o['aliases']:
            if not occurs(n,body): err(f,f'org alias {n}')
    for c,al in d['aliases'].items():
        for n in al:
            if not re.search(r'(?<![\w-])'+re.escape(n),body): err(f,f'alias {n}')
    actors=orgs|ctry
    for a in d['agreements']:
        if a['kind'] not in KINDS: err(f,'kind')
        for k in ['id','kind','title','signed_on','place','parties','signatories','witnesses','topics','other_dates']:
            if k not in a: err(f,'agr key '+k)
        for p in a['parties']:
            if p not in actors: err(f,f'party {p} not in orgs/aliases')
        for s in a['signatories']:
            if s['on_behalf_of'] not in a['parties']: err(f,'obo '+s['on_behalf_of'])
            if s['person'] not in pers: err(f,'sig not person')
        for w in a['witnesses']:
            if w not in pers: err(f,'wit not person '+w)
        for tp in a['topics']:
            if tp not in TOPICS: err(f,'topic '+tp)
        if a['place'] and not occurs(a['place'],body): err(f,'place')
        so=a['signed_on']
        if so and re.fullmatch(r'\d{4}-\d\d-\d\d',so):
            dt=datetime.date.fromisoformat(so)
            wds=[w for w in WD if re.search(r'\b(am |Am |an diesem )'+w,body)]
            if re.fullmatch(r'\d{4}-\d\d-\d\d',pub):
                p=datetime.date.fromisoformat(pub)
                if not (0<= (p-dt).days <=7): err(f,'date far from pub')
                if not any(WD[w]==dt.weekday() for w in wds) and 'selben Tag' not in body: err(f,f'weekday {so} {wds}')
            else: err(f,'day precision without day pub')
        if so and re.fullmatch(r'\d{4}-\d\d',so) and so==pub[:7]:
            pass
    for c in d['cooperations']:
        for x in c[:2]:
            if x not in actors: err(f,'coop actor '+x)
        if c[2] is not None and c[2] not in TOPICS: err(f,'coop topic')
    print(f,'words',nw,'pub',pub,'agreements',len(d['agreements']))
print('errors',bad)
