package org.stilt.core.project;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.stilt.core.InvalidInputException;
import org.stilt.core.footprint.FootprintDomain;
import org.stilt.core.transport.VerticalMotion;

/**
 * A project's settings ({@code config.yaml}): every parameter of R-STILT's {@code run_stilt.r} and
 * {@code simulation_step} that a user sets, under R-STILT's names and with R-STILT's defaults
 * ({@code stilt-reference.md} §2.2–2.4; where {@code run_stilt.r} and {@code simulation_step} differ,
 * the {@code run_stilt.r} template wins, as users start from it). The YAML keys are documented in
 * {@code docs/configuration.md}; {@link ProjectConfigLoader} reads them.
 *
 * @param nHours                  {@code n_hours}: run length, h; negative = backward (default -24)
 * @param numpar                  {@code numpar}: particles per simulation (default 1000)
 * @param emisshrsHours           {@code emisshrs}: release duration, h (default 0.01)
 * @param wOption                 {@code w_option}: vertical motion (default 0, from the met data)
 * @param zTopMeters              {@code z_top}: model top, m AGL (default 25000)
 * @param hnfPlume                {@code hnf_plume}: hyper-near-field plume dilution (default true)
 * @param timeoutSeconds          {@code timeout}: limit for one trajectory run, s (default 3600)
 * @param rmDat                   {@code rm_dat}: delete HYSPLIT's PARTICLE*.DAT after reading (default true)
 * @param runTrajec               {@code run_trajec}: compute trajectories (default true)
 * @param runFoot                 {@code run_foot}: compute footprints (default true)
 * @param varsiwant               {@code varsiwant}: particle columns (default the 11 of R-STILT)
 * @param zicontroltf             {@code zicontroltf}: scale the mixed-layer height by {@code ziscale} (default false)
 * @param ziscale                 {@code ziscale}: mixed-layer height factor per simulation hour (default empty)
 * @param metSubgridEnable        {@code met_subgrid_enable}: cut met to a subgrid first (default false)
 * @param metSubgridBufferDegrees {@code met_subgrid_buffer}: subgrid margin, degrees (default 0.2)
 * @param metSubgridLevels        {@code met_subgrid_levels}: levels kept in the subgrid; null = all (default)
 * @param transport               {@code transport}: which kernel moves particles (default native)
 * @param hysplitExe              {@code hysplit_exe}: path of {@code hycs_std} for {@code transport: hysplit-exe}, as written
 *                                (relative paths are relative to the project folder); null otherwise
 * @param seed                    {@code seed}: run seed of the particle random streams (default 0); not an R-STILT key
 * @param setup                   {@code setup}: the SETUP namelist
 * @param transportError          {@code transport_error}: WINDERR/ZIERR options (default none)
 * @param met                     {@code met}: named met streams, in file order
 * @param footprints              {@code footprints}: named footprint grids, in file order
 * @param registry                {@code registry}: where the simulation registry lives and its lease settings; not
 *                                part of the fingerprint
 *
 * <p>Thread-safety: immutable value.
 */
