package org.stilt.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.InvalidInputException;
import org.stilt.core.UnreadableInputException;

/** {@link ReceptorTable}: the issue's receptors.csv, optional columns, errors with file/line/column/value. */
class ReceptorTableTest {

    @TempDir
    Path tmp;

    Path write(String csv) throws Exception {
        Path f = tmp.resolve("receptors.csv");
        Files.writeString(f, csv);
        return f;
    }

    String error(String csv) throws Exception {
        Path f = write(csv);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ReceptorTable.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void issueExampleReads() throws Exception {
        write("time,latitude,longitude,altitude\n2021-01-15T12:00:00Z,40.5,-110,5\n");
        ReceptorTable t = ReceptorTable.read(tmp);
        assertEquals(1, t.size());
        Receptor r = t.receptors().get(0);
        assertEquals(Instant.parse("2021-01-15T12:00:00Z"), r.time());
        assertEquals(40.5, r.latitudeDegrees());
        assertEquals(-110.0, r.longitudeDegrees());
        assertEquals(5.0, r.altitudeMeters());
        assertNull(r.altitudeTopMeters());
        assertEquals(AltitudeReference.AGL, r.altitudeRef());
        assertEquals("202101151200_-110_40.5_5", r.simulationId());
    }

    @Test
    void optionalColumnsCommentsAndOffsets() throws Exception {
        Path f = write("""
                # a comment line
                time,latitude,longitude,altitude,altitude_top,altitude_ref,simulation_id
                2021-01-15T12:00:00Z,40.5,-110,0,1000,agl,
                2021-01-15T05:30:00-06:30,40.5,-110,1500,,MSL,
                2021-01-15T12:00:00Z,40.5,-110,5,,,tower_a
                """);
        ReceptorTable t = ReceptorTable.read(f);
        assertEquals("202101151200_-110_40.5_X", t.receptors().get(0).simulationId());
        assertEquals(1000.0, t.receptors().get(0).altitudeTopMeters());
        assertEquals(AltitudeReference.MSL, t.receptors().get(1).altitudeRef());
        assertEquals(Instant.parse("2021-01-15T12:00:00Z"), t.receptors().get(1).time());
        assertEquals("tower_a", t.receptors().get(2).simulationId());
        assertEquals(AltitudeReference.MSL, ReceptorTable.read(write(
                "time,latitude,longitude,altitude\n2021-01-15T12:00:00Z,40.5,-110,5\n"), AltitudeReference.MSL)
                .receptors().get(0).altitudeRef());
    }

    @Test
    void missingColumnIsNamed() throws Exception {
        String m = error("time,latitude,altitude\n2021-01-15T12:00:00Z,40.5,5\n");
        assertTrue(m.contains("line 1: missing column 'longitude'"), m);
        String u = error("time,lat,longitude,altitude\n2021-01-15T12:00:00Z,40.5,-110,5\n");
        assertTrue(u.contains("line 1: unknown column 'lat'; did you mean 'latitude'?"), u);
    }

    @Test
    void badTimeNamesLineColumnAndValue() throws Exception {
        String m = error("time,latitude,longitude,altitude\n2021-01-15T12:00:00Z,40.5,-110,5\n2021-01-15 12:00,40.5,-110,10\n");
        assertTrue(m.contains("line 3, column time: \"2021-01-15 12:00\" is not an ISO-8601 UTC time"), m);
        String z = error("time,latitude,longitude,altitude\n2021-01-15T12:00:00,40.5,-110,5\n");
        assertTrue(z.contains("line 2, column time: \"2021-01-15T12:00:00\""), z);
    }

    @Test
    void badNumbersNameLineColumnAndValue() throws Exception {
        String m = error("time,latitude,longitude,altitude\n\n2021-01-15T12:00:00Z,40.5,-110,5\n"
                + "2021-01-15T13:00:00Z,forty,-110,5\n");
        assertTrue(m.contains("line 4, column latitude: \"forty\" is not a number"), m);
        String n = error("time,latitude,longitude,altitude\n2021-01-15T12:00:00Z,40.5,-110,NaN");
        assertTrue(n.contains("line 2, column altitude: \"NaN\" is not a finite number"), n);
        String r = error("time,latitude,longitude,altitude\n2021-01-15T12:00:00Z,95,-110,5\n");
        assertTrue(r.contains("line 2: latitude must be within -90..90 degrees (got 95.0)"), r);
        String c = error("time,latitude,longitude,altitude,altitude_top\n2021-01-15T12:00:00Z,40,-110,500,100\n");
        assertTrue(c.contains("line 2: altitude_top must be a finite height above altitude"), c);
        String a = error("time,latitude,longitude,altitude,altitude_ref\n2021-01-15T12:00:00Z,40,-110,5,asl\n");
        assertTrue(a.contains("line 2, column altitude_ref: \"asl\"; expected agl or msl"), a);
        String s = error("time,latitude,longitude,altitude\n2021-01-15T12:00:00Z,40,-110\n");
        assertTrue(s.contains("line 2: 3 values but the header has 4 columns"), s);
    }

    @Test
    void duplicateSimulationIdsAreRejected() throws Exception {
        String m = error("time,latitude,longitude,altitude\n2021-01-15T12:00:00Z,40.5,-110,5\n"
                + "2021-01-15T12:00:30Z,40.5,-110.0,5.0\n");
        assertTrue(m.contains("line 3: simulation id 202101151200_-110_40.5_5 repeats line 2"), m);
    }

    @Test
    void emptyAndMissingFiles() throws Exception {
        assertTrue(error("time,latitude,longitude,altitude\n").contains("no receptors"));
        assertThrows(UnreadableInputException.class, () -> ReceptorTable.read(tmp.resolve("nope.csv")));
    }
}
