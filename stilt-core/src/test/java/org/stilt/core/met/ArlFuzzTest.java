package org.stilt.core.met;

import java.nio.file.Path;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.stilt.core.StiltException;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the ARL reader with Jazzer: mutations of a small valid file chosen by
 * the fuzzer. Skipped unless {@code JAZZER_FUZZ} is set; fuzz with
 * {@code JAZZER_FUZZ=1 scripts/mvn -o -pl stilt-core test -Dtest=ArlFuzzTest} (docs/met.md).
 * Any throwable other than a {@link StiltException} is a finding.
 */
class ArlFuzzTest {

    private static final byte[] VALID = valid();

    private static byte[] valid() {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("arl-fuzz");
            Path f = ArlTestFiles.write(dir.resolve("seed.arl"), ArlTestFiles.tinyGrid(), VerticalCoordinate.SIGMA, 2, 2);
            byte[] b = java.nio.file.Files.readAllBytes(f);
            java.nio.file.Files.delete(f);
            java.nio.file.Files.delete(dir);
            return b;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+",
            disabledReason = "Jazzer's agent costs ~20 s even in regression mode; set JAZZER_FUZZ=1 to fuzz")
    void mutatedFilesOnlyFailWithStiltExceptions(FuzzedDataProvider data) {
        byte[] b = VALID.clone();
        int edits = data.consumeInt(0, 8);
        for (int i = 0; i < edits; i++) {
            b[data.consumeInt(0, b.length - 1)] = data.consumeByte();
        }
        int length = data.consumeBoolean() ? data.consumeInt(0, b.length) : b.length;
        byte[] file = java.util.Arrays.copyOf(b, length);
        try {
            ArlFile f = ArlFile.of(Path.of("fuzz.arl"), file);
            f.checksumMismatches();
            for (ArlPeriod p : f.periods()) {
                for (ArlRecord r : p.records()) {
                    f.readWithDifference(p, r.label().variable(), r.label().level());
                }
            }
        } catch (StiltException expected) {
            // a rejected file is fine
        }
    }
}
