-- stilt-java simulation registry, schema version 1 (SQLite).
-- Times are milliseconds since 1970-01-01 UTC from the database clock.
CREATE TABLE simulations (
    id                 TEXT    NOT NULL PRIMARY KEY,
    scene_id           TEXT,
    receptor_time_ms   INTEGER NOT NULL,
    latitude_deg       REAL    NOT NULL,
    longitude_deg      REAL    NOT NULL,
    altitude_m         REAL    NOT NULL,
    altitude_top_m     REAL,
    altitude_ref       TEXT    NOT NULL CHECK (altitude_ref IN ('agl', 'msl')),
    config_fingerprint TEXT    NOT NULL,
    status             TEXT    NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'running', 'complete', 'complete-empty', 'failed')),
    attempts           INTEGER NOT NULL DEFAULT 0,
    total_attempts     INTEGER NOT NULL DEFAULT 0,
    lease_owner        TEXT,
    lease_token        TEXT,
    lease_expires_ms   INTEGER,
    timings_json       TEXT,
    failure_reason     TEXT,
    failure_message    TEXT,
    log_tail           TEXT,
    registered_ms      INTEGER NOT NULL,
    updated_ms         INTEGER NOT NULL
);
CREATE INDEX simulations_status_id ON simulations (status, id);
CREATE INDEX simulations_scene ON simulations (scene_id);
CREATE INDEX simulations_lease_token ON simulations (lease_token) WHERE lease_token IS NOT NULL;

CREATE TABLE attempts (
    simulation_id  TEXT    NOT NULL REFERENCES simulations (id) ON DELETE CASCADE,
    attempt_number INTEGER NOT NULL,
    worker_id      TEXT    NOT NULL,
    started_ms     INTEGER NOT NULL,
    ended_ms       INTEGER,
    outcome        TEXT,
    failure_reason TEXT,
    PRIMARY KEY (simulation_id, attempt_number)
);
