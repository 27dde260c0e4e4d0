package org.stilt.core.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.stilt.core.InvalidInputException;
import org.stilt.core.StiltException;
import org.stilt.core.particles.ParticleTable;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.run.hysplit.HysplitInputs;

/**
 * {@code transport: hysplit-exe}: drives a user-supplied HYSPLIT {@code hycs_std} exactly as R-STILT's
 * {@code calc_trajectory} does ({@code stilt-reference.md} §2.1): the simulation folder is the run directory, with
 * links to every file beside the executable (ASCDATA.CFG, LANDUSE.ASC, ...), {@code ZICONTROL} (when
 * {@code zicontroltf}), {@code SETUP.CFG} and {@code CONTROL}; {@code hycs_std} runs there with its output appended to
 * {@code stilt.log}, limited to {@code timeout} seconds (then it and every process it started are killed); then
 * {@code PARTICLE_STILT.DAT} is read (first line skipped, whitespace-separated {@code varsiwant} columns) and, with
 * {@code rm_dat}, deleted with {@code PARTICLE.DAT}. Unlike R-STILT, a missing or empty particle file is a
 * {@code KERNEL_ERROR} failure, not a silent NULL. With {@code transport_error} set, a second run with
 * {@code WINDERR}/{@code ZIERR} gives the error particles (never used for the footprint, as in R-STILT).
 *
 * <p>Thread-safety: stateless; each call works in its own simulation folder.
 */
final class HysplitExecutable {

    /** The particle file hycs_std writes in STILT mode (ICHEM = 8). */
    static final String PARTICLE_FILE = "PARTICLE_STILT.DAT";

    private static final Set<String> OWN_FILES = Set.of("CONTROL", "SETUP.CFG", "ZICONTROL", "WINDERR", "ZIERR",
            SimulationLog.FILE, PARTICLE_FILE, "PARTICLE.DAT");

    private HysplitExecutable() {
    }

    /** The executable of the configuration, resolved against the project folder. */
    static Path executable(SimulationSpec spec) {
        Path exe = spec.config().hysplitExe();
        Path resolved = exe.isAbsolute() ? exe : spec.projectDir().resolve(exe);
        if (!Files.isRegularFile(resolved) || !Files.isExecutable(resolved)) {
            throw new InvalidInputException("hysplit_exe " + exe + " (" + resolved.toAbsolutePath() + ") is not an"
                    + " executable file; expected the path of HYSPLIT's hycs_std");
        }
        return resolved.toAbsolutePath();
    }

    /**
     * The particle tables of a hycs_std simulation.
     *
     * @param particles      the main run
     * @param errorParticles the transport-error run (WINDERRTF > 0), or null when {@code transport_error} is off
     */
    record Result(ParticleTable particles, ParticleTable errorParticles) {
    }

    /**
     * Runs hycs_std for {@code spec} in {@code runDir}; when {@code transport_error} is set, runs it again in the same
     * folder with {@code WINDERR}/{@code ZIERR} and {@code WINDERRTF} = 1 (wind), 2 (mixed layer) or 3 (both), as
     * R-STILT's {@code simulation_step} does (stilt-reference §2.10).
     */
    static Result run(SimulationSpec spec, Path runDir, List<Path> metFiles, SimulationLog log)
            throws IOException, InterruptedException {
        ProjectConfig c = spec.config();
        Path exe = executable(spec);
        linkSiblings(exe, runDir);
        if (c.zicontroltf()) {
            Files.writeString(runDir.resolve("ZICONTROL"), HysplitInputs.zicontrol(c.ziscale()));
        }
        Files.deleteIfExists(runDir.resolve("WINDERR"));
        Files.deleteIfExists(runDir.resolve("ZIERR"));
        ParticleTable main = runOnce(spec, exe, runDir, metFiles, log, 0);
        int winderrtf = c.transportError().winderrtf();
        if (winderrtf == 0) {
            return new Result(main, null);
        }
        if (c.transportError().windError()) {
            Files.writeString(runDir.resolve("WINDERR"), HysplitInputs.winderr(c.transportError()));
        }
        if (c.transportError().mixingHeightError()) {
            Files.writeString(runDir.resolve("ZIERR"), HysplitInputs.zierr(c.transportError()));
        }
        log.line("hysplit-exe: transport-error run, WINDERRTF=" + winderrtf);
        return new Result(main, runOnce(spec, exe, runDir, metFiles, log, winderrtf));
    }

