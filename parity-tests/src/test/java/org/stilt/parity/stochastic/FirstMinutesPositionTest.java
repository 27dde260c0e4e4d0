package org.stilt.parity.stochastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.transport.TransportKernel;
import org.stilt.parity.ReferenceAccess;

/**
 * The horizontal position statistics of the first minutes of point releases on synthetic met,
 * against hycs_std with the case files' bands ({@code stochastic-parity.json →
 * first_minutes_position}). Every particle is still in the surface layer there, where the wind
 * grows steeply with height, so the mean and the spread of the first displacement show how the
 * mean wind is taken along the turbulent vertical path (docs/transport.md "Wind along the path").
 * Runs only the first minutes of each case. Checks listed under {@code known_failures} must still
 * fail (so that the list stays true); every other check must pass.
 *
 * <p>Thread-safety: JUnit runs the dynamic tests sequentially.
 */
class FirstMinutesPositionTest {

    @TestFactory
    Stream<DynamicTest> firstMinutesPosition() {
        Path dir = ReferenceAccess.referenceDir().resolve("transport/stochastic");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no transport/stochastic in the reference data");
        StochasticParity.Rules rules = StochasticParity.Rules.load();
        JsonNode rule = rules.raw().get("first_minutes_position");
        List<String> statistics = new ArrayList<>();
        rule.get("statistics").forEach(n -> statistics.add(n.asText()));
        int[] checkpoints = new int[rule.get("checkpoints").size()];
        for (int i = 0; i < checkpoints.length; i++) {
            checkpoints[i] = rule.get("checkpoints").get(i).asInt();
        }
        Set<String> known = new TreeSet<>();
        rule.get("known_failures").fieldNames().forEachRemaining(known::add);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode n : rule.get("cases")) {
            String name = n.asText();
            tests.add(dynamicTest(name, () -> check(StochasticCase.load(dir.resolve(name)), statistics, checkpoints,
                    known, rules)));
        }
        return tests.stream();
    }

    private static void check(StochasticCase c, List<String> statistics, int[] checkpoints, Set<String> known,
                              StochasticParity.Rules rules) {
        int minutes = Arrays.stream(checkpoints).map(Math::abs).max().orElseThrow();
        TransportKernel kernel = StochasticTransportParityTest.kernels(c.zTop()).get(0);
        ParticleTable t = StochasticParity.asPrinted(StochasticTransportParityTest.runCase(c, kernel, minutes), rules);
        Map<String, double[]> ours = EnsembleStatistics.compute(t, c.numpar(), c.vegHt(), checkpoints, statistics);
        // spread onto the case's checkpoints (NaN elsewhere) to use the parity rule's bands
        int[] all = c.checkpoints();
        Map<String, double[]> full = new HashMap<>();
        for (String s : statistics) {
            double[] v = new double[all.length];
            Arrays.fill(v, Double.NaN);
            for (int i = 0; i < all.length; i++) {
                for (int j = 0; j < checkpoints.length; j++) {
                    if (all[i] == checkpoints[j]) {
                        v[i] = ours.get(s)[j];
                    }
                }
            }
            full.put(s, v);
        }
        int checked = 0;
        StringBuilder problems = new StringBuilder();
        for (StochasticParity.StatisticCheck k : StochasticParity.compareStatistics(c, full, rules)) {
            if (!statistics.contains(k.statistic()) || Arrays.stream(checkpoints).noneMatch(x -> x == k.checkpoint())) {
                continue;
            }
            checked++;
            String id = c.name() + "@" + k.statistic() + "@" + k.checkpoint();
            System.out.println("first minutes " + k.describe());
            if (k.pass() == known.contains(id)) {
                problems.append("\n  ").append(known.contains(id) ? "listed as a known failure but passes: " : "")
                        .append(k.describe());
            }
        }
        assertEquals(statistics.size() * checkpoints.length, checked, c.name() + ": checkpoints missing from the case");
        assertTrue(problems.isEmpty(), c.name() + ":" + problems);
    }
}
