import csv,gzip,sys
name=sys.argv[1]; files=sys.argv[2:]
ref={}
for r in csv.DictReader(gzip.open(f'/work/shared/reference/transport/deterministic/{name}/particles.csv.gz','rt')):
    ref[(int(r['time']),int(r['indx']))]=r
for f in files:
    ours={}
    for r in csv.DictReader(open(f)):
        ours[(int(float(r['time'])),int(float(r['indx'])))]=r
    import statistics
    dws=[];dzs=[];dps=[]
    maxpos=0
    for k,a in ref.items():
        b=ours.get(k)
        if b is None: continue
        dws.append(abs(float(b['wout'])-float(a['wout'])))
        dzs.append(abs(float(b['zagl'])-float(a['zagl'])))
        maxpos=max(maxpos,abs(float(b['long'])-float(a['long'])),abs(float(b['lati'])-float(a['lati'])))
    dws.sort(); dzs.sort()
    early=[abs(float(ours[k]['wout'])-float(a['wout'])) for k,a in ref.items() if k in ours and k[0]>=-20]
    print(f, 'w |d| mean %.2e p50 %.2e p90 %.2e max %.2e | early(t>=-20) mean %.2e | z p90 %.3f max %.3f | pos max %.1e'%(sum(dws)/len(dws),dws[len(dws)//2],dws[int(.9*len(dws))],dws[-1],sum(early)/len(early),dzs[int(.9*len(dzs))],dzs[-1],maxpos))
