package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kmixd}/{@code --kmix0} choose how {@code mlht} is obtained: KMIXD 0 gives the met
 * file's PBLH with the floor (the real HRRR night has PBLH well above 150 m at the receptor), KMIXD 3
 * the computed depth (150 m in the stable night, as hycs_std prints); invalid values exit 3.
 */
class TrajectoryMixedLayerOptionTest {

    @TempDir
    Path dir;

    @Test
    void kmixdChoosesTheMixedLayerRule() throws Exception {
        Path a = MetInfoCommandTest.hrrr("20190530_00-05_hrrr");
        Path b = MetInfoCommandTest.hrrr("20190530_06-11_hrrr");
        Assumptions.assumeTrue(Files.isRegularFile(a) && Files.isRegularFile(b), "reference HRRR files not found");
        double k3 = firstMlht("3", a, b);
        double k0 = firstMlht("0", a, b);
        assertEquals(150.0, k3, 1e-9, "KMIXD 3 in the stable night: the KMIX0 floor, as hycs_std");
        assertTrue(k0 > 150.0, "KMIXD 0 follows the file's PBLH (" + k0 + " m)");
        CliRun bad = CliRun.of("trajectory", "--time", "2019-05-30T11:00:00Z", "--lat", "40.77", "--lon", "-111.85",
                "--zagl", "5", "--hours", "-1", "--numpar", "1", "--no-turbulence", "--kmixd", "2",
                "--met-file", a.toString(), b.toString(), "--output", dir.resolve("x.csv").toString());
        assertEquals(ExitCodes.INVALID_INPUT, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("kmixd 2"), bad.err());
    }

    private double firstMlht(String kmixd, Path a, Path b) throws Exception {
        Path out = dir.resolve("k" + kmixd + ".csv");
        CliRun r = CliRun.of("trajectory", "--time", "2019-05-30T11:00:00Z", "--lat", "40.77", "--lon", "-111.85",
                "--zagl", "5", "--hours", "-1", "--numpar", "1", "--no-turbulence", "--kmixd", kmixd,
                "--met-file", a.toString(), b.toString(), "--output", out.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        List<String> header = List.of(lines.get(0).split(","));
        return Double.parseDouble(lines.get(1).split(",")[header.indexOf("mlht")]);
    }
}
