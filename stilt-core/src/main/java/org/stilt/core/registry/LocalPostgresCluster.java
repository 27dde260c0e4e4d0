package org.stilt.core.registry;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private, throw-away PostgreSQL cluster on loopback for the registry tests and
 * {@code stilt bench registry}: Debian's {@code postgresql} is installed with apt-get when missing (as
 * root), a cluster is created with {@code initdb} in a temporary folder (as the {@code postgres} user
 * when running as root, trust authentication, {@code fsync=off}: never for real data) and started
 * with {@code pg_ctl} on a free loopback port. {@link #close} (or the JVM's exit) stops and deletes it.
 *
 * <p>Thread-safety: safe to share; {@link #createDatabase} may be called concurrently.
 */
public final class LocalPostgresCluster implements AutoCloseable {

    private final Path binDir;
    private final Path root;
    private final Path dataDir;
    private final int port;
    private final boolean asRoot;
    private final AtomicInteger databases = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private LocalPostgresCluster(Path binDir, Path root, int port, boolean asRoot) {
        this.binDir = binDir;
        this.root = root;
        this.dataDir = root.resolve("data");
        this.port = port;
        this.asRoot = asRoot;
    }

    /**
     * Installs PostgreSQL if needed and starts a new cluster.
     *
     * @throws IOException when PostgreSQL cannot be installed or started (the message says why)
     */
    public static LocalPostgresCluster start() throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path bin = findBinDir();
        if (bin == null) {
            if (!root) {
                throw new IOException("PostgreSQL is not installed and this is not root; run"
                        + " 'sudo apt-get install postgresql' (or scripts/install-deps.sh)");
            }
            System.err.println("LocalPostgresCluster: installing Debian's postgresql with apt-get");
            run(List.of("bash", "-c", "export DEBIAN_FRONTEND=noninteractive; apt-get update -qq"
                    + " && apt-get install -y -qq postgresql >/dev/null"), 600);
            bin = findBinDir();
            if (bin == null) {
                throw new IOException("apt-get install postgresql left no /usr/lib/postgresql/*/bin/initdb");
            }
        }
        Path dir = Files.createTempDirectory("stilt-pg-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LocalPostgresCluster server = new LocalPostgresCluster(bin, dir, port, root);
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()), 30);
        }
        server.pg(List.of(bin.resolve("initdb").toString(), "-D", server.dataDir.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--no-sync"), 120);
        server.pgCtl("start");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stilt-pg-stop"));
        return server;
    }

    private static Path findBinDir() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (Stream<Path> s = Files.list(base)) {
            return s.map(p -> p.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString)).orElse(null);
        }
    }

    private void pgCtl(String action) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(),
                "-l", root.resolve("server.log").toString(), "-w", "-t", "60"));
        if (!action.equals("stop")) {
            cmd.addAll(List.of("-o", "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c fsync=off"
                    + " -c max_connections=200"));
        }
        cmd.addAll(List.of("-m", "fast", action));
        pg(cmd, 120);
    }

    /** Restarts the server ({@code pg_ctl restart -m fast}): every open connection is dropped. */
    public void restart() throws IOException, InterruptedException {
        pgCtl("restart");
    }

    /** A new empty database; its JDBC URL (user postgres, trust authentication). */
    public String createDatabase() throws SQLException {
        String name = "stilt_test_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** Stops the server and deletes its folder; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            pgCtl("stop");
        } catch (IOException | InterruptedException e) {
            System.err.println("LocalPostgresCluster: stop failed: " + e.getMessage());
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leave it
        }
    }

    private void pg(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(cmd);
        run(full, timeoutSeconds);
    }

    private static void run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", cmd) + "' exited with " + p.exitValue() + ": "
                    + new String(out).strip());
        }
    }
}
