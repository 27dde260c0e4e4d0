package org.stilt.core.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stilt.core.DurableFiles;
import org.stilt.core.InvalidInputException;
import org.stilt.core.OutputWriteException;
import org.stilt.core.footprint.FootprintDomain;
import org.stilt.core.met.catalog.MetFileResolution;

/**
 * The files {@code stilt init} writes: a {@code config.yaml} listing every key with R-STILT's
 * default and a one-line comment, plus an example met stream and footprint grid (the settings
 * have no defaults), and an example {@code receptors.csv}. The config loads back to
 * {@link #exampleConfig()}: R-STILT's defaults with those two example sections.
 *
 * <p>Thread-safety: stateless; safe for concurrent use (but not for concurrent writes to one folder).
 */
public final class ProjectTemplate {

    private static final int COMMENT_COLUMN = 34;

    private ProjectTemplate() {
    }

    /** What {@link #configYaml()} loads to: the defaults plus met stream {@code example} and grid {@code default}. */
    public static ProjectConfig exampleConfig() {
        Map<String, MetStreamConfig> met = new LinkedHashMap<>();
        met.put("example", new MetStreamConfig("example", Path.of("met"), "met_a_%Y%m%d.arl",
                MetFileResolution.parse("1 day"), 1));
        Map<String, FootprintGridConfig> grids = new LinkedHashMap<>();
        grids.put("default", new FootprintGridConfig("default",
                new FootprintDomain(-112.5, -109.5, 39.5, 41.5, 0.01, 0.01, FootprintDomain.LONGLAT), 1.0, false));
        return ProjectConfig.defaults(met, grids);
    }

    /** The commented {@code config.yaml}. */
    public static String configYaml() {
        ProjectConfig d = exampleConfig();
        StringBuilder b = new StringBuilder();
        b.append("# stilt-java project configuration. Every key is listed with R-STILT's default (run_stilt.r /\n")
                .append("# simulation_step); delete or edit what you like. Reference: docs/configuration.md\n")
                .append("# Check it with: stilt config check <this folder>\n\n")
                .append("# --- simulation -------------------------------------------------------------\n");
        line(b, "", "n_hours", d.nHours(), "run length, h; negative = backward in time");
        line(b, "", "numpar", d.numpar(), "particles released per receptor");
        line(b, "", "emisshrs", d.emisshrsHours(), "release duration, h");
        line(b, "", "w_option", d.wOption().code(), "vertical motion: 0 met data, 1 isobaric, 2 isentropic, 3 density, 4 sigma");
        line(b, "", "z_top", d.zTopMeters(), "model top, m AGL");
        line(b, "", "hnf_plume", d.hnfPlume(), "hyper-near-field plume dilution of foot");
        line(b, "", "timeout", d.timeoutSeconds(), "limit for one trajectory run, s");
        line(b, "", "rm_dat", d.rmDat(), "delete HYSPLIT's PARTICLE*.DAT after reading (hysplit-exe)");
        line(b, "", "run_trajec", d.runTrajec(), "compute trajectories (false: reuse existing particle files)");
        line(b, "", "run_foot", d.runFoot(), "compute footprints");
        b.append(pad("varsiwant: [" + String.join(", ", d.varsiwant()) + "]"))
                .append("# particle columns written (R-STILT codes)\n");
        line(b, "", "zicontroltf", d.zicontroltf(), "scale the mixed-layer height by ziscale");
        b.append(pad("ziscale: []")).append("# mixed-layer height factor per simulation hour, e.g. [1, 1, 1.2]\n");
        line(b, "", "met_subgrid_enable", d.metSubgridEnable(), "cut the met files to a subgrid around the receptor first");
        line(b, "", "met_subgrid_buffer", d.metSubgridBufferDegrees(), "subgrid margin, degrees");
        b.append(pad("met_subgrid_levels: ~")).append("# met levels kept in the subgrid; ~ = all\n");
        b.append("\n# --- transport kernel (stilt-java) ---------------------------------------------\n");
        b.append(pad("transport: " + d.transport().key())).append("# native (Fortran, default), java, or hysplit-exe\n");
        b.append(pad("hysplit_exe: ~")).append("# path of HYSPLIT's hycs_std, for transport: hysplit-exe\n");
        line(b, "", "seed", d.seed(), "run seed: particle random streams derive from (seed, receptor, particle)");
        b.append("\n# --- SETUP namelist (SETUP.CFG); key = lower-case HYSPLIT name -----------------\nsetup:\n");
        for (SetupParameter p : SetupParameter.values()) {
            Object v = p == SetupParameter.MAXPAR ? null : d.setup().values().get(p);
            String unit = p.unit().isEmpty() ? "" : " [" + p.unit() + "]";
            b.append(pad("  " + p.key() + ": " + yaml(v))).append("# ").append(p.description()).append(unit)
                    .append('\n');
        }
        b.append("\n# --- transport-error run (WINDERR/ZIERR); ~ = NA; set all of a group or none -----\n")
                .append("transport_error:\n");
        errorLine(b, "siguverr", "standard deviation of the horizontal wind error, m/s");
        errorLine(b, "tluverr", "wind-error correlation time, min");
        errorLine(b, "zcoruverr", "vertical correlation length of the wind error, m");
        errorLine(b, "horcoruverr", "horizontal correlation length of the wind error, km");
        errorLine(b, "sigzierr", "standard deviation of the mixed-layer height error, %");
        errorLine(b, "tlzierr", "mixed-layer height error correlation time, min");
        errorLine(b, "horcorzierr", "horizontal correlation length of the height error, km");
        b.append("\n# --- meteorology: one or more named streams -------------------------------------\nmet:\n");
        for (MetStreamConfig m : d.met().values()) {
            b.append("  ").append(m.name()).append(":\n");
            b.append(pad("    directory: " + m.directory())).append("# folder of the files, relative to this one (met_path)\n");
            b.append(pad("    file_format: " + ProjectConfig.quote(m.fileFormat())))
                    .append("# strftime pattern of the file names (met_file_format)\n");
            b.append(pad("    file_tres: " + m.fileTres())).append("# time one file covers (met_file_tres); default 6 hours\n");
            b.append(pad("    n_min: " + m.nMin())).append("# fewest met files a simulation needs (n_met_min)\n");
        }
        b.append("\n# --- footprint grids: one or more named grids -----------------------------------\nfootprints:\n");
        for (FootprintGridConfig g : d.footprints().values()) {
            FootprintDomain dm = g.domain();
            b.append("  ").append(g.name()).append(":\n");
            b.append(pad("    xmn: " + yaml(dm.xmn()))).append("# western edge, degrees east\n");
            b.append(pad("    xmx: " + yaml(dm.xmx()))).append("# eastern edge, degrees east\n");
            b.append(pad("    ymn: " + yaml(dm.ymn()))).append("# southern edge, degrees north\n");
            b.append(pad("    ymx: " + yaml(dm.ymx()))).append("# northern edge, degrees north\n");
            b.append(pad("    xres: " + yaml(dm.xres()))).append("# cell width, degrees (projection units if projected)\n");
            b.append(pad("    yres: " + yaml(dm.yres()))).append("# cell height; default xres\n");
            b.append(pad("    projection: " + ProjectConfig.quote(dm.projection()))).append("# PROJ string of the grid\n");
            b.append(pad("    smooth_factor: " + yaml(g.smoothFactor()))).append("# kernel bandwidth factor; 0 = no smoothing\n");
            b.append(pad("    time_integrate: " + g.timeIntegrate())).append("# true: one layer summed over time; false: hourly layers\n");
        }
        RegistryConfig r = d.registry();
        b.append("\n# --- simulation registry (docs/registry.md); not part of the fingerprint --------\nregistry:\n");
        b.append(pad("  url: ~")).append("# ~ = SQLite file stilt-registry.sqlite here; or jdbc:postgresql://HOST:PORT/DB (STILT_DB_URL wins)\n");
        b.append(pad("  max_attempts: " + r.maxAttempts())).append("# tries before a simulation is failed for good\n");
        b.append(pad("  lease_seconds: " + r.leaseSeconds())).append("# worker lease, s; renewed every third of it\n");
        b.append(pad("  pool_size: " + r.poolSize())).append("# PostgreSQL connections per process\n");
        return b.toString();
    }

