package org.stilt.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stilt.core.InvalidInputException;

/** The per-simulation transport threads of {@code stilt run}: automatic from the cores the workers leave. */
class RunOptionsTest {

    @Test
    void automaticThreadsShareTheCoresAmongTheWorkers() {
        RunOptions auto = RunOptions.defaults();
        assertEquals(0, auto.threadsPerSimulation());
        assertEquals(2, auto.effectiveThreadsPerSimulation(1, 2), "one receptor on 2 cores");
        assertEquals(1, auto.effectiveThreadsPerSimulation(2, 2), "two workers on 2 cores");
        assertEquals(1, auto.effectiveThreadsPerSimulation(3, 2), "more workers than cores");
        assertEquals(4, auto.effectiveThreadsPerSimulation(2, 8));
        assertEquals(3, auto.effectiveThreadsPerSimulation(2, 7), "rounded down");
        assertEquals(RunOptions.MAX_THREADS_PER_SIMULATION, auto.effectiveThreadsPerSimulation(1, 1000));
        assertTrue(auto.effectiveThreadsPerSimulation(1) >= 1);
    }

    @Test
    void explicitThreadsWinAndBadCountsNameTheValue() {
        RunOptions three = RunOptions.defaults().withThreadsPerSimulation(3);
        assertEquals(3, three.effectiveThreadsPerSimulation(4, 2));
        assertEquals(3, three.withWorkers(2).withSkip(false).threadsPerSimulation(), "kept by the other withers");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RunOptions.defaults().withThreadsPerSimulation(-1));
        assertTrue(e.getMessage().contains("threads per simulation -1"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> RunOptions.defaults().withThreadsPerSimulation(257));
    }
}
