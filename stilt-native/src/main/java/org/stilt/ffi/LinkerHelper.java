package org.stilt.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The few {@link Linker} operations every binding class needs, in one place.
 *
 * <p>Downcall handles are created <em>unbound</em> (the symbol address is the first argument of
 * {@code invokeExact}), so one {@code static final} handle per symbol serves every loaded copy of
 * the library: the optimised and the {@code -fcheck=all} build can be used side by side in one
 * JVM, and the handles stay constants the JIT can inline.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
final class LinkerHelper {

    private static final Linker LINKER = Linker.nativeLinker();

    private LinkerHelper() {
    }

    /** An unbound downcall handle: {@code (MemorySegment address, args...) -> result}. */
    @SuppressWarnings("restricted") // the reason this module exists; enabled by --enable-native-access
    static MethodHandle downcall(FunctionDescriptor descriptor, Linker.Option... options) {
        return LINKER.downcallHandle(descriptor, options);
    }

    /**
     * The address of {@code name} in {@code lookup}.
     *
     * @throws NativeLibraryException naming the symbol and the library when it is missing
     */
    static MemorySegment symbol(SymbolLookup lookup, String name, String library) {
        return lookup.find(name).orElseThrow(() -> new NativeLibraryException(
                "symbol " + name + " not found in " + library + " (a library from another stilt-java version?)"));
    }
}
