package org.stilt.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.stilt.core.KernelException;
import org.stilt.core.rng.Distribution;

/**
 * The binding of libstilt_hysplit.so: one {@code static final} downcall handle per C symbol with
 * its {@link FunctionDescriptor} beside it (the C prototype from the generated header
 * {@code hysplit/include/stilt_hysplit.h} is quoted above each; {@code HeaderContractTest} checks
 * them against each other), and thin wrappers that turn a non-zero status into a
 * {@link KernelException} naming the C function.
 *
 * <p>Instances are created by {@link LibraryLoader} after the ABI handshake and hold the symbol
 * addresses of one loaded copy of the library; the handles are unbound, so several copies (the
 * optimised and the {@code -fcheck=all} build) can be used in one JVM.
 *
 * <p>Memory: Java owns every buffer; the library only reads and writes within a call. The
 * wrappers check that each array or segment is large enough for the sizes passed, so no call can
 * touch memory outside its arguments; all other argument checks (odd kernel sizes, ...) are the
 * library's, reported as {@link KernelStatus#ERR_ARGUMENT}.
 *
 * <p>Thread-safety: immutable; every entry point is reentrant (stateless Fortran), so concurrent
 * calls are safe as long as they write to different output arrays.
 */
public final class StiltHysplitLibrary {

    /**
     * The ABI version this build of stilt-java was written against; the library must match it.
     * History as in {@code stilt_capi.f90}; 5 added {@code stilt_rng_fill}, 6 the turbulence table,
     * the math identity check and the met conversion, 7 the mixed-layer depth in the frames, 8 {@code stilt_dispersion_run}.
     */
    public static final int ABI_VERSION = 20;

    /** Size of the message buffer passed to every entry point. */
    static final int MESSAGE_BYTES = 256;

    // Pointer parameters carry their pointee type so that the header test can check it; the target
    // layout is never used to dereference anything (restricted only because it could be).
    @SuppressWarnings("restricted")
    private static final AddressLayout DOUBLES = ADDRESS.withTargetLayout(JAVA_DOUBLE);
    @SuppressWarnings("restricted")
    private static final AddressLayout INTS = ADDRESS.withTargetLayout(JAVA_INT);
    @SuppressWarnings("restricted")
    private static final AddressLayout CHARS = ADDRESS.withTargetLayout(JAVA_BYTE);
    @SuppressWarnings("restricted")
    private static final AddressLayout FLOATS = ADDRESS.withTargetLayout(JAVA_FLOAT);
    @SuppressWarnings("restricted")
    private static final AddressLayout LONGS = ADDRESS.withTargetLayout(JAVA_LONG);

    // int stilt_abi_version ();
    static final FunctionDescriptor ABI_VERSION_DESCRIPTOR = FunctionDescriptor.of(JAVA_INT);
    private static final MethodHandle ABI_VERSION_HANDLE = LinkerHelper.downcall(ABI_VERSION_DESCRIPTOR);

    // int stilt_status_count ();
    static final FunctionDescriptor STATUS_COUNT_DESCRIPTOR = FunctionDescriptor.of(JAVA_INT);
    private static final MethodHandle STATUS_COUNT_HANDLE = LinkerHelper.downcall(STATUS_COUNT_DESCRIPTOR);

    // int stilt_footprint_spread (int nx, int ny, double *grid, int kx, int ky, const double *kernel,
    //     int n, const int *ix, const int *iy, const double *foot, char *msg, int msg_len);
    static final FunctionDescriptor FOOTPRINT_SPREAD_DESCRIPTOR = FunctionDescriptor.of(JAVA_INT,
            JAVA_INT.withName("nx"), JAVA_INT.withName("ny"), DOUBLES.withName("grid"),
            JAVA_INT.withName("kx"), JAVA_INT.withName("ky"), DOUBLES.withName("kernel"),
            JAVA_INT.withName("n"), INTS.withName("ix"), INTS.withName("iy"), DOUBLES.withName("foot"),
            CHARS.withName("msg"), JAVA_INT.withName("msg_len"));
    /** For native segments; an ordinary downcall. */
    private static final MethodHandle FOOTPRINT_SPREAD_HANDLE = LinkerHelper.downcall(FOOTPRINT_SPREAD_DESCRIPTOR);
    /** For heap arrays: critical (no thread-state transition, heap access allowed); the call is
     *  short and never calls back into Java, as the Linker API requires. */
    private static final MethodHandle FOOTPRINT_SPREAD_CRITICAL_HANDLE =
            LinkerHelper.downcall(FOOTPRINT_SPREAD_DESCRIPTOR, Linker.Option.critical(true));

