package org.stilt.parity.stochastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.transport.TransportKernel;
import org.stilt.parity.ReferenceAccess;

/**
 * hycs_std's exact D = ρ̄·h of {@code foot} at the first minute against ours, case by case
 * (docs/parity.md, "D = ρ̄·h of foot beyond E5"). At t = −1 min every particle is still at the
 * receptor and the run-to-run spread of {@code foot} and {@code samt} is zero, so
 * D = 0.02897·60·samt/foot is known exactly from the case file's KRAND=2 statistics. We run the
 * case's first minute with the case's settings and compare D, for the cases listed in
 * {@code stochastic-parity.json → first_minute_column_mass} (those whose first-minute mlht equals
 * hycs_std's, so that h is the same; the test checks that too), within the tolerance written there.
 *
 * <p>Thread-safety: JUnit runs the dynamic tests sequentially.
 */
class FirstMinuteColumnMassTest {

    private static final double FOOT_FACTOR = 0.02897 * 60.0;

    @TestFactory
    Stream<DynamicTest> firstMinuteColumnMass() {
        Path dir = ReferenceAccess.referenceDir().resolve("transport/stochastic");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no transport/stochastic in the reference data");
        JsonNode rule = StochasticParity.Rules.load().raw().get("first_minute_column_mass");
        double tolerance = rule.get("tolerance_rel").asDouble();
        double sameMlht = rule.get("same_mlht_rel").asDouble();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode n : rule.get("cases")) {
            String name = n.asText();
            tests.add(dynamicTest(name, () -> check(StochasticCase.load(dir.resolve(name)), tolerance, sameMlht)));
        }
        return tests.stream();
    }

    private static void check(StochasticCase c, double tolerance, double sameMlht) {
        int at = -1;
        for (int i = 0; i < c.checkpoints().length; i++) {
            if (c.checkpoints()[i] == -1) {
                at = i;
            }
        }
        assertTrue(at >= 0, c.name() + " has no checkpoint at t = -1 min");
        double hycsFoot = c.statistics().get("foot_mean").ref()[at];
        double hycsSamt = c.statistics().get("samt_mean").ref()[at];
        double hycsMlht = c.statistics().get("mlht_mean").ref()[at];
        double hycsD = FOOT_FACTOR * hycsSamt / hycsFoot;

        TransportKernel kernel = StochasticTransportParityTest.kernels(c.zTop()).get(0);
        ParticleTable t = StochasticTransportParityTest.runCase(c, kernel, 1);
        double foot = EnsembleStatistics.mean(t.column("foot"));
        double samt = EnsembleStatistics.mean(t.column("samt"));
        double mlht = EnsembleStatistics.mean(t.column("mlht"));
        double ours = FOOT_FACTOR * samt / foot;
        String what = String.format(Locale.ROOT, "%s: D ours %.4f vs hycs_std %.4f kg m-2 (%+.3f %%), mlht %.3f vs %.3f m",
                c.name(), ours, hycsD, 100 * (ours / hycsD - 1), mlht, hycsMlht);
        System.out.println("first-minute column mass " + what);
        assertTrue(Math.abs(mlht / hycsMlht - 1) <= sameMlht, "the case's h must be hycs_std's for this comparison: " + what);
        assertEquals(hycsD, ours, tolerance * hycsD, what);
    }
}
