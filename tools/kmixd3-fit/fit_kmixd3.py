"""KMIXD = 3 fit (docs/transport.md "Mixed-layer depth"). Scratch tool, not part of the build.

Reads the dump of MlhtDumpTest.java (columns.csv, samples.csv in $MLHT_DIR, default /tmp/mlht),
computes the bulk-Richardson depth of every dumped column for a parameter set and variant, and
fits the free parameters by Nelder-Mead on the mean (over cases) of the mean relative error.

  python3 fit_kmixd3.py VARIANT NAMES X0 [FIXED]
e.g. the adopted form (dry theta, heights above ground, wind difference, Ri_c 0.5, and for H <= 0
the same criterion with the negative excess C*F/u*, results version 2026-12-02.7):
  python3 fit_kmixd3.py "{'shear':1,'agl':1,'dry':1,'stablecalc':'negws'}" "['C','c1','D','zr']" "[7.97,0.436,0.008,0.9]" "{'s':0.5}"
Here Ri = g*(theta-theta1-thetaT)*(z-zr)/(theta1*(D + s*|dV|^2)) > 1, i.e. the bulk Richardson
number with Ri_c = s and S0 = D/s (MixedLayerDepth: Ri_c 0.5, S0 0.01632).
Variant keys: agl (heights above ground), dry (theta instead of theta_v), shear, ustar2 (+bu*u*^2),
noclamp (no |L| clamp), interp='theta' (theta linear within the crossing interval),
stablecalc='zero'|'negws' (H <= 0: depth with no excess / with C*F/u*; default: KMIX0 at once),
ref='min3'|'max2'|'mean2' (theta reference), parameter Lc (the |L| clamp, default 37.5 m).
FITSET (environment) overrides the fitted cases.
"""
import os
import numpy as np, csv
levels={}; cols={}
for line in open(os.path.join(os.environ.get('MLHT_DIR','/tmp/mlht'),'columns.csv')):
    p=line.rstrip().split(',')
    if p[0]=='levels':
        levels[p[1]]=np.array([float(x) for x in p[2:]]); continue
    cid=int(p[1]); name=p[2]
    v=[float(x) for x in p[6:]]
    zsfc,shtf,ustr,pblh,mlht,rho1,t1=v[:7]
    rest=np.array(v[7:]); nz=len(rest)//6
    th,q,u,vv,T,P=[rest[k*nz:(k+1)*nz] for k in range(6)]
    cols[cid]=dict(name=name,zsfc=zsfc,shtf=shtf,ustr=ustr,pblh=pblh,mlht=mlht,rho1=rho1,t1=t1,th=th,q=q,u=u,v=vv,T=T,P=P)
samples=[]
for line in open(os.path.join(os.environ.get('MLHT_DIR','/tmp/mlht'),'samples.csv')):
    p=line.rstrip().split(',')
    s=dict(case=p[0],t=int(p[1]),a=int(p[2]),b=int(p[3]),w=float(p[4]),ref=float(p[5]))
    if p[0]=='E10':
        s['shtf']=float(p[6]); s['ustr']=float(p[7])
    samples.append(s)
def lev(case):
    return levels['E10' if case=='E10' else case]

import numpy as np
G=9.80665; CP=1000.0; K=0.4
# group columns by case name prefix
groups={}
for cid,c in cols.items():
    key=c['name'] if not c['name'].startswith('E10') else 'E10'
    groups.setdefault(key,[]).append(cid)
# E10 sample fluxes override
e10flux={}
for s in samples:
    if s['case']=='E10': e10flux[s['a']]=(s['shtf'],s['ustr'])
G_arr={}
for key,ids in groups.items():
    z=lev(key)
    A=dict(ids=np.array(ids))
    for f in ('th','q','u','v','T','P'):
        A[f]=np.array([cols[i][f] for i in ids])
    for f in ('zsfc','shtf','ustr','rho1','t1','mlht','pblh'):
        A[f]=np.array([cols[i][f] for i in ids])
    for n,i in enumerate(ids):
        if i in e10flux: A['shtf'][n],A['ustr'][n]=e10flux[i]
    A['z']=z
    G_arr[key]=A