    // int stilt_transport_advance (int wx, int wy, int nz, int x0, int y0, int grid_nx, int grid_ny,
    //     int motion, int steps, int dt, double start_minute, double a_minute, double b_minute,
    //     double ztop, const double *zk, const float *frame_a, const float *frame_b, int n,
    //     double *px, double *py, double *pz, int *pstat, int turb, int64_t seed, int64_t simulation_id,
    //     const double *tparams, int nzic, const double *zic, double *pw, double *pu, double *pv,
    //     int64_t *pdraw, double *perr, int first_particle, int particle_stride, int adv_x0, int adv_y0,
    //     int max_rows, double *rows, int *nrows, char *msg, int msg_len);
    static final FunctionDescriptor TRANSPORT_ADVANCE_DESCRIPTOR = FunctionDescriptor.of(JAVA_INT,
            JAVA_INT.withName("wx"), JAVA_INT.withName("wy"), JAVA_INT.withName("nz"), JAVA_INT.withName("x0"),
            JAVA_INT.withName("y0"), JAVA_INT.withName("grid_nx"), JAVA_INT.withName("grid_ny"),
            JAVA_INT.withName("motion"), JAVA_INT.withName("steps"), JAVA_INT.withName("dt"),
            JAVA_DOUBLE.withName("start_minute"), JAVA_DOUBLE.withName("a_minute"), JAVA_DOUBLE.withName("b_minute"),
            JAVA_DOUBLE.withName("ztop"), DOUBLES.withName("zk"), FLOATS.withName("frame_a"),
            FLOATS.withName("frame_b"), JAVA_INT.withName("n"), DOUBLES.withName("px"), DOUBLES.withName("py"),
            DOUBLES.withName("pz"), INTS.withName("pstat"), JAVA_INT.withName("turb"), JAVA_LONG.withName("seed"),
            JAVA_LONG.withName("simulation_id"), DOUBLES.withName("tparams"), JAVA_INT.withName("nzic"),
            DOUBLES.withName("zic"), DOUBLES.withName("pw"), DOUBLES.withName("pu"), DOUBLES.withName("pv"),
            LONGS.withName("pdraw"), DOUBLES.withName("perr"), JAVA_INT.withName("first_particle"),
            JAVA_INT.withName("particle_stride"), JAVA_INT.withName("adv_x0"), JAVA_INT.withName("adv_y0"),
            JAVA_INT.withName("max_rows"), DOUBLES.withName("rows"),
            INTS.withName("nrows"), CHARS.withName("msg"), JAVA_INT.withName("msg_len"));
    /** An ordinary downcall: a call can run for seconds (a whole met interval), too long for critical. */
    private static final MethodHandle TRANSPORT_ADVANCE_HANDLE = LinkerHelper.downcall(TRANSPORT_ADVANCE_DESCRIPTOR);

    // int stilt_turbulence_layers (double ustar, double shtf, double rho, double t, double zi, double z0,
    //     int nz, const double *zk, double *sigw, double *tl, char *msg, int msg_len);
    static final FunctionDescriptor TURBULENCE_LAYERS_DESCRIPTOR = FunctionDescriptor.of(JAVA_INT,
            JAVA_DOUBLE.withName("ustar"), JAVA_DOUBLE.withName("shtf"), JAVA_DOUBLE.withName("rho"),
            JAVA_DOUBLE.withName("t"), JAVA_DOUBLE.withName("zi"), JAVA_DOUBLE.withName("z0"), JAVA_INT.withName("nz"),
            DOUBLES.withName("zk"), DOUBLES.withName("sigw"), DOUBLES.withName("tl"), CHARS.withName("msg"),
            JAVA_INT.withName("msg_len"));
    private static final MethodHandle TURBULENCE_LAYERS_HANDLE = LinkerHelper.downcall(TURBULENCE_LAYERS_DESCRIPTOR);

