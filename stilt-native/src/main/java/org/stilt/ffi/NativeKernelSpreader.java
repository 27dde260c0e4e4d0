package org.stilt.ffi;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Objects;
import org.stilt.core.footprint.KernelSpreader;
import org.stilt.core.footprint.SpreadArguments;

/**
 * {@link KernelSpreader} backed by the Fortran {@code stilt_footprint_spread} of libstilt_hysplit.so.
 * Produces bit-identical grids to {@link org.stilt.core.footprint.JavaKernelSpreader}: same
 * summation order, no fused multiply-add (the library is built with {@code -ffp-contract=off}),
 * NaN/infinite foot values propagate in the same way.
 *
 * <p>Arguments are validated with {@link SpreadArguments#check} before the call, so invalid sizes
 * raise the same {@link IllegalArgumentException} as the Java spreader; the library's own checks
 * ({@link org.stilt.core.KernelException}) are a second line that Java input never reaches.
 *
 * <p>Two ways to hand over the arrays ({@link Transfer}); {@link Transfer#CRITICAL_HEAP} is the
 * default because {@link SpreaderBenchmark} measures it faster for every realistic shape: it
 * passes the Java arrays themselves, while {@link Transfer#NATIVE_COPY} has to copy the whole grid
 * into native memory and back on every call. A critical call keeps the garbage collector from
 * moving the arrays while it runs; even the largest expected call (500 points, 101x101 kernel) takes
 * only a few milliseconds, within what the Linker API intends {@code critical} for.
 *
 * <p>Thread-safety: immutable and stateless; safe for concurrent calls on different grids.
 */
public final class NativeKernelSpreader implements KernelSpreader {

    /** How arrays reach the native code. Thread-safety: immutable enum. */
    public enum Transfer {
        /** Heap arrays passed in place through a critical downcall ({@code Linker.Option.critical(true)}). */
        CRITICAL_HEAP,
        /** Arrays copied into a per-call confined arena, an ordinary downcall, the grid copied back. */
        NATIVE_COPY
    }

    private final StiltHysplitLibrary library;
    private final Transfer transfer;

    private NativeKernelSpreader(StiltHysplitLibrary library, Transfer transfer) {
        this.library = Objects.requireNonNull(library, "library");
        this.transfer = Objects.requireNonNull(transfer, "transfer");
    }

    /**
     * A spreader on the process-wide library ({@link LibraryLoader#shared()}: loaded once per
     * process, thread-safe), passing heap arrays in place.
     *
     * @throws NativeLibraryException if the library cannot be loaded or has the wrong ABI
     */
    public static NativeKernelSpreader create() {
        return new NativeKernelSpreader(LibraryLoader.shared(), Transfer.CRITICAL_HEAP);
    }

    /**
     * A spreader on the library file {@code library} (no search), e.g. the {@code -fcheck=all}
     * build in tests.
     *
     * @throws NativeLibraryException if that file cannot be loaded or has the wrong ABI
     */
    public static NativeKernelSpreader create(Path library) {
        return new NativeKernelSpreader(LibraryLoader.load(library), Transfer.CRITICAL_HEAP);
    }

    /** A spreader on an already loaded library. */
    public static NativeKernelSpreader create(StiltHysplitLibrary library) {
        return new NativeKernelSpreader(library, Transfer.CRITICAL_HEAP);
    }

    /** The same library with another way of passing the arrays. */
    public NativeKernelSpreader withTransfer(Transfer newTransfer) {
        return new NativeKernelSpreader(library, newTransfer);
    }

    /** How this spreader passes arrays. */
    public Transfer transfer() {
        return transfer;
    }

    /** Where the library came from, its ABI version and checksum. */
    public NativeLibraryInfo libraryInfo() {
        return library.info();
    }

    /**
     * {@code stilt doctor}'s view of the process-wide library: its description when it loads,
     * otherwise the failure with every attempt. Never throws for a missing library.
     */
    public static String doctor() {
        try {
            return LibraryLoader.shared().info().describe();
        } catch (NativeLibraryException e) {
            return "native library: unavailable\n  " + e.getMessage().replace("\n", "\n  ");
        }
    }

    @Override
    public String name() {
        return transfer == Transfer.CRITICAL_HEAP ? "native" : "native-copy";
    }

    @Override
    public void spread(double[] grid, int nx, int ny, double[] kernel, int kx, int ky,
                       int[] ix, int[] iy, double[] foot, int n) {
        SpreadArguments.check(grid, nx, ny, kernel, kx, ky, ix, iy, foot, n);
        if (transfer == Transfer.CRITICAL_HEAP) {
            library.footprintSpread(grid, nx, ny, kernel, kx, ky, n, ix, iy, foot);
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment g = arena.allocateFrom(JAVA_DOUBLE, grid);
            MemorySegment k = arena.allocateFrom(JAVA_DOUBLE, kernel);
            MemorySegment x = arena.allocate(JAVA_INT, n);
            MemorySegment y = arena.allocate(JAVA_INT, n);
            MemorySegment f = arena.allocate(JAVA_DOUBLE, n);
            MemorySegment.copy(ix, 0, x, JAVA_INT, 0, n);
            MemorySegment.copy(iy, 0, y, JAVA_INT, 0, n);
            MemorySegment.copy(foot, 0, f, JAVA_DOUBLE, 0, n);
            library.footprintSpread(g, nx, ny, k, kx, ky, n, x, y, f);
            MemorySegment.copy(g, JAVA_DOUBLE, 0, grid, 0, grid.length);
        }
    }
}
