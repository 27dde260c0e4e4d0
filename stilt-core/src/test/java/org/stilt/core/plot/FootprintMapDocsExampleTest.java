package org.stilt.core.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.footprint.Footprint;
import org.stilt.core.footprint.FootprintDomain;
import org.stilt.core.netcdf.FootprintFile;
import org.stilt.core.netcdf.FootprintNetcdfReader;
import org.stilt.core.netcdf.FootprintNetcdfWriter;

/** The "A map of a footprint" snippet of docs/java-api.md, kept compiling and correct. */
class FootprintMapDocsExampleTest {

    @TempDir
    Path tmp;

    @Test
    void docsPlotSnippetWritesAMap() throws IOException {
        Path footNc = tmp.resolve("foot.nc");
        Path mapPng = tmp.resolve("map.png");
        long t = Instant.parse("2021-01-15T09:00:00Z").getEpochSecond();
        FootprintNetcdfWriter.write(new Footprint(new double[] {-110.25, -109.75}, new double[] {40.25, 40.75},
                new long[] {t, t + 3600}, new double[] {1e-4, 1e-3, 0, 1e-2, 0, 0, 1e-3, 0},
                FootprintDomain.longlat(-110.5, -109.5, 40, 41, 0.5), 1, false, 10, false, List.of()), footNc,
                Map.of());

        // --- snippet (docs/java-api.md), with the paths of this test ---
        System.setProperty("java.awt.headless", "true");          // on a server, before any AWT use
        FootprintFile foot = FootprintNetcdfReader.read(footNc);
        PlotOptions options = PlotOptions.defaults()                // 800 x 600 px, sum of all layers, automatic range
                .withSize(1000, 700)
                .withReceptor(new ReceptorPosition(40.5, -110.0))   // default: the file's receptor_lati/receptor_long
                .withRange(1e-6, null);                             // vmin; vmax null = the largest value
        RenderedMap map = FootprintMap.write(foot, options, mapPng);
        System.out.println(map.layerDescription() + (map.empty() ? ": empty footprint"
                : ", colours " + map.scale().vmin() + " .. " + map.scale().vmax()));
        // one hourly layer:
        RenderedMap layer = FootprintMap.render(foot,
                options.withLayers(LayerSelection.at(Instant.parse("2021-01-15T09:00:00Z"))));
        // --- end of snippet ---

        assertTrue(Files.size(mapPng) > 1000);
        assertFalse(map.empty());
        assertEquals(1e-6, map.scale().vmin());
        assertEquals(1e-2, map.scale().vmax(), 1e-9);
        assertEquals(1000, map.image().getWidth());
        assertTrue(map.receptorShown());
        assertTrue(layer.layerDescription().contains("layer 1 of 2"), layer.layerDescription());
    }
}