    // int stilt_math_eval (int fn, int n, const double *x, const double *y, double *out, char *msg, int msg_len);
    static final FunctionDescriptor MATH_EVAL_DESCRIPTOR = FunctionDescriptor.of(JAVA_INT,
            JAVA_INT.withName("fn"), JAVA_INT.withName("n"), DOUBLES.withName("x"), DOUBLES.withName("y"),
            DOUBLES.withName("out"), CHARS.withName("msg"), JAVA_INT.withName("msg_len"));
    private static final MethodHandle MATH_EVAL_HANDLE = LinkerHelper.downcall(MATH_EVAL_DESCRIPTOR);

    // int stilt_met_prepare (int wx, int wy, int nl, int nz, int vcoord, double ptop, const double *lv,
    //     double ztop, const double *zk, int kmixd, double kmix0, const int *sflag, const int *uflag,
    //     const float *sfc, const float *up, float *frame, char *msg, int msg_len);
    static final FunctionDescriptor MET_PREPARE_DESCRIPTOR = FunctionDescriptor.of(JAVA_INT,
            JAVA_INT.withName("wx"), JAVA_INT.withName("wy"), JAVA_INT.withName("nl"), JAVA_INT.withName("nz"),
            JAVA_INT.withName("vcoord"), JAVA_DOUBLE.withName("ptop"), DOUBLES.withName("lv"),
            JAVA_DOUBLE.withName("ztop"), DOUBLES.withName("zk"), JAVA_INT.withName("kmixd"),
            JAVA_DOUBLE.withName("kmix0"), INTS.withName("sflag"), INTS.withName("uflag"),
            FLOATS.withName("sfc"), FLOATS.withName("up"), FLOATS.withName("frame"), CHARS.withName("msg"),
            JAVA_INT.withName("msg_len"));
    private static final MethodHandle MET_PREPARE_HANDLE = LinkerHelper.downcall(MET_PREPARE_DESCRIPTOR);

    // int stilt_rng_fill (long seed, long simulation_id, long first_particle, int n_particles,
    //     int draws_per_particle, int kind, double *out, char *msg, int msg_len);
    static final FunctionDescriptor RNG_FILL_DESCRIPTOR = FunctionDescriptor.of(JAVA_INT,
            JAVA_LONG.withName("seed"), JAVA_LONG.withName("simulation_id"), JAVA_LONG.withName("first_particle"),
            JAVA_INT.withName("n_particles"), JAVA_INT.withName("draws_per_particle"), JAVA_INT.withName("kind"),
            DOUBLES.withName("out"), CHARS.withName("msg"), JAVA_INT.withName("msg_len"));
    /** Heap arrays through a critical downcall: tests and benchmarks fill moderate arrays. */
    private static final MethodHandle RNG_FILL_CRITICAL_HANDLE =
            LinkerHelper.downcall(RNG_FILL_DESCRIPTOR, Linker.Option.critical(true));

    // int stilt_dispersion_run (long seed, long simulation_id, int n, int minutes, int nz, const double *levels,
    //     const double *sigw, const double *tl, double h, double tlfrac, double *z, double *w, long *draw,
    //     double *samt, double *sigw_out, double *tl_out, char *msg, int msg_len);
    static final FunctionDescriptor DISPERSION_RUN_DESCRIPTOR = FunctionDescriptor.of(JAVA_INT,
            JAVA_LONG.withName("seed"), JAVA_LONG.withName("simulation_id"), JAVA_INT.withName("n"),
            JAVA_INT.withName("minutes"), JAVA_INT.withName("nz"), DOUBLES.withName("levels"),
            DOUBLES.withName("sigw"), DOUBLES.withName("tl"), JAVA_DOUBLE.withName("h"),
            JAVA_DOUBLE.withName("tlfrac"), DOUBLES.withName("z"), DOUBLES.withName("w"), LONGS.withName("draw"),
            DOUBLES.withName("samt"), DOUBLES.withName("sigw_out"), DOUBLES.withName("tl_out"),
            CHARS.withName("msg"), JAVA_INT.withName("msg_len"));
    private static final MethodHandle DISPERSION_RUN_HANDLE = LinkerHelper.downcall(DISPERSION_RUN_DESCRIPTOR);

    /** Values per output row of {@code stilt_transport_advance}. */
    public static final int TRANSPORT_ROW_WIDTH = 20;
    /** 2-D and 3-D field counts of a transport frame. */
    public static final int TRANSPORT_N2D = 12;
    public static final int TRANSPORT_N3D = 9;