    /** The example {@code receptors.csv}: one point receptor and one column receptor. */
    public static String receptorsCsv() {
        return """
                # receptors: one simulation per row. time: ISO-8601 UTC; latitude, longitude: degrees;
                # altitude: release height, m; altitude_top: top of a column receptor (empty for a point);
                # altitude_ref: agl (default) or msl. Reference: docs/configuration.md#receptorscsv
                time,latitude,longitude,altitude,altitude_top,altitude_ref
                2021-01-15T12:00:00Z,40.5,-110,5,,agl
                2021-01-15T12:00:00Z,40.6,-110.2,0,1000,agl
                """;
    }

    /**
     * Writes {@code config.yaml} and {@code receptors.csv} into {@code dir} (created if needed).
     *
     * @param force overwrite existing files; otherwise an existing file is an error and nothing is written
     * @return the files written
     * @throws InvalidInputException when a file exists and {@code force} is false
     * @throws OutputWriteException  when writing fails
     */
    public static List<Path> write(Path dir, boolean force) {
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(dir.resolve(ProjectConfigLoader.CONFIG_FILE), configYaml());
        files.put(dir.resolve(ReceptorTable.RECEPTORS_FILE), receptorsCsv());
        if (!force) {
            List<String> existing = files.keySet().stream().filter(Files::exists).map(Path::toString).toList();
            if (!existing.isEmpty()) {
                throw new InvalidInputException(String.join(" and ", existing) + (existing.size() == 1 ? " exists" : " exist")
                        + "; not overwritten (use --force to replace)");
            }
        }
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<Path, String> e : files.entrySet()) {
                Path tmp = e.getKey().resolveSibling(e.getKey().getFileName() + ".tmp");
                Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8);
                DurableFiles.commit(tmp, e.getKey());
                written.add(e.getKey());
            }
        } catch (IOException e) {
            throw new OutputWriteException("cannot write the project files in " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }

    private static void line(StringBuilder b, String indent, String key, Object value, String comment) {
        b.append(pad(indent + key + ": " + yaml(value))).append("# ").append(comment).append('\n');
    }

    private static void errorLine(StringBuilder b, String key, String comment) {
        b.append(pad("  " + key + ": ~")).append("# ").append(comment).append('\n');
    }

    private static String pad(String s) {
        return s.length() >= COMMENT_COLUMN ? s + "  " : s + " ".repeat(COMMENT_COLUMN - s.length());
    }

    private static String yaml(Object v) {
        if (v == null) {
            return "~";
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        if (v instanceof String s) {
            return ProjectConfig.quote(s);
        }
        return v.toString();
    }
}
