package org.stilt.core.met.synth;

import java.time.Duration;
import java.time.Instant;

import org.stilt.core.met.GridProjection;
import org.stilt.core.met.VerticalCoordinate;

/**
 * Evaluates a {@link SyntheticMetSpec} at a point: the analytic values that
 * {@link SyntheticMetWriter} writes and that tests compare a file against (docs/met-synth.md,
 * "Formulas"). Spherical Earth of radius {@link GridProjection#EARTH_RADIUS_METERS} as HYSPLIT.
 *
 * <p>Heights: the temperature is {@code T(z) = max(T_trop, T0 − Γ·z)} (z above sea level); the
 * surface pressure is given or {@code 1013.25·(T(zs)/T0)^(g/(R·Γ))}; the height above ground of a
 * pressure p over a surface (zs, ps) comes from the hypsometric equation with that profile:
 * {@code Ts/Γ·(1 − (p/ps)^(RΓ/g))} below the tropopause, isothermal above it.
 *
 * <p>Thread-safety: immutable; safe to share.
 */
public final class SyntheticMetModel {

    /** Gas constant of dry air, J/(kg·K). */
    public static final double R_DRY = 287.05;
    /** Gravity, m/s². */
    public static final double GRAVITY = 9.80665;
    /** Sea-level pressure of the standard atmosphere, hPa. */
    public static final double SEA_LEVEL_PRESSURE_HPA = 1013.25;

    private final SyntheticMetSpec spec;

    /** A model of {@code spec}. */
    public SyntheticMetModel(SyntheticMetSpec spec) {
        this.spec = spec;
    }

    /** The design. */
    public SyntheticMetSpec spec() {
        return spec;
    }

