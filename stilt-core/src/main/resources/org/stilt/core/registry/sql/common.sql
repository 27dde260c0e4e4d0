-- Statements shared by both dialects. Format: "-- name: X" starts a named block; a block holds one or
-- more statements, each ending with ";" at the end of a line. ":name" is a parameter (bound by name,
-- "::" is left alone), {{now_ms}} is the dialect's database clock in ms since 1970-01-01 UTC.
-- {{fragment}} is replaced by the text of the block named "fragment" (a fragment has no ";").
-- A dialect's statements.sql overrides a block of the same name.

-- name: changed
(config_fingerprint <> :fingerprint OR receptor_time_ms <> :time_ms OR latitude_deg <> :lat
 OR longitude_deg <> :lon OR altitude_m <> :alt OR altitude_top_m IS DISTINCT FROM :alt_top
 OR altitude_ref <> :alt_ref)

-- name: schema_version_create
CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER NOT NULL PRIMARY KEY,
    description TEXT    NOT NULL,
    applied_ms  BIGINT  NOT NULL
);

-- name: schema_versions
SELECT version FROM schema_version ORDER BY version;

-- name: schema_version_insert
INSERT INTO schema_version (version, description, applied_ms) VALUES (:version, :description, {{now_ms}});

-- name: migration_lock
SELECT 1;

-- name: register_supersede
UPDATE attempts SET ended_ms = {{now_ms}}, outcome = 'superseded'
 WHERE simulation_id = :id AND ended_ms IS NULL
   AND EXISTS (SELECT 1 FROM simulations
                WHERE id = :id AND status = 'running'
                  AND {{changed}});

-- name: register_update
UPDATE simulations SET
       status = CASE WHEN {{changed}}
                     THEN 'pending' ELSE status END,
       attempts = CASE WHEN {{changed}}
                     THEN 0 ELSE attempts END,
       lease_owner = CASE WHEN {{changed}}
                     THEN NULL ELSE lease_owner END,
       lease_token = CASE WHEN {{changed}}
                     THEN NULL ELSE lease_token END,
       lease_expires_ms = CASE WHEN {{changed}}
                     THEN NULL ELSE lease_expires_ms END,
       scene_id = :scene, receptor_time_ms = :time_ms, latitude_deg = :lat, longitude_deg = :lon,
       altitude_m = :alt, altitude_top_m = :alt_top, altitude_ref = :alt_ref, config_fingerprint = :fingerprint,
       updated_ms = {{now_ms}}
 WHERE id = :id
   AND (scene_id IS DISTINCT FROM :scene OR {{changed}});

-- name: register_insert
INSERT INTO simulations (id, scene_id, receptor_time_ms, latitude_deg, longitude_deg, altitude_m, altitude_top_m,
                         altitude_ref, config_fingerprint, status, attempts, total_attempts, registered_ms, updated_ms)
VALUES (:id, :scene, :time_ms, :lat, :lon, :alt, :alt_top, :alt_ref, :fingerprint, 'pending', 0, 0,
        {{now_ms}}, {{now_ms}})
ON CONFLICT (id) DO NOTHING;

-- name: claimed
SELECT id, scene_id, receptor_time_ms, latitude_deg, longitude_deg, altitude_m, altitude_top_m, altitude_ref,
       config_fingerprint, attempts, total_attempts, lease_owner, lease_token, lease_expires_ms
  FROM simulations WHERE lease_token = :token ORDER BY id;

-- name: insert_attempts
INSERT INTO attempts (simulation_id, attempt_number, worker_id, started_ms)
SELECT id, total_attempts, lease_owner, updated_ms FROM simulations WHERE lease_token = :token;

-- name: heartbeat
UPDATE simulations SET lease_expires_ms = {{now_ms}} + :lease_ms
 WHERE id = :id AND lease_token = :token AND status = 'running' AND lease_expires_ms >= {{now_ms}};

-- name: finish
UPDATE simulations SET
       status = CASE WHEN :status <> 'failed' THEN :status
                     WHEN :retryable = 1 AND attempts < :max_attempts THEN 'pending'
                     ELSE 'failed' END,
       lease_owner = NULL, lease_token = NULL, lease_expires_ms = NULL,
       timings_json = :timings, failure_reason = :reason, failure_message = :message, log_tail = :log_tail,
       updated_ms = {{now_ms}}
 WHERE id = :id AND lease_token = :token AND status = 'running' AND lease_expires_ms >= {{now_ms}};

-- name: release_attempt
UPDATE attempts SET ended_ms = {{now_ms}}, outcome = 'released'
 WHERE simulation_id = :id AND attempt_number = :attempt_number AND ended_ms IS NULL
   AND EXISTS (SELECT 1 FROM simulations WHERE id = :id AND lease_token = :token AND status = 'running');

-- name: release
UPDATE simulations SET status = 'pending', attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
       lease_owner = NULL, lease_token = NULL, lease_expires_ms = NULL, updated_ms = {{now_ms}}
 WHERE id = :id AND lease_token = :token AND status = 'running';

-- name: finish_attempt
UPDATE attempts SET ended_ms = {{now_ms}}, outcome = :outcome, failure_reason = :reason
 WHERE simulation_id = :id AND attempt_number = :attempt_number AND ended_ms IS NULL;

-- name: lease_state
SELECT status, lease_owner, lease_token, lease_expires_ms, {{now_ms}} AS now_ms FROM simulations WHERE id = :id;

-- name: requeue_all
UPDATE simulations SET status = 'pending', attempts = 0, lease_owner = NULL, lease_token = NULL,
       lease_expires_ms = NULL, updated_ms = {{now_ms}}
 WHERE status = 'failed';

-- name: requeue_reason
UPDATE simulations SET status = 'pending', attempts = 0, lease_owner = NULL, lease_token = NULL,
       lease_expires_ms = NULL, updated_ms = {{now_ms}}
 WHERE status = 'failed' AND failure_reason = :reason;

-- name: count_by_status
SELECT status, COUNT(*) AS n FROM simulations GROUP BY status;

-- name: count_by_scene
SELECT COALESCE(scene_id, '') AS scene, status, COUNT(*) AS n
  FROM simulations GROUP BY COALESCE(scene_id, ''), status ORDER BY 1, 2;

-- name: failures_by_reason
SELECT COALESCE(failure_reason, 'UNKNOWN') AS reason, COUNT(*) AS n, MIN(id) AS example_id
  FROM simulations WHERE status = 'failed'
 GROUP BY COALESCE(failure_reason, 'UNKNOWN') ORDER BY n DESC, reason;

-- name: select_simulation
SELECT id, scene_id, receptor_time_ms, latitude_deg, longitude_deg, altitude_m, altitude_top_m, altitude_ref,
       config_fingerprint, status, attempts, total_attempts, lease_owner, lease_expires_ms, timings_json,
       failure_reason, failure_message, log_tail, registered_ms, updated_ms
  FROM simulations WHERE id = :id;

-- name: select_attempts
SELECT simulation_id, attempt_number, worker_id, started_ms, ended_ms, outcome, failure_reason
  FROM attempts WHERE simulation_id = :id ORDER BY attempt_number;
