import sys
import json, math, collections
cases=collections.OrderedDict(); frames=collections.defaultdict(list); levs=collections.defaultdict(lambda: collections.defaultdict(list))
cur=None
for line in open(sys.argv[1] if len(sys.argv) > 1 else '/tmp/dfit/dump.csv'):
    p=line.strip().split(',')
    if p[0]=='case': cases[p[1]]=dict(foot=float(p[2]),mlht=float(p[3]),samt=float(p[4]),dens=float(p[5]))
    elif p[0]=='frame': frames[p[1]].append(dict(t=p[2],w=float(p[3]),zsfc=float(p[4]),mlht=float(p[5]))); 
    elif p[0]=='lev':
        fi=len(frames[p[1]])-1
        levs[p[1]][fi].append([float(x) for x in p[3:]])
def col(name):
    fs=frames[name]; L=None
    for fi,f in enumerate(fs):
        a=[[f['w']*x for x in row] for row in levs[name][fi]]
        L=a if L is None else [[x+y for x,y in zip(r1,r2)] for r1,r2 in zip(L,a)]
    return L, fs[0]['zsfc']
Rd=287.04
def D(L,zsfc,h,rhof,ztop=25000.):
    sc=(ztop-zsfc)/ztop
    d=0; below=0; rho=rhof(L[0])
    for r in L:
        z=r[0]*sc
        if z>=h: break
        rho=rhof(r); d+=rho*(z-below); below=z
    d+=rho*(h-below); return d
vari={
 'ours':lambda r:r[4],
 'dry p/RT':lambda r:r[1]*100/(Rd*r[2]),
 'p/RTv':lambda r:r[1]*100/(Rd*r[2]*(1+0.608*r[3])),
 '(1-q)p/RTv':lambda r:(1-r[3])*r[1]*100/(Rd*r[2]*(1+0.608*r[3])),
 'p/R theta':lambda r:r[1]*100/(Rd*r[5]),
}
e5=json.load(open('/work/shared/reference/hysplit-experiments/E5_foot_normalisation.json'))['rows']
for vn,vf in vari.items():
    print('==',vn)
    L,zs=col('E5')
    rs=[]
    for row in e5:
        h=0.5*row['mlht']; d=D(L,zs,h,vf); rs.append(row['D_equals_rhobar_times_h']/d)
    print('  E5 ratio mean %.5f min %.5f max %.5f'%(sum(rs)/len(rs),min(rs),max(rs)))
    for n,c in cases.items():
        if n=='E5': continue
        L,zs=col(n); h=0.5*c['mlht']
        dh=0.02897*60*c['samt']/c['foot']
        print('  %-28s zsfc %6.0f h %7.2f q %.4f T1 %.2f ratio %.5f'%(n,zs,h,L[0][3],L[0][2],dh/D(L,zs,h,vf)))
print("=== level-scaling variants (ours density)")
def D2(L,zsfc,h,mode,ztop=25000.):
    sc=(ztop-zsfc)/ztop
    d=0; below=0; rho=L[0][4]
    for r in L:
        zl=r[0]*sc if mode in ('agl',) else r[0]
        if zl>=h: break
        rho=r[4]; d+=rho*(zl-below); below=zl
    d+=rho*(h-below)
    if mode=='scaled_then_compress': d*=sc
    return d
for mode in ['agl','scaled','scaled_then_compress']:
    L,zs=col('E5'); rs=[row['D_equals_rhobar_times_h']/D2(L,zs,0.5*row['mlht'],mode) for row in e5]
    print(mode,'E5 %.5f..%.5f'%(min(rs),max(rs)), ' '.join('%s %.5f'%(n[:12],(0.02897*60*c['samt']/c['foot'])/D2(col(n)[0],col(n)[1],0.5*c['mlht'],mode)) for n,c in cases.items() if n!='E5'))
