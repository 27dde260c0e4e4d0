package org.stilt.core.registry;

/**
 * The two databases the registry runs on, with what differs between them outside the SQL files:
 * the database clock expression and how a write transaction starts.
 *
 * <p>Thread-safety: immutable enum.
 */
public enum Dialect {
    /** Embedded SQLite file; write transactions are {@code BEGIN IMMEDIATE}. */
    SQLITE("sqlite", "CAST(unixepoch('subsec') * 1000 AS INTEGER)"),
    /** PostgreSQL server; row locks with {@code FOR UPDATE SKIP LOCKED}. */
    POSTGRESQL("postgresql", "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)");

    private final String resourceDir;
    private final String nowMillisSql;

    Dialect(String resourceDir, String nowMillisSql) {
        this.resourceDir = resourceDir;
        this.nowMillisSql = nowMillisSql;
    }

    /** The folder of this dialect's SQL files under {@code org/stilt/core/registry/sql/}. */
    String resourceDir() {
        return resourceDir;
    }

    /** SQL expression for the database clock, ms since 1970-01-01 UTC. */
    String nowMillisSql() {
        return nowMillisSql;
    }
}
