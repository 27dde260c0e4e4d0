package org.stilt.core.footprint;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stilt.core.particles.ParticleTable;

/**
 * The calculation's working memory does not grow with the particle table: on a synthetic
 * 2-million-row table, the bytes the calculating thread allocates (all of them, live or garbage,
 * so an upper bound of its peak working memory that does not depend on when the collector runs)
 * stay below a bound derived from the grid, the particles and the densified early rows. Any
 * per-row working array (8 or 16 MB at 2 M rows) would break it; the former pipeline allocated
 * about 115 bytes per row (230 MB here).
 *
 * <p>Thread-safety: a JUnit test class; not shared.
 */
class FootprintMemoryTest {


    @Test
    void allocationIsBoundedByGridAndParticlesNotRows() {
        check(false, 1000, 2000);
    }

    @Test
    void densifiedAllocationIsBoundedByGridParticlesAndEarlyRows() {
        check(true, 100, 20_000);
    }

    private static void check(boolean fastEarlyMotion, int particles, int steps) {
        int n = particles * steps;
        double[] time = new double[n];
        double[] indx = new double[n];
        double[] lon = new double[n];
        double[] lat = new double[n];
        double[] foot = new double[n];
        int earlyRows = 0;
        // R's row order: time step by time step, particles within a step.
        for (int k = 0, r = 0; k < steps; k++) {
            double t = k < 10 ? -(k + 1) : -(100 + 150 * (k - 9));
            for (int p = 0; p < particles; p++, r++) {
                time[r] = t;
                indx[r] = p + 1;
                double step = fastEarlyMotion ? 0.02 : 0.001;
                lon[r] = 0.5 + Math.min(k, 20) * step * Math.cos(p) + 0.2 * Math.sin(0.01 * k + p);
                lat[r] = 0.5 + Math.min(k, 20) * step * Math.sin(p) + 0.2 * Math.cos(0.013 * k + p);
                foot[r] = 1e-3;
                if (Math.abs(t) <= 100) {
                    earlyRows++;
                }
            }
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("time", time);
        cols.put("indx", indx);
        cols.put("long", lon);
        cols.put("lati", lat);
        cols.put("foot", foot);
        ParticleTable table = new ParticleTable(cols);
        FootprintDomain domain = FootprintDomain.longlat(0, 1, 0, 1, 0.01);
        FootprintRequest request = new FootprintRequest(domain, Instant.parse("2020-01-01T00:00:00Z"), 0, true);
        FootprintCalculator calc = new FootprintCalculator(new JavaKernelSpreader());
        calc.calculate(table, request); // warm-up: class loading and JIT allocate too

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(tid);
        Footprint fp = assertInstanceOf(Footprint.class, calc.calculate(table, request));
        long allocated = threads.getThreadAllocatedBytes(tid) - before;

        assertTrue(fp.densified() == fastEarlyMotion, "densified: " + fp.densified());
        // Grid: with point kernels (smooth factor 0) the buffered grid is at most 2·nx by 2·ny cells;
        // a few copies of it (the buffered grid, the result).
        long gridCells = (long) fp.x().length * fp.y().length * fp.timesEpochSeconds().length;
        long grid = 8L * 4 * gridCells * 3;
        long densifiedRows = fastEarlyMotion ? 311L * particles : 0;
        long bound = 4_000_000 // chunk buffers and fixed overhead
                + grid
                + 400L * particles // per-particle state
                + 150L * (earlyRows + densifiedRows) // early side table, densified rows
                + 200L * steps; // per-rtime statistics (point kernels: smooth factor 0)
        System.out.printf("footprint memory test: %d rows, densified %b, allocated %.1f MB, bound %.1f MB%n",
                n, fastEarlyMotion, allocated / 1e6, bound / 1e6);
        assertTrue(allocated < bound, "allocated " + allocated + " bytes for " + n + " rows, bound " + bound
                + " (" + (double) allocated / n + " bytes per row)");
        assertTrue(bound < 8L * n, "the bound must stay below one per-row array of doubles: " + bound);
    }
}
