package org.stilt.parity.stochastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The two bands of one statistic check ({@link StochasticParity#check}): the bar (k·sd_between,
 * floor, print allowance) and the diagnostic sampling-noise band k·√2·se_boot, which may widen the
 * diagnostic but never the bar.
 *
 * <p>Thread-safety: JUnit creates one instance per test; no shared state.
 */
class SamplingNoiseBandTest {

    /** k = 3, print allowance off, so the figures below are exact. */
    private static final StochasticParity.Rules RULES = new StochasticParity.Rules(3.0, 0, 0.01, 3.0, null);

    @Test
    void failureWithinTheSamplingNoiseIsMarkedSoButStillFails() {
        // sd_between 1e-4 → band 3e-4; se_boot 1e-3 → noise 3·√2·1e-3 = 4.243e-3
        StochasticParity.StatisticCheck c = StochasticParity.check("long_mean", -120, -104.5975, -104.5954, 1e-4, 5e-5,
                1e-3, RULES);
        assertEquals(3e-4, c.band(), 1e-15);
        assertEquals(3.0 * Math.sqrt(2.0) * 1e-3, c.noiseBand(), 1e-15);
        assertFalse(c.pass(), "2.1e-3 off with a 3e-4 band must fail the bar");
        assertTrue(c.withinSamplingNoise(), "2.1e-3 is within 4.24e-3 of sampling noise");
    }

    @Test
    void beyondTheSamplingNoiseIsNotWithinIt() {
        StochasticParity.StatisticCheck c = StochasticParity.check("long_mean", -120, -104.6054, -104.5954, 1e-4, 5e-5,
                1e-3, RULES);
        assertFalse(c.pass());
        assertFalse(c.withinSamplingNoise(), "1e-2 off is beyond 4.24e-3");
    }

    @Test
    void theNoiseBandNeverNarrowsTheBar() {
        // se_boot far below sd_between (a deterministic statistic): the noise band is the band
        StochasticParity.StatisticCheck c = StochasticParity.check("mlht_mean", -60, 228.9, 228.9, 0.01, 0.005, 1e-6,
                RULES);
        assertEquals(c.band(), c.noiseBand(), 0.0);
        assertTrue(c.pass());
        assertTrue(c.withinSamplingNoise());
        StochasticParity.StatisticCheck nan = StochasticParity.check("foot_mean", -60, 1.0, 1.0, 0.01, 0.0, Double.NaN,
                RULES);
        assertEquals(nan.band(), nan.noiseBand(), 0.0);
    }

    @Test
    void missingOursIsNeitherPassingNorWithinNoise() {
        StochasticParity.StatisticCheck c = StochasticParity.check("zagl_mean", -5, Double.NaN, 25.2, 0.1, 5e-5, 0.5,
                RULES);
        assertFalse(c.pass());
        assertFalse(c.withinSamplingNoise());
    }
}