    private static ParticleTable runOnce(SimulationSpec spec, Path exe, Path runDir, List<Path> metFiles,
                                         SimulationLog log, int winderrtf) throws IOException, InterruptedException {
        ProjectConfig c = spec.config();
        Files.writeString(runDir.resolve("SETUP.CFG"), HysplitInputs.setup(c, winderrtf));
        Files.writeString(runDir.resolve("CONTROL"), HysplitInputs.control(c, spec.receptor(),
                metFiles.stream().map(Path::toAbsolutePath).toList()));
        Path dat = runDir.resolve(PARTICLE_FILE);
        Files.deleteIfExists(dat);
        Files.deleteIfExists(runDir.resolve("PARTICLE.DAT"));
        log.line("hysplit-exe: running " + exe + " in " + runDir);
        Process p = new ProcessBuilder(exe.toString()).directory(runDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile())).start();
        try {
            if (!p.waitFor(c.timeoutSeconds(), TimeUnit.SECONDS)) {
                kill(p);
                throw new SimulationRunner.SimulationTimeoutException(c.timeoutSeconds());
            }
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        }
        log.line("hysplit-exe: exit status " + p.exitValue());
        if (!Files.isRegularFile(dat)) {
            throw new StiltException(StiltException.Kind.KERNEL_FAILED, "Failed to output  " + dat
                    + " (hycs_std exit status " + p.exitValue() + "; its output is in stilt.log)");
        }
        ParticleTable table = read(dat, c.varsiwant());
        if (c.rmDat()) {
            Files.deleteIfExists(dat);
            Files.deleteIfExists(runDir.resolve("PARTICLE.DAT"));
        }
        return table;
    }

    /**
     * Reads {@code PARTICLE_STILT.DAT}: the first line (the receptor) is skipped, the rest are whitespace-separated
     * numbers named by {@code varsiwant}.
     *
     * @throws StiltException (KERNEL_FAILED) for a file without particle rows or with a malformed row
     */
    static ParticleTable read(Path dat, List<String> varsiwant) throws IOException {
        int n = varsiwant.size();
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(dat, StandardCharsets.US_ASCII)) {
            String line = r.readLine();
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                String[] f = t.split("\\s+");
                if (f.length != n) {
                    throw new StiltException(StiltException.Kind.KERNEL_FAILED, dat + " line " + lineNo + " has "
                            + f.length + " values; expected " + n + " (varsiwant " + varsiwant + ")");
                }
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    try {
                        v[i] = Double.parseDouble(f[i].replace('D', 'E').replace('d', 'e'));
                    } catch (NumberFormatException e) {
                        throw new StiltException(StiltException.Kind.KERNEL_FAILED, dat + " line " + lineNo
                                + ", column " + varsiwant.get(i) + ": \"" + f[i] + "\" is not a number");
                    }
                }
                rows.add(v);
            }
        }
        if (rows.isEmpty()) {
            throw new StiltException(StiltException.Kind.KERNEL_FAILED, dat + " does not contain any trajectory"
                    + " data.");
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            double[] col = new double[rows.size()];
            for (int k = 0; k < col.length; k++) {
                col[k] = rows.get(k)[i];
            }
            cols.put(varsiwant.get(i), col);
        }
        return new ParticleTable(cols, Map.of("transport_kernel", "hysplit-exe"));
    }

    /** Links every regular file beside the executable into the run directory, as R-STILT links {@code exe/*}. */
    private static void linkSiblings(Path exe, Path runDir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(exe.getParent())) {
            for (Path f : s) {
                Path link = runDir.resolve(f.getFileName());
                if (Files.isRegularFile(f) && !OWN_FILES.contains(f.getFileName().toString())
                        && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, f);
                }
            }
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
