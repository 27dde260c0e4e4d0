package org.stilt.ffi;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Objects;
import org.stilt.core.KernelException;
import org.stilt.core.met.GridProjection;
import org.stilt.core.transport.FrameConverter;
import org.stilt.core.transport.InternalLevels;
import org.stilt.core.transport.JavaTransportKernel;
import org.stilt.core.transport.KernelFrame;
import org.stilt.core.transport.KernelStep;
import org.stilt.core.transport.MixedLayerOptions;
import org.stilt.core.transport.ParticleState;
import org.stilt.core.transport.TrajectoryRows;
import org.stilt.core.transport.TransportKernel;
import org.stilt.core.transport.ErrorProcesses;
import org.stilt.core.transport.TurbulenceOptions;

/**
 * {@link TransportKernel} backed by the Fortran {@code stilt_transport_advance} of
 * libstilt_hysplit.so: the same arithmetic as {@link JavaTransportKernel}, operation for operation,
 * so the two produce identical particle tables (checked by the contract test). The met frames are
 * read in place from their off-heap segments; particle state and output rows are copied through a
 * per-call confined arena (they are small next to the frames).
 *
 * <p>Thread-safety: immutable and stateless; safe for concurrent calls on different simulations.
 */
public final class NativeTransportKernel implements TransportKernel {

    private final StiltHysplitLibrary library;
    private final double modelTopMeters;
    private final double[] levels;

    private NativeTransportKernel(StiltHysplitLibrary library, double modelTopMeters) {
        this.library = Objects.requireNonNull(library, "library");
        this.modelTopMeters = modelTopMeters;
        this.levels = InternalLevels.forModelTop(modelTopMeters).heightsMeters();
    }

    /**
     * A kernel on the process-wide library ({@link LibraryLoader#shared()}).
     *
     * @throws NativeLibraryException if the library cannot be loaded or has the wrong ABI
     */
    public static NativeTransportKernel create(double modelTopMeters) {
        return new NativeTransportKernel(LibraryLoader.shared(), modelTopMeters);
    }

    /** A kernel on a specific library file (e.g. the {@code -fcheck=all} build in tests). */
    public static NativeTransportKernel create(Path library, double modelTopMeters) {
        return new NativeTransportKernel(LibraryLoader.load(library), modelTopMeters);
    }

    @Override
    public String name() {
        return "native";
    }

    /** The Fortran met conversion ({@code stilt_met_prepare}), bit-identical to the Java one. */
    @Override
    public FrameConverter frameConverter(InternalLevels levels, GridProjection projection,
                                         MixedLayerOptions mixedLayer) {
        return new NativeFrameConverter(library, levels, projection, mixedLayer);
    }

