package org.stilt.core.met.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.InvalidInputException;
import org.stilt.core.MetUnavailableException;

/**
 * Named met streams in a catalog and {@link MetStream} validation.
 *
 * <p>Thread-safety: a JUnit test class; not shared.
 */
class MetCatalogTest {

    private static final Instant T0500 = Instant.parse("2015-12-10T05:00:00Z");

    @TempDir
    Path dir;

    private MetCatalog catalog() throws IOException {
        MetFileFinderTest.hrrrFiles(dir.resolve("hrrr"));
        Files.createDirectories(dir.resolve("gfs"));
        Files.createFile(dir.resolve("gfs/gfs0p25_20151209.arl"));
        Files.createFile(dir.resolve("gfs/gfs0p25_20151210.arl"));
        return MetCatalog.of(
                MetStream.of("hrrr", dir.resolve("hrrr"), MetFileFinderTest.HRRR, "6 hours"),
                MetStream.of("gfs", dir.resolve("gfs"), "gfs0p25_%Y%m%d.arl", "1 day"));
    }

    @Test
    void streamsKeepTheirOrderAndAreFoundByName() throws IOException {
        MetCatalog c = catalog();
        assertEquals(List.of("hrrr", "gfs"), c.names());
        assertEquals("gfs0p25_%Y%m%d.arl", c.stream("gfs").fileFormat());
        assertEquals(List.of(dir.resolve("gfs/gfs0p25_20151209.arl"), dir.resolve("gfs/gfs0p25_20151210.arl")),
                c.find("gfs", T0500, -24));
        assertEquals(6, c.find("hrrr", T0500, -24).size());
        Map<String, MetSelection> all = c.select(T0500, -24);
        assertEquals(List.of("hrrr", "gfs"), List.copyOf(all.keySet()));
        assertEquals(2, c.require(T0500, -24, CoverageMode.STRICT).get("gfs").size());
    }

    @Test
    void requireFailsOnTheFirstUncoveredStream() throws IOException {
        MetCatalog c = catalog();
        MetUnavailableException e = assertThrows(MetUnavailableException.class,
                () -> c.require(T0500, -48, CoverageMode.STRICT));
        assertTrue(e.getMessage().contains("met stream 'hrrr'"), e.getMessage());
        assertTrue(e.getMessage().contains("2015-12-08T00:00:00Z (20151208.00z.hrrra)"), e.getMessage());
    }

    @Test
    void namesAreUniqueAndLookupsNameTheKnownStreams() throws IOException {
        MetCatalog c = catalog();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> c.stream("nam"));
        assertEquals("no met stream named 'nam' (known: hrrr, gfs)", e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> c.with(MetStream.of("gfs", dir, "%Y", "1 day")));
        assertTrue(e.getMessage().startsWith("met stream name 'gfs' is used twice"), e.getMessage());
        assertEquals(List.of("hrrr", "gfs", "nam"), c.with(MetStream.of("nam", dir, "%Y", "1 day")).names());
        assertThrows(InvalidInputException.class, () -> new MetCatalog(List.of()));
    }

    @Test
    void streamValidation() {
        assertEquals(1, MetStream.of("a", dir, "%Y", "6h").minimumFiles());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MetStream.of("a", dir, "%Y%q", "6 hours"));
        assertTrue(e.getMessage().contains("%q"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> MetStream.of("a", dir, "%Y", "6 horas"));
        assertTrue(e.getMessage().contains("\"6 horas\""), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> new MetStream("a", dir, "%Y", MetFileResolution.SIX_HOURS, -1));
        assertEquals("met stream 'a': minimum number of met files (n_met_min) must be >= 0 (got -1)", e.getMessage());
        assertThrows(InvalidInputException.class, () -> MetStream.of(" ", dir, "%Y", "6 hours"));
        assertThrows(InvalidInputException.class, () -> MetStream.of("a", dir, "", "6 hours"));
    }
}
