package org.stilt.core.netcdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetcdfLibraryTest {

    @TempDir
    Path dir;

    @Test
    void libraryIsFoundAndLoadedOnThisMachine() {
        NetcdfLibrary.Status s = NetcdfLibrary.status();
        assertTrue(s.available(), s.problem());
        assertTrue(s.version().startsWith("4."), s.version());
        assertFalse(s.library().isBlank());
    }

    @Test
    void locatePrefersThePlainNameThenTheHighestMajorVersion() throws IOException {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Files.writeString(a.resolve("libnetcdf.so.7"), "");
        Files.writeString(a.resolve("libnetcdf.so.19"), "");
        Files.writeString(a.resolve("libnetcdf.so.19.1.0"), "");
        Files.writeString(a.resolve("libnetcdf_c++4.so.1"), "");
        assertEquals(Optional.of(a.resolve("libnetcdf.so.19").toAbsolutePath()), NetcdfLibrary.locate(List.of(b, a)));
        Files.writeString(b.resolve("libnetcdf.so"), "");
        assertEquals(Optional.of(b.resolve("libnetcdf.so").toAbsolutePath()), NetcdfLibrary.locate(List.of(b, a)));
        assertEquals(Optional.empty(), NetcdfLibrary.locate(List.of(dir.resolve("missing"), dir)));
    }

    @Test
    void searchIncludesDebianMultiarchDirectory() {
        List<Path> dirs = NetcdfLibrary.searchDirectories();
        if (System.getProperty("os.arch").equals("amd64")) {
            assertTrue(dirs.contains(Path.of("/usr/lib/x86_64-linux-gnu")), dirs.toString());
        }
    }

    /** A missing or unloadable library gives an OutputWriteException naming the file and the package. */
    @Test
    void missingLibraryMessageNamesTheFileAndThePackage() throws Exception {
        Path notALibrary = Files.writeString(dir.resolve("libnetcdf.so.99"), "not an ELF file");
        for (String lib : List.of(dir.resolve("nowhere/libnetcdf.so.19").toString(), notALibrary.toString())) {
            Path out = dir.resolve("foot.nc");
            String output = runChild("-D" + NetcdfLibrary.LIBRARY_PROPERTY + "=" + lib, out.toString());
            assertTrue(output.contains("available=false"), output);
            assertTrue(output.contains("OutputWriteException: cannot write NetCDF-4 file " + out), output);
            assertTrue(output.contains("apt-get install -y libnetcdf19"), output);
            assertTrue(output.contains(lib), output);
            assertFalse(Files.exists(out));
        }
    }

    private static String runChild(String property, String out) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add(property);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LibraryProbeMain.class.getName());
        cmd.add(out);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        return output;
    }
}
