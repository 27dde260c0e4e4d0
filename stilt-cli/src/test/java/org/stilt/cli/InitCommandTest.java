package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.project.ProjectConfigLoader;
import org.stilt.core.project.ProjectTemplate;

/** In-process tests of {@code stilt init} and {@code stilt config check}. */
class InitCommandTest {

    @TempDir
    Path tmp;

    @Test
    void initWritesTheProjectAndNamesTheNextCommand() {
        Path dir = tmp.resolve("proj");
        CliRun r = CliRun.of("init", dir.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals(List.of(
                "wrote " + dir.resolve("config.yaml") + " (every key with R-STILT's default and a comment)",
                "wrote " + dir.resolve("receptors.csv") + " (two example receptors: a point and a column)",
                "next: edit the met: and footprints: sections and the receptors, then check the project with",
                "  stilt config check " + dir, "and run it with", "  stilt run " + dir), r.out().lines().toList());
        assertEquals(ProjectTemplate.exampleConfig(), ProjectConfigLoader.load(dir));
    }

    @Test
    void initRefusesToOverwriteWithoutForce() throws Exception {
        Files.writeString(tmp.resolve("config.yaml"), "numpar: 5\n");
        CliRun r = CliRun.of("init", tmp.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("config.yaml exists; not overwritten (use --force to replace)"), r.err());
        assertEquals(1, r.errLines());
        assertEquals("numpar: 5\n", Files.readString(tmp.resolve("config.yaml")));
        assertEquals(ExitCodes.OK, CliRun.of("init", "--force", tmp.toString()).exitCode());
        assertEquals(ProjectTemplate.configYaml(), Files.readString(tmp.resolve("config.yaml")));
    }

    @Test
    void configCheckPrintsFingerprintReceptorsAndEffectiveConfig() throws Exception {
        Files.writeString(tmp.resolve("config.yaml"), """
                n_hours: -6
                numpar: 200
                met:
                  example:
                    directory: met              # relative to the project folder
                    file_format: "met_a_%Y%m%d.arl"
                    file_tres: 1d
                footprints:
                  default: {xmn: -112.5, xmx: -109.5, ymn: 39.5, ymx: 41.5, xres: 0.01}
                """);
        Files.writeString(tmp.resolve("receptors.csv"), "time,latitude,longitude,altitude\n2021-01-15T12:00:00Z,40.5,-110,5\n");
        CliRun r = CliRun.of("config", "check", tmp.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        String fp = ProjectConfigLoader.load(tmp).fingerprint();
        List<String> lines = r.out().lines().toList();
        assertEquals("config: " + tmp.resolve("config.yaml") + ": valid", lines.get(0));
        assertEquals("fingerprint: " + fp, lines.get(1));
        assertEquals("receptors: 1 (1 point, 0 column) in " + tmp.resolve("receptors.csv")
                + "; first simulation id 202101151200_-110_40.5_5", lines.get(2));
        assertTrue(lines.contains("  n_hours: -6"), r.out());
        assertTrue(lines.contains("  setup.kmix0: 150.0"), r.out());
        assertTrue(lines.contains("  footprints.default.yres: 0.01"), r.out());
        assertTrue(r.err().contains("warning: met.example.directory " + tmp.resolve("met") + " does not exist"), r.err());
        CliRun f = CliRun.of("config", "check", "--fingerprint", tmp.toString());
        assertEquals(List.of(fp), f.out().lines().toList());
    }

    @Test
    void configCheckReportsUnknownKeysAndMissingFiles() throws Exception {
        CliRun missing = CliRun.of("config", "check", tmp.toString());
        assertEquals(ExitCodes.INPUT_UNREADABLE, missing.exitCode());
        assertTrue(missing.err().contains("config.yaml does not exist"), missing.err());
        CliRun.of("init", tmp.toString());
        Path c = tmp.resolve("config.yaml");
        Files.writeString(c, Files.readString(c).replace("numpar: 1000", "numparr: 1000"));
        CliRun bad = CliRun.of("config", "check", tmp.toString());
        assertEquals(ExitCodes.INVALID_INPUT, bad.exitCode());
        assertTrue(bad.err().contains("unknown key 'numparr'; did you mean 'numpar'?"), bad.err());
        assertEquals(1, bad.errLines());
    }
}