    /** Every exported C function and its descriptor, for the header contract test. */
    static final Map<String, FunctionDescriptor> DESCRIPTORS = Map.of(
            "stilt_abi_version", ABI_VERSION_DESCRIPTOR,
            "stilt_status_count", STATUS_COUNT_DESCRIPTOR,
            "stilt_footprint_spread", FOOTPRINT_SPREAD_DESCRIPTOR,
            "stilt_transport_advance", TRANSPORT_ADVANCE_DESCRIPTOR,
            "stilt_turbulence_layers", TURBULENCE_LAYERS_DESCRIPTOR,
            "stilt_math_eval", MATH_EVAL_DESCRIPTOR,
            "stilt_met_prepare", MET_PREPARE_DESCRIPTOR,
            "stilt_rng_fill", RNG_FILL_DESCRIPTOR,
            "stilt_dispersion_run", DISPERSION_RUN_DESCRIPTOR);

    private final NativeLibraryInfo info;
    private final MemorySegment abiVersionSymbol;
    private final MemorySegment statusCountSymbol;
    private final MemorySegment footprintSpreadSymbol;
    private final MemorySegment transportAdvanceSymbol;
    private final MemorySegment turbulenceLayersSymbol;
    private final MemorySegment mathEvalSymbol;
    private final MemorySegment metPrepareSymbol;
    private final MemorySegment rngFillSymbol;
    private final MemorySegment dispersionRunSymbol;

    /**
     * Resolves every symbol of the library behind {@code lookup}.
     *
     * @throws NativeLibraryException if a symbol is missing
     */
    StiltHysplitLibrary(SymbolLookup lookup, NativeLibraryInfo info) {
        this.info = Objects.requireNonNull(info, "info");
        String where = info.location();
        this.abiVersionSymbol = LinkerHelper.symbol(lookup, "stilt_abi_version", where);
        this.statusCountSymbol = LinkerHelper.symbol(lookup, "stilt_status_count", where);
        this.footprintSpreadSymbol = LinkerHelper.symbol(lookup, "stilt_footprint_spread", where);
        this.transportAdvanceSymbol = LinkerHelper.symbol(lookup, "stilt_transport_advance", where);
        this.turbulenceLayersSymbol = LinkerHelper.symbol(lookup, "stilt_turbulence_layers", where);
        this.mathEvalSymbol = LinkerHelper.symbol(lookup, "stilt_math_eval", where);
        this.metPrepareSymbol = LinkerHelper.symbol(lookup, "stilt_met_prepare", where);
        this.rngFillSymbol = LinkerHelper.symbol(lookup, "stilt_rng_fill", where);
        this.dispersionRunSymbol = LinkerHelper.symbol(lookup, "stilt_dispersion_run", where);
    }

