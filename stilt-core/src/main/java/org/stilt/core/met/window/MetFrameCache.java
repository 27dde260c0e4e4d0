package org.stilt.core.met.window;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.stilt.core.InvalidInputException;

/**
 * Met frames shared by every simulation of one process (docs/met-window.md, "Cache").
 *
 * <p>A frame is identified by a {@link Key}: file, period, variable selection and sub-grid. The
 * first caller of {@link #lease} for a key builds the frame in its own thread; concurrent callers
 * of the same key wait for that build and share the result, so a frame is never built twice at
 * once. A frame is held while any {@link Lease} on it is open and is never evicted then; frames
 * without leases stay cached and are evicted least-recently-leased first when a new frame would
 * exceed the memory budget. When the budget cannot be met because the frames in use (leased or
 * being built) already fill it, {@link #lease} throws {@link MetCacheFullException} with the
 * figures. A failed build is not cached: its waiters get the same exception.
 *
 * <p>Memory reuse: frames are allocated in size classes (rounded up by at most 6.25 %); the memory
 * of an evicted frame is reused, without zeroing, for a new frame of the same class, and
 * {@link #evictUnleased()} keeps it in a pool for that purpose (counted against the budget) until
 * a frame needs the room or {@link #clear()} drops it. Allocating and zeroing fresh direct memory
 * costs about as much as unpacking a frame, so reuse matters for processes that run many
 * simulations. Consequently a frame must not be read after its lease is closed: its memory may
 * by then hold another frame.
 *
 * <p>Budget: the constructor's value, else the system property {@value #BUDGET_PROPERTY} (bytes,
 * with an optional {@code k}/{@code m}/{@code g} suffix), else {@link #defaultBudgetBytes()}: three
 * quarters of the JVM's direct-memory limit ({@code -XX:MaxDirectMemorySize}, which defaults to
 * the maximum heap size), since frames are direct buffers.
 *
 * <p>Thread-safety: thread-safe; one lock guards the bookkeeping, builds run outside it.
 */
public final class MetFrameCache {

    /** System property giving the budget in bytes. */
    public static final String BUDGET_PROPERTY = "stilt.met.cacheBytes";

    /**
     * Identity of a frame.
     *
     * @param file      the met file
     * @param period    period number in the file
     * @param variables the variables resolved for the file
     * @param subGrid   the sub-grid
     */
    public record Key(Path file, int period, MetVariables.Selection variables, SubGrid subGrid) {
        public Key {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(variables, "variables");
            Objects.requireNonNull(subGrid, "subGrid");
        }
    }

    /**
     * Counters and sizes at one moment.
     *
     * @param hits         leases served from a cached or in-progress frame
     * @param misses       leases that built a frame
     * @param evictions    frames evicted to make room
     * @param frames       frames held (built or being built)
     * @param leasedFrames frames with at least one open lease, or being built
     * @param heldBytes    bytes of the frames held
     * @param leasedBytes  bytes of the frames in use
     * @param pooledBytes  bytes of evicted frames' memory kept for reuse
     * @param budgetBytes  the budget
     */
    public record Stats(long hits, long misses, long evictions, int frames, int leasedFrames, long heldBytes,
                        long leasedBytes, long pooledBytes, long budgetBytes) {
    }

    /**
     * Use of one frame; close it when the frame is no longer read. Closing twice is harmless.
     *
     * <p>Thread-safety: may be closed from any thread; {@link #frame()} is safe to call concurrently.
     */
    public final class Lease implements AutoCloseable {
        private final Key key;
        private final Slot slot;
        private final MetFrame frame;
        private boolean closed;

        private Lease(Key key, Slot slot, MetFrame frame) {
            this.key = key;
            this.slot = slot;
            this.frame = frame;
        }

        /** The frame; valid while the lease is open. */
        public MetFrame frame() {
            synchronized (MetFrameCache.this) {
                if (closed) {
                    throw new IllegalStateException("lease on met frame " + key + " is closed");
                }
            }
            return frame;
        }

