package org.stilt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private one-node SLURM cluster on loopback for tests, started by {@code scripts/slurm-local.sh}
 * (which installs Debian's {@code slurm-wlm} and {@code munge} when missing) in a temporary folder and
 * stopped by {@link #close}. Clients reach it through {@link #slurmConf()} ({@code SLURM_CONF}).
 *
 * <p>Thread-safety: not thread-safe; one per test class.
 */
final class LocalSlurm implements AutoCloseable {

    private final Path script;
    private final Path dir;

    private LocalSlurm(Path script, Path dir) {
        this.script = script;
        this.dir = dir;
    }

    /**
     * Starts the cluster.
     *
     * @throws Unavailable when SLURM cannot be installed here (not root, or apt-get failed): skip loudly
     * @throws IOException when it is installed but does not start (a real failure)
     */
    static LocalSlurm start(Path dir) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("user.dir")).resolveSibling("scripts").resolve("slurm-local.sh");
        if (!Files.isRegularFile(script)) {
            script = Path.of(System.getProperty("user.dir"), "scripts", "slurm-local.sh");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            throw new Unavailable("not root: slurmd with SlurmUser=root needs root (run the tests as root or install"
                    + " and start SLURM yourself)");
        }
        Process p = new ProcessBuilder("bash", script.toString(), "start", dir.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("slurm-local.sh start timed out: " + out);
        }
        if (p.exitValue() != 0) {
            if (!Files.isExecutable(Path.of("/usr/sbin/slurmctld")) && !Files.isExecutable(Path.of("/usr/bin/slurmctld"))) {
                throw new Unavailable("SLURM could not be installed: " + out.strip());
            }
            throw new IOException("slurm-local.sh start failed (exit " + p.exitValue() + "): " + out.strip());
        }
        return new LocalSlurm(script, dir);
    }

    /** The generated slurm.conf (set {@code SLURM_CONF} to it). */
    Path slurmConf() {
        return dir.resolve("slurm.conf");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", script.toString(), "stop", dir.toString()).redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
    }

    /** SLURM cannot be had on this machine. */
    static final class Unavailable extends IOException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }
}
