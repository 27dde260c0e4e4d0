package org.stilt.core.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.stilt.core.InvalidInputException;
import org.stilt.core.project.RegistryConfig;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

/**
 * Opens a project's {@link Registry}: the URL in {@code STILT_DB_URL}, else {@code registry.url},
 * else the SQLite file {@value RegistryConfig#DEFAULT_SQLITE_FILE} in the project folder. Schema
 * migrations are applied at open. PostgreSQL gets one HikariCP pool per registry (open one registry
 * per process); user and password come from the URL or {@code STILT_DB_USER}/{@code STILT_DB_PASSWORD}.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class Registries {

    /** Environment variable with the PostgreSQL user (optional; the URL may carry it). */
    public static final String USER_ENV = "STILT_DB_USER";
    /** Environment variable with the PostgreSQL password (optional; the URL may carry it). */
    public static final String PASSWORD_ENV = "STILT_DB_PASSWORD";

    private Registries() {
    }

    /** The JDBC URL a project uses: {@code STILT_DB_URL}, else {@code registry.url}, else the project's SQLite file. */
    public static String resolveUrl(Path projectDir, RegistryConfig config, Map<String, String> env) {
        String fromEnv = env.get(RegistryConfig.URL_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            if (!fromEnv.startsWith("jdbc:postgresql:") && !fromEnv.startsWith("jdbc:sqlite:")) {
                throw new InvalidInputException(RegistryConfig.URL_ENV + " is \"" + redact(fromEnv)
                        + "\"; expected jdbc:postgresql://HOST:PORT/DB or jdbc:sqlite:FILE");
            }
            return fromEnv.strip();
        }
        if (config.url() != null) {
            return config.url();
        }
        return "jdbc:sqlite:" + projectDir.resolve(RegistryConfig.DEFAULT_SQLITE_FILE).toAbsolutePath().normalize();
    }

    /** Opens the registry of the project in {@code projectDir}. */
    public static Registry open(Path projectDir, RegistryConfig config, Map<String, String> env) {
        String url = resolveUrl(projectDir, config, env);
        if (url.startsWith("jdbc:sqlite:")) {
            Path file = Path.of(url.substring("jdbc:sqlite:".length()));
            return openSqlite(file.isAbsolute() ? file : projectDir.resolve(file), config.maxAttempts());
        }
        return openPostgresql(url, env.get(USER_ENV), env.get(PASSWORD_ENV), config.maxAttempts(), config.poolSize(),
                JdbcRegistry.DEFAULT_RETRY_WINDOW);
    }

    /** Opens (creating if needed) a SQLite registry file. */
    public static Registry openSqlite(Path file, int maxAttempts) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.getParent() != null && !Files.isDirectory(abs.getParent())) {
            throw new RegistryException("cannot open SQLite registry " + abs + ": folder " + abs.getParent()
                    + " does not exist");
        }
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setBusyTimeout(30_000);
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        cfg.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + abs);
        return new JdbcRegistry(Dialect.SQLITE, ds, null, "sqlite:" + abs, maxAttempts, JdbcRegistry.DEFAULT_RETRY_WINDOW);
    }

    /**
     * Opens a PostgreSQL registry through a HikariCP pool of {@code poolSize} connections.
     *
     * @param retryWindow how long a failing operation is retried (server restarting, connection lost)
     * @throws RegistryException when the server cannot be reached or refuses the login
     */
    public static Registry openPostgresql(String jdbcUrl, String user, String password, int maxAttempts, int poolSize,
            Duration retryWindow) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        if (user != null && !user.isBlank()) {
            hc.setUsername(user);
        }
        if (password != null && !password.isBlank()) {
            hc.setPassword(password);
        }
        hc.setPoolName("stilt-registry");
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(Math.min(1, poolSize));
        hc.setConnectionTimeout(5_000);
        hc.setValidationTimeout(2_000);
        hc.addDataSourceProperty("ApplicationName", "stilt");
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (HikariPool.PoolInitializationException | IllegalArgumentException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RegistryException("cannot connect to the PostgreSQL registry " + redact(jdbcUrl) + ": "
                    + cause.getMessage() + " (check STILT_DB_URL / registry.url, the server and the credentials)",
                    true, e);
        }
        try {
            return new JdbcRegistry(Dialect.POSTGRESQL, ds, ds, "postgresql:" + redact(jdbcUrl).substring(
                    "jdbc:postgresql:".length()), maxAttempts, retryWindow);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** {@code url} with any {@code password=...} parameter replaced by {@code ***}. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