        /** The key. */
        public Key key() {
            return key;
        }

        @Override
        public void close() {
            synchronized (MetFrameCache.this) {
                if (!closed) {
                    closed = true;
                    slot.leases--;
                }
            }
        }
    }

    private static final class Slot {
        final long bytes;
        final CompletableFuture<MetFrame> future = new CompletableFuture<>();
        int leases;

        Slot(long bytes) {
            this.bytes = bytes;
        }

        boolean evictable() {
            return leases == 0 && future.isDone() && !future.isCompletedExceptionally();
        }
    }

    private final long budgetBytes;
    private final LinkedHashMap<Key, Slot> slots = new LinkedHashMap<>(64, 0.75f, true);
    private final TreeMap<Long, ArrayDeque<ByteBuffer>> pool = new TreeMap<>();
    private long heldBytes;
    private long pooledBytes;
    private long hits;
    private long misses;
    private long evictions;

    /** A cache with a budget of {@code budgetBytes} (≥ 1). */
    public MetFrameCache(long budgetBytes) {
        if (budgetBytes < 1) {
            throw new InvalidInputException("met frame cache budget " + budgetBytes + " bytes; expected ≥ 1");
        }
        this.budgetBytes = budgetBytes;
    }

    /** A cache with the budget of {@value #BUDGET_PROPERTY} or, when unset, {@link #defaultBudgetBytes()}. */
    public static MetFrameCache withConfiguredBudget() {
        String p = System.getProperty(BUDGET_PROPERTY);
        return new MetFrameCache(p == null || p.isBlank() ? defaultBudgetBytes() : parseBytes(p));
    }

