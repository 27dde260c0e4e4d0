package org.stilt.core.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.stilt.core.met.synth.SyntheticMetWriter;
import org.stilt.core.met.synth.SyntheticMetYaml;

/**
 * Test projects on the synthetic met of {@code examples/met/example-met.yaml} (what {@code stilt met synth}
 * writes: {@code met_a_20210115.arl}, 2021-01-15 00 UTC .. 01-16 00 UTC, 101 × 71 points of 0.1° from 37 N,
 * 116 W, a uniform 5 m/s westerly).
 */
final class RunFixtures {

    static final Path EXAMPLE_MET_YAML = Path.of("../examples/met/example-met.yaml");

    /** The acceptance config of issue 6, with the met folder and numpar replaceable. */
    static String config(String metDir, int numpar, String extra) {
        return "n_hours: -6\n"
                + "numpar: " + numpar + "\n"
                + "met:\n"
                + "  example:\n"
                + "    directory: " + metDir + "\n"
                + "    file_format: \"met_a_%Y%m%d.arl\"\n"
                + "    file_tres: 1d\n"
                + "footprints:\n"
                + "  default: {xmn: -112.5, xmx: -109.5, ymn: 39.5, ymx: 41.5, xres: 0.01}\n"
                + extra;
    }

    private RunFixtures() {
    }

    /** Writes the example's synthetic met into {@code dir}. */
    static void writeMet(Path dir) {
        SyntheticMetYaml.Description d = SyntheticMetYaml.read(EXAMPLE_MET_YAML);
        SyntheticMetWriter.writeDaily(d.spec(), dir, d.output().daily());
    }

    /** A project folder with this config and these receptor lines (header added). */
    static Path project(Path dir, String config, String... receptorLines) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yaml"), config);
        StringBuilder sb = new StringBuilder("time,latitude,longitude,altitude,altitude_top\n");
        for (String l : receptorLines) {
            sb.append(l).append('\n');
        }
        Files.writeString(dir.resolve("receptors.csv"), sb);
        return dir;
    }

    /** Every hidden temporary file ({@code .*.tmp}) under {@code dir}. */
    static long temporaryFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }
}