    /** Calls {@code stilt_abi_version()} of the library behind {@code lookup}, before binding the rest. */
    static int readAbiVersion(SymbolLookup lookup, String where) {
        MemorySegment symbol = LinkerHelper.symbol(lookup, "stilt_abi_version", where);
        try {
            return (int) ABI_VERSION_HANDLE.invokeExact(symbol);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Where this library came from, its ABI version and checksum. */
    public NativeLibraryInfo info() {
        return info;
    }

    /** {@code stilt_abi_version()}. */
    public int abiVersion() {
        try {
            return (int) ABI_VERSION_HANDLE.invokeExact(abiVersionSymbol);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code stilt_status_count()}: the number of status codes the library defines. */
    public int statusCount() {
        try {
            return (int) STATUS_COUNT_HANDLE.invokeExact(statusCountSymbol);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * {@code stilt_footprint_spread} on heap arrays through a critical downcall (no copies).
     * Indices are 0-based; see {@link org.stilt.core.footprint.KernelSpreader} for the layouts.
     *
     * @throws IllegalArgumentException if an array is shorter than its sizes require
     * @throws KernelException          if the library rejects the arguments
     */
    public void footprintSpread(double[] grid, int nx, int ny, double[] kernel, int kx, int ky,
                                int n, int[] ix, int[] iy, double[] foot) {
        requireCapacity(grid.length, kernel.length, ix.length, iy.length, foot.length, nx, ny, kx, ky, n);
        byte[] msg = new byte[MESSAGE_BYTES];
        int status;
        try {
            status = (int) FOOTPRINT_SPREAD_CRITICAL_HANDLE.invokeExact(footprintSpreadSymbol, nx, ny,
                    MemorySegment.ofArray(grid), kx, ky, MemorySegment.ofArray(kernel), n, MemorySegment.ofArray(ix),
                    MemorySegment.ofArray(iy), MemorySegment.ofArray(foot), MemorySegment.ofArray(msg), MESSAGE_BYTES);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        checkStatus(status, "stilt_footprint_spread", MemorySegment.ofArray(msg));
    }

    /**
     * {@code stilt_footprint_spread} on native segments (an ordinary, non-critical downcall), for
     * callers whose data already live off-heap. Element layouts: {@code double}, {@code int}.
     *
     * @throws IllegalArgumentException if a segment is shorter than its sizes require
     * @throws KernelException          if the library rejects the arguments
     */
    public void footprintSpread(MemorySegment grid, int nx, int ny, MemorySegment kernel, int kx, int ky,
                                int n, MemorySegment ix, MemorySegment iy, MemorySegment foot) {
        requireCapacity(elements(grid, JAVA_DOUBLE), elements(kernel, JAVA_DOUBLE), elements(ix, JAVA_INT),
                elements(iy, JAVA_INT), elements(foot, JAVA_DOUBLE), nx, ny, kx, ky, n);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment msg = arena.allocate(MESSAGE_BYTES);
            int status;
            try {
                status = (int) FOOTPRINT_SPREAD_HANDLE.invokeExact(footprintSpreadSymbol, nx, ny, grid, kx, ky,
                        kernel, n, ix, iy, foot, msg, MESSAGE_BYTES);
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
            checkStatus(status, "stilt_footprint_spread", msg);
        }
    }

    /**
     * Grid and time arguments of one {@code stilt_transport_advance} call; the state's particle p
     * has ensemble index {@code firstParticle + p·particleStride}; positions are advanced relative to
     * the full-grid offsets {@code advectionX0}, {@code advectionY0} (hycs_std's position sub-grid,
     * {@link org.stilt.core.transport.AdvectionSubGrid}). Thread-safety: immutable.
     */
    public record TransportCall(int wx, int wy, int nz, int x0, int y0, int gridNx, int gridNy, int motion,
                                int steps, int dt, double startMinute, double aMinute, double bMinute,
                                double modelTopMeters, int firstParticle, int particleStride, int advectionX0,
                                int advectionY0) {
    }

    /**
     * Dispersion arguments of one {@code stilt_transport_advance} call: on/off, the random streams'
     * seed and simulation number, {@code tparams} = 11 doubles (tlfrac, hscale s, veght, z0 m, then
     * the seven {@link org.stilt.core.transport.ErrorProcesses} values), {@code nzic} ZICONTROL
     * factors in {@code zic}, and the particles' state ({@code n} doubles w′, u′, v′, {@code n} int64
     * draw indices, {@code 3n} doubles of transport errors). Thread-safety: immutable.
     */
    public record TurbulenceCall(boolean enabled, long seed, long simulationId, MemorySegment tparams, int nzic,
                                 MemorySegment zic, MemorySegment pw, MemorySegment pu, MemorySegment pv,
                                 MemorySegment pdraw, MemorySegment perr) {
    }

    /**
     * {@code stilt_transport_advance} on native segments (see hysplit/src/capi/stilt_capi.f90 and
     * docs/transport.md): frames of {@code wx·wy·(11 + 8·nz)} floats, particle arrays of {@code n}
     * elements, {@code rows} of {@code 20·maxRows} doubles and {@code nrows} one int (in: rows in
     * use, out: after the call).
     *
     * @throws IllegalArgumentException if a segment is smaller than the sizes require
     * @throws KernelException          for a non-zero status
     */
    public void transportAdvance(TransportCall c, MemorySegment zk, MemorySegment frameA, MemorySegment frameB,
                                 int n, MemorySegment px, MemorySegment py, MemorySegment pz, MemorySegment pstat,
                                 TurbulenceCall t, int maxRows, MemorySegment rows, MemorySegment nrows) {
        long frameFloats = (long) c.wx() * c.wy() * (TRANSPORT_N2D + (long) TRANSPORT_N3D * c.nz());
        if (c.wx() < 1 || c.wy() < 1 || c.nz() < 1 || n < 0 || maxRows < 0
                || elements(zk, JAVA_DOUBLE) < c.nz() || elements(frameA, JAVA_FLOAT) < frameFloats
                || elements(frameB, JAVA_FLOAT) < frameFloats || elements(px, JAVA_DOUBLE) < n
                || elements(py, JAVA_DOUBLE) < n || elements(pz, JAVA_DOUBLE) < n || elements(pstat, JAVA_INT) < n
                || elements(t.tparams(), JAVA_DOUBLE) < 11 || t.nzic() < 0
                || elements(t.zic(), JAVA_DOUBLE) < Math.max(1, t.nzic()) || elements(t.pw(), JAVA_DOUBLE) < n
                || elements(t.perr(), JAVA_DOUBLE) < 3L * n
                || elements(t.pu(), JAVA_DOUBLE) < n || elements(t.pv(), JAVA_DOUBLE) < n
                || elements(t.pdraw(), JAVA_LONG) < n
                || elements(rows, JAVA_DOUBLE) < (long) TRANSPORT_ROW_WIDTH * maxRows || elements(nrows, JAVA_INT) < 1
                || frameFloats > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("transport segments too small for " + c + ", n " + n + ", max rows "
                    + maxRows);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment msg = arena.allocate(MESSAGE_BYTES);
            int status;
            try {
                status = (int) TRANSPORT_ADVANCE_HANDLE.invokeExact(transportAdvanceSymbol, c.wx(), c.wy(), c.nz(),
                        c.x0(), c.y0(), c.gridNx(), c.gridNy(), c.motion(), c.steps(), c.dt(), c.startMinute(),
                        c.aMinute(), c.bMinute(), c.modelTopMeters(), zk, frameA, frameB, n, px, py, pz, pstat,
                        t.enabled() ? 1 : 0, t.seed(), t.simulationId(), t.tparams(), t.nzic(), t.zic(), t.pw(),
                        t.pu(), t.pv(), t.pdraw(), t.perr(), c.firstParticle(), c.particleStride(), c.advectionX0(),
                        c.advectionY0(), maxRows, rows,
                        nrows, msg, MESSAGE_BYTES);
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
            checkStatus(status, "stilt_transport_advance", msg);
        }
    }

    /**
     * {@code stilt_turbulence_layers}: σ_w and T_Lw at each height of {@code zk} (see
     * {@link org.stilt.core.transport.HannaTurbulence}), into {@code sigw} and {@code tl}.
     *
     * @throws KernelException for invalid arguments
     */
    public void turbulenceLayers(double ustar, double shtf, double rho, double t, double zi, double z0, double[] zk,
                                 double[] sigw, double[] tl) {
        if (sigw.length < zk.length || tl.length < zk.length) {
            throw new IllegalArgumentException("output arrays shorter than the " + zk.length + " heights");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment z = arena.allocateFrom(JAVA_DOUBLE, zk);
            MemorySegment s = arena.allocate(JAVA_DOUBLE, Math.max(1, zk.length));
            MemorySegment l = arena.allocate(JAVA_DOUBLE, Math.max(1, zk.length));
            MemorySegment msg = arena.allocate(MESSAGE_BYTES);
            int status;
            try {
                status = (int) TURBULENCE_LAYERS_HANDLE.invokeExact(turbulenceLayersSymbol, ustar, shtf, rho, t, zi, z0,
                        zk.length, z, s, l, msg, MESSAGE_BYTES);
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
            checkStatus(status, "stilt_turbulence_layers", msg);
            MemorySegment.copy(s, JAVA_DOUBLE, 0, sigw, 0, zk.length);
            MemorySegment.copy(l, JAVA_DOUBLE, 0, tl, 0, zk.length);
        }
    }

    /**
     * {@code stilt_met_prepare} on native segments (layouts: hysplit/src/capi/stilt_capi.f90);
     * used by {@link NativeFrameConverter}.
     *
     * @throws IllegalArgumentException if a segment is smaller than the sizes require
     * @throws KernelException          for a non-zero status
     */
    void metPrepare(int wx, int wy, int nl, int nz, int vcoord, double ptop, MemorySegment lv, double ztop,
                    MemorySegment zk, int kmixd, double kmix0, MemorySegment sflag, MemorySegment uflag, MemorySegment sfc, MemorySegment up,
                    MemorySegment frame) {
        long plane = (long) wx * wy;
        if (wx < 1 || wy < 1 || nl < 1 || nz < 1 || elements(lv, JAVA_DOUBLE) < nl || elements(zk, JAVA_DOUBLE) < nz
                || elements(sflag, JAVA_INT) < 12 || elements(uflag, JAVA_INT) < 8
                || elements(sfc, JAVA_FLOAT) < plane * 12 || elements(up, JAVA_FLOAT) < plane * nl * 8
                || elements(frame, JAVA_FLOAT) < plane * (TRANSPORT_N2D + (long) TRANSPORT_N3D * nz)
                || plane * nl * 8 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("met prepare segments too small for " + wx + " × " + wy + ", " + nl
                    + " levels, " + nz + " internal levels");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment msg = arena.allocate(MESSAGE_BYTES);
            int status;
            try {
                status = (int) MET_PREPARE_HANDLE.invokeExact(metPrepareSymbol, wx, wy, nl, nz, vcoord, ptop, lv, ztop,
                        zk, kmixd, kmix0, sflag, uflag, sfc, up, frame, msg, MESSAGE_BYTES);
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
            checkStatus(status, "stilt_met_prepare", msg);
        }
    }

    /**
     * {@code stilt_dispersion_run}: the vertical dispersion alone for {@code z.length} particles
     * over {@code minutes} minutes (see {@link org.stilt.core.transport.VerticalDispersion});
     * z, w, draw updated in place; samt, sigw, tl of the last minute written to {@code last}
     * ({@code [3][n]}).
     */
    public void dispersionRun(long seed, long simulationId, int minutes, double[] levels, double[] sigw, double[] tl,
                              double h, double tlfrac, double[] z, double[] w, long[] draw, double[][] last) {
        int n = z.length;
        if (w.length < n || draw.length < n || sigw.length < levels.length || tl.length < levels.length
                || last.length < 3 || last[0].length < n || last[1].length < n || last[2].length < n) {
            throw new IllegalArgumentException("dispersion arrays shorter than their sizes");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment lv = arena.allocateFrom(JAVA_DOUBLE, levels);
            MemorySegment sg = arena.allocateFrom(JAVA_DOUBLE, sigw);
            MemorySegment t = arena.allocateFrom(JAVA_DOUBLE, tl);
            MemorySegment zs = arena.allocateFrom(JAVA_DOUBLE, z);
            MemorySegment ws = arena.allocateFrom(JAVA_DOUBLE, w);
            MemorySegment ds = arena.allocateFrom(JAVA_LONG, draw);
            MemorySegment sa = arena.allocate(JAVA_DOUBLE, Math.max(1, n));
            MemorySegment so = arena.allocate(JAVA_DOUBLE, Math.max(1, n));
            MemorySegment to = arena.allocate(JAVA_DOUBLE, Math.max(1, n));
            MemorySegment msg = arena.allocate(MESSAGE_BYTES);
            int status;
            try {
                status = (int) DISPERSION_RUN_HANDLE.invokeExact(dispersionRunSymbol, seed, simulationId, n, minutes,
                        levels.length, lv, sg, t, h, tlfrac, zs, ws, ds, sa, so, to, msg, MESSAGE_BYTES);
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
            checkStatus(status, "stilt_dispersion_run", msg);
            MemorySegment.copy(zs, JAVA_DOUBLE, 0, z, 0, n);
            MemorySegment.copy(ws, JAVA_DOUBLE, 0, w, 0, n);
            MemorySegment.copy(ds, JAVA_LONG, 0, draw, 0, n);
            MemorySegment.copy(sa, JAVA_DOUBLE, 0, last[0], 0, n);
            MemorySegment.copy(so, JAVA_DOUBLE, 0, last[1], 0, n);
            MemorySegment.copy(to, JAVA_DOUBLE, 0, last[2], 0, n);
        }
    }

    /** {@code stilt_math_eval}: the kernel's exp (fn 0), log (1) or pow (2) of each x (and y). */
    public double[] mathEval(int fn, double[] x, double[] y) {
        if (y.length < x.length) {
            throw new IllegalArgumentException("y shorter than x");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment xs = arena.allocateFrom(JAVA_DOUBLE, x);
            MemorySegment ys = arena.allocateFrom(JAVA_DOUBLE, y);
            MemorySegment out = arena.allocate(JAVA_DOUBLE, Math.max(1, x.length));
            MemorySegment msg = arena.allocate(MESSAGE_BYTES);
            int status;
            try {
                status = (int) MATH_EVAL_HANDLE.invokeExact(mathEvalSymbol, fn, x.length, xs, ys, out, msg, MESSAGE_BYTES);
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
            checkStatus(status, "stilt_math_eval", msg);
            double[] r = new double[x.length];
            MemorySegment.copy(out, JAVA_DOUBLE, 0, r, 0, x.length);
            return r;
        }
    }

    /**
     * {@code stilt_rng_fill} on a heap array (critical downcall, no copy): draws
     * 0 .. drawsPerParticle - 1 of particles firstParticle .. firstParticle + nParticles - 1, draw
     * j of particle firstParticle + i at {@code out[i * drawsPerParticle + j]}; the native twin of
     * {@link org.stilt.core.rng.ParticleStreams#fill}, for tests and benchmarks.
     *
     * @throws IllegalArgumentException if {@code out} is shorter than nParticles * drawsPerParticle
     * @throws KernelException          if the library rejects the arguments (negative counts,
     *                                  particles outside [0, 2^32))
     */
    public void rngFill(long seed, long simulationId, long firstParticle, int nParticles, int drawsPerParticle,
                        Distribution distribution, double[] out) {
        rngFill(seed, simulationId, firstParticle, nParticles, drawsPerParticle, distribution.code(), out);
    }

    /** {@link #rngFill(long, long, long, int, int, Distribution, double[])} with a raw {@code kind} code. */
    void rngFill(long seed, long simulationId, long firstParticle, int nParticles, int drawsPerParticle, int kind,
                 double[] out) {
        if (nParticles > 0 && drawsPerParticle > 0 && out.length < (long) nParticles * drawsPerParticle) {
            throw new IllegalArgumentException("output holds " + out.length + " draws, need " + nParticles + " * "
                    + drawsPerParticle);
        }
        byte[] msg = new byte[MESSAGE_BYTES];
        int status;
        try {
            status = (int) RNG_FILL_CRITICAL_HANDLE.invokeExact(rngFillSymbol, seed, simulationId, firstParticle,
                    nParticles, drawsPerParticle, kind, MemorySegment.ofArray(out), MemorySegment.ofArray(msg),
                    MESSAGE_BYTES);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        checkStatus(status, "stilt_rng_fill", MemorySegment.ofArray(msg));
    }

    private static long elements(MemorySegment segment, ValueLayout layout) {
        return segment.byteSize() / layout.byteSize();
    }

    /** Memory safety only: every array must hold what the sizes make the library touch. */
    private static void requireCapacity(long gridLength, long kernelLength, long ixLength, long iyLength,
                                        long footLength, int nx, int ny, int kx, int ky, int n) {
        if (nx > 0 && ny > 0 && gridLength < (long) nx * ny) {
            throw new IllegalArgumentException("grid has " + gridLength + " cells, nx*ny = " + nx + "*" + ny);
        }
        if (kx > 0 && ky > 0 && kernelLength < (long) kx * ky) {
            throw new IllegalArgumentException("kernel has " + kernelLength + " weights, kx*ky = " + kx + "*" + ky);
        }
        if (n > 0 && (ixLength < n || iyLength < n || footLength < n)) {
            throw new IllegalArgumentException("point count " + n + " exceeds the index/foot arrays (ix " + ixLength
                    + ", iy " + iyLength + ", foot " + footLength + ")");
        }
    }

    private static void checkStatus(int status, String function, MemorySegment msg) {
        if (status != KernelStatus.OK.code()) {
            throw new KernelException(status, function, KernelStatus.describe(status) + ": " + cString(msg));
        }
    }

    /** The NUL-terminated text at the start of {@code msg} (all of it if there is no NUL). */
    static String cString(MemorySegment msg) {
        int len = 0;
        while (len < msg.byteSize() && msg.get(JAVA_BYTE, len) != 0) {
            len++;
        }
        return new String(msg.asSlice(0, len).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }
}
