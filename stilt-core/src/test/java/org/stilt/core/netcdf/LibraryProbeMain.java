package org.stilt.core.netcdf;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.stilt.core.footprint.Footprint;
import org.stilt.core.footprint.FootprintDomain;

/** Run in a child JVM by {@link NetcdfLibraryTest}: reports the library status and tries one write. */
public final class LibraryProbeMain {

    private LibraryProbeMain() {
    }

    public static void main(String[] args) {
        System.out.println("available=" + NetcdfLibrary.status().available());
        Footprint fp = new Footprint(new double[] {0.5}, new double[] {0.5}, new long[] {0L}, new double[] {1},
                FootprintDomain.longlat(0, 1, 0, 1, 1), 1, true, 1, false, List.of());
        try {
            FootprintNetcdfWriter.write(fp, Path.of(args[0]), Map.of());
            System.out.println("written");
        } catch (RuntimeException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