    /**
     * Three quarters of the JVM's direct-memory limit: {@code -XX:MaxDirectMemorySize} when given,
     * else the maximum heap size (the JVM's own default for that limit).
     */
    public static long defaultBudgetBytes() {
        long limit = Runtime.getRuntime().maxMemory();
        try {
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (arg.startsWith("-XX:MaxDirectMemorySize=")) {
                    limit = parseBytes(arg.substring("-XX:MaxDirectMemorySize=".length()));
                }
            }
        } catch (RuntimeException e) {
            // no management interface: keep the heap size
        }
        return Math.max(1, limit / 4 * 3);
    }

    /** Parses a byte count with an optional k/m/g suffix (powers of 1024). */
    static long parseBytes(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        long mult = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            mult = switch (t.charAt(t.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                default -> 1L << 30;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Math.multiplyExact(Long.parseLong(t), mult);
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInputException(BUDGET_PROPERTY + " is '" + s
                    + "'; expected a positive number of bytes, optionally with k, m or g (e.g. 8g)");
        }
    }

    /** The budget in bytes. */
    public long budgetBytes() {
        return budgetBytes;
    }

    /**
     * Leases the frame of {@code entry} with {@code selection} on {@code subGrid}, building it when
     * it is not cached.
     *
     * @throws MetCacheFullException when the frame cannot fit the budget beside the frames in use
     */
    public Lease lease(MetSeries.Entry entry, MetVariables.Selection selection, SubGrid subGrid) {
        Key key = new Key(entry.file().path(), entry.period().number(), selection, subGrid);
        long bytes = MetFrames.layout(entry, selection, subGrid).byteSize();
        Slot slot;
        ByteBuffer storage = null;
        boolean build = false;
        synchronized (this) {
            slot = slots.get(key);
            if (slot != null) {
                hits++;
            } else {
                long cap = sizeClass(bytes);
                storage = acquire(cap);
                misses++;
                slot = new Slot(cap);
                slots.put(key, slot);
                heldBytes += cap;
                build = true;
            }
            slot.leases++;
        }
        if (build) {
            try {
                if (storage == null) {
                    storage = ByteBuffer.allocateDirect((int) slot.bytes).order(MetFrameLayout.BYTE_ORDER);
                }
                slot.future.complete(MetFrames.build(entry, selection, subGrid, storage));
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    if (slots.remove(key, slot)) {
                        heldBytes -= slot.bytes;
                    }
                }
                slot.future.completeExceptionally(e);
                throw e;
            }
        }
        MetFrame frame;
        try {
            frame = slot.future.join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw e;
        }
        return new Lease(key, slot, frame);
    }

    /**
     * Allocation size of a frame of {@code bytes}: rounded up to a 1/16 of its power of two above
     * 64 KiB (at most 6.25 % more), so that frames of similar sub-grids reuse each other's memory.
     */
    static long sizeClass(long bytes) {
        if (bytes <= 1 << 16) {
            return bytes;
        }
        long step = Long.highestOneBit(bytes) / 16;
        long c = (bytes + step - 1) / step * step;
        return c > Integer.MAX_VALUE ? bytes : c;
    }

    /**
     * Makes room for {@code cap} bytes; caller holds the lock. Returns reusable storage of that
     * size (a pooled buffer or one of an evicted frame) or null when fresh memory is to be
     * allocated. Pooled buffers are dropped before frames are evicted; frames go least recently
     * leased first.
     */
    private ByteBuffer acquire(long cap) {
        ArrayDeque<ByteBuffer> same = pool.get(cap);
        if (same != null && !same.isEmpty()) {
            pooledBytes -= cap;
            ByteBuffer b = same.pop();
            if (same.isEmpty()) {
                pool.remove(cap);
            }
            return b;
        }
        Iterator<Map.Entry<Key, Slot>> it = slots.entrySet().iterator();
        while (heldBytes + pooledBytes + cap > budgetBytes) {
            if (!pool.isEmpty()) {
                Map.Entry<Long, ArrayDeque<ByteBuffer>> largest = pool.lastEntry();
                largest.getValue().pop();
                pooledBytes -= largest.getKey();
                if (largest.getValue().isEmpty()) {
                    pool.remove(largest.getKey());
                }
                continue;
            }
            Slot victim = null;
            while (it.hasNext()) {
                Slot s = it.next().getValue();
                if (s.evictable()) {
                    victim = s;
                    it.remove();
                    break;
                }
            }
            if (victim == null) {
                long leased = 0;
                int n = 0;
                for (Slot s : slots.values()) {
                    if (!s.evictable()) {
                        leased += s.bytes;
                        n++;
                    }
                }
                throw new MetCacheFullException(cap, budgetBytes, leased, n);
            }
            heldBytes -= victim.bytes;
            evictions++;
            if (victim.bytes == cap) {
                return victim.future.join().storage;
            }
        }
        return null;
    }

    /**
     * Evicts every frame without a lease, keeping their memory for reuse by later frames of the
     * same size class (it still counts against the budget); returns how many frames.
     */
    public synchronized int evictUnleased() {
        int n = 0;
        Iterator<Map.Entry<Key, Slot>> it = slots.entrySet().iterator();
        while (it.hasNext()) {
            Slot s = it.next().getValue();
            if (s.evictable()) {
                it.remove();
                heldBytes -= s.bytes;
                pool.computeIfAbsent(s.bytes, k -> new ArrayDeque<>()).push(s.future.join().storage);
                pooledBytes += s.bytes;
                evictions++;
                n++;
            }
        }
        return n;
    }

    /**
     * Evicts every frame without a lease and drops all memory kept for reuse, leaving it to the
     * garbage collector; returns how many frames were evicted.
     */
    public synchronized int clear() {
        int n = evictUnleased();
        pool.clear();
        pooledBytes = 0;
        return n;
    }

    /** Whether a frame for {@code key} is held (built or being built); does not count as a use. */
    public synchronized boolean contains(Key key) {
        return slots.containsKey(key);
    }

    /** Current counters and sizes. */
    public synchronized Stats stats() {
        long leased = 0;
        int n = 0;
        for (Slot s : slots.values()) {
            if (!s.evictable()) {
                leased += s.bytes;
                n++;
            }
        }
        return new Stats(hits, misses, evictions, slots.size(), n, heldBytes, leased, pooledBytes, budgetBytes);
    }
}