public record ProjectConfig(int nHours, int numpar, double emisshrsHours, VerticalMotion wOption, double zTopMeters,
        boolean hnfPlume, int timeoutSeconds, boolean rmDat, boolean runTrajec, boolean runFoot,
        List<String> varsiwant, boolean zicontroltf, List<Double> ziscale, boolean metSubgridEnable,
        double metSubgridBufferDegrees, Integer metSubgridLevels, TransportBackend transport, Path hysplitExe,
        long seed, SetupNamelist setup, TransportErrors transportError, Map<String, MetStreamConfig> met,
        Map<String, FootprintGridConfig> footprints, RegistryConfig registry) {

    /** Default {@code n_hours}. */
    public static final int DEFAULT_N_HOURS = -24;
    /** Default {@code numpar} (R-STILT's code; its documentation wrongly says 200). */
    public static final int DEFAULT_NUMPAR = 1000;
    /** R-STILT's default {@code varsiwant}. */
    public static final List<String> DEFAULT_VARSIWANT = List.of("time", "indx", "long", "lati", "zagl", "foot",
            "mlht", "dens", "samt", "sigw", "tlgr");
    /** Every {@code varsiwant} code R-STILT accepts ({@code validate_varsiwant.r}). */
    public static final Set<String> VALID_VARSIWANT = Set.of("time", "indx", "long", "lati", "zagl", "foot", "mlht",
            "dens", "samt", "sigw", "tlgr", "zsfc", "icdx", "temp", "shtf", "tcld", "dmas", "rhfr", "sphu", "lcld",
            "zloc", "dswf", "wout", "rain", "crai", "pres", "whtf", "temz", "zcfx");

    /**
     * The {@code varsiwant} codes the native and Java transport kernels compute (docs/configuration.md,
     * "Particle columns"); the others need hycs_std ({@code transport: hysplit-exe}).
     */
    public static final Set<String> KERNEL_VARSIWANT = Set.of("time", "indx", "long", "lati", "zagl", "foot", "mlht",
            "dens", "samt", "sigw", "tlgr", "zsfc", "temp", "shtf", "sphu", "dswf", "wout", "pres");

    private static final List<String> FOOTPRINT_COLUMNS = List.of("time", "indx", "long", "lati", "foot");
    private static final List<String> HNF_COLUMNS = List.of("dens", "samt", "sigw", "tlgr", "mlht");

    public ProjectConfig {
        Objects.requireNonNull(wOption, "wOption");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(transportError, "transportError");
        Objects.requireNonNull(registry, "registry");
        varsiwant = List.copyOf(varsiwant);
        ziscale = List.copyOf(ziscale);
        met = Collections.unmodifiableMap(new LinkedHashMap<>(met));
        footprints = Collections.unmodifiableMap(new LinkedHashMap<>(footprints));
        if (nHours == 0) {
            throw new InvalidInputException("n_hours must not be 0 (negative = backward, positive = forward)");
        }
        if (numpar < 1) {
            throw new InvalidInputException("numpar must be >= 1 (got " + numpar + ")");
        }
        if (!(emisshrsHours > 0) || !Double.isFinite(emisshrsHours)) {
            throw new InvalidInputException("emisshrs must be a finite number of hours > 0 (got " + emisshrsHours + ")");
        }
        if (!(zTopMeters > 0) || !Double.isFinite(zTopMeters)) {
            throw new InvalidInputException("z_top must be a finite height > 0 m (got " + zTopMeters + ")");
        }
        if (timeoutSeconds < 1) {
            throw new InvalidInputException("timeout must be >= 1 s (got " + timeoutSeconds + ")");
        }
        for (String v : varsiwant) {
            if (!VALID_VARSIWANT.contains(v)) {
                throw new InvalidInputException("varsiwant has \"" + v + "\"; expected codes from "
                        + new java.util.TreeSet<>(VALID_VARSIWANT));
            }
        }
        requireColumns(varsiwant, FOOTPRINT_COLUMNS, "the footprint");
        if (hnfPlume) {
            requireColumns(varsiwant, HNF_COLUMNS, "hnf_plume: true");
        }
        for (Double z : ziscale) {
            if (!(z > 0) || !Double.isFinite(z)) {
                throw new InvalidInputException("ziscale has " + z + "; expected finite factors > 0");
            }
        }
        if (zicontroltf && ziscale.isEmpty()) {
            throw new InvalidInputException("zicontroltf is true but ziscale is empty; give one factor per hour");
        }
        if (!(metSubgridBufferDegrees >= 0) || !Double.isFinite(metSubgridBufferDegrees)) {
            throw new InvalidInputException("met_subgrid_buffer must be a finite number of degrees >= 0 (got "
                    + metSubgridBufferDegrees + ")");
        }
        if (metSubgridLevels != null && metSubgridLevels < 1) {
            throw new InvalidInputException("met_subgrid_levels must be >= 1 or ~ (all) (got " + metSubgridLevels + ")");
        }
        if (transport != TransportBackend.HYSPLIT_EXE) {
            requireKernelCodes(varsiwant, "varsiwant", "the " + transport.key() + " transport kernel",
                    " (use transport: hysplit-exe with hysplit_exe for the others)");
        }
        if (transport == TransportBackend.HYSPLIT_EXE && hysplitExe == null) {
            throw new InvalidInputException("transport is hysplit-exe but hysplit_exe is not set; give the path of"
                    + " HYSPLIT's hycs_std");
        }
        if (setup.maxpar() < numpar) {
            throw new InvalidInputException("setup.maxpar (" + setup.maxpar() + ") must be >= numpar (" + numpar + ")");
        }
    }

    /**
     * Checks what a runnable project needs beyond valid values: at least one met stream when
     * {@code run_trajec}, at least one footprint grid when {@code run_foot}.
     *
     * @return this config
     * @throws InvalidInputException naming the missing section with an example
     */
    public ProjectConfig requireRunnable() {
        if (runTrajec && met.isEmpty()) {
            throw new InvalidInputException("met has no streams; run_trajec needs at least one (e.g. met: {hrrr:"
                    + " {directory: met, file_format: \"%Y%m%d.%Hz.hrrra\", file_tres: 6 hours}})");
        }
        if (runFoot && footprints.isEmpty()) {
            throw new InvalidInputException("footprints has no grids; run_foot needs at least one (e.g. footprints:"
                    + " {default: {xmn: -112.5, xmx: -109.5, ymn: 39.5, ymx: 41.5, xres: 0.01}})");
        }
        return this;
    }

    /**
     * R-STILT's defaults for everything but the met streams and footprint grids, which have none.
     */
    public static ProjectConfig defaults(Map<String, MetStreamConfig> met, Map<String, FootprintGridConfig> footprints) {
        return new ProjectConfig(DEFAULT_N_HOURS, DEFAULT_NUMPAR, 0.01, VerticalMotion.DATA, 25000.0, true, 3600,
                true, true, true, DEFAULT_VARSIWANT, false, List.of(), false, 0.2, null, TransportBackend.NATIVE, null,
                0L, SetupNamelist.defaults(DEFAULT_NUMPAR), TransportErrors.NONE, met, footprints,
                RegistryConfig.DEFAULTS);
    }

    /** {@code numpar} is the number of particles; this config with another value (and {@code maxpar} following it). */
    public ProjectConfig withNumpar(int value) {
        SetupNamelist s = setup.maxpar() == numpar ? setup.with(SetupParameter.MAXPAR, value) : setup;
        return new ProjectConfig(nHours, value, emisshrsHours, wOption, zTopMeters, hnfPlume, timeoutSeconds, rmDat,
                runTrajec, runFoot, varsiwant, zicontroltf, ziscale, metSubgridEnable, metSubgridBufferDegrees,
                metSubgridLevels, transport, hysplitExe, seed, s, transportError, met, footprints, registry);
    }

    /** This config with another {@code n_hours}. */
    public ProjectConfig withNHours(int value) {
        return new ProjectConfig(value, numpar, emisshrsHours, wOption, zTopMeters, hnfPlume, timeoutSeconds, rmDat,
                runTrajec, runFoot, varsiwant, zicontroltf, ziscale, metSubgridEnable, metSubgridBufferDegrees,
                metSubgridLevels, transport, hysplitExe, seed, setup, transportError, met, footprints, registry);
    }

    /**
     * The effective configuration, defaults included, as ordered {@code key.path -> value} pairs
     * in YAML spelling (strings double-quoted, null as {@code ~}); what {@code stilt config check}
     * prints and what {@link #fingerprint()} hashes.
     */
    public Map<String, String> effectiveEntries() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("n_hours", Integer.toString(nHours));
        e.put("numpar", Integer.toString(numpar));
        e.put("emisshrs", num(emisshrsHours));
        e.put("w_option", Integer.toString(wOption.code()));
        e.put("z_top", num(zTopMeters));
        e.put("hnf_plume", Boolean.toString(hnfPlume));
        e.put("timeout", Integer.toString(timeoutSeconds));
        e.put("rm_dat", Boolean.toString(rmDat));
        e.put("run_trajec", Boolean.toString(runTrajec));
        e.put("run_foot", Boolean.toString(runFoot));
        e.put("varsiwant", "[" + String.join(", ", varsiwant) + "]");
        e.put("zicontroltf", Boolean.toString(zicontroltf));
        e.put("ziscale", "[" + String.join(", ", ziscale.stream().map(ProjectConfig::num).toList()) + "]");
        e.put("met_subgrid_enable", Boolean.toString(metSubgridEnable));
        e.put("met_subgrid_buffer", num(metSubgridBufferDegrees));
        e.put("met_subgrid_levels", metSubgridLevels == null ? "~" : metSubgridLevels.toString());
        e.put("transport", transport.key());
        e.put("hysplit_exe", hysplitExe == null ? "~" : quote(hysplitExe.toString()));
        e.put("seed", Long.toString(seed));
        for (SetupParameter p : SetupParameter.values()) {
            Object v = setup.values().get(p);
            e.put("setup." + p.key(), v instanceof Double d ? num(d) : v instanceof String s ? quote(s) : v.toString());
        }
        TransportErrors t = transportError;
        e.put("transport_error.siguverr", opt(t.siguverrMetersPerSecond()));
        e.put("transport_error.tluverr", opt(t.tluverrMinutes()));
        e.put("transport_error.zcoruverr", opt(t.zcoruverrMeters()));
        e.put("transport_error.horcoruverr", opt(t.horcoruverrKilometers()));
        e.put("transport_error.sigzierr", opt(t.sigzierrPercent()));
        e.put("transport_error.tlzierr", opt(t.tlzierrMinutes()));
        e.put("transport_error.horcorzierr", opt(t.horcorzierrKilometers()));
        for (MetStreamConfig m : met.values()) {
            String k = "met." + m.name() + ".";
            e.put(k + "directory", quote(m.directory().toString()));
            e.put(k + "file_format", quote(m.fileFormat()));
            e.put(k + "file_tres", quote(m.fileTres().toString()));
            e.put(k + "n_min", Integer.toString(m.nMin()));
        }
        for (FootprintGridConfig f : footprints.values()) {
            String k = "footprints." + f.name() + ".";
            FootprintDomain d = f.domain();
            e.put(k + "xmn", num(d.xmn()));
            e.put(k + "xmx", num(d.xmx()));
            e.put(k + "ymn", num(d.ymn()));
            e.put(k + "ymx", num(d.ymx()));
            e.put(k + "xres", num(d.xres()));
            e.put(k + "yres", num(d.yres()));
            e.put(k + "projection", quote(d.projection()));
            e.put(k + "smooth_factor", num(f.smoothFactor()));
            e.put(k + "time_integrate", Boolean.toString(f.timeIntegrate()));
        }
        e.put("registry.url", registry.url() == null ? "~" : quote(registry.url()));
        e.put("registry.max_attempts", Integer.toString(registry.maxAttempts()));
        e.put("registry.lease_seconds", Integer.toString(registry.leaseSeconds()));
        e.put("registry.pool_size", Integer.toString(registry.poolSize()));
        return e;
    }

    /**
     * A stable hash of the effective configuration: SHA-256 (hex) over a versioned header and the
     * {@link #effectiveEntries()} sorted by key path, one {@code path=value} line each. Independent
     * of key order, comments and formatting in {@code config.yaml} and of whether a default is written
     * out; changes when any effective value changes, and with the engine's
     * {@link org.stilt.core.EngineInfo#RESULTS_VERSION}. Used to skip simulations already completed
     * with the same configuration by an engine that computes the same results. The {@code registry.*} entries are left out: where work is queued
     * does not change what a simulation computes.
     */
    public String fingerprint() {
        return fingerprint(org.stilt.core.EngineInfo.RESULTS_VERSION);
    }

    /** {@link #fingerprint()} as an engine with results version {@code resultsVersion} computes it. */
    String fingerprint(String resultsVersion) {
        StringBuilder sb = new StringBuilder("stilt-project-config v1\nresults_version=" + resultsVersion + "\n");
        new TreeMap<>(effectiveEntries()).forEach((k, v) -> {
            if (!k.startsWith("registry.")) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /**
     * Throws unless every code of {@code codes} is in {@link #KERNEL_VARSIWANT}, naming the first
     * other one ({@code label} is how the user wrote the list, {@code kernel} what computes it,
     * {@code advice} is appended).
     */
    public static void requireKernelCodes(List<String> codes, String label, String kernel, String advice) {
        for (String v : codes) {
            if (!KERNEL_VARSIWANT.contains(v)) {
                throw new InvalidInputException(label + " has \"" + v + "\", which " + kernel
                        + " does not compute; it gives " + new java.util.TreeSet<>(KERNEL_VARSIWANT) + advice);
            }
        }
    }

    private static void requireColumns(List<String> varsiwant, List<String> needed, String who) {
        for (String c : needed) {
            if (!varsiwant.contains(c)) {
                throw new InvalidInputException("varsiwant lacks \"" + c + "\", which " + who + " needs (it needs "
                        + needed + ")");
            }
        }
    }

    private static String num(double v) {
        return Double.toString(v);
    }

    private static String opt(Double v) {
        return v == null ? "~" : num(v);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
