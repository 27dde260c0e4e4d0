package org.stilt.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link KernelStatus} mirrors the Fortran status codes in both directions: the library's
 * {@code stilt_status_count()} against the enum size, and every named constant of
 * {@code hysplit/src/core/stilt_status.f90} against the enum (name and value).
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class KernelStatusTest {

    private static final Pattern CONSTANT = Pattern.compile(
            "integer\\(c_int\\),\\s*parameter,\\s*public\\s*::\\s*(STILT_\\w+)\\s*=\\s*(-?\\d+)", Pattern.CASE_INSENSITIVE);

    @Test
    void libraryAndEnumHaveTheSameNumberOfCodes() {
        assertEquals(KernelStatus.values().length, LibraryLoader.shared().statusCount());
        assertEquals(KernelStatus.values().length, LibraryLoader.load(TestLibraries.checkedLibrary()).statusCount());
    }

    @Test
    void everyFortranCodeMapsToTheEnumAndBack() throws IOException {
        Path source = TestLibraries.hysplitDir().resolve("src/core/stilt_status.f90");
        Map<String, Integer> fortran = new LinkedHashMap<>();
        Matcher m = CONSTANT.matcher(Files.readString(source));
        while (m.find()) {
            fortran.put(m.group(1).toUpperCase(), Integer.parseInt(m.group(2)));
        }
        Integer count = fortran.remove("STILT_N_STATUS");
        assertEquals(KernelStatus.values().length, count, "STILT_N_STATUS in " + source);
        assertEquals(KernelStatus.values().length, fortran.size(), "codes in " + source + ": " + fortran);
        // Fortran -> Java
        fortran.forEach((name, code) ->
                assertEquals(name, KernelStatus.fromCode(code).map(KernelStatus::fortranName).orElse("none"),
                        "Fortran " + name + " = " + code));
        // Java -> Fortran
        for (KernelStatus s : KernelStatus.values()) {
            assertEquals(s.code(), fortran.get(s.fortranName()), "Java " + s + " -> " + s.fortranName());
        }
    }

    @Test
    void unknownCodesAreNamedAsSuch() {
        assertEquals(Optional.empty(), KernelStatus.fromCode(-1));
        assertEquals(Optional.empty(), KernelStatus.fromCode(KernelStatus.values().length));
        assertEquals("unknown status 42", KernelStatus.describe(42));
        assertEquals("STILT_ERR_ARGUMENT", KernelStatus.describe(1));
        assertTrue(KernelStatus.OK.code() == 0, "STILT_OK is 0");
    }
}
