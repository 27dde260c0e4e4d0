package org.stilt.core.met.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.stilt.core.InvalidInputException;

/**
 * {@link MetStream#ofDirectory}: the stream the CLI's met-directory options build.
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class MetStreamTest {

    @Test
    void isNamedAfterItsDirectory() {
        MetStream s = MetStream.ofDirectory(Path.of("/data/hrrr/"), "%Y%m%d.%Hz.hrrra", "6 hours", 2);
        assertEquals("hrrr", s.name());
        assertEquals(Path.of("/data/hrrr"), s.directory());
        assertEquals(MetFileResolution.parse("6h"), s.fileResolution());
        assertEquals(2, s.minimumFiles());
    }

    @Test
    void theRootIsNamedMet() {
        assertEquals("met", MetStream.ofDirectory(Path.of("/"), "%Y%m%d", "1d", 1).name());
    }

    @Test
    void badValuesAreRejectedNamingThem() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MetStream.ofDirectory(Path.of("/data/met"), "%Y%m%d", "1d", -1));
        assertEquals(true, e.getMessage().contains("-1"), e.getMessage());
    }
}
