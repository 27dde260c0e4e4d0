package org.stilt.core.run.hysplit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stilt.core.project.AltitudeReference;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.ProjectConfigLoader;
import org.stilt.core.project.Receptor;
import org.stilt.core.project.SetupParameter;

/**
 * CONTROL and SETUP.CFG of the R-STILT end-to-end cases, byte for byte, from a config.yaml holding the arguments of
 * their {@code simulation_step_args.txt}.
 */
public class HysplitInputsTest {

    public static Path caseDir(String name) {
        String prop = System.getProperty("stilt.reference.dir");
        Path dir = (prop != null ? Path.of(prop) : Path.of("..", "..", "shared", "reference")).resolve("e2e").resolve(name);
        Assumptions.assumeTrue(Files.isDirectory(dir), "SKIPPED LOUDLY: R-STILT reference case not found at "
                + dir.toAbsolutePath() + " (set -Dstilt.reference.dir)");
        return dir;
    }

    /** A config.yaml with the run and SETUP arguments R-STILT's simulation_step got. */
    public static String configFromArgs(Path args) throws IOException {
        StringBuilder top = new StringBuilder();
        List<String> setup = new ArrayList<>();
        for (String line : Files.readAllLines(args)) {
            int eq = line.indexOf(" = ");
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 3).strip();
            String yaml = value.equals("''") ? "\"\"" : value.equals("TRUE") ? "true" : value.equals("FALSE")
                    ? "false" : value.replace('\'', '"');
            if (SetupParameter.ofKey(key) != null) {
                setup.add(key + ": " + yaml);
            } else if (List.of("n_hours", "numpar", "emisshrs", "z_top", "w_option").contains(key)) {
                top.append(key).append(": ").append(yaml).append('\n');
            } else if (key.equals("varsiwant")) {
                top.append("varsiwant: [").append(yaml).append("]\n");
            }
        }
        return top + "setup: {" + String.join(", ", setup) + "}\n"
                + "met: {m: {directory: met, file_format: \"%Y%m%d\", file_tres: 1d}}\n"
                + "footprints: {f: {xmn: 0, xmx: 1, ymn: 0, ymx: 1, xres: 0.1}}\n";
    }

    @ParameterizedTest
    @CsvSource({
            "e2e_a_uniform_6h, 2021-01-15T12:00:00Z, 40.5, -110, 5, , met_a_20210115.arl",
            "e2e_b_shear_diurnal_24h, 2021-07-16T00:00:00Z, 40.5, -112, 10, , met_b_20210715.arl",
            "e2e_c_column_pressure_12h, 2021-03-01T18:00:00Z, 40, -108, 5, 1000, met_c_20210301.arl"})
    void controlAndSetupMatchRStilt(String name, String time, double lat, double lon, double z, Double top,
                                    String met) throws IOException {
        Path dir = caseDir(name);
        ProjectConfig c = ProjectConfigLoader.parse(configFromArgs(dir.resolve("simulation_step_args.txt")), name);
        Receptor r = new Receptor(Instant.parse(time), lat, lon, z, top, AltitudeReference.AGL, null);
        assertEquals(Files.readString(dir.resolve("CONTROL")), HysplitInputs.control(c, r, List.of(Path.of(met))));
        assertEquals(Files.readString(dir.resolve("SETUP.CFG")), HysplitInputs.setup(c, 0));
    }

    @org.junit.jupiter.api.Test
    void numbersAsRWritesThem() {
        assertEquals("0.3333333", HysplitInputs.rFormat(1.0 / 3));
        assertEquals("0.00001", HysplitInputs.rFormat(1e-5));
        assertEquals("10800", HysplitInputs.rFormat(10800));
        assertEquals("-1", HysplitInputs.rFormat(-1));
        assertEquals("25000.0", HysplitInputs.atLeastOneDecimal(25000));
        assertEquals("3\n1.2\n1\n0.8\n", HysplitInputs.zicontrol(List.of(1.2, 1.0, 0.8)));
    }
}
