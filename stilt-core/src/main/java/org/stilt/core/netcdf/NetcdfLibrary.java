package org.stilt.core.netcdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ucar.nc2.jni.netcdf.Nc4Iosp;

/**
 * Locates and loads the NetCDF C library ({@code libnetcdf}) that NetCDF-Java 4.5 needs, through JNA,
 * to <em>write</em> NetCDF-4 files. Reading never needs it: NetCDF-Java reads NetCDF-4/HDF5 in pure Java.
 *
 * <p>Search order, first hit wins:
 * <ol>
 *   <li>the system property {@value #LIBRARY_PROPERTY} or the environment variable {@value #LIBRARY_ENV}:
 *       the full path of the library file (an error if it does not exist);</li>
 *   <li>a file named {@code libnetcdf.so}, else the highest-numbered {@code libnetcdf.so.N}
 *       ({@code libnetcdf.dylib}, {@code libnetcdf.N.dylib} on macOS) in the directories of
 *       {@code jna.library.path}, {@code LD_LIBRARY_PATH} ({@code DYLD_LIBRARY_PATH}), then the usual system
 *       directories ({@code /usr/lib/<multiarch>}, {@code /usr/lib64}, {@code /usr/lib}, {@code /usr/local/lib},
 *       Homebrew, MacPorts);</li>
 *   <li>JNA's own search for the name {@code netcdf}.</li>
 * </ol>
 * The file found is handed to JNA by its <em>full path</em>, so Debian's runtime package {@code libnetcdf19},
 * which installs only {@code libnetcdf.so.19} (the unversioned {@code libnetcdf.so} symlink belongs to
 * {@code libnetcdf-dev}), is enough.
 *
 * <p>The NetCDF C library (with the serial HDF5 it uses) is not thread-safe: every native write must hold
 * {@link #lock()} from creating the file to closing it. {@link NetcdfOutput} does this.
 *
 * <p>NetCDF-Java prints two lines to {@code System.out} when it loads the library; they are filtered out
 * during loading (other output passes through), so that command-line output stays clean.
 *
 * <p>Thread-safety: thread-safe; loading happens once under a lock and the outcome is then immutable.
 */
public final class NetcdfLibrary {

    /** System property naming the full path of the NetCDF C library file. */
    public static final String LIBRARY_PROPERTY = "stilt.netcdf.library";
    /** Environment variable naming the full path of the NetCDF C library file. */
    public static final String LIBRARY_ENV = "STILT_NETCDF_LIBRARY";
    /** What to install on Debian/Ubuntu when the library is missing. */
    public static final String DEBIAN_PACKAGE = "libnetcdf19";

    /** What to do about a missing library, appended to every "not available" message. */
    static final String INSTALL_HINT = "Install the runtime package: apt-get install -y " + DEBIAN_PACKAGE
            + " (Debian/Ubuntu; libnetcdf-dev is not needed), or point -D" + LIBRARY_PROPERTY + " (or " + LIBRARY_ENV
            + ") at the library file, e.g. /usr/lib/x86_64-linux-gnu/libnetcdf.so.19";

    private static final ReentrantLock NATIVE_LOCK = new ReentrantLock();
    private static final Object LOAD_LOCK = new Object();
    private static final Pattern SO_VERSION = Pattern.compile("libnetcdf\\.so\\.(\\d+)((?:\\.\\d+)*)");
    private static final Pattern DYLIB_VERSION = Pattern.compile("libnetcdf\\.(\\d+)\\.dylib");

    /** Outcome of the one load attempt; null until attempted. */
    private static volatile Status status;

    private NetcdfLibrary() {
    }

    /**
     * Result of locating and loading the library.
     *
     * @param available whether NetCDF-Java can write NetCDF-4 files
     * @param library   the file handed to JNA, or the bare name {@code netcdf} if JNA searched itself
     * @param version   {@code nc_inq_libvers()} of the loaded library, empty if unavailable
     * @param problem   why it is unavailable (with what to install), empty if available
     *
     * <p>Thread-safety: immutable value.
     */
    public record Status(boolean available, String library, String version, String problem) {
    }

    /**
     * The lock that serialises all native NetCDF calls in this process (libnetcdf is not thread-safe).
     * Hold it from file creation to close.
     */
    public static ReentrantLock lock() {
        return NATIVE_LOCK;
    }

    /**
     * Locates and loads the library once (later calls return the same outcome). Never throws.
     */
    public static Status status() {
        Status s = status;
        if (s != null) {
            return s;
        }
        synchronized (LOAD_LOCK) {
            if (status == null) {
                status = load();
            }
            return status;
        }
    }

    /**
     * Ensures the library is loaded.
     *
     * @param target the file about to be written (named in the error)
     * @throws org.stilt.core.OutputWriteException if the library is unavailable, naming the file, what was
     *                                             searched and the package to install
     */
    public static void require(Path target) {
        Status s = status();
        if (!s.available()) {
            throw new org.stilt.core.OutputWriteException("cannot write NetCDF-4 file " + target + ": "
                    + s.problem(), null);
        }
    }