ZTOP={'E10':25000.0}
def depths(A,P,V):
    z=A['z'][None,:]
    if V.get('agl'):
        z=z*(1-A['zsfc'][:,None]/V.get('ztop',25000.0))
    tv=A['th']*(1+0.61*A['q']) if not V.get('dry') else A['th'].copy()
    kin=(np.maximum(A['shtf'],0.0) if V.get('stablecalc')=='zero' else A['shtf'])/(A['rho1']*CP); b=G/A['t1']*kin
    if V.get('stablecalc')=='negws': b=np.where(A['shtf']>0,b,0.0)
    u3=A['ustr']**3 if V.get('noclamp') else np.maximum(A['ustr']**3, P.get('Lc',37.5)*K*b)
    u3=u3*P.get('a',1.0)
    tref=tv[:,0:1]
    if V.get('ref')=='min3': tref=tv[:,0:3].min(axis=1,keepdims=True)
    if V.get('ref')=='max2': tref=tv[:,0:2].max(axis=1,keepdims=True)
    if V.get('ref')=='mean2': tref=tv[:,0:2].mean(axis=1,keepdims=True)
    zi=np.full(len(kin),500.0)
    shear2=None
    if V.get('shear'):
        du=A['u']-A['u'][:,0:1]; dv=A['v']-A['v'][:,0:1]
        shear2=du*du+dv*dv
    for it in range(80):
        ws=np.cbrt(u3+P['c1']*b*zi)
        ex=(P['C']*kin/ws)[:,None]
        den=P['D']*np.ones_like(tv)
        if shear2 is not None: den=den+P.get('s',V.get('sfix',1.0))*shear2
        if V.get('ustar2'): den=den+P.get('bu',0.0)*(A['ustr']**2)[:,None]
        ri=G*(tv-tref-ex)*(z-P['zr'])/(tref*den)
        over=ri>P.get('ric',1.0)
        k=np.argmax(over,axis=1)
        has=over.any(axis=1)
        rows=np.arange(len(k))
        km=np.maximum(k-1,0)
        zk=z[rows,k] if z.shape[0]>1 else z[0,k]
        zkm=z[rows,km] if z.shape[0]>1 else z[0,km]
        rk=ri[rows,k]; rkm=ri[rows,km]
        ric=P.get('ric',1.0)
        if V.get('interp')=='theta':
            # θ_v (and shear²) linear within the interval: solve Ri(z)=ric on a fine subdivision
            fr=np.linspace(0,1,201)[None,:]
            dth_k=(tv-tref)[rows,k]-ex[:,0]; dth_m=(tv-tref)[rows,km]-ex[:,0]
            dd=dth_m[:,None]+(dth_k-dth_m)[:,None]*fr
            zz=zkm[:,None]+(zk-zkm)[:,None]*fr
            dk=den[rows,k]; dm=den[rows,km]
            de=dm[:,None]+(dk-dm)[:,None]*fr
            rr=G*dd*(zz-P['zr'])/(tref*de)
            ov=rr>ric
            j=np.argmax(ov,axis=1); jm=np.maximum(j-1,0)
            r1=rr[rows,j]; r0=rr[rows,jm]; z1=zz[rows,j]; z0=zz[rows,jm]
            new=np.where(j==0, z1, z0+(ric-r0)/(r1-r0)*(z1-z0))
            new=np.where(k==0, zk, new)
        else:
            new=np.where(k==0, zk, zkm+(ric-rkm)/(rk-rkm)*(zk-zkm))
        top=z[:,-1] if z.shape[0]>1 else np.full(len(k),z[0,-1])
        new=np.where(has,new,top)
        if it>30: new=0.5*(new+zi)
        zi=new
    out=np.maximum(zi*(V.get('outfac',1.0)),150.0)
    if V.get('outagl'):
        out=np.maximum(zi*(1-A['zsfc']/25000.0),150.0)
    out=out if V.get('stablecalc') else np.where(A['shtf']<=0,150.0,out)
    return dict(zip(A['ids'].tolist(),out.tolist()))
def evaluate(P,V,verbose=False,cases=None):
    d={}
    for key,A in G_arr.items():
        d.update(depths(A,P,V))
    res={}
    for s in samples:
        if cases and s['case'] not in cases: continue
        pred=(1-s['w'])*d[s['a']]+s['w']*d[s['b']]
        res.setdefault(s['case'],[]).append((pred,s['ref'],s['t']))
    out={}
    for c,l in res.items():
        a=np.array(l)
        rel=np.abs(a[:,0]-a[:,1])/a[:,1]
        out[c]=(rel.mean(),rel.max(),np.mean(a[:,0]-a[:,1]))
    return out,res
# vectorized sample arrays per case
SA={}
for s in samples:
    SA.setdefault(s['case'],[]).append((s['a'],s['b'],s['w'],s['ref'],s['t']))
for c in SA: SA[c]=np.array(SA[c])
def evaluate2(P,V,cases,groups_needed=None):
    d={}
    for key,A in G_arr.items():
        if groups_needed and key not in groups_needed: continue
        d.update(depths(A,P,V))
    out={}
    for c in cases:
        a=SA[c]
        da=np.array([d[int(i)] for i in a[:,0]]); db=np.array([d[int(i)] for i in a[:,1]])
        pred=(1-a[:,2])*da+a[:,2]*db
        rel=(pred-a[:,3])/a[:,3]
        out[c]=rel
    return out

import sys, warnings
warnings.filterwarnings('ignore')
from scipy.optimize import minimize
FIT=eval(__import__('os').environ.get('FITSET','None')) or ['E10','sto_tvar_day_kmixd3','sto_lcc_day_kmixd3','det_omega_column_24h','det_plev_column_36h','det_wide_grid_column_12h']
ALL=FIT+['det_lcc_column_24h','det_tvar_column_24h','det_hrrr_point_5m_11h','det_hrrr_column_11h']
V=eval(sys.argv[1]); names=eval(sys.argv[2]); x0=eval(sys.argv[3]); fixed=eval(sys.argv[4]) if len(sys.argv)>4 else {}
def obj(x):
    P=dict(fixed); P.update(dict(zip(names,x)))
    if P['c1']<0 or P['D']<0 or P.get('s',0)<0: return 1e3
    r=evaluate2(P,V,FIT,FIT)
    return np.mean([np.mean(np.abs(r[c])) for c in FIT])
m=minimize(obj,x0,method='Nelder-Mead',options=dict(maxiter=int(V.get('iters',500)),xatol=1e-5,fatol=1e-8))
P=dict(fixed); P.update(dict(zip(names,m.x)))
r=evaluate2(P,V,ALL)
print(V, {k:round(float(v),5) for k,v in P.items()}, 'obj %.5f'%m.fun, flush=True)
for c in ALL: print('   %-28s mean %.4f max %.4f bias %+.4f'%(c,np.mean(np.abs(r[c])),np.max(np.abs(r[c])),np.mean(r[c])), flush=True)
