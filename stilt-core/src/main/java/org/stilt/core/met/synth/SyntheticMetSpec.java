package org.stilt.core.met.synth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.stilt.core.InvalidInputException;
import org.stilt.core.met.ArlGrid;
import org.stilt.core.met.GridProjection;
import org.stilt.core.met.VerticalCoordinate;

/**
 * The analytic design of a synthetic ARL meteorology file (docs/met-synth.md): grid, vertical
 * levels, times, winds, vertical velocity, diurnal boundary layer and surface fluxes, terrain and
 * the temperature/humidity profile. {@link SyntheticMetModel} evaluates the design at any point;
 * {@link SyntheticMetWriter} writes it as ARL files that HYSPLIT ({@code hycs_std}) reads.
 *
 * <p>Every component validates itself in its compact constructor and throws
 * {@link InvalidInputException} naming the bad value and what was expected. Build one with
 * {@link #builder()}, or read one with {@link SyntheticMetYaml}.
 *
 * @param source     four-character data source written in every index ({@code SYNT})
 * @param grid       horizontal grid
 * @param levels     vertical coordinate and level values
 * @param times      valid times of the periods
 * @param wind       horizontal wind design (earth-relative; rotated to the grid on Lambert grids)
 * @param omega      vertical velocity design ({@code WWND}, hPa/s, positive down)
 * @param diurnal    clock of the diurnal cycle (UTC offset of local solar time, peak hour)
 * @param surface    boundary-layer height, surface fluxes, friction velocity, surface pressure
 * @param terrain    terrain height field
 * @param atmosphere temperature profile and humidity
 *
 * <p>Thread-safety: immutable value; safe to share.
 */
