package org.stilt.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Facts about this build of the engine, for provenance attributes and {@code stilt --version}.
 *
 * <p>Thread-safety: stateless apart from an immutable value loaded once; safe to share.
 */
public final class EngineInfo {

    private static final String VERSION = loadVersion();

    /**
     * The version of what a simulation computes: bumped by every change that alters simulation
     * results (trajectories, foot, footprints), e.g. {@code 2026-12-02.1} for the hypsometric
     * gravity 9.80616, the Steffensen mixed-layer depth and the bilinear D of foot, {@code 2026-12-02.2}
     * for the near-ground wind over the single-precision height of internal level 1 and the
     * normalized vertical turbulent velocity, {@code 2026-12-02.3} for the mean wind along the
     * turbulent vertical path, {@code 2026-12-02.4} for that path starting after the mean height
     * change, {@code 2026-12-02.5} for σ_w above the mixed layer from the column's shear,
     * {@code 2026-12-02.6} for the KMIXD = 3 depth from dry θ, heights above ground and the wind
     * difference (bulk Richardson number 0.5), {@code 2026-12-02.7} for that depth computed also where
     * H ≤ 0, with the (negative) excess temperature C·F/u* (instead of KMIX0 at once),
     * {@code 2026-12-03.1} for layer 0's turbulence evaluated at internal level 1's
     * single-precision-σ height (10.00017 m for a 25 km top) as hycs_std holds it,
     * {@code 2026-12-03.2} for horizontal positions advanced in single precision relative to
     * hycs_std's position sub-grid with the corrector ½((P + P′) + V′Δt) and w = −ω/(ρ g) with
     * g = 9.80616, {@code 2026-12-03.3} for the wind converted to grid units at each grid point
     * before it is interpolated (instead of dividing the interpolated wind by the interpolated grid
     * spacing), {@code 2026-12-03.4} for global lat/lon grids being periodic in longitude
     * and continued through the poles (particles cross the seam and the poles instead of stopping
     * there; regional grids unchanged), {@code 2026-12-03.5} for particles on global grids circling
     * the globe any number of times (they stopped after one to two turns), {@code 2026-12-03.6} for
     * the humidity capped at saturation on the internal levels before the density is formed
     * (dens, foot's D and the buoyancy above a condensation level; w unchanged), {@code 2026-12-03.7}
     * for met values below their record's precision read as zero, as HYSPLIT reads ARL files (HRRR's
     * small ω, winds and fluxes; docs/met.md "Precision zeros"), {@code 2026-12-03.8} for the density
     * of the dry air formed from the relative humidity as HYSPLIT carries it, {@code (p − RH·e_s)/(R_d·T)}
     * with RH interpolated from the data levels (dens, foot's D and the stability's density change by
     * ~1e-5–8e-5; positions of the deterministic references unchanged), {@code 2026-12-03.9} for the
     * density between met times formed from the temperature, pressure and relative humidity
     * interpolated in time, as hycs_std forms it (dens and foot's D up to ~5e-4 lower where the
     * temperature changes fast; positions unchanged), {@code 2026-12-03.10} for each level's density
     * formed from T, p and RH interpolated to the particle rather than from the grid points' densities
     * (dens and foot's D up to ~5e-4 higher across terrain; the frames carry RH). It is
     * part of the project configuration fingerprint, so after an engine upgrade that changes
     * results, {@code stilt run} recomputes completed simulations and
     * {@code stilt register} resets them to pending instead of keeping results of the older
     * engine (docs/development.md, "Results version").
     */
    public static final String RESULTS_VERSION = "2026-12-03.10";

    private EngineInfo() {
    }

    /** The engine version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    /** Name and version as written into output files, e.g. {@code stilt-java 0.1.0}. */
    public static String nameAndVersion() {
        return "stilt-java " + VERSION;
    }

    private static String loadVersion() {
        try (InputStream in = EngineInfo.class.getResourceAsStream("/org/stilt/core/engine.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
