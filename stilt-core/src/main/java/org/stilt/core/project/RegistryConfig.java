package org.stilt.core.project;

import org.stilt.core.InvalidInputException;

/**
 * The {@code registry} section of {@code config.yaml}: where the simulation registry lives and how
 * its leases behave ({@code docs/registry.md}). Not part of the configuration fingerprint: where work
 * is queued does not change what a simulation computes.
 *
 * @param url                {@code registry.url}: a JDBC URL ({@code jdbc:postgresql://HOST:PORT/DB} or
 *                           {@code jdbc:sqlite:FILE}); null (the default) = the SQLite file
 *                           {@value #DEFAULT_SQLITE_FILE} in the project folder. The environment variable
 *                           {@code STILT_DB_URL} overrides it.
 * @param maxAttempts        {@code registry.max_attempts}: tries before a simulation that keeps failing (retryably) or
 *                           losing its lease is failed for good (default 3)
 * @param leaseSeconds       {@code registry.lease_seconds}: lease length, s; a worker renews it every third of that
 *                           (default 120)
 * @param poolSize           {@code registry.pool_size}: PostgreSQL connections per process (default 4)
 *
 * <p>Thread-safety: immutable value.
 */
public record RegistryConfig(String url, int maxAttempts, int leaseSeconds, int poolSize) {

    /** The registry file of a project without {@code registry.url}. */
    public static final String DEFAULT_SQLITE_FILE = "stilt-registry.sqlite";
    /** The environment variable that overrides {@code registry.url}. */
    public static final String URL_ENV = "STILT_DB_URL";
    /** The defaults: SQLite in the project, 3 attempts, 120 s leases, 4 connections. */
    public static final RegistryConfig DEFAULTS = new RegistryConfig(null, 3, 120, 4);

    public RegistryConfig {
        if (url != null && url.isBlank()) {
            url = null;
        }
        if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
            throw new InvalidInputException("registry.url is \"" + url + "\"; expected jdbc:postgresql://HOST:PORT/DB"
                    + " or jdbc:sqlite:FILE (or ~ for the SQLite file in the project)");
        }
        if (maxAttempts < 1) {
            throw new InvalidInputException("registry.max_attempts must be >= 1 (got " + maxAttempts + ")");
        }
        if (leaseSeconds < 3) {
            throw new InvalidInputException("registry.lease_seconds must be >= 3 s (got " + leaseSeconds + ")");
        }
        if (poolSize < 1) {
            throw new InvalidInputException("registry.pool_size must be >= 1 (got " + poolSize + ")");
        }
    }
}
