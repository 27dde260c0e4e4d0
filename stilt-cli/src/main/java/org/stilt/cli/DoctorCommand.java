package org.stilt.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.stilt.core.EngineInfo;
import org.stilt.core.netcdf.NetcdfLibrary;
import org.stilt.ffi.NativeKernelSpreader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt doctor}: what this installation can do — Java runtime, native kernel library
 * (path, how it was found, ABI), NetCDF-4 C library. Exits 0 when everything is usable,
 * {@link ExitCodes#NATIVE_UNAVAILABLE} or {@link ExitCodes#OUTPUT_FAILED} otherwise.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Report the Java runtime, native kernel library and NetCDF library status.")
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("engine: " + EngineInfo.nameAndVersion());
        out.println("java: " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")");
        out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", max heap: "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        String nativeReport = NativeKernelSpreader.doctor();
        out.println(nativeReport);
        NetcdfLibrary.Status nc = NetcdfLibrary.status();
        if (nc.available()) {
            out.println("netcdf: " + nc.library() + " (" + nc.version() + ")");
        } else {
            out.println("netcdf: unavailable: " + nc.problem());
        }
        out.flush();
        if (nativeReport.startsWith("native library: unavailable")) {
            return ExitCodes.NATIVE_UNAVAILABLE;
        }
        return nc.available() ? ExitCodes.OK : ExitCodes.OUTPUT_FAILED;
    }
}
