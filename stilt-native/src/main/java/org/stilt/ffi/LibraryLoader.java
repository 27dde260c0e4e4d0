package org.stilt.ffi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds, loads and checks libstilt_hysplit.so (CONVENTIONS §8.3 "Loading"). Tries, in order:
 * <ol>
 *   <li>the system property {@value #LIBRARY_PROPERTY} (an absolute path to the {@code .so});</li>
 *   <li>the resource {@code native/<os>-<arch>/libstilt_hysplit.so} of the stilt-native jar, copied
 *       into a private ({@code rwx------}) temporary directory, verified against the resource's
 *       {@code .sha256} before loading, and deleted right after loading (Linux keeps the mapping,
 *       so nothing relies on {@code deleteOnExit});</li>
 *   <li>{@code System.mapLibraryName("stilt_hysplit")} in each directory of {@code java.library.path}.</li>
 * </ol>
 * Each candidate is opened with {@code SymbolLookup.libraryLookup(path, Arena.global())} (symbols
 * resolve only in our library; it stays loaded for the life of the process) and must pass the ABI
 * handshake: {@code stilt_abi_version()} equal to {@link StiltHysplitLibrary#ABI_VERSION}. A
 * candidate that fails any step is recorded and the next one is tried; when none loads, one
 * {@link NativeLibraryException} lists every attempt and why it failed. A successful load records
 * the earlier failed attempts in {@link NativeLibraryInfo#attempts()} so that {@code stilt doctor}
 * shows, for example, a mistyped system property that was skipped.
 *
 * <p>Thread-safety: stateless apart from the process-wide library of {@link #shared()}, which is
 * loaded at most once, lazily, under the JVM's class-initialisation lock; safe for concurrent use.
 */
public final class LibraryLoader {

    /** System property naming the library file explicitly (tests, HPC module systems). */
    public static final String LIBRARY_PROPERTY = "stilt.native.library";

    /** Base name of the library ({@code System.mapLibraryName} gives the file name). */
    public static final String LIBRARY_NAME = "stilt_hysplit";

    private static final String FILE_NAME = System.mapLibraryName(LIBRARY_NAME);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private LibraryLoader() {
    }

    /**
     * The process-wide library, found by the search above on first use and then reused. A failed
     * search is remembered too: every call then throws an exception with the same message.
     *
     * @throws NativeLibraryException if no candidate could be loaded
     */
    public static StiltHysplitLibrary shared() {
        Object result = Shared.RESULT;
        if (result instanceof StiltHysplitLibrary library) {
            return library;
        }
        NativeLibraryException failure = (NativeLibraryException) result;
        throw new NativeLibraryException(failure.getMessage(), failure);
    }

    /**
     * Loads the library at {@code library} (no search) and performs the ABI handshake. Loading the
     * same path twice returns a binding to the same loaded copy.
     *
     * @throws NativeLibraryException naming the path and the reason if it cannot be used
     */
    public static StiltHysplitLibrary load(Path library) {
        List<String> attempts = new ArrayList<>();
        Path absolute = library.toAbsolutePath();
        StiltHysplitLibrary loaded = open(absolute, LibrarySource.EXPLICIT_PATH, absolute.toString(), null, attempts);
        if (loaded == null) {
            throw new NativeLibraryException("cannot load the native kernel library: " + attempts.getFirst());
        }
        return loaded;
    }

    /** The platform directory of the jar resource, e.g. {@code linux-x86_64}. */
    public static String platform() {
        String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macos"
                : os.startsWith("windows") ? "windows" : os.replace(' ', '_');
        String archName = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        return osName + "-" + archName;
    }

    /** The jar resource name, e.g. {@code native/linux-x86_64/libstilt_hysplit.so}. */
    public static String resourceName() {
        return "native/" + platform() + "/" + FILE_NAME;
    }

    /**
     * The search with its three inputs made explicit (the public entry points pass the system
     * property, this class's class loader and {@code java.library.path}).
     *
     * @param property        value of {@value #LIBRARY_PROPERTY}, or null when unset
     * @param resources       where to look for the jar resource
     * @param javaLibraryPath value of {@code java.library.path}, or null
     */
    static StiltHysplitLibrary search(String property, ClassLoader resources, String javaLibraryPath) {
        List<String> attempts = new ArrayList<>();
        StiltHysplitLibrary loaded;

        if (property == null || property.isBlank()) {
            attempts.add("system property " + LIBRARY_PROPERTY + ": not set");
        } else {
            Path path = Path.of(property).toAbsolutePath();
            loaded = open(path, LibrarySource.SYSTEM_PROPERTY, "-D" + LIBRARY_PROPERTY + "=" + property, null, attempts);
            if (loaded != null) {
                return loaded;
            }
        }

        loaded = fromResource(resources, attempts);
        if (loaded != null) {
            return loaded;
        }

        List<String> searched = new ArrayList<>();
        if (javaLibraryPath != null) {
            for (String dir : javaLibraryPath.split(Pattern.quote(java.io.File.pathSeparator))) {
                if (dir.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(dir).resolve(FILE_NAME).toAbsolutePath();
                if (Files.exists(candidate)) {
                    loaded = open(candidate, LibrarySource.JAVA_LIBRARY_PATH, candidate.toString(), null, attempts);
                    if (loaded != null) {
                        return loaded;
                    }
                } else {
                    searched.add(dir);
                }
            }
        }
        if (!searched.isEmpty() || javaLibraryPath == null || javaLibraryPath.isBlank()) {
            attempts.add("java.library.path: no " + FILE_NAME + " in " + searched);
        }

        StringBuilder sb = new StringBuilder("cannot load the native kernel library ").append(FILE_NAME)
                .append(" (ABI ").append(StiltHysplitLibrary.ABI_VERSION).append("); tried:");
        for (int i = 0; i < attempts.size(); i++) {
            sb.append("\n  ").append(i + 1).append(". ").append(attempts.get(i));
        }
        sb.append("\nSet -D").append(LIBRARY_PROPERTY).append("=/abs/path/").append(FILE_NAME)
                .append(" to choose a build, or use the pure-Java kernel (--kernel java).");
        throw new NativeLibraryException(sb.toString());
    }

    /**
     * The ABI handshake.
     *
     * @throws NativeLibraryException naming both versions and the library when they differ
     */
    static void checkAbi(int found, int expected, String where) {
        if (found != expected) {
            throw new NativeLibraryException("ABI version mismatch: " + where + " has ABI version " + found
                    + ", but this build of stilt-java requires ABI version " + expected
                    + " (library and stilt-java jars come from different builds)");
        }
    }

    /** Extracts, verifies and opens the jar resource; null (with the reason in attempts) on failure. */
    private static StiltHysplitLibrary fromResource(ClassLoader resources, List<String> attempts) {
        String name = resourceName();
        String label = "jar resource " + name;
        URL url = resources.getResource(name);
        if (url == null) {
            attempts.add(label + ": not on the class path (is stilt-native built for " + platform() + "?)");
            return null;
        }
        URL sumUrl = resources.getResource(name + ".sha256");
        if (sumUrl == null) {
            attempts.add(label + ": refused, checksum resource " + name + ".sha256 is missing");
            return null;
        }
        Path dir = null;
        Path file = null;
        try {
            String expected = readSha256(sumUrl);
            if (expected == null) {
                attempts.add(label + ": refused, " + name + ".sha256 does not hold a SHA-256 hex digest");
                return null;
            }
            dir = createPrivateTempDirectory();
            file = dir.resolve(FILE_NAME);
            String actual = copyAndHash(url, file);
            if (!actual.equals(expected)) {
                attempts.add(label + ": refused, SHA-256 mismatch: the resource hashes to " + actual
                        + " but " + name + ".sha256 says " + expected);
                return null;
            }
            return open(file, LibrarySource.JAR_RESOURCE, url.toString(), actual, attempts);
        } catch (IOException | UncheckedIOException e) {
            attempts.add(label + ": cannot extract to " + (dir != null ? dir : System.getProperty("java.io.tmpdir"))
                    + ": " + e);
            return null;
        } finally {
            deleteQuietly(file);
            deleteQuietly(dir);
        }
    }

    /** Opens one candidate and performs the handshake; null (with the reason in attempts) on failure. */
    @SuppressWarnings("restricted") // libraryLookup: loading our own library is this class's job
    private static StiltHysplitLibrary open(Path file, LibrarySource source, String location, String knownSha256,
                                            List<String> attempts) {
        String label = describe(source) + " " + location;
        if (!Files.isRegularFile(file)) {
            attempts.add(label + ": no such file " + file);
            return null;
        }
        try {
            String sha256 = knownSha256 != null ? knownSha256 : sha256(file);
            SymbolLookup lookup;
            try {
                lookup = SymbolLookup.libraryLookup(file, Arena.global());
            } catch (IllegalArgumentException e) {
                String hint = source == LibrarySource.JAR_RESOURCE
                        ? " (if the temporary directory is mounted noexec, set -Djava.io.tmpdir or -D" + LIBRARY_PROPERTY + ")"
                        : "";
                attempts.add(label + ": cannot be opened: " + e.getMessage() + hint);
                return null;
            }
            int abi = StiltHysplitLibrary.readAbiVersion(lookup, location);
            checkAbi(abi, StiltHysplitLibrary.ABI_VERSION, location);
            List<String> all = new ArrayList<>(attempts);
            all.add(label + ": loaded (ABI " + abi + ")");
            NativeLibraryInfo info = new NativeLibraryInfo(file, source, location, sha256, abi, all);
            return new StiltHysplitLibrary(lookup, info);
        } catch (NativeLibraryException e) {
            attempts.add(label + ": " + e.getMessage());
            return null;
        } catch (IOException | UncheckedIOException e) {
            attempts.add(label + ": cannot be read: " + e);
            return null;
        }
    }

    private static String describe(LibrarySource source) {
        return switch (source) {
            case SYSTEM_PROPERTY -> "system property";
            case JAR_RESOURCE -> "jar resource";
            case JAVA_LIBRARY_PATH -> "java.library.path entry";
            case EXPLICIT_PATH -> "library file";
        };
    }

    private static String readSha256(URL sumUrl) throws IOException {
        try (InputStream in = sumUrl.openStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
            String first = text.isEmpty() ? "" : text.split("\\s+")[0].toLowerCase(Locale.ROOT);
            return SHA256_HEX.matcher(first).matches() ? first : null;
        }
    }

    private static Path createPrivateTempDirectory() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory("stilt-native-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory("stilt-native-");
    }

    /** Copies the resource to {@code target} and returns the SHA-256 of the bytes written. */
    private static String copyAndHash(URL source, Path target) throws IOException {
        MessageDigest digest = newSha256();
        try (InputStream in = new DigestInputStream(source.openStream(), digest);
             OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK provides SHA-256", e);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Best effort: a leftover in the temporary directory is harmless and private.
        }
    }

    /** Holder of the process-wide library: initialised once, on first use, by the JVM. */
    private static final class Shared {
        static final Object RESULT = load();

        private static Object load() {
            try {
                return search(System.getProperty(LIBRARY_PROPERTY), LibraryLoader.class.getClassLoader(),
                        System.getProperty("java.library.path"));
            } catch (NativeLibraryException e) {
                return e;
            } catch (RuntimeException e) {
                // e.g. IllegalCallerException when native access is denied for this module.
                return new NativeLibraryException("cannot load the native kernel library: " + e, e);
            }
        }
    }
}
