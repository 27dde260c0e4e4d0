package org.stilt.ffi;

/**
 * Where libstilt_hysplit.so was found, in the order {@link LibraryLoader} tries the places.
 *
 * <p>Thread-safety: immutable enum.
 */
public enum LibrarySource {
    /** The system property {@value LibraryLoader#LIBRARY_PROPERTY} (tests, HPC module systems). */
    SYSTEM_PROPERTY,
    /** The resource {@code native/<os>-<arch>/libstilt_hysplit.so} in the stilt-native jar,
     *  copied to a private temporary directory and checked against its {@code .sha256}. */
    JAR_RESOURCE,
    /** {@code System.mapLibraryName("stilt_hysplit")} in a directory of {@code java.library.path}. */
    JAVA_LIBRARY_PATH,
    /** A path given by the caller ({@link LibraryLoader#load(java.nio.file.Path)}). */
    EXPLICIT_PATH
}