    /** Great-circle distance, m. */
    public static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(GridProjection.wrap180(lon2 - lon1));
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * GridProjection.EARTH_RADIUS_METERS * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }

    /**
     * Local east/north offsets (m) of a point from a reference point on the tangent plane:
     * {@code dx = R·cos(refLat)·Δλ}, {@code dy = R·Δφ} (Δλ wrapped to ±180°).
     */
    public static double[] localOffsetMeters(double refLat, double refLon, double lat, double lon) {
        double r = GridProjection.EARTH_RADIUS_METERS;
        double dx = r * Math.cos(Math.toRadians(refLat)) * Math.toRadians(GridProjection.wrap180(lon - refLon));
        double dy = r * Math.toRadians(lat - refLat);
        return new double[] {dx, dy};
    }

    /** Terrain height (SHGT), m above sea level. */
    public double terrainMeters(double lat, double lon) {
        return spec.terrain().heightMeters(lat, lon);
    }

    /** Temperature (K) at {@code zMsl} m above sea level. */
    public double temperatureKelvin(double zMsl) {
        SyntheticMetSpec.Atmosphere a = spec.atmosphere();
        return Math.max(a.tropopauseTemperatureKelvin(), a.seaLevelTemperatureKelvin() - a.lapseRateKelvinPerKm() / 1000.0 * zMsl);
    }

    /** Surface pressure (PRSS), hPa: the spec's value, or the profile's pressure at the terrain height. */
    public double surfacePressureHpa(double lat, double lon) {
        Double given = spec.surface().surfacePressureHpa();
        if (given != null) {
            return given;
        }
        return pressureAtHeight(SEA_LEVEL_PRESSURE_HPA, 0.0, terrainMeters(lat, lon));
    }

    /** Pressure (hPa) at height {@code z} over a level {@code z0} of pressure {@code p0} (the inverse of {@link #heightAboveGroundMeters}). */
    private double pressureAtHeight(double p0, double z0, double z) {
        double lapse = spec.atmosphere().lapseRateKelvinPerKm() / 1000.0;
        double tTrop = spec.atmosphere().tropopauseTemperatureKelvin();
        double t0 = temperatureKelvin(z0);
        if (lapse == 0.0 || t0 <= tTrop) {
            return p0 * Math.exp(-GRAVITY * (z - z0) / (R_DRY * t0));
        }
        double zTrop = z0 + (t0 - tTrop) / lapse;
        if (z <= zTrop) {
            return p0 * Math.pow(temperatureKelvin(z) / t0, GRAVITY / (R_DRY * lapse));
        }
        double pTrop = p0 * Math.pow(tTrop / t0, GRAVITY / (R_DRY * lapse));
        return pTrop * Math.exp(-GRAVITY * (z - zTrop) / (R_DRY * tTrop));
    }

    /**
     * Height above ground (m) of pressure {@code pHpa} over a surface at {@code zsMeters} with
     * pressure {@code psHpa} (negative for pressures above the surface pressure).
     */
    public double heightAboveGroundMeters(double pHpa, double zsMeters, double psHpa) {
        double lapse = spec.atmosphere().lapseRateKelvinPerKm() / 1000.0;
        double tTrop = spec.atmosphere().tropopauseTemperatureKelvin();
        double ts = temperatureKelvin(zsMeters);
        if (lapse == 0.0 || ts <= tTrop) {
            return R_DRY * ts / GRAVITY * Math.log(psHpa / pHpa);
        }
        double pTrop = psHpa * Math.pow(tTrop / ts, GRAVITY / (R_DRY * lapse));
        if (pHpa >= pTrop) {
            return ts / lapse * (1.0 - Math.pow(pHpa / psHpa, R_DRY * lapse / GRAVITY));
        }
        double zTrop = (ts - tTrop) / lapse;
        return zTrop + R_DRY * tTrop / GRAVITY * Math.log(pTrop / pHpa);
    }

    /** Pressure (hPa) of upper level {@code k} (1-based) over a surface pressure. */
    public double levelPressureHpa(int k, double psHpa) {
        double v = spec.levels().values().get(k - 1);
        return spec.levels().coordinate() == VerticalCoordinate.SIGMA ? v * psHpa : v;
    }

    /** Height above ground (m) of upper level {@code k} (1-based) at a point. */
    public double levelHeightAglMeters(int k, double lat, double lon) {
        double zs = terrainMeters(lat, lon);
        double ps = surfacePressureHpa(lat, lon);
        return heightAboveGroundMeters(levelPressureHpa(k, ps), zs, ps);
    }

    /** Hours since the first period (fractional). */
    public double hoursSinceStart(Instant time) {
        return Duration.between(spec.times().start(), time).toMillis() / 3_600_000.0;
    }

    /**
     * Earth-relative wind (m/s) {u, v} at a point, {@code zAgl} m above ground, at {@code time}
     * (see {@link SyntheticMetSpec.Wind}).
     */
    public double[] windEarth(double lat, double lon, double zAgl, Instant time) {
        double[] b = baseWindMs(time);
        double[] s = shearWindMs(zAgl);
        double[] r = rotationWindMs(lat, lon);
        return new double[] {b[0] + s[0] + r[0], b[1] + s[1] + r[1]};
    }

    /** The base wind {u0, v0} (m/s) at {@code time}: constant or the hourly entry. */
    public double[] baseWindMs(Instant time) {
        SyntheticMetSpec.Wind w = spec.wind();
        if (w.hourly().isEmpty()) {
            return new double[] {w.uMs(), w.vMs()};
        }
        int h = (int) Math.floor(hoursSinceStart(time));
        SyntheticMetSpec.HourlyWind hw = w.hourly().get(Math.max(0, Math.min(w.hourly().size() - 1, h)));
        return new double[] {hw.uMs(), hw.vMs()};
    }

    /** The shear part {du/dz·z', dv/dz·z'} (m/s), z' = min(zAgl, shear top), at least 0. */
    public double[] shearWindMs(double zAgl) {
        SyntheticMetSpec.Wind w = spec.wind();
        double z = Math.max(0.0, Math.min(zAgl, w.shearTopMeters()));
        return new double[] {w.duDzPerS() * z, w.dvDzPerS() * z};
    }

    /** The solid-body rotation part {−ω·dy, ω·dx} (m/s) at a point; zero without rotation. */
    public double[] rotationWindMs(double lat, double lon) {
        SyntheticMetSpec.Rotation r = spec.wind().rotation();
        if (r == null) {
            return new double[] {0.0, 0.0};
        }
        double[] d = localOffsetMeters(r.centreLat(), r.centreLon(), lat, lon);
        return new double[] {-r.angularVelocityRadPerS() * d[1], r.angularVelocityRadPerS() * d[0]};
    }

    /**
     * Angle (radians) from true east to grid east at a point: 0 on lat/lon grids,
     * {@code sin(trueLat)·(λ − λc)} on Lambert grids.
     */
    public double gridRotationRadians(double lat, double lon) {
        if (spec.grid() instanceof SyntheticMetSpec.LambertGrid g) {
            return Math.sin(Math.toRadians(g.trueLatDeg())) * Math.toRadians(GridProjection.wrap180(lon - g.centralLonDeg()));
        }
        return 0.0;
    }

    /**
     * The wind as the file stores it {u, v}: earth-relative on lat/lon grids, grid-relative on
     * Lambert grids ({@code u_g = u·cos θ − v·sin θ}, {@code v_g = u·sin θ + v·cos θ}).
     */
    public double[] windAsWritten(double lat, double lon, double zAgl, Instant time) {
        double[] e = windEarth(lat, lon, zAgl, time);
        double th = gridRotationRadians(lat, lon);
        if (th == 0.0) {
            return e;
        }
        double c = Math.cos(th);
        double s = Math.sin(th);
        return new double[] {e[0] * c - e[1] * s, e[0] * s + e[1] * c};
    }

    /** Vertical velocity WWND (hPa/s, positive down) at {@code zAgl}. */
    public double omegaHpaPerSecond(double zAgl) {
        SyntheticMetSpec.Omega o = spec.omega();
        if (o.profileTopMeters() == 0.0) {
            return o.hpaPerSecond();
        }
        double z = Math.max(0.0, Math.min(zAgl, o.profileTopMeters()));
        return o.hpaPerSecond() * Math.sin(Math.PI * z / o.profileTopMeters());
    }

    /** The diurnal factor (0..1) at {@code time}. */
    public double diurnalFactor(Instant time) {
        return spec.diurnal().factor(time);
    }

    /** PBLH (m) at {@code time}. */
    public double pblhMeters(Instant time) {
        return spec.surface().pblhMeters().at(diurnalFactor(time));
    }

    /** SHTF (W/m²) at {@code time}. */
    public double sensibleHeatFluxWm2(Instant time) {
        return spec.surface().sensibleHeatFluxWm2().at(diurnalFactor(time));
    }

    /** LHTF (W/m²) at {@code time}. */
    public double latentHeatFluxWm2(Instant time) {
        return spec.surface().latentHeatFluxWm2().at(diurnalFactor(time));
    }

    /** USTR (m/s) at {@code time}. */
    public double frictionVelocityMs(Instant time) {
        return spec.surface().frictionVelocityMs().at(diurnalFactor(time));
    }

    /** DSWF (W/m²) at {@code time}. */
    public double shortwaveDownWm2(Instant time) {
        return spec.surface().shortwaveDownWm2().at(diurnalFactor(time));
    }
}
