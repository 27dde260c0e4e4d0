package org.stilt.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generated C header {@code hysplit/include/stilt_hysplit.h} (the contract; the Maven build
 * fails when it is stale against the Fortran) against the Java {@link FunctionDescriptor}s: the
 * same functions, and for each the same return type, arity, parameter names, C value types and
 * pointee types.
 *
 * <p>Thread-safety: JUnit creates one instance per test method; not shared.
 */
class HeaderContractTest {

    private static final Pattern PROTOTYPE = Pattern.compile("^\\s*(\\w+)\\s+(stilt_\\w+)\\s*\\((.*)\\)\\s*;\\s*$");
    private static final Pattern PARAMETER = Pattern.compile("^(?:const\\s+)?(\\w+)\\s*(\\*?)\\s*(\\w+)$");

    /** A parsed C parameter: type name, pointer or not, name. Thread-safety: immutable record. */
    record CParam(String type, boolean pointer, String name) {
    }

    private static Map<String, List<CParam>> parameters;
    private static Map<String, String> returnTypes;

    private static void parse() throws IOException {
        parameters = new TreeMap<>();
        returnTypes = new TreeMap<>();
        for (String line : Files.readAllLines(TestLibraries.header())) {
            Matcher m = PROTOTYPE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            List<CParam> params = new ArrayList<>();
            String list = m.group(3).strip();
            if (!list.isEmpty() && !list.equals("void")) {
                for (String p : list.split(",")) {
                    Matcher pm = PARAMETER.matcher(p.strip());
                    if (!pm.matches()) {
                        fail("cannot parse parameter '" + p + "' in: " + line);
                    }
                    params.add(new CParam(pm.group(1), !pm.group(2).isEmpty(), pm.group(3)));
                }
            }
            returnTypes.put(m.group(2), m.group(1));
            parameters.put(m.group(2), params);
        }
    }

    private static Class<?> carrier(String cType) {
        return switch (cType) {
            case "int" -> int.class;
            case "double" -> double.class;
            case "float" -> float.class;
            case "int64_t", "long" -> long.class;
            case "char" -> byte.class;
            default -> throw new AssertionError("C type " + cType + " not mapped in this test");
        };
    }

    @Test
    void headerAndJavaDeclareTheSameFunctions() throws IOException {
        parse();
        assertFalse(parameters.isEmpty(), "no prototypes found in " + TestLibraries.header());
        assertEquals(new TreeMap<>(StiltHysplitLibrary.DESCRIPTORS).keySet(), parameters.keySet());
    }

    @Test
    void everyPrototypeMatchesItsDescriptor() throws IOException {
        parse();
        for (Map.Entry<String, FunctionDescriptor> e : StiltHysplitLibrary.DESCRIPTORS.entrySet()) {
            String function = e.getKey();
            FunctionDescriptor d = e.getValue();
            List<CParam> params = parameters.get(function);
            assertTrue(params != null, function + " missing from the header");

            String ret = returnTypes.get(function);
            if (ret.equals("void")) {
                assertEquals(Optional.empty(), d.returnLayout(), function + " returns void");
            } else {
                MemoryLayout r = d.returnLayout().orElseThrow(() -> new AssertionError(function + " returns " + ret));
                assertEquals(carrier(ret), ((ValueLayout) r).carrier(), function + " return type");
            }

            List<MemoryLayout> args = d.argumentLayouts();
            assertEquals(params.size(), args.size(), function + " arity");
            for (int i = 0; i < params.size(); i++) {
                CParam c = params.get(i);
                MemoryLayout j = args.get(i);
                String where = function + " parameter " + (i + 1) + " (" + c.name() + ")";
                assertEquals(Optional.of(c.name()), j.name(), where + ": name");
                if (c.pointer()) {
                    AddressLayout a = assertInstance(AddressLayout.class, j, where);
                    MemoryLayout target = a.targetLayout().orElseThrow(() -> new AssertionError(where + ": no target layout"));
                    assertEquals(carrier(c.type()), ((ValueLayout) target).carrier(), where + ": pointee type");
                } else {
                    ValueLayout v = assertInstance(ValueLayout.class, j, where);
                    assertFalse(v instanceof AddressLayout, where + ": C value, Java address");
                    assertEquals(carrier(c.type()), v.carrier(), where + ": value type");
                }
            }
        }
    }

    private static <T> T assertInstance(Class<T> type, Object value, String where) {
        assertTrue(type.isInstance(value), where + ": expected " + type.getSimpleName() + " but was " + value);
        return type.cast(value);
    }
}
