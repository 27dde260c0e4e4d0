package org.stilt.ffi;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Facts about a loaded libstilt_hysplit.so, for {@code stilt doctor} and provenance attributes.
 *
 * <p>Thread-safety: immutable record, safe to share.
 *
 * @param file       the file that was loaded; for {@link LibrarySource#JAR_RESOURCE} the extracted
 *                   copy, which is deleted right after loading (Linux keeps the mapping)
 * @param source     how it was found
 * @param location   human-readable origin, e.g. the jar resource URL or the system property value
 * @param sha256     SHA-256 (lower-case hex) of the loaded bytes
 * @param abiVersion ABI version reported by {@code stilt_abi_version()}; equal to
 *                   {@link StiltHysplitLibrary#ABI_VERSION}, or loading would have failed
 * @param attempts   every place tried, in order, with the outcome (the last one succeeded)
 */
public record NativeLibraryInfo(Path file, LibrarySource source, String location, String sha256,
                                int abiVersion, List<String> attempts) {

    /** Validates and copies {@code attempts}. */
    public NativeLibraryInfo {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sha256, "sha256");
        attempts = List.copyOf(attempts);
    }

    /** Multi-line description: location, source, ABI, checksum and the attempts before it. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("native library: ").append(location).append('\n');
        sb.append("  found via:   ").append(source).append('\n');
        sb.append("  ABI version: ").append(abiVersion)
                .append(" (this build of stilt-java expects ").append(StiltHysplitLibrary.ABI_VERSION).append(")\n");
        sb.append("  sha256:      ").append(sha256).append('\n');
        sb.append("  attempts:");
        for (String a : attempts) {
            sb.append("\n    ").append(a);
        }
        return sb.toString();
    }
}
