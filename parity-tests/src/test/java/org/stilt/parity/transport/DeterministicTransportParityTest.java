package org.stilt.parity.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.stilt.core.transport.JavaTransportKernel;
import org.stilt.core.transport.TransportKernel;
import org.stilt.core.transport.VerticalMotion;
import org.stilt.ffi.NativeTransportKernel;
import org.stilt.parity.ReferenceAccess;

/**
 * Every deterministic hycs_std case against our kernels, row by row, with the tolerances of
 * {@code transport-parity.json} (docs/parity.md, "Transport").
 */
class DeterministicTransportParityTest {

    static Stream<TransportKernel> kernels() {
        return Stream.of(new JavaTransportKernel(25_000.0), NativeTransportKernel.create(25_000.0));
    }

    @TestFactory
    Stream<DynamicTest> deterministicCases() throws IOException {
        Path ref = ReferenceAccess.referenceDir();
        Path dir = ref.resolve("transport/deterministic");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no transport/deterministic in " + ref);
        JsonNode config;
        try (InputStream in = getClass().getResourceAsStream("/transport-parity.json")) {
            config = new ObjectMapper().readTree(in);
        }
        JsonNode target = config.get("target");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> cases = Files.list(dir)) {
            List<String> present = cases.filter(p -> Files.isRegularFile(p.resolve("case.json")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
            List<String> configured = new ArrayList<>();
            config.get("cases").fieldNames().forEachRemaining(configured::add);
            tests.add(DynamicTest.dynamicTest("every reference case is configured",
                    () -> assertEquals(present, configured.stream().sorted().toList(),
                            "cases in " + dir + " vs transport-parity.json")));
        }
        Iterator<Map.Entry<String, JsonNode>> it = config.get("cases").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode spec = e.getValue();
            kernels().forEach(kernel -> tests.add(DynamicTest.dynamicTest(name + " [" + kernel.name() + "]",
                    () -> check(dir.resolve(name), spec, target, kernel))));
        }
        return tests.stream();
    }

    private static void check(Path caseDir, JsonNode spec, JsonNode target, TransportKernel kernel) {
        DeterministicCase c = DeterministicCase.load(caseDir);
        double posTarget = target.get("position_deg").asDouble();
        double zTarget = target.get("height_m").asDouble();
        double relTarget = target.get("height_rel").asDouble();
        VerticalMotion motion = VerticalMotion.ofCode(c.wOption);
        DeterministicParity.Result r = DeterministicParity.run(c, kernel, posTarget, zTarget, relTarget, motion);
        System.out.println("transport parity: " + r.describe());
        JsonNode gap = spec.get("known_gap");
        int rowSlack = gap != null && gap.has("rows") ? gap.get("rows").asInt() : 0;
        assertTrue(r.missingRows() <= rowSlack, c.name + ": " + r.missingRows()
                + " hycs_std rows we did not produce (allowed " + rowSlack + ")");
        assertTrue(r.extraRows() <= rowSlack, c.name + ": " + r.extraRows()
                + " rows hycs_std did not produce (allowed " + rowSlack + ")");
        if (gap != null && gap.has("position_deg_p90")) {
            assertTrue(r.p90PositionDeg() <= gap.get("position_deg_p90").asDouble(), c.name
                    + ": 90th percentile position error " + r.p90PositionDeg() + "° (" + r.describe() + ")");
        }
        if (gap != null && gap.has("rows_over_position")) {
            assertTrue(r.rowsOverPosition() <= gap.get("rows_over_position").asInt(), c.name + ": "
                    + r.rowsOverPosition() + " rows over the position target, recorded "
                    + gap.get("rows_over_position").asInt() + " (" + r.describe() + ")");
        }
        if (gap != null && gap.has("height_excess_p90")) {
            assertTrue(r.p90HeightExcess() <= gap.get("height_excess_p90").asDouble(), c.name
                    + ": 90th percentile height error " + r.p90HeightExcess() + " × allowed (" + r.describe() + ")");
        }
        double posBound = gap != null && gap.has("position_deg") ? gap.get("position_deg").asDouble() : posTarget;
        double excessBound = gap != null && gap.has("height_excess") ? gap.get("height_excess").asDouble() : 1.0;
        assertTrue(r.maxPositionDeg() <= posBound, c.name + ": max position error " + r.maxPositionDeg()
                + "° > " + posBound + "° (" + r.describe() + ")");
        double densityBound = gap != null && gap.has("density_rel") ? gap.get("density_rel").asDouble()
                : target.get("density_rel").asDouble();
        assertTrue(c.columns.contains("dens"), c.name + ": the reference has no dens column");
        assertTrue(r.maxDensityRelative() <= densityBound, c.name + ": air density (dens) differs by "
                + r.maxDensityRelative() + " relative > " + densityBound + " (" + r.describe() + ")");
        assertTrue(r.maxHeightExcess() <= excessBound, c.name + ": height error " + r.maxHeightExcess()
                + " × the allowed max(" + zTarget + " m, " + relTarget + "·z) > " + excessBound + " ("
                + r.describe() + ")");
    }
}
