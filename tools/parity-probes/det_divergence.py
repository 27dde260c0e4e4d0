import csv,gzip,collections,sys
ref={}
name=sys.argv[1] if len(sys.argv)>1 else 'det_hrrr_column_11h'
f=sys.argv[2] if len(sys.argv)>2 else 'detcol.csv'
for r in csv.DictReader(gzip.open(f'/work/shared/reference/transport/deterministic/{name}/particles.csv.gz','rt')):
    ref[(int(r['time']),int(r['indx']))]=r
ours={}
for r in csv.DictReader(open(f)):
    ours[(int(float(r['time'])),int(float(r['indx'])))]=r
parts=sorted(set(k[1] for k in ref))
for p in parts:
    out=[]
    first=None
    for t in range(-1,-661,-1):
        a=ref.get((t,p)); b=ours.get((t,p))
        if a is None or b is None: break
        dz=float(b['zagl'])-float(a['zagl']); dx=float(b['long'])-float(a['long']); dy=float(b['lati'])-float(a['lati'])
        if first is None and (abs(dz)>0.5 or max(abs(dx),abs(dy))>1.5e-4): first=(t,dz,dx,dy,float(a['zagl']),float(a['wout']),float(b['wout']))
        if t in (-1,-5,-15,-30,-60,-120,-240,-480,-660): out.append('%d:%.2f/%.1e'%(t,dz,max(abs(dx),abs(dy))))
    print(p, 'z0 %.1f'%float(ref[(-1,p)]['zagl']), ' '.join(out), 'first', first)
