#!/usr/bin/env python3
"""Writes example_particles.csv.gz: a synthetic STILT particle table for the quickstart.

A small Lagrangian plume model (standard library only, fixed seed): 100 particles followed 6 hours
backward from a receptor at (40.5 N, 110.0 W), 1-minute steps. Horizontal motion is a mean wind
that turns slowly with time plus an AR(1) turbulent velocity; a reflecting vertical random walk
in a diurnal mixed layer sets `foot` = 0.02897*60/(0.5*h*dens) while a particle is below half the
mixed-layer height h, else 0. Columns and row order follow R-STILT's particle table
(nearest time first, then indx). This is test data, not physics: real particles come from
`stilt run` (the transport kernel).

Usage: python3 make_example_particles.py  (rewrites the file deterministically)
"""
import gzip
import math
import random

SEED = 20211
N_PARTICLES = 100
N_MINUTES = 360
RECEPTOR_LON, RECEPTOR_LAT = -110.0, 40.5
RECEPTOR_ZAGL = 5.0
DENS = 1.05           # air density, kg m-3
SIGMA_U = 1.2         # turbulent horizontal velocity, m s-1
T_L_S = 600.0         # Lagrangian time scale, s
SIGMA_W = 0.8         # vertical velocity scale, m s-1
M_PER_DEG = 111_195.0


def mixed_layer_height(minute):
    """Mixed-layer height (m): 1200 m at the receptor time, shrinking backward to 400 m."""
    return 400.0 + 800.0 * math.exp(-minute / 180.0)


def mean_wind(minute):
    """Mean wind (u, v) in m s-1 that the particle moves against (backward in time)."""
    angle = math.radians(20.0 - 40.0 * minute / N_MINUTES)
    speed = 6.0
    return speed * math.cos(angle), speed * math.sin(angle)


def main():
    rng = random.Random(SEED)
    phi = math.exp(-60.0 / T_L_S)
    rows = []
    for indx in range(1, N_PARTICLES + 1):
        lon, lat, z = RECEPTOR_LON, RECEPTOR_LAT, RECEPTOR_ZAGL
        up = rng.gauss(0.0, SIGMA_U)
        vp = rng.gauss(0.0, SIGMA_U)
        for minute in range(1, N_MINUTES + 1):
            u, v = mean_wind(minute)
            up = phi * up + math.sqrt(1.0 - phi * phi) * rng.gauss(0.0, SIGMA_U)
            vp = phi * vp + math.sqrt(1.0 - phi * phi) * rng.gauss(0.0, SIGMA_U)
            lon -= (u + up) * 60.0 / (M_PER_DEG * math.cos(math.radians(lat)))
            lat -= (v + vp) * 60.0 / M_PER_DEG
            h = mixed_layer_height(minute)
            z += rng.gauss(0.0, SIGMA_W) * 60.0
            while z < 0.0 or z > h:
                z = -z if z < 0.0 else 2.0 * h - z
            foot = 0.02897 * 60.0 / (0.5 * h * DENS) if z < 0.5 * h else 0.0
            rows.append((-minute, indx, lon, lat, foot))
    rows.sort(key=lambda r: (-r[0], r[1]))
    with gzip.GzipFile("example_particles.csv.gz", "wb", mtime=0) as raw:
        raw.write(b"time,indx,long,lati,foot\n")
        for t, i, lon, lat, foot in rows:
            raw.write(f"{t},{i},{lon:.6f},{lat:.6f},{foot:.6g}\n".encode())


if __name__ == "__main__":
    main()
