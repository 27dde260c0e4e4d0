package org.stilt.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** R's {@code as.character} (values checked with R 4.2) and R-STILT simulation ids (stilt-reference.md §3.2). */
class RNumberFormatTest {

    @ParameterizedTest
    @CsvSource({"-112, -112", "40.5, 40.5", "5, 5", "0, 0", "-111.980323, -111.980323", "40.782561, 40.782561",
            "1e-5, 1e-05", "1e-4, 1e-04", "0.001, 0.001", "0.0001234, 0.0001234", "100000, 1e+05",
            "123456, 123456", "1e15, 1e+15", "0.1, 0.1", "1234567.1, 1234567.1", "2.5e-7, 2.5e-07",
            "1e100, 1e+100", "-0.5, -0.5", "1000, 1000", "0.30000000000000004, 0.3",
            "3.14159265358979323, 3.14159265358979"})
    void asCharacter(double x, String expected) {
        assertEquals(expected, RNumberFormat.asCharacter(x));
    }

    @Test
    void simulationIdsInRStiltsFormat() {
        // the R-STILT CI test's id: long first, then lati, then zagl
        assertEquals("201512100000_-112_40.5_5",
                Receptor.point(Instant.parse("2015-12-10T00:00:00Z"), 40.5, -112, 5).simulationId());
        assertEquals("201512101200_-111.980323_40.782561_5",
                Receptor.point(Instant.parse("2015-12-10T12:00:59Z"), 40.782561, -111.980323, 5).simulationId());
        assertEquals("202101151200_-110_40.5_0.5",
                Receptor.point(Instant.parse("2021-01-15T12:00:00Z"), 40.5, -110, 0.5).simulationId());
        assertEquals("201907011800_-112_40.5_X", new Receptor(Instant.parse("2019-07-01T18:00:00Z"), 40.5, -112, 0,
                1000.0, AltitudeReference.AGL, null).simulationId());
    }
}
