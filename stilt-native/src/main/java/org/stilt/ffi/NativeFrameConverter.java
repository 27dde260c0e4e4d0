package org.stilt.ffi;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;
import org.stilt.core.met.GridProjection;
import org.stilt.core.transport.FrameConverter;
import org.stilt.core.transport.InternalLevels;
import org.stilt.core.transport.KernelFrame;
import org.stilt.core.transport.MixedLayerOptions;
import org.stilt.core.transport.ProfileConverter;
import org.stilt.core.transport.RawMetFrame;

/**
 * {@link FrameConverter} backed by the Fortran {@code stilt_met_prepare}: the same conversion as
 * {@link ProfileConverter}, operation for operation (bit-identical frames, tested), faster. The
 * raw fields are copied once into a per-call arena in the layout the C entry point documents; the
 * frame is written in place into the {@link KernelFrame}'s direct buffer.
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
public final class NativeFrameConverter implements FrameConverter {

    /** Raw surface fields in the order of {@code stilt_met_prepare}; GX/GY are computed here. */
    static final List<String> SURFACE = List.of("SHGT", "PRSS", "PBLH", "SHTF", "USTR", "LHTF", "DSWF", "T02M",
            "U10M", "V10M");
    /** Raw upper fields in the order of {@code stilt_met_prepare}. */
    static final List<String> UPPER = List.of("UWND", "VWND", "WWND", "TEMP", "SPHU", "RELH", "PRES", "HGTS");

    private final StiltHysplitLibrary library;
    private final InternalLevels levels;
    private final GridProjection projection;
    private final MixedLayerOptions mixedLayer;

    NativeFrameConverter(StiltHysplitLibrary library, InternalLevels levels, GridProjection projection,
                         MixedLayerOptions mixedLayer) {
        this.library = Objects.requireNonNull(library, "library");
        this.levels = Objects.requireNonNull(levels, "levels");
        this.projection = Objects.requireNonNull(projection, "projection");
        this.mixedLayer = Objects.requireNonNull(mixedLayer, "mixedLayer");
    }

    /** Same library, levels, projection and mixed-layer rule: the same frames. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NativeFrameConverter c && c.library == library
                && c.levels.modelTopMeters() == levels.modelTopMeters() && c.projection.equals(projection)
                && c.mixedLayer.equals(mixedLayer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(levels.modelTopMeters(), projection, mixedLayer);
    }

    @Override
    public KernelFrame convert(RawMetFrame raw) {
        ProfileConverter.validate(raw);
        int wx = raw.wx();
        int wy = raw.wy();
        int nl = raw.levelCount();
        int plane = wx * wy;
        KernelFrame out = new KernelFrame(raw.x0(), raw.y0(), wx, wy, levels.count(), raw.validTime());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sfc = arena.allocate(JAVA_FLOAT, (long) plane * 12);
            int[] sflag = new int[12];
            for (int f = 0; f < SURFACE.size(); f++) {
                String name = SURFACE.get(f);
                float[] v = name.equals("PBLH") ? firstOf(raw, "PBLH", "MXHT", "HPBL") : raw.surfaceField(name);
                if (v != null) {
                    MemorySegment.copy(v, 0, sfc, JAVA_FLOAT, (long) f * plane * Float.BYTES, plane);
                    sflag[f] = 1;
                } else {
                    for (int c = 0; c < plane; c++) {
                        sfc.setAtIndex(JAVA_FLOAT, (long) f * plane + c, Float.NaN);
                    }
                }
            }
            for (int j = 0; j < wy; j++) {
                for (int i = 0; i < wx; i++) {
                    float[] g = ProfileConverter.metersPerGridUnit(projection, raw.x0(), raw.y0(), i, j);
                    sfc.setAtIndex(JAVA_FLOAT, 10L * plane + (long) j * wx + i, g[0]);
                    sfc.setAtIndex(JAVA_FLOAT, 11L * plane + (long) j * wx + i, g[1]);
                }
            }
            sflag[10] = 1;
            sflag[11] = 1;
            long upperPlane = (long) plane * nl;
            MemorySegment up = arena.allocate(JAVA_FLOAT, upperPlane * 8);
            int[] uflag = new int[8];
            for (int f = 0; f < UPPER.size(); f++) {
                float[] v = raw.upperField(UPPER.get(f));
                if (v != null) {
                    MemorySegment.copy(v, 0, up, JAVA_FLOAT, f * upperPlane * Float.BYTES, (int) upperPlane);
                    uflag[f] = 1;
                }
            }
            MemorySegment lv = arena.allocateFrom(JAVA_DOUBLE, raw.levelValues());
            MemorySegment zk = arena.allocateFrom(JAVA_DOUBLE, levels.heightsMeters());
            library.metPrepare(wx, wy, nl, levels.count(), raw.coordinate().flag(), raw.topPressureHpa(), lv,
                    levels.modelTopMeters(), zk, mixedLayer.kmixd(), mixedLayer.kmix0Meters(), arena.allocateFrom(JAVA_INT, sflag), arena.allocateFrom(JAVA_INT, uflag),
                    sfc, up, MemorySegment.ofBuffer(out.buffer()));
        }
        return out;
    }

    private static float[] firstOf(RawMetFrame raw, String... names) {
        for (String n : names) {
            float[] v = raw.surfaceField(n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