    @Override
    public void advance(KernelStep step, KernelFrame a, KernelFrame b, ParticleState state, TrajectoryRows rows) {
        if (a.x0() != b.x0() || a.y0() != b.y0() || a.wx() != b.wx() || a.wy() != b.wy() || a.nz() != b.nz()) {
            throw new KernelException(JavaTransportKernel.STATUS_BAD_FRAMES, "advance",
                    "frames A and B cover different sub-grids; expected the same");
        }
        if (a.nz() != levels.length) {
            throw new KernelException(JavaTransportKernel.STATUS_BAD_FRAMES, "advance", "frames have " + a.nz()
                    + " internal levels; the model top " + modelTopMeters + " m needs " + levels.length);
        }
        int motion = step.verticalMotion().code();
        int n = state.size();
        int steps = step.steps();
        long maxRowsLong = (long) steps * n;
        if (StiltHysplitLibrary.TRANSPORT_ROW_WIDTH != TrajectoryRows.WIDTH) {
            throw new IllegalStateException("native row width " + StiltHysplitLibrary.TRANSPORT_ROW_WIDTH
                    + " differs from TrajectoryRows.WIDTH " + TrajectoryRows.WIDTH);
        }
        if (maxRowsLong > Integer.MAX_VALUE / StiltHysplitLibrary.TRANSPORT_ROW_WIDTH) {
            throw new KernelException(JavaTransportKernel.STATUS_BAD_FRAMES, "advance", steps + " steps × " + n
                    + " particles exceed one call's output buffer; split the interval");
        }
        int maxRows = (int) maxRowsLong;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] status = new int[n];
        state.copyOut(x, y, z, status);
        double[] w = new double[n];
        double[] u = new double[n];
        double[] v = new double[n];
        long[] draws = new long[n];
        state.copyOutTurbulence(w, u, v, draws);
        double[] errs = new double[3 * n];
        state.copyOutErrors(errs);
        TurbulenceOptions turb = step.turbulence();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment zk = arena.allocateFrom(JAVA_DOUBLE, levels);
            MemorySegment px = arena.allocateFrom(JAVA_DOUBLE, x);
            MemorySegment py = arena.allocateFrom(JAVA_DOUBLE, y);
            MemorySegment pz = arena.allocateFrom(JAVA_DOUBLE, z);
            MemorySegment ps = arena.allocateFrom(JAVA_INT, status);
            MemorySegment pw = arena.allocateFrom(JAVA_DOUBLE, w);
            MemorySegment pu = arena.allocateFrom(JAVA_DOUBLE, u);
            MemorySegment pv = arena.allocateFrom(JAVA_DOUBLE, v);
            MemorySegment pd = arena.allocateFrom(JAVA_LONG, draws);
            ErrorProcesses e = turb.errors();
            MemorySegment tparams = arena.allocateFrom(JAVA_DOUBLE, turb.tlfrac(), turb.hscaleSeconds(), turb.veght(),
                    turb.z0Meters(), e.windSigmaMs(), e.windTimeScaleSeconds(), e.windVerticalMeters(),
                    e.windHorizontalMeters(), e.ziSigmaFraction(), e.ziTimeScaleSeconds(), e.ziHorizontalMeters());
            double[] zi = turb.ziScale();
            MemorySegment zic = arena.allocateFrom(JAVA_DOUBLE, zi.length == 0 ? new double[] {1.0} : zi);
            MemorySegment pe = arena.allocateFrom(JAVA_DOUBLE, errs);
            StiltHysplitLibrary.TurbulenceCall tc = new StiltHysplitLibrary.TurbulenceCall(turb.enabled(),
                    turb.seed(), turb.simulationId(), tparams, zi.length, zic, pw, pu, pv, pd, pe);
            MemorySegment out = Scratch.rows(Math.max(1L, (long) maxRows * TrajectoryRows.WIDTH));
            MemorySegment nrows = arena.allocateFrom(JAVA_INT, 0);
            StiltHysplitLibrary.TransportCall call = new StiltHysplitLibrary.TransportCall(a.wx(), a.wy(), a.nz(),
                    a.x0(), a.y0(), step.gridNx(), step.gridNy(), motion, steps, step.dtMinutes(),
                    step.startMinute(), step.frameAMinute(), step.frameBMinute(), modelTopMeters, step.firstParticle(),
                    step.particleStride(), step.advectionX0(), step.advectionY0());
            library.transportAdvance(call, zk, MemorySegment.ofBuffer(a.buffer()), MemorySegment.ofBuffer(b.buffer()), n, px, py,
                    pz, ps, tc, maxRows, out, nrows);
            MemorySegment.copy(px, JAVA_DOUBLE, 0, x, 0, n);
            MemorySegment.copy(py, JAVA_DOUBLE, 0, y, 0, n);
            MemorySegment.copy(pz, JAVA_DOUBLE, 0, z, 0, n);
            MemorySegment.copy(ps, JAVA_INT, 0, status, 0, n);
            state.copyIn(x, y, z, status);
            MemorySegment.copy(pw, JAVA_DOUBLE, 0, w, 0, n);
            MemorySegment.copy(pu, JAVA_DOUBLE, 0, u, 0, n);
            MemorySegment.copy(pv, JAVA_DOUBLE, 0, v, 0, n);
            MemorySegment.copy(pd, JAVA_LONG, 0, draws, 0, n);
            state.copyInTurbulence(w, u, v, draws);
            MemorySegment.copy(pe, JAVA_DOUBLE, 0, errs, 0, 3 * n);
            state.copyInErrors(errs);
            int produced = nrows.get(JAVA_INT, 0);
            rows.appendAll(out.asSlice(0, (long) produced * TrajectoryRows.WIDTH * Double.BYTES).asByteBuffer()
                    .order(java.nio.ByteOrder.nativeOrder()).asDoubleBuffer(), produced);
        }
    }

    /**
     * A per-thread output buffer reused across calls: allocating (and so zeroing) several MB for
     * every met interval cost as much as a fifth of the kernel time. Thread-safety: thread-confined.
     */
    private static final class Scratch {
        private static final ThreadLocal<MemorySegment> ROWS = new ThreadLocal<>();

        static MemorySegment rows(long doubles) {
            MemorySegment s = ROWS.get();
            if (s == null || s.byteSize() < doubles * Double.BYTES) {
                s = Arena.ofAuto().allocate(JAVA_DOUBLE, Math.max(doubles, 1L << 16));
                ROWS.set(s);
            }
            return s;
        }
    }

}
