-- SQLite statements (override common.sql). They run inside BEGIN IMMEDIATE, which takes the
-- database's write lock first, so the selection and the update of a claim cannot interleave.

-- name: reap
UPDATE attempts SET ended_ms = {{now_ms}}, outcome = 'lease-expired', failure_reason = 'LEASE_EXPIRED'
 WHERE ended_ms IS NULL
   AND (simulation_id, attempt_number) IN
       (SELECT id, total_attempts FROM simulations WHERE status = 'running' AND lease_expires_ms < {{now_ms}});
UPDATE simulations SET
       status = CASE WHEN attempts >= :max_attempts THEN 'failed' ELSE 'pending' END,
       failure_reason = 'LEASE_EXPIRED',
       failure_message = 'the lease of worker ' || lease_owner || ' expired on attempt ' || attempts
                         || ' (worker killed, node lost or heartbeat stalled)',
       lease_owner = NULL, lease_token = NULL, lease_expires_ms = NULL, updated_ms = {{now_ms}}
 WHERE status = 'running' AND lease_expires_ms < {{now_ms}}
   -- SQLite's clock advances between the two statements: reset only simulations whose current
   -- attempt the first one closed (a lease expiring in between waits for the next reap instead of
   -- leaving its attempt open forever, found by stilt bench registry --db sqlite)
   AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.simulation_id = simulations.id
                      AND a.attempt_number = simulations.total_attempts AND a.ended_ms IS NULL);

-- name: claim
UPDATE simulations SET status = 'running', attempts = attempts + 1, total_attempts = total_attempts + 1,
       lease_owner = :worker, lease_token = :token, lease_expires_ms = {{now_ms}} + :lease_ms,
       updated_ms = {{now_ms}}
 WHERE id IN (SELECT id FROM simulations WHERE status = 'pending' ORDER BY id LIMIT :limit);
