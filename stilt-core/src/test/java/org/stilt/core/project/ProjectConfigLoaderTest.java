package org.stilt.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.InvalidInputException;
import org.stilt.core.StiltException;
import org.stilt.core.UnreadableInputException;
import org.stilt.core.met.catalog.MetFileResolution;
import org.stilt.core.transport.VerticalMotion;

/** {@link ProjectConfigLoader}: the minimal config, defaults, errors naming keys, fingerprints. */
class ProjectConfigLoaderTest {

    static final String MINIMAL = """
            # config.yaml
            n_hours: -6
            numpar: 200
            met:
              example:
                directory: met              # relative to the project folder
                file_format: "met_a_%Y%m%d.arl"
                file_tres: 1d
            footprints:
              default: {xmn: -112.5, xmx: -109.5, ymn: 39.5, ymx: 41.5, xres: 0.01}
            """;

    @TempDir
    Path tmp;

    static ProjectConfig parse(String yaml) {
        return ProjectConfigLoader.parse(yaml, "config.yaml");
    }

    static String error(String yaml) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(yaml));
        assertEquals(StiltException.Kind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith("config.yaml: "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void minimalConfigLoadsAsWrittenWithRStiltDefaults() throws Exception {
        Files.writeString(tmp.resolve("config.yaml"), MINIMAL);
        ProjectConfig c = ProjectConfigLoader.load(tmp);
        assertEquals(-6, c.nHours());
        assertEquals(200, c.numpar());
        assertEquals(200, c.setup().maxpar(), "R-STILT passes maxpar = numpar");
        MetStreamConfig m = c.met().get("example");
        assertEquals(Path.of("met"), m.directory());
        assertEquals("met_a_%Y%m%d.arl", m.fileFormat());
        assertEquals(new MetFileResolution(1, MetFileResolution.Unit.DAYS), m.fileTres());
        assertEquals(1, m.nMin());
        assertEquals(tmp.resolve("met"), m.toMetStream(tmp).directory());
        FootprintGridConfig g = c.footprints().get("default");
        assertEquals(-112.5, g.domain().xmn());
        assertEquals(-109.5, g.domain().xmx());
        assertEquals(39.5, g.domain().ymn());
        assertEquals(41.5, g.domain().ymx());
        assertEquals(0.01, g.domain().xres());
        assertEquals(0.01, g.domain().yres(), "yres defaults to xres");
        assertEquals("+proj=longlat", g.domain().projection());
        assertEquals(1.0, g.smoothFactor());
        assertFalse(g.timeIntegrate());
        // run_stilt.r defaults for everything else
        assertEquals(150.0, c.setup().kmix0Meters());
        assertEquals(3, c.setup().kmixd());
        assertEquals(0.5, c.setup().veghtFraction());
        assertEquals(0.1, c.setup().tlfrac());
        assertEquals(10800.0, c.setup().hscaleSeconds());
        assertEquals(1.0, c.setup().deltMinutes());
        assertEquals(0.01, c.setup().real(SetupParameter.FRVS));
        assertEquals(4, c.setup().integer(SetupParameter.KRAND));
        assertEquals(8, c.setup().integer(SetupParameter.ICHEM));
        assertEquals("", c.setup().text(SetupParameter.EFILE));
        assertFalse(c.setup().flag(SetupParameter.WVERT));
        assertEquals(VerticalMotion.DATA, c.wOption());
        assertEquals(25000.0, c.zTopMeters());
        assertEquals(0.01, c.emisshrsHours());
        assertTrue(c.hnfPlume());
        assertEquals(3600, c.timeoutSeconds());
        assertEquals(ProjectConfig.DEFAULT_VARSIWANT, c.varsiwant());
        assertEquals(0.2, c.metSubgridBufferDegrees());
        assertNull(c.metSubgridLevels());
        assertEquals(TransportBackend.NATIVE, c.transport());
        assertEquals(TransportErrors.NONE, c.transportError());
        assertEquals(0, c.transportError().winderrtf());
    }

    @Test
    void setupValuesMatchTheReferenceSimulationStepArguments() throws Exception {
        // e2e_a was run by R-STILT with run_stilt.r's values (krand 2 aside, chosen for reproducibility)
        Path args = Path.of("../../shared/reference/e2e/e2e_a_uniform_6h/simulation_step_args.txt");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(args), "reference data absent: " + args);
        SetupNamelist s = parse(MINIMAL).setup();
        int compared = 0;
        for (String line : Files.readAllLines(args)) {
            String[] kv = line.split(" = ", 2);
            SetupParameter p = kv.length == 2 ? SetupParameter.ofKey(kv[0]) : null;
            if (p == null || p == SetupParameter.KRAND || p == SetupParameter.MAXPAR) {
                continue;
            }
            Object expected = switch (p.type()) {
                case INTEGER -> Integer.valueOf(kv[1]);
                case REAL -> Double.valueOf(kv[1]);
                case TEXT -> kv[1].replace("'", "");
                case BOOLEAN -> Boolean.valueOf(kv[1].toLowerCase());
            };
            assertEquals(expected, s.values().get(p), p.key());
            compared++;
        }
        assertEquals(SetupParameter.values().length - 2, compared, "every SETUP key is in the reference arguments");
    }

    @Test
    void unknownTopLevelKeyNamesItAndTheClosestKey() {
        String m = error(MINIMAL.replace("numpar: 200", "numparr: 200"));
        assertTrue(m.contains("unknown key 'numparr'"), m);
        assertTrue(m.contains("did you mean 'numpar'?"), m);
    }

    @Test
    void setupKeyAtTopLevelSaysWhereItBelongs() {
        String m = error(MINIMAL + "kmix0: 250\n");
        assertTrue(m.contains("unknown key 'kmix0'") && m.contains("setup.kmix0"), m);
    }

    @Test
    void unknownKeyInAMetStreamIsNamedWithItsPath() {
        String m = error(MINIMAL.replace("file_tres: 1d", "file_tress: 1d"));
        assertTrue(m.contains("unknown key 'met.example.file_tress'"), m);
        assertTrue(m.contains("did you mean 'met.example.file_tres'?"), m);
        String r = error(MINIMAL.replace("directory: met", "met_path: met"));
        assertTrue(r.contains("met.example.met_path") && r.contains("'met.example.directory'"), r);
    }

    @Test
    void unknownKeyInAFootprintGridIsNamedWithItsPath() {
        String m = error(MINIMAL.replace("xres: 0.01}", "xres: 0.01, smoth_factor: 2}"));
        assertTrue(m.contains("unknown key 'footprints.default.smoth_factor'"), m);
        assertTrue(m.contains("did you mean 'footprints.default.smooth_factor'?"), m);
        String s = error(MINIMAL + "setup: {kmixx: 2}\n");
        assertTrue(s.contains("unknown key 'setup.kmixx'") && s.contains("'setup.kmix0'"), s);
    }

    @Test
    void wrongTypesNameTheKeyTheValueAndWhatIsExpected() {
        String a = error(MINIMAL.replace("numpar: 200", "numpar: lots"));
        assertTrue(a.contains("numpar is \"lots\" (text); expected a whole number"), a);
        String b = error(MINIMAL.replace("numpar: 200", "numpar: 200.5"));
        assertTrue(b.contains("numpar is 200.5 (a number); expected a whole number"), b);
        String c = error(MINIMAL + "hnf_plume: maybe\n");
        assertTrue(c.contains("hnf_plume is \"maybe\" (text); expected true or false"), c);
        String d = error(MINIMAL + "setup: {veght: [1, 2]}\n");
        assertTrue(d.contains("setup.veght is [1, 2] (a list); expected a number"), d);
        String e = error(MINIMAL.replace("xmx: -109.5", "xmx: east"));
        assertTrue(e.contains("footprints.default.xmx is \"east\" (text); expected a number"), e);
        String f = error(MINIMAL.replace("file_tres: 1d", "file_tres: 5 hours"));
        assertTrue(f.contains("met.example.file_tres is \"5 hours\" (text); expected a duration"), f);
        String g = error(MINIMAL + "w_option: 7\n");
        assertTrue(g.contains("w_option is 7 (a number); expected 0 (data)"), g);
        String h = error(MINIMAL + "transport: fortran\n");
        assertTrue(h.contains("transport is \"fortran\" (text); expected native, java or hysplit-exe"), h);
        String i = error(MINIMAL.replace("  example:\n", "  example: 3\n  x:\n"));
        assertTrue(i.contains("met.example is 3 (a number); expected a mapping"), i);
    }

    @Test
    void missingAndInvalidValuesAreNamed() {
        String a = error(MINIMAL.replace("    file_format: \"met_a_%Y%m%d.arl\"\n", ""));
        assertTrue(a.contains("met.example.file_format is missing; expected text"), a);
        String b = error(MINIMAL.replace("xres: 0.01", "xres: -0.01"));
        assertTrue(b.contains("footprints.default: xres must be a finite number > 0 (got -0.01)"), b);
        String c = error(MINIMAL.replace("n_hours: -6", "n_hours: 0"));
        assertTrue(c.contains("n_hours must not be 0"), c);
        String d = error(MINIMAL + "transport_error: {siguverr: 1.5}\n");
        assertTrue(d.contains("set all 4 values or none (1 of 4 are set)"), d);
        String e = error(MINIMAL + "transport: hysplit-exe\n");
        assertTrue(e.contains("hysplit_exe is not set"), e);
        String f = error("n_hours: -6\nfootprints: {g: {xmn: 0, xmx: 1, ymn: 0, ymx: 1, xres: 0.1}}\n");
        assertTrue(f.contains("met has no streams"), f);
        String g = error(MINIMAL + "numpar: 3\n");
        assertTrue(g.contains("not valid YAML") && g.contains("numpar"), g);
    }

    /**
     * The kernels compute 18 of R-STILT's varsiwant codes; asking one of them for another (here
     * total rain) is an error naming the code, what the kernel gives and the way out, while hycs_std
     * takes any valid code.
     */
    @Test
    void varsiwantCodesTheKernelsDoNotComputeNeedHysplitExe() {
        String yaml = MINIMAL + "varsiwant: [time, indx, long, lati, zagl, foot, mlht, dens, samt, sigw, tlgr, rain]\n";
        String m = error(yaml);
        assertTrue(m.contains("varsiwant has \"rain\", which the native transport kernel does not compute"), m);
        assertTrue(m.contains("wout") && m.contains("use transport: hysplit-exe"), m);
        String j = error(yaml + "transport: java\n");
        assertTrue(j.contains("which the java transport kernel does not compute"), j);
        ProjectConfig h = parse(yaml + "transport: hysplit-exe\nhysplit_exe: /opt/hysplit/exec/hycs_std\n");
        assertEquals("rain", h.varsiwant().get(11));
        ProjectConfig k = parse(MINIMAL + "varsiwant: [time, indx, long, lati, zagl, foot, mlht, dens, samt, sigw, tlgr,"
                + " zsfc, temp, shtf, sphu, dswf, wout, pres]\n");
        assertEquals(ProjectConfig.KERNEL_VARSIWANT, java.util.Set.copyOf(k.varsiwant()));
    }

    @Test
    void transportErrorsAndOtherOptionsLoad() {
        ProjectConfig c = parse(MINIMAL + """
                transport: hysplit-exe
                hysplit_exe: /opt/hysplit/exec/hycs_std
                transport_error: {siguverr: 1.8, tluverr: 60, zcoruverr: 1000, horcoruverr: 40}
                setup: {kmix0: 250, maxpar: 500, efile: ~}
                ziscale: [1, 1.5]
                zicontroltf: true
                """);
        assertEquals(TransportBackend.HYSPLIT_EXE, c.transport());
        assertEquals(Path.of("/opt/hysplit/exec/hycs_std"), c.hysplitExe());
        assertEquals(1, c.transportError().winderrtf());
        assertEquals(60.0, c.transportError().tluverrMinutes());
        assertEquals(250.0, c.setup().kmix0Meters());
        assertEquals(500, c.setup().maxpar());
        assertEquals(List.of(1.0, 1.5), c.ziscale());
    }

    @Test
    void missingFileIsUnreadableAndNamesInit() {
        UnreadableInputException e = assertThrows(UnreadableInputException.class, () -> ProjectConfigLoader.load(tmp));
        assertTrue(e.getMessage().contains("config.yaml does not exist") && e.getMessage().contains("stilt init"),
                e.getMessage());
    }

    @Test
    void fingerprintIgnoresKeyOrderCommentsAndWrittenDefaults() {
        String reordered = """
                footprints:
                  default: {ymx: 41.5, xres: 0.01, xmn: -112.5, ymn: 39.5, xmx: -109.5}   # same grid
                met:
                  example: {file_tres: 1 day, file_format: "met_a_%Y%m%d.arl", directory: met}
                numpar: 200
                # a comment
                n_hours: -6
                setup: {kmix0: 150, maxpar: 200}
                """;
        String fp = parse(MINIMAL).fingerprint();
        assertEquals(64, fp.length());
        assertEquals(fp, parse(reordered).fingerprint());
        assertEquals(fp, parse(MINIMAL).fingerprint());
    }

    @Test
    void fingerprintChangesWhenAValueChanges() {
        String fp = parse(MINIMAL).fingerprint();
        assertNotEquals(fp, parse(MINIMAL.replace("numpar: 200", "numpar: 201")).fingerprint());
        assertNotEquals(fp, parse(MINIMAL + "setup: {veght: 0.4}\n").fingerprint());
        assertNotEquals(fp, parse(MINIMAL.replace("xres: 0.01", "xres: 0.01, yres: 0.02")).fingerprint());
        assertNotEquals(fp, parse(MINIMAL.replace("directory: met", "directory: met2")).fingerprint());
        assertNotEquals(fp, parse(MINIMAL.replace("  default:", "  other:")).fingerprint());
    }

    @Test
    void fingerprintCarriesTheResultsVersion() {
        // an engine whose results differ must not reuse completed simulations of another
        ProjectConfig config = parse(MINIMAL);
        assertEquals(config.fingerprint(org.stilt.core.EngineInfo.RESULTS_VERSION), config.fingerprint());
        assertNotEquals(config.fingerprint("older"), config.fingerprint());
    }

    @Test
    void effectiveEntriesListEveryKeyWithDefaults() {
        var e = parse(MINIMAL).effectiveEntries();
        assertEquals("-6", e.get("n_hours"));
        assertEquals("150.0", e.get("setup.kmix0"));
        assertEquals("200", e.get("setup.maxpar"));
        assertEquals("\"1 day\"", e.get("met.example.file_tres"));
        assertEquals("0.01", e.get("footprints.default.yres"));
        assertEquals("~", e.get("transport_error.siguverr"));
        for (String k : ProjectConfigLoader.TOP_KEYS) {
            assertTrue(e.keySet().stream().anyMatch(x -> x.equals(k) || x.startsWith(k + ".")), k);
        }
    }
}
