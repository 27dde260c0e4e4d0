# Grid search of free-troposphere sigma_w forms against hycs_std's per-minute means (docs/parity.md).
# Input: QuintileSampler output for the HRRR column and point cases (q_column.txt, q_point.txt).
import numpy as np, itertools
D={n:np.loadtxt(f,skiprows=1) for n,f in [('col','q_column.txt'),('pt','q_point.txt')]}
def prep(a):
    t=a[:,0]; sel=(a[:,3]<0.01)&(t<=-10)&(t>=-600)
    return a[sel]
D={k:prep(v) for k,v in D.items()}
def sig(S,N2,zlo,zhi,form,c,lam,zsel):
    Ri=np.maximum(N2,0)/np.maximum(S*S,1e-12)
    z={0:zlo,1:0.5*(zlo+zhi),2:zhi}.get(zsel,zlo)
    l= lam if zsel==3 else 0.4*z/(1+0.4*z/lam)
    if form=='exp': f=np.exp(-c*Ri)
    elif form=='inv2': f=1/(1+c*Ri)**2
    elif form=='inv': f=1/(1+c*Ri)
    elif form=='cut': f=(Ri<c)*1.0
    elif form=='lin2': f=np.clip(1-Ri/c,0,1)**2
    elif form=='inv3': f=1/(1+c*Ri)**3
    K=l*l*S*f
    return np.sqrt(np.maximum(K,0.01)/100)
def pred(a,p,tint):
    form,c,lam,zsel=p
    if tint:
        sa=sig(a[:,8],a[:,9],a[:,5],a[:,6],*p); sb=sig(a[:,10],a[:,11],a[:,5],a[:,6],*p)
        s=sa+(sb-sa)*a[:,7]
    else:
        S=a[:,8]+(a[:,10]-a[:,8])*a[:,7]; N2=a[:,9]+(a[:,11]-a[:,9])*a[:,7]
        s=sig(S,N2,a[:,5],a[:,6],*p)
    t=a[:,0]; ts=np.unique(t)
    m=np.array([np.sum(s[t==x]*a[t==x,1])/np.sum(a[t==x,1]) for x in ts])
    h=np.array([a[t==x,2][0] for x in ts])
    return ts,m,h
def score(p,tint=True):
    e=[]
    for k,a in D.items():
        ts,m,h=pred(a,p,tint); e.append(np.log(m/h))
    e=np.concatenate(e); return np.sqrt(np.mean(e**2))
res=[]
for form,cs in [('exp',[0.1,0.2,0.3,0.5,0.7,1.0]),('inv2',[0.3,1,3,10]),('inv3',[0.3,1,3]),('inv',[1,3,10,30]),('cut',[0.25,0.5,1,2,4]),('lin2',[0.5,1,2,4,8])]:
  for c in cs:
    for lam in [20,40,70,100,150,250,500,1e9]:
      for zsel in [0,1,2,3]:
        if zsel==3 and lam>1000: continue
        for tint in [True,False]:
          p=(form,c,lam,zsel); res.append((score(p,tint),p,tint))
res.sort(key=lambda x:x[0])
for r in res[:15]: print(round(r[0],3),r[1],r[2])
best=res[0]
for k,a in D.items():
    ts,m,h=pred(a,best[1],best[2])
    print(k,' '.join(f'{int(t)}:{mm:.3f}/{hh:.3f}' for t,mm,hh in zip(ts,m,h) if int(t)%30==0 or t>-30))
