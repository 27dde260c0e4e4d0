/**
 * FFM ({@code java.lang.foreign}) binding of our Fortran kernel library libstilt_hysplit.so, and
 * the implementations of stilt-core's kernel interfaces on top of it.
 *
 * <ul>
 *   <li>{@link org.stilt.ffi.LibraryLoader}: finds the library (system property, verified jar
 *       resource, {@code java.library.path}) and performs the ABI handshake;
 *       {@link org.stilt.ffi.NativeLibraryInfo} says what was loaded from where.</li>
 *   <li>{@link org.stilt.ffi.StiltHysplitLibrary}: the one binding class (a downcall handle and
 *       descriptor per C symbol; status codes become {@link org.stilt.core.KernelException}).</li>
 *   <li>{@link org.stilt.ffi.NativeKernelSpreader}: {@link org.stilt.core.footprint.KernelSpreader}
 *       on {@code stilt_footprint_spread}; {@link org.stilt.ffi.SpreaderBenchmark} times it
 *       against the Java spreader.</li>
 * </ul>
 * This is the only module that uses restricted methods: run with
 * {@code --enable-native-access=ALL-UNNAMED} (class path) to avoid the JDK's warning.
 */
package org.stilt.ffi;
