#!/usr/bin/env python3
"""Where in time a deterministic case's position error grows (docs/parity.md, det_plev).

Usage: det_intervals.py CASE OURS.csv [INTERVAL_MIN] [MIN_PARTICLE]

CASE is a directory name under ../shared/reference/transport/deterministic; OURS.csv is our table
of that case (DeterministicRowsDumpTest's columns time,indx,long,lati,... or the parity dump's
lon/lat). For each met interval (default 180 min, counted back from the receptor time) it prints
the change over the interval of the mean of ours - hycs_std (latitude / longitude, 1e-6 degrees),
each end the mean over +-15 minutes and the particles >= MIN_PARTICLE (default 3), then the rows
over 1e-4 degrees. A static-frame effect shows as growth in some intervals only.
"""
import csv
import gzip
import os
import sys


def main():
    case, ours = sys.argv[1], sys.argv[2]
    interval = int(sys.argv[3]) if len(sys.argv) > 3 else 180
    pmin = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    here = os.path.dirname(os.path.abspath(__file__))
    ref_file = os.path.join(here, '..', '..', '..', 'shared', 'reference', 'transport', 'deterministic', case,
                            'particles.csv.gz')
    ref = {}
    for r in csv.DictReader(gzip.open(ref_file, 'rt')):
        ref[(int(r['time']), int(r['indx']))] = (float(r['long']), float(r['lati']))
    o = {}
    for r in csv.DictReader(open(ours)):
        lon = float(r['long'] if 'long' in r else r['lon'])
        lat = float(r['lati'] if 'lati' in r else r['lat'])
        o[(int(float(r['time'])), int(float(r['indx'])))] = (lon, lat)
    tmin = min(k[0] for k in ref)
    particles = sorted({k[1] for k in ref if k[1] >= pmin})

    def mean_at(t0):
        s = [0.0, 0.0, 0]
        for t in range(t0 - 15, t0 + 16):
            for p in particles:
                k = (t, p)
                if k in ref and k in o:
                    s[0] += o[k][1] - ref[k][1]
                    s[1] += o[k][0] - ref[k][0]
                    s[2] += 1
        return (s[0] / s[2], s[1] / s[2]) if s[2] else (0.0, 0.0)

    prev = (0.0, 0.0)
    t = -interval
    while True:
        end = max(t, tmin + 15)
        m = mean_at(end)
        print('%6d..%6d  dlat %7.2f  dlon %7.2f' % (end + interval if t == end else t + interval, end,
                                                    (m[0] - prev[0]) * 1e6, (m[1] - prev[1]) * 1e6))
        prev = m
        if end != t:
            break
        t -= interval
    over = sum(1 for k in ref if k in o and max(abs(o[k][0] - ref[k][0]), abs(o[k][1] - ref[k][1])) > 1e-4 + 1e-9)
    print('rows over 1e-4 deg:', over)


if __name__ == '__main__':
    main()