public record SyntheticMetSpec(String source, Grid grid, Levels levels, Times times, Wind wind, Omega omega,
                               Diurnal diurnal, Surface surface, Terrain terrain, Atmosphere atmosphere) {

    /** HRRR's sigma levels above the surface (as in the real HRRR ARL files and the e2e met files). */
    public static final List<Double> HRRR_SIGMA_LEVELS = List.of(0.999, 0.996, 0.9905, 0.981, 0.967, 0.949,
            0.9275, 0.904, 0.8785, 0.85, 0.8185, 0.784, 0.7465, 0.706, 0.6625, 0.616, 0.567, 0.5195, 0.47675,
            0.4385, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1);

    /** The pressure levels (hPa) of the e2e_c reference file: 975, 950, 925, 900, 850 .. 100 by 50. */
    public static final List<Double> STANDARD_PRESSURE_LEVELS_HPA = standardPressureLevels();

    public SyntheticMetSpec {
        require(source != null && source.matches("[ -~]{4}"), "source", source, "4 printable ASCII characters, e.g. SYNT");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(levels, "levels");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(wind, "wind");
        Objects.requireNonNull(omega, "omega");
        Objects.requireNonNull(diurnal, "diurnal");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(terrain, "terrain");
        Objects.requireNonNull(atmosphere, "atmosphere");
    }

    private static List<Double> standardPressureLevels() {
        List<Double> l = new ArrayList<>(List.of(975.0, 950.0, 925.0, 900.0));
        for (int p = 850; p >= 100; p -= 50) {
            l.add((double) p);
        }
        return List.copyOf(l);
    }

    static void require(boolean ok, String name, Object value, String expected) {
        if (!ok) {
            throw new InvalidInputException("synthetic met: " + name + " is " + value + "; expected " + expected);
        }
    }

    static void requireFinite(double v, String name) {
        require(Double.isFinite(v), name, v, "a finite number");
    }

    /** A builder with the defaults of docs/met-synth.md (only grid and times are required). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Horizontal grid: regular lat/lon or Lambert conformal.
     *
     * <p>Thread-safety: immutable value; safe to share.
     */
    public sealed interface Grid permits LatLonGrid, LambertGrid {
        /** The ARL index grid. */
        ArlGrid toArlGrid();

        /** Columns. */
        int nx();

        /** Rows. */
        int ny();
    }

    /**
     * Regular latitude/longitude grid with point (1,1) at ({@code cornerLat}, {@code cornerLon}).
     * The corner longitude is written in 0..360 (hycs_std rejects some negative corners).
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param cornerLat southernmost row latitude, degrees
     * @param cornerLon westernmost column longitude, degrees (any range)
     * @param dLatDeg   row spacing, degrees
     * @param dLonDeg   column spacing, degrees
     * @param nx        columns (2..9999)
     * @param ny        rows (2..9999)
     */
    public record LatLonGrid(double cornerLat, double cornerLon, double dLatDeg, double dLonDeg, int nx, int ny)
            implements Grid {
        public LatLonGrid {
            require(Double.isFinite(cornerLat) && Math.abs(cornerLat) <= 90, "grid corner latitude", cornerLat, "-90..90");
            requireFinite(cornerLon, "grid corner longitude");
            require(dLatDeg > 0 && dLatDeg < 90, "grid latitude spacing", dLatDeg, "a spacing > 0 degrees");
            require(dLonDeg > 0 && dLonDeg < 360, "grid longitude spacing", dLonDeg, "a spacing > 0 degrees");
            require(nx >= 2 && nx <= 9999, "grid nx", nx, "2..9999");
            require(ny >= 2 && ny <= 9999, "grid ny", ny, "2..9999");
            require(cornerLat + (ny - 1) * dLatDeg <= 90 + 1e-9, "grid northern edge",
                    cornerLat + (ny - 1) * dLatDeg, "at most 90 degrees (fewer rows or a smaller spacing)");
        }

        /** A grid whose centre is ({@code centreLat}, {@code centreLon}). */
        public static LatLonGrid centredAt(double centreLat, double centreLon, double dLatDeg, double dLonDeg,
                                           int nx, int ny) {
            return new LatLonGrid(centreLat - (ny - 1) * dLatDeg / 2, centreLon - (nx - 1) * dLonDeg / 2,
                    dLatDeg, dLonDeg, nx, ny);
        }

        @Override
        public ArlGrid toArlGrid() {
            double lon0 = ((cornerLon % 360.0) + 360.0) % 360.0;
            return fitted(ArlGrid.latLon(cornerLat, lon0, dLatDeg, dLonDeg, nx, ny));
        }
    }

    /**
     * Lambert conformal grid tangent at {@code trueLatDeg} (cone angle = true latitude, as HRRR),
     * placed by a synchronisation point: grid point ({@code syncX}, {@code syncY}) (1-based) is at
     * ({@code syncLat}, {@code syncLon}). {@link #cornerAt} and {@link #centredAt} build the usual
     * cases.
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param trueLatDeg    tangent latitude, degrees (not 0, |.| < 90)
     * @param centralLonDeg central meridian, degrees
     * @param spacingKm     grid spacing, km
     * @param syncX         1-based grid x of the synchronisation point
     * @param syncY         1-based grid y of the synchronisation point
     * @param syncLat       its latitude
     * @param syncLon       its longitude
     * @param nx            columns
     * @param ny            rows
     */
    public record LambertGrid(double trueLatDeg, double centralLonDeg, double spacingKm, double syncX, double syncY,
                              double syncLat, double syncLon, int nx, int ny) implements Grid {
        public LambertGrid {
            require(Double.isFinite(trueLatDeg) && trueLatDeg != 0 && Math.abs(trueLatDeg) < 90,
                    "Lambert true latitude", trueLatDeg, "a latitude in -90..90, not 0 or ±90");
            requireFinite(centralLonDeg, "Lambert central longitude");
            require(spacingKm > 0 && spacingKm < 1000, "Lambert grid spacing", spacingKm + " km", "0 < spacing < 1000 km");
            require(Double.isFinite(syncLat) && Math.abs(syncLat) < 90, "Lambert reference latitude", syncLat, "-90..90");
            requireFinite(syncLon, "Lambert reference longitude");
            require(nx >= 2 && nx <= 9999, "grid nx", nx, "2..9999");
            require(ny >= 2 && ny <= 9999, "grid ny", ny, "2..9999");
            require(syncX >= 1 && syncX <= nx && syncY >= 1 && syncY <= ny, "Lambert reference point",
                    "(" + syncX + ", " + syncY + ")", "a grid point inside 1.." + nx + " × 1.." + ny);
        }

        /** A grid whose point (1,1) is at ({@code cornerLat}, {@code cornerLon}). */
        public static LambertGrid cornerAt(double trueLatDeg, double centralLonDeg, double spacingKm,
                                           double cornerLat, double cornerLon, int nx, int ny) {
            return new LambertGrid(trueLatDeg, centralLonDeg, spacingKm, 1, 1, cornerLat, cornerLon, nx, ny);
        }

        /** A grid whose centre point ((nx+1)/2, (ny+1)/2) is at ({@code centreLat}, {@code centreLon}). */
        public static LambertGrid centredAt(double trueLatDeg, double centralLonDeg, double spacingKm,
                                            double centreLat, double centreLon, int nx, int ny) {
            return new LambertGrid(trueLatDeg, centralLonDeg, spacingKm, (nx + 1) / 2.0, (ny + 1) / 2.0,
                    centreLat, centreLon, nx, ny);
        }

        @Override
        public ArlGrid toArlGrid() {
            return fitted(new ArlGrid(trueLatDeg >= 0 ? 90.0 : -90.0, 0.0, trueLatDeg, centralLonDeg, spacingKm, 0.0,
                    trueLatDeg, syncX, syncY, syncLat, syncLon, 0.0, nx, ny));
        }
    }

    /**
     * The grid as HYSPLIT will read it back: every index field rounded to the 7 characters the ARL
     * index stores (e.g. a corner longitude −118.1234 is stored as −118.12), so that fields are
     * computed at the positions HYSPLIT uses.
     */
    static ArlGrid fitted(ArlGrid g) {
        return new ArlGrid(fit7(g.poleLat()), fit7(g.poleLon()), fit7(g.refLat()), fit7(g.refLon()),
                fit7(g.gridSizeKm()), fit7(g.orientationDeg()), fit7(g.coneAngleDeg()), fit7(g.syncX()),
                fit7(g.syncY()), fit7(g.syncLat()), fit7(g.syncLon()), fit7(g.reserved()), g.nx(), g.ny());
    }

    /** {@code value} rounded as the ARL index's 7-character real field writes it. */
    static double fit7(double value) {
        for (int decimals = 6; decimals >= 0; decimals--) {
            String s = String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
            int len = s.length() - (s.startsWith("0.") || s.startsWith("-0.") ? 1 : 0) + (decimals == 0 ? 1 : 0);
            if (len <= 7) {
                return Double.parseDouble(s);
            }
        }
        throw new InvalidInputException("synthetic met: grid value " + value + " does not fit the ARL index's 7 characters");
    }

    /**
     * Vertical levels above the surface. Sigma: values in (0, 1), decreasing, p = σ·PRSS (p_top 0),
     * surface level value 1.0. Pressure: hPa, decreasing, surface level value 0.
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param coordinate {@link VerticalCoordinate#SIGMA} or {@link VerticalCoordinate#PRESSURE}
     * @param values     level values from the lowest up
     */
    public record Levels(VerticalCoordinate coordinate, List<Double> values) {
        public Levels {
            require(coordinate == VerticalCoordinate.SIGMA || coordinate == VerticalCoordinate.PRESSURE,
                    "vertical coordinate", coordinate, "sigma or pressure");
            values = List.copyOf(values);
            require(!values.isEmpty() && values.size() <= 98, "number of levels", values.size(), "1..98");
            for (int i = 0; i < values.size(); i++) {
                double v = values.get(i);
                if (coordinate == VerticalCoordinate.SIGMA) {
                    require(v > 0 && v < 1, "sigma level " + (i + 1), v, "a value in (0, 1)");
                } else {
                    require(v > 0 && v < 1100, "pressure level " + (i + 1), v + " hPa", "0 < p < 1100 hPa");
                }
                if (i > 0) {
                    require(v < values.get(i - 1), "level " + (i + 1), v, "a value below level " + i + " ("
                            + values.get(i - 1) + "): levels must decrease upwards");
                }
            }
        }

        /** HRRR's 27 sigma levels. */
        public static Levels hrrrSigma() {
            return new Levels(VerticalCoordinate.SIGMA, HRRR_SIGMA_LEVELS);
        }

        /** The 20 standard pressure levels 975..100 hPa. */
        public static Levels standardPressure() {
            return new Levels(VerticalCoordinate.PRESSURE, STANDARD_PRESSURE_LEVELS_HPA);
        }

        /** The index value of the surface level: 1.0 for sigma, 0 for pressure. */
        public double surfaceValue() {
            return coordinate == VerticalCoordinate.SIGMA ? 1.0 : 0.0;
        }
    }

    /**
     * Valid times: {@code count} periods from {@code start} every {@code interval}.
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param start    first valid time, on a whole minute
     * @param interval time between periods (whole minutes, > 0)
     * @param count    number of periods (≥ 1)
     */
    public record Times(Instant start, Duration interval, int count) {
        public Times {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(interval, "interval");
            require(start.getEpochSecond() % 60 == 0 && start.getNano() == 0, "start time", start, "a time on a whole minute");
            require(!interval.isNegative() && !interval.isZero() && interval.getSeconds() % 60 == 0
                    && interval.getNano() == 0, "time interval", interval, "a positive whole number of minutes");
            require(count >= 1 && count <= 100_000, "number of periods", count, "1..100000");
        }

        /** Hourly periods covering {@code hours} hours: {@code hours + 1} periods. */
        public static Times hourly(Instant start, int hours) {
            return new Times(start, Duration.ofHours(1), hours + 1);
        }

        /** Valid time of period {@code i}. */
        public Instant time(int i) {
            return start.plus(interval.multipliedBy(i));
        }

        /** Last valid time. */
        public Instant last() {
            return time(count - 1);
        }
    }

    /**
     * One hour's base wind of an hourly-varying design.
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param uMs eastward component, m/s
     * @param vMs northward component, m/s
     */
    public record HourlyWind(double uMs, double vMs) {
        public HourlyWind {
            requireFinite(uMs, "hourly wind u");
            requireFinite(vMs, "hourly wind v");
        }
    }

    /**
     * Solid-body rotation about a centre: {@code u = −ω·dy}, {@code v = ω·dx}, with dx, dy the
     * local east/north distances (m) from the centre, dx = R·cos(lat_c)·Δλ, dy = R·Δφ.
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param centreLat               centre latitude
     * @param centreLon               centre longitude
     * @param angularVelocityRadPerS  ω, rad/s, positive counter-clockwise (cyclonic in the north)
     */
    public record Rotation(double centreLat, double centreLon, double angularVelocityRadPerS) {
        public Rotation {
            require(Double.isFinite(centreLat) && Math.abs(centreLat) < 90, "rotation centre latitude", centreLat, "-90..90");
            requireFinite(centreLon, "rotation centre longitude");
            require(Double.isFinite(angularVelocityRadPerS) && Math.abs(angularVelocityRadPerS) < 0.01,
                    "rotation angular velocity", angularVelocityRadPerS + " rad/s", "|ω| < 0.01 rad/s (e.g. 1e-5)");
        }
    }

    /**
     * Horizontal wind, earth-relative: {@code u = u0(t) + duDz·min(z, shearTop) + rotation},
     * likewise v; z is the height above ground. {@code u0(t)} is {@code uMs} or, when
     * {@code hourly} is not empty, entry {@code floor(hours since start)} (the last entry after the
     * list ends).
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param uMs            base eastward wind, m/s
     * @param vMs            base northward wind, m/s
     * @param duDzPerS       du/dz, 1/s (m/s per m)
     * @param dvDzPerS       dv/dz, 1/s
     * @param shearTopMeters height above ground where the shear stops (> 0)
     * @param hourly         base winds per hour (replace u/v when not empty)
     * @param rotation       solid-body rotation, or null
     */
    public record Wind(double uMs, double vMs, double duDzPerS, double dvDzPerS, double shearTopMeters,
                       List<HourlyWind> hourly, Rotation rotation) {
        public Wind {
            requireFinite(uMs, "wind u");
            requireFinite(vMs, "wind v");
            require(Double.isFinite(duDzPerS) && Math.abs(duDzPerS) < 1, "wind du/dz", duDzPerS + " 1/s", "|du/dz| < 1 s^-1 (e.g. 0.002)");
            require(Double.isFinite(dvDzPerS) && Math.abs(dvDzPerS) < 1, "wind dv/dz", dvDzPerS + " 1/s", "|dv/dz| < 1 s^-1 (e.g. 0.002)");
            require(shearTopMeters > 0 && Double.isFinite(shearTopMeters), "wind shear top", shearTopMeters + " m", "a height > 0 m");
            hourly = hourly == null ? List.of() : List.copyOf(hourly);
        }

        /** A uniform wind. */
        public static Wind uniform(double uMs, double vMs) {
            return new Wind(uMs, vMs, 0, 0, 3000, List.of(), null);
        }
    }

    /**
     * Vertical velocity {@code WWND} in hPa/s (ARL's unit; positive = downward, as pressure
     * increases): {@code ω0} everywhere, or {@code ω0·sin(π·min(z, top)/top)} when
     * {@code profileTopMeters > 0} (zero at the ground, largest at top/2).
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param hpaPerSecond     ω0, hPa/s (1 hPa/s = 100 Pa/s)
     * @param profileTopMeters top of the sine profile, m above ground; 0 = uniform
     */
    public record Omega(double hpaPerSecond, double profileTopMeters) {
        public Omega {
            require(Double.isFinite(hpaPerSecond) && Math.abs(hpaPerSecond) < 10, "omega", hpaPerSecond + " hPa/s",
                    "|omega| < 10 hPa/s (e.g. -0.002)");
            require(profileTopMeters >= 0 && Double.isFinite(profileTopMeters), "omega profile top",
                    profileTopMeters + " m", "0 (uniform) or a height > 0 m");
        }

        /** No vertical motion. */
        public static Omega none() {
            return new Omega(0, 0);
        }
    }

    /**
     * Clock of the diurnal cycle: local solar hour = UTC hour + {@code utcOffsetHours}; a diurnal
     * quantity is {@code min + (max − min)·max(0, cos(2π(local − peakLocalHour)/24))}: its maximum
     * at the peak hour, its minimum for the 12 hours around the opposite hour.
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param utcOffsetHours local solar time minus UTC, hours (e.g. −7 for 105° W)
     * @param peakLocalHour  local hour of the maximum (e.g. 14)
     */
    public record Diurnal(double utcOffsetHours, double peakLocalHour) {
        public Diurnal {
            require(Double.isFinite(utcOffsetHours) && Math.abs(utcOffsetHours) <= 14, "UTC offset",
                    utcOffsetHours + " h", "-14..14 hours");
            require(peakLocalHour >= 0 && peakLocalHour < 24, "peak local hour", peakLocalHour, "0 <= hour < 24");
        }

        /** The cycle's factor in 0..1 at {@code time}. */
        public double factor(Instant time) {
            double utcHours = Math.floorMod(time.getEpochSecond(), 86_400L) / 3600.0;
            return Math.max(0.0, Math.cos(2 * Math.PI * (utcHours + utcOffsetHours - peakLocalHour) / 24.0));
        }
    }

    /**
     * A value that follows the diurnal cycle between {@code min} and {@code max} (constant when equal).
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param min night value
     * @param max value at the peak hour
     */
    public record DiurnalRange(double min, double max) {
        public DiurnalRange {
            requireFinite(min, "diurnal minimum");
            requireFinite(max, "diurnal maximum");
        }

        /** A constant. */
        public static DiurnalRange constant(double value) {
            return new DiurnalRange(value, value);
        }

        /** The value for a cycle factor in 0..1. */
        public double at(double factor) {
            return min + (max - min) * factor;
        }
    }

    /**
     * Surface fields.
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param pblhMeters              PBLH, m above ground
     * @param sensibleHeatFluxWm2     SHTF, W/m²
     * @param latentHeatFluxWm2       LHTF, W/m²
     * @param frictionVelocityMs      USTR, m/s
     * @param shortwaveDownWm2        DSWF, W/m²
     * @param surfacePressureHpa      PRSS, hPa; null = standard atmosphere at the terrain height
     * @param momentumFluxes          also write UMOF/VMOF (N/m², from ρ·u*² along the 10 m wind)
     */
    public record Surface(DiurnalRange pblhMeters, DiurnalRange sensibleHeatFluxWm2, DiurnalRange latentHeatFluxWm2,
                          DiurnalRange frictionVelocityMs, DiurnalRange shortwaveDownWm2, Double surfacePressureHpa,
                          boolean momentumFluxes) {
        public Surface {
            Objects.requireNonNull(pblhMeters, "pblhMeters");
            Objects.requireNonNull(sensibleHeatFluxWm2, "sensibleHeatFluxWm2");
            Objects.requireNonNull(latentHeatFluxWm2, "latentHeatFluxWm2");
            Objects.requireNonNull(frictionVelocityMs, "frictionVelocityMs");
            Objects.requireNonNull(shortwaveDownWm2, "shortwaveDownWm2");
            require(pblhMeters.min() > 0 && pblhMeters.max() > 0, "PBL height", pblhMeters, "heights > 0 m");
            require(frictionVelocityMs.min() >= 0 && frictionVelocityMs.max() >= 0, "friction velocity",
                    frictionVelocityMs, "values >= 0 m/s");
            require(shortwaveDownWm2.min() >= 0 && shortwaveDownWm2.max() >= 0, "shortwave flux", shortwaveDownWm2,
                    "values >= 0 W/m2");
            require(surfacePressureHpa == null || (surfacePressureHpa > 100 && surfacePressureHpa < 1100),
                    "surface pressure", surfacePressureHpa + " hPa", "100..1100 hPa, or absent for the standard atmosphere");
        }

        /** The e2e_a defaults: PBLH 1000 m, SHTF 100, LHTF 50, USTR 0.35, DSWF 400, standard pressure. */
        public static Surface defaults() {
            return new Surface(DiurnalRange.constant(1000), DiurnalRange.constant(100), DiurnalRange.constant(50),
                    DiurnalRange.constant(0.35), DiurnalRange.constant(400), null, false);
        }
    }

    /**
     * Terrain height field (SHGT, m above sea level).
     *
     * <p>Thread-safety: immutable value; safe to share.
     */
    public sealed interface Terrain permits Flat, GaussianHill, LinearSlope {
        /** Terrain height at a point, m. */
        double heightMeters(double lat, double lon);
    }

    /**
     * Flat terrain.
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param heightMeters height, m
     */
    public record Flat(double heightMeters) implements Terrain {
        public Flat {
            require(heightMeters > -500 && heightMeters < 9000, "terrain height", heightMeters + " m", "-500..9000 m");
        }

        @Override
        public double heightMeters(double lat, double lon) {
            return heightMeters;
        }
    }

    /**
     * A Gaussian hill: {@code base + (peak − base)·exp(−r²/(2·radius²))}, r the great-circle
     * distance from the centre.
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param baseMeters  height far from the hill, m
     * @param peakMeters  height at the centre, m
     * @param centreLat   centre latitude
     * @param centreLon   centre longitude
     * @param radiusKm    e-folding radius σ, km
     */
    public record GaussianHill(double baseMeters, double peakMeters, double centreLat, double centreLon,
                               double radiusKm) implements Terrain {
        public GaussianHill {
            require(baseMeters > -500 && baseMeters < 9000, "hill base height", baseMeters + " m", "-500..9000 m");
            require(peakMeters > -500 && peakMeters < 9000, "hill peak height", peakMeters + " m", "-500..9000 m");
            require(Double.isFinite(centreLat) && Math.abs(centreLat) <= 90, "hill centre latitude", centreLat, "-90..90");
            requireFinite(centreLon, "hill centre longitude");
            require(radiusKm > 0 && Double.isFinite(radiusKm), "hill radius", radiusKm + " km", "a radius > 0 km");
        }

        @Override
        public double heightMeters(double lat, double lon) {
            double r = SyntheticMetModel.distanceMeters(centreLat, centreLon, lat, lon) / 1000.0;
            return baseMeters + (peakMeters - baseMeters) * Math.exp(-r * r / (2 * radiusKm * radiusKm));
        }
    }

    /**
     * A plane: {@code base + eastGradient·dx + northGradient·dy} (dx, dy in km east/north of the
     * reference point, local tangent-plane distances), never below −400 m.
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param baseMeters            height at the reference point, m
     * @param refLat                reference latitude
     * @param refLon                reference longitude
     * @param metersPerKmEast       eastward gradient, m/km
     * @param metersPerKmNorth      northward gradient, m/km
     */
    public record LinearSlope(double baseMeters, double refLat, double refLon, double metersPerKmEast,
                              double metersPerKmNorth) implements Terrain {
        public LinearSlope {
            require(baseMeters > -500 && baseMeters < 9000, "slope base height", baseMeters + " m", "-500..9000 m");
            require(Double.isFinite(refLat) && Math.abs(refLat) < 90, "slope reference latitude", refLat, "-90..90");
            requireFinite(refLon, "slope reference longitude");
            require(Double.isFinite(metersPerKmEast) && Math.abs(metersPerKmEast) <= 100, "slope east gradient",
                    metersPerKmEast + " m/km", "-100..100 m/km");
            require(Double.isFinite(metersPerKmNorth) && Math.abs(metersPerKmNorth) <= 100, "slope north gradient",
                    metersPerKmNorth + " m/km", "-100..100 m/km");
        }

        @Override
        public double heightMeters(double lat, double lon) {
            double[] d = SyntheticMetModel.localOffsetMeters(refLat, refLon, lat, lon);
            return Math.max(-400.0, baseMeters + metersPerKmEast * d[0] / 1000.0 + metersPerKmNorth * d[1] / 1000.0);
        }
    }

    /**
     * Temperature profile and humidity. {@code T(z) = max(tropopause, seaLevel − lapse·z)}, z in m
     * above sea level; heights of pressure levels follow from the hypsometric equation with this
     * profile. Sigma files carry SPHU, pressure files RELH.
     *
     * <p>Thread-safety: immutable value; safe to share.
     *
     * @param seaLevelTemperatureKelvin   T at z = 0 (K)
     * @param lapseRateKelvinPerKm        −dT/dz (K/km), ≥ 0
     * @param tropopauseTemperatureKelvin isothermal temperature above the tropopause (K)
     * @param specificHumidityKgPerKg     SPHU (kg/kg)
     * @param relativeHumidityPercent     RELH (%)
     */
    public record Atmosphere(double seaLevelTemperatureKelvin, double lapseRateKelvinPerKm,
                             double tropopauseTemperatureKelvin, double specificHumidityKgPerKg,
                             double relativeHumidityPercent) {
        public Atmosphere {
            require(seaLevelTemperatureKelvin > 150 && seaLevelTemperatureKelvin < 350, "sea-level temperature",
                    seaLevelTemperatureKelvin + " K", "150..350 K");
            require(lapseRateKelvinPerKm >= 0 && lapseRateKelvinPerKm <= 12, "lapse rate",
                    lapseRateKelvinPerKm + " K/km", "0..12 K/km");
            require(tropopauseTemperatureKelvin > 100 && tropopauseTemperatureKelvin <= seaLevelTemperatureKelvin,
                    "tropopause temperature", tropopauseTemperatureKelvin + " K", "100 K .. the sea-level temperature");
            require(specificHumidityKgPerKg >= 0 && specificHumidityKgPerKg < 0.05, "specific humidity",
                    specificHumidityKgPerKg + " kg/kg", "0..0.05 kg/kg");
            require(relativeHumidityPercent >= 0 && relativeHumidityPercent <= 100, "relative humidity",
                    relativeHumidityPercent + " %", "0..100 %");
        }

        /** US standard atmosphere (288.15 K, 6.5 K/km, 216.65 K), SPHU 0.005, RELH 50 %. */
        public static Atmosphere standard() {
            return new Atmosphere(288.15, 6.5, 216.65, 0.005, 50.0);
        }
    }

    /**
     * Builds a {@link SyntheticMetSpec}; every setter returns the builder.
     *
     * <p>Thread-safety: not thread-safe; confine to one thread.
     */
    public static final class Builder {
        private String source = "SYNT";
        private Grid grid;
        private Levels levels = Levels.hrrrSigma();
        private Times times;
        private Wind wind = Wind.uniform(0, 0);
        private Omega omega = Omega.none();
        private Diurnal diurnal = new Diurnal(0, 14);
        private Surface surface = Surface.defaults();
        private Terrain terrain = new Flat(0);
        private Atmosphere atmosphere = Atmosphere.standard();

        private Builder() {
        }

        /** Data source (4 characters). */
        public Builder source(String v) {
            source = v;
            return this;
        }

        /** Horizontal grid (required). */
        public Builder grid(Grid v) {
            grid = v;
            return this;
        }

        /** Vertical levels (default HRRR sigma). */
        public Builder levels(Levels v) {
            levels = v;
            return this;
        }

        /** Valid times (required). */
        public Builder times(Times v) {
            times = v;
            return this;
        }

        /** Wind (default calm). */
        public Builder wind(Wind v) {
            wind = v;
            return this;
        }

        /** Vertical velocity (default none). */
        public Builder omega(Omega v) {
            omega = v;
            return this;
        }

        /** Diurnal clock (default UTC offset 0, peak 14 h). */
        public Builder diurnal(Diurnal v) {
            diurnal = v;
            return this;
        }

        /** Surface fields (default {@link Surface#defaults()}). */
        public Builder surface(Surface v) {
            surface = v;
            return this;
        }

        /** Terrain (default flat at sea level). */
        public Builder terrain(Terrain v) {
            terrain = v;
            return this;
        }

        /** Temperature and humidity (default {@link Atmosphere#standard()}). */
        public Builder atmosphere(Atmosphere v) {
            atmosphere = v;
            return this;
        }

        /** The spec. @throws InvalidInputException when grid or times are missing or a value is bad */
        public SyntheticMetSpec build() {
            require(grid != null, "grid", "missing", "a grid (lat/lon or Lambert)");
            require(times != null, "times", "missing", "start, interval and count");
            return new SyntheticMetSpec(source, grid, levels, times, wind, omega, diurnal, surface, terrain, atmosphere);
        }
    }
}
