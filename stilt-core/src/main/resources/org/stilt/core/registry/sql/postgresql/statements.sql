-- PostgreSQL statements (override common.sql). Rows are locked with FOR UPDATE SKIP LOCKED, so
-- concurrent claims take disjoint rows without waiting for each other.

-- name: migration_lock
SELECT pg_advisory_xact_lock(7311984207);

-- name: reap
WITH expired AS (
    SELECT id, total_attempts FROM simulations
     WHERE status = 'running' AND lease_expires_ms < {{now_ms}}
     ORDER BY id FOR UPDATE SKIP LOCKED),
closed AS (
    UPDATE attempts a SET ended_ms = {{now_ms}}, outcome = 'lease-expired', failure_reason = 'LEASE_EXPIRED'
      FROM expired e
     WHERE a.simulation_id = e.id AND a.attempt_number = e.total_attempts AND a.ended_ms IS NULL)
UPDATE simulations s SET
       status = CASE WHEN s.attempts >= :max_attempts THEN 'failed' ELSE 'pending' END,
       failure_reason = 'LEASE_EXPIRED',
       failure_message = 'the lease of worker ' || s.lease_owner || ' expired on attempt ' || s.attempts
                         || ' (worker killed, node lost or heartbeat stalled)',
       lease_owner = NULL, lease_token = NULL, lease_expires_ms = NULL, updated_ms = {{now_ms}}
  FROM expired e
 WHERE s.id = e.id;

-- name: claim
UPDATE simulations s SET status = 'running', attempts = s.attempts + 1, total_attempts = s.total_attempts + 1,
       lease_owner = :worker, lease_token = :token, lease_expires_ms = {{now_ms}} + :lease_ms,
       updated_ms = {{now_ms}}
  FROM (SELECT id FROM simulations WHERE status = 'pending' ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED) c
 WHERE s.id = c.id;
