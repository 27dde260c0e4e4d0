package org.stilt.core.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.stilt.core.text.SafeYaml;
import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;
import org.stilt.core.footprint.FootprintDomain;
import org.stilt.core.met.catalog.MetFileResolution;
import org.stilt.core.transport.VerticalMotion;

/**
 * Reads a project's {@code config.yaml} (SnakeYAML, safe constructor, duplicate keys rejected)
 * into a {@link ProjectConfig}, filling R-STILT's defaults for absent keys. Every error is an
 * {@link InvalidInputException} naming the file and key path: an unknown key with the closest
 * valid one ({@code unknown key 'numparr'; did you mean 'numpar'?}), a wrong value with the value
 * and what is expected. A missing or unreadable file is an {@link UnreadableInputException}.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class ProjectConfigLoader {

    /** The configuration file's name inside a project folder. */
    public static final String CONFIG_FILE = "config.yaml";

    /** Top-level keys other than the SETUP and transport-error sections' contents. */
    static final Set<String> TOP_KEYS = keys("n_hours", "numpar", "emisshrs", "w_option", "z_top", "hnf_plume",
            "timeout", "rm_dat", "run_trajec", "run_foot", "varsiwant", "zicontroltf", "ziscale", "met_subgrid_enable",
            "met_subgrid_buffer", "met_subgrid_levels", "transport", "hysplit_exe", "seed", "setup", "transport_error",
            "met", "footprints", "registry");
    /** Keys of one met stream. */
    static final Set<String> MET_KEYS = keys("directory", "file_format", "file_tres", "n_min");
    /** Keys of one footprint grid. */
    static final Set<String> GRID_KEYS = keys("xmn", "xmx", "ymn", "ymx", "xres", "yres", "projection",
            "smooth_factor", "time_integrate");
    /** Keys of the registry section. */
    static final Set<String> REGISTRY_KEYS = keys("url", "max_attempts", "lease_seconds", "pool_size");
    /** Keys of the transport-error section. */
    static final Set<String> ERROR_KEYS = keys("siguverr", "tluverr", "zcoruverr", "horcoruverr", "sigzierr",
            "tlzierr", "horcorzierr");

    private static final Map<String, String> R_STILT_MET_NAMES = Map.of("met_path", "directory", "met_file_format",
            "file_format", "met_file_tres", "file_tres", "n_met_min", "n_min", "met_directory", "directory");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private ProjectConfigLoader() {
    }

    private static Set<String> keys(String... keys) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }

    /**
     * Reads {@code config.yaml}; {@code path} is the file or the project folder containing it.
     *
     * @throws UnreadableInputException when the file is missing or unreadable
     * @throws InvalidInputException    when its content is invalid
     */
    public static ProjectConfig load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(CONFIG_FILE) : path;
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException("project configuration " + file + " does not exist (create one with"
                    + " 'stilt init " + (file.getParent() == null ? "." : file.getParent()) + "')");
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read project configuration " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses YAML text; {@code where} names it in messages (usually the file). */
    public static ProjectConfig parse(String text, String where) {
        Object root = SafeYaml.load(text, where);
        if (root == null) {
            root = Map.of();
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw new InvalidInputException(where + ": expected a mapping of keys such as n_hours, numpar, met,"
                    + " footprints; got " + YamlSection.describe(root));
        }
        YamlSection top = new YamlSection(where, "", m);
        top.allowOnly(TOP_KEYS, ProjectConfigLoader::topLevelHint);
        try {
            return build(top, where).requireRunnable();
        } catch (InvalidInputException e) {
            throw e.getMessage().startsWith(where) ? e : new InvalidInputException(where + ": " + e.getMessage(), e);
        }
    }

    private static ProjectConfig build(YamlSection top, String where) {
        ProjectConfig d = ProjectConfig.defaults(Map.of(), Map.of());
        int numpar = top.integer("numpar", d.numpar());
        int wOption = top.integer("w_option", d.wOption().code());
        VerticalMotion vm;
        try {
            vm = VerticalMotion.ofCode(wOption);
        } catch (InvalidInputException e) {
            throw top.error("w_option", "0 (data), 1 (isobaric), 2 (isentropic), 3 (constant density) or 4 (isosigma)");
        }
        TransportBackend backend = TransportBackend.NATIVE;
        if (top.has("transport")) {
            try {
                backend = TransportBackend.ofKey(top.text("transport"));
            } catch (InvalidInputException e) {
                throw top.error("transport", "native, java or hysplit-exe");
            }
        }
        String exe = top.optionalText("hysplit_exe");
        return new ProjectConfig(
                top.integer("n_hours", d.nHours()),
                numpar,
                top.number("emisshrs", d.emisshrsHours()),
                vm,
                top.number("z_top", d.zTopMeters()),
                top.bool("hnf_plume", d.hnfPlume()),
                top.integer("timeout", d.timeoutSeconds()),
                top.bool("rm_dat", d.rmDat()),
                top.bool("run_trajec", d.runTrajec()),
                top.bool("run_foot", d.runFoot()),
                top.texts("varsiwant", d.varsiwant()),
                top.bool("zicontroltf", d.zicontroltf()),
                top.numbers("ziscale", d.ziscale()),
                top.bool("met_subgrid_enable", d.metSubgridEnable()),
                top.number("met_subgrid_buffer", d.metSubgridBufferDegrees()),
                top.optionalInteger("met_subgrid_levels", d.metSubgridLevels()),
                backend,
                exe == null ? null : Path.of(exe),
                top.longValue("seed", d.seed()),
                setup(top.section("setup"), numpar),
                transportErrors(top.section("transport_error")),
                metStreams(top.section("met")),
                footprints(top.section("footprints")),
                registry(top.section("registry")));
    }

    private static RegistryConfig registry(YamlSection s) {
        s.allowOnly(REGISTRY_KEYS, k -> k.equals("max_attempt") || k.equals("attempts") ? "use 'max_attempts'" : null);
        RegistryConfig d = RegistryConfig.DEFAULTS;
        return new RegistryConfig(s.optionalText("url"), s.integer("max_attempts", d.maxAttempts()),
                s.integer("lease_seconds", d.leaseSeconds()), s.integer("pool_size", d.poolSize()));
    }

    private static SetupNamelist setup(YamlSection s, int numpar) {
        Set<String> keys = new LinkedHashSet<>();
        for (SetupParameter p : SetupParameter.values()) {
            keys.add(p.key());
        }
        s.allowOnly(keys, k -> switch (k) {
            case "numpar" -> "numpar is a top-level key, not under setup";
            case "varsiwant", "zicontroltf" -> k + " is a top-level key, not under setup";
            case "ivmax", "winderrtf" -> k + " is derived (from varsiwant / transport_error) and cannot be set";
            case "mhrs", "nbptyp" -> k + " is fixed by R-STILT (never passed) and cannot be set";
            default -> null;
        });
        Map<SetupParameter, Object> v = new EnumMap<>(SetupParameter.class);
        for (SetupParameter p : SetupParameter.values()) {
            String k = p.key();
            Object value = switch (p.type()) {
                case INTEGER -> p == SetupParameter.MAXPAR
                        ? (s.has(k) && s.raw(k) != null ? Integer.valueOf(s.integer(k)) : Integer.valueOf(numpar))
                        : Integer.valueOf(s.integer(k, (Integer) p.defaultValue()));
                case REAL -> s.number(k, (Double) p.defaultValue());
                case TEXT -> s.has(k) && s.raw(k) == null ? "" : s.text(k, (String) p.defaultValue());
                case BOOLEAN -> s.bool(k, (Boolean) p.defaultValue());
            };
            v.put(p, value);
        }
        return new SetupNamelist(v);
    }

    private static TransportErrors transportErrors(YamlSection s) {
        s.allowOnly(ERROR_KEYS, k -> null);
        return new TransportErrors(s.optionalNumber("siguverr"), s.optionalNumber("tluverr"),
                s.optionalNumber("zcoruverr"), s.optionalNumber("horcoruverr"), s.optionalNumber("sigzierr"),
                s.optionalNumber("tlzierr"), s.optionalNumber("horcorzierr"));
    }

    private static Map<String, MetStreamConfig> metStreams(YamlSection met) {
        Map<String, MetStreamConfig> out = new LinkedHashMap<>();
        for (String name : met.keys()) {
            requireName(met, name);
            YamlSection s = met.section(name);
            s.allowOnly(MET_KEYS, k -> R_STILT_MET_NAMES.containsKey(k) ? "R-STILT's " + k + " is '"
                    + s.path(R_STILT_MET_NAMES.get(k)) + "' here" : null);
            MetFileResolution tres;
            String tresText = s.text("file_tres", MetFileResolution.SIX_HOURS.toString());
            try {
                tres = MetFileResolution.parse(tresText);
            } catch (InvalidInputException e) {
                throw s.error("file_tres", "a duration such as \"6 hours\", \"1 day\", \"1d\", \"3h\" ("
                        + e.getMessage() + ")");
            }
            out.put(name, new MetStreamConfig(name, Path.of(s.text("directory")), s.text("file_format"), tres,
                    s.integer("n_min", 1)));
        }
        return out;
    }

    private static Map<String, FootprintGridConfig> footprints(YamlSection grids) {
        Map<String, FootprintGridConfig> out = new LinkedHashMap<>();
        for (String name : grids.keys()) {
            requireName(grids, name);
            YamlSection g = grids.section(name);
            g.allowOnly(GRID_KEYS, k -> k.equals("res") ? "use 'xres' (and 'yres', default xres)" : null);
            double xres = g.number("xres");
            FootprintDomain domain;
            try {
                domain = new FootprintDomain(g.number("xmn"), g.number("xmx"), g.number("ymn"), g.number("ymx"), xres,
                        g.number("yres", xres), g.text("projection", FootprintDomain.LONGLAT));
            } catch (InvalidInputException e) {
                throw grids.error(grids.path(name) + ": " + e.getMessage());
            }
            out.put(name, new FootprintGridConfig(name, domain,
                    g.number("smooth_factor", FootprintGridConfig.DEFAULT_SMOOTH_FACTOR),
                    g.bool("time_integrate", false)));
        }
        return out;
    }

    private static void requireName(YamlSection parent, String name) {
        if (!NAME.matcher(name).matches()) {
            throw parent.error("'" + parent.path(name) + "': the name \"" + name + "\" must start with a letter or"
                    + " digit and contain only letters, digits, '_', '.' and '-' (it is used in file names)");
        }
    }

    private static String topLevelHint(String key) {
        if (SetupParameter.ofKey(key) != null) {
            return key + " belongs to the SETUP namelist: write it under 'setup:' (setup." + key + ")";
        }
        if (ERROR_KEYS.contains(key)) {
            return key + " is a transport-error option: write it under 'transport_error:' (transport_error." + key
                    + ")";
        }
        if (R_STILT_MET_NAMES.containsKey(key)) {
            return "R-STILT's " + key + " is 'met.<stream>." + R_STILT_MET_NAMES.get(key) + "' here";
        }
        if (GRID_KEYS.contains(key)) {
            return key + " belongs to a footprint grid: write it under 'footprints.<grid>:' (footprints.default."
                    + key + ")";
        }
        return null;
    }
}
