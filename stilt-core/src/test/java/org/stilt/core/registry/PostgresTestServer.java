package org.stilt.core.registry;

import java.io.IOException;
import java.sql.SQLException;

/**
 * The test JVM's private PostgreSQL cluster ({@link LocalPostgresCluster}, which installs Debian's
 * {@code postgresql} when missing), started on first use and stopped when the JVM exits.
 *
 * <p>Thread-safety: {@link #get()} is synchronized; the instance is safe to share.
 */
final class PostgresTestServer {

    private static PostgresTestServer instance;
    private static String unavailable;

    private final LocalPostgresCluster cluster;

    private PostgresTestServer(LocalPostgresCluster cluster) {
        this.cluster = cluster;
    }

    /** The running server, or null (with {@link #unavailableReason()}) when PostgreSQL cannot be had. */
    static synchronized PostgresTestServer get() {
        if (instance != null || unavailable != null) {
            return instance;
        }
        try {
            instance = new PostgresTestServer(LocalPostgresCluster.start());
        } catch (Exception e) {
            unavailable = e.getMessage();
            System.err.println("*** PostgreSQL registry tests SKIPPED: " + unavailable + " ***");
        }
        return instance;
    }

    static synchronized String unavailableReason() {
        return unavailable;
    }

    /** Restarts the server ({@code pg_ctl restart -m fast}): every open connection is dropped. */
    void restart() throws IOException, InterruptedException {
        cluster.restart();
    }

    /** A new empty database; its JDBC URL (user postgres, trust authentication). */
    String createDatabase() throws SQLException {
        return cluster.createDatabase();
    }

    String url(String database) {
        return cluster.url(database);
    }
}