    private static Status load() {
        String explicit = firstNonBlank(System.getProperty(LIBRARY_PROPERTY), System.getenv(LIBRARY_ENV));
        String library;
        List<Path> searched = searchDirectories();
        if (explicit != null) {
            Path p = Path.of(explicit).toAbsolutePath();
            if (!Files.isRegularFile(p)) {
                return new Status(false, p.toString(), "", "the NetCDF C library named by " + LIBRARY_PROPERTY + "/"
                        + LIBRARY_ENV + " does not exist: " + p + ". " + INSTALL_HINT);
            }
            library = p.toString();
        } else {
            library = locate(searched).map(Path::toString).orElse("netcdf");
        }
        Path libPath = library.equals("netcdf") ? null : Path.of(library);
        String dir = libPath == null ? null : libPath.getParent().toString();
        boolean present;
        String version = "";
        PrintStream original = System.out;
        LoadNoiseFilter filter = new LoadNoiseFilter(original);
        PrintStream filtered = new PrintStream(filter, true, StandardCharsets.UTF_8);
        System.setOut(filtered);
        try {
            Nc4Iosp.setLibraryAndPath(dir, library);
            present = Nc4Iosp.isClibraryPresent();
            if (present) {
                version = libraryVersion();
            }
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError from JNA
            present = false;
        } finally {
            System.setOut(original);
            filtered.flush();
            filter.close();
        }
        if (present) {
            return new Status(true, library, version, "");
        }
        String where = libPath != null ? "found " + libPath + " but could not load it (wrong architecture or"
                + " missing HDF5 dependency?)"
                : "searched " + searched.stream().map(Path::toString).distinct().toList();
        return new Status(false, library, "", "the NetCDF C library (libnetcdf) is not available (" + where + "). "
                + INSTALL_HINT);
    }

    /** The loaded library's version string via NetCDF-Java, or empty. */
    private static String libraryVersion() {
        try {
            java.lang.reflect.Field f = Nc4Iosp.class.getDeclaredField("nc4");
            f.setAccessible(true);
            Object nc4 = f.get(null);
            if (nc4 instanceof ucar.nc2.jni.netcdf.Nc4prototypes p) {
                return p.nc_inq_libvers();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // version is informational only
        }
        return "";
    }

    /** The library file to load, if any is found in {@code dirs}. */
    static Optional<Path> locate(List<Path> dirs) {
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        for (Path dir : dirs) {
            Path plain = dir.resolve(mac ? "libnetcdf.dylib" : "libnetcdf.so");
            if (Files.isRegularFile(plain)) {
                return Optional.of(plain.toAbsolutePath());
            }
            Optional<Path> versioned = highestVersioned(dir, mac ? DYLIB_VERSION : SO_VERSION);
            if (versioned.isPresent()) {
                return versioned;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> highestVersioned(Path dir, Pattern pattern) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Path best = null;
        long bestKey = -1;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = pattern.matcher(f.getFileName().toString());
                if (m.matches() && Files.isRegularFile(f)) {
                    long key;
                    try {
                        key = Long.parseLong(m.group(1));
                    } catch (NumberFormatException e) {
                        continue;
                    }
                    // prefer the shortest name for equal major versions (libnetcdf.so.19 over .so.19.1.0)
                    if (key > bestKey || (key == bestKey && f.getFileName().toString().length()
                            < best.getFileName().toString().length())) {
                        best = f;
                        bestKey = key;
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(best).map(Path::toAbsolutePath);
    }

    /** Directories searched for the library, in order. */
    static List<Path> searchDirectories() {
        Set<String> dirs = new LinkedHashSet<>();
        addPathList(dirs, System.getProperty("jna.library.path"));
        addPathList(dirs, System.getenv("JNA_PATH"));
        addPathList(dirs, System.getenv("LD_LIBRARY_PATH"));
        addPathList(dirs, System.getenv("DYLD_LIBRARY_PATH"));
        String arch = System.getProperty("os.arch", "");
        String multiarch = switch (arch) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64", "arm64" -> "aarch64-linux-gnu";
            case "ppc64le" -> "powerpc64le-linux-gnu";
            case "s390x" -> "s390x-linux-gnu";
            default -> null;
        };
        if (multiarch != null) {
            dirs.add("/usr/lib/" + multiarch);
            dirs.add("/lib/" + multiarch);
        }
        for (String d : List.of("/usr/lib64", "/usr/lib", "/usr/local/lib", "/lib64", "/lib",
                "/opt/homebrew/lib", "/usr/local/opt/netcdf/lib", "/opt/local/lib", "/opt/netcdf/lib")) {
            dirs.add(d);
        }
        List<Path> out = new ArrayList<>();
        for (String d : dirs) {
            out.add(Path.of(d));
        }
        return out;
    }

    private static void addPathList(Set<String> dirs, String list) {
        if (list == null || list.isBlank()) {
            return;
        }
        for (String d : list.split(java.io.File.pathSeparator)) {
            if (!d.isBlank()) {
                dirs.add(d.trim());
            }
        }
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        if (b != null && !b.isBlank()) {
            return b.trim();
        }
        return null;
    }

    /**
     * Passes output through line by line, dropping the two lines NetCDF-Java 4.5 prints when it loads (or fails
     * to load) the C library.
     *
     * <p>Thread-safety: thread-safe (all methods synchronized).
     */
    private static final class LoadNoiseFilter extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LoadNoiseFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public synchronized void flush() {
            // keep partial lines until complete; complete lines are already emitted
        }

        @Override
        public synchronized void close() {
            emit();
        }

        private void emit() {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (s.isEmpty() || s.startsWith("NetCDF-4 C library") || s.startsWith("Netcdf nc_inq_libvers")) {
                return;
            }
            target.print(s);
            target.flush();
        }
    }
}
