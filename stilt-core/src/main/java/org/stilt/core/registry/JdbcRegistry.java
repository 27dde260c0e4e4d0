package org.stilt.core.registry;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.stilt.core.project.AltitudeReference;
import org.stilt.core.project.Receptor;

/**
 * The {@link Registry} on plain JDBC, one code path for both {@link Dialect}s; the SQL is in resource
 * files ({@link SqlStatements}). Every method runs one short transaction (SQLite: {@code BEGIN
 * IMMEDIATE} for writes) and retries transient failures with bounded exponential back-off.
 *
 * <p>Thread-safety: safe for concurrent use; every call takes its own connection from the data source.
 */
final class JdbcRegistry implements Registry {

    /** Time a failing operation is retried before it gives up. */
    static final Duration DEFAULT_RETRY_WINDOW = Duration.ofSeconds(60);

    private static final int LOG_TAIL_CHARS = 16_000;
    private static final Pattern TIMING = Pattern.compile("\"([^\"]+)\"\\s*:\\s*([-+0-9.eE]+)");

    private final Dialect dialect;
    private final DataSource dataSource;
    private final AutoCloseable owner;
    private final String description;
    private final int maxAttempts;
    private final Duration retryWindow;
    private final SqlStatements sql;
    private volatile boolean closed;

    /** A typed SQL NULL for a named parameter. */
    private record Null(int sqlType) {
    }

    private static final Null NULL_TEXT = new Null(Types.VARCHAR);
    private static final Null NULL_DOUBLE = new Null(Types.DOUBLE);

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    JdbcRegistry(Dialect dialect, DataSource dataSource, AutoCloseable owner, String description, int maxAttempts,
            Duration retryWindow) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max_attempts must be >= 1 (got " + maxAttempts + ")");
        }
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.owner = owner;
        this.description = description;
        this.maxAttempts = maxAttempts;
        this.retryWindow = retryWindow;
        this.sql = new SqlStatements(dialect);
        migrate();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int maxAttempts() {
        return maxAttempts;
    }

    Dialect dialect() {
        return dialect;
    }

    // ------------------------------------------------------------------ migrations

    private void migrate() {
        inTransaction("apply schema migrations", true, c -> {
            exec(c, "migration_lock", Map.of());
            exec(c, "schema_version_create", Map.of());
            Set<Integer> applied = new LinkedHashSet<>(versions(c));
            int known = 0;
            for (int v = 1; ; v++) {
                String[] desc = new String[1];
                List<SqlStatements.Statement> stmts = sql.migration(v, desc);
                if (stmts == null) {
                    break;
                }
                known = v;
                if (applied.contains(v)) {
                    continue;
                }
                for (SqlStatements.Statement s : stmts) {
                    run(c, s, Map.of());
                }
                exec(c, "schema_version_insert", Map.of("version", v, "description", desc[0]));
            }
            for (int v : applied) {
                if (v > known) {
                    throw new RegistryException("registry " + description + " has schema version " + v
                            + ", newer than this stilt knows (up to " + known + "); use a newer stilt");
                }
            }
            return null;
        });
    }

    @Override
    public List<Integer> schemaVersions() {
        return inTransaction("read schema versions", false, this::versions);
    }

    private List<Integer> versions(Connection c) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql.one("schema_versions"), Map.of()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ register

    @Override
    public RegisterResult register(Collection<SimulationEntry> entries) {
        List<SimulationEntry> all = List.copyOf(entries);
        int inserted = 0;
        int updated = 0;
        int chunk = 500;
        for (int from = 0; from < all.size(); from += chunk) {
            List<SimulationEntry> part = all.subList(from, Math.min(all.size(), from + chunk));
            int[] r = inTransaction("register simulations", true, c -> {
                List<Map<String, Object>> rows = part.stream().map(JdbcRegistry::entryParams).toList();
                batch(c, "register_supersede", rows);
                int u = sum(batch(c, "register_update", rows));
                int i = sum(batch(c, "register_insert", rows));
                return new int[] {i, u};
            });
            inserted += r[0];
            updated += r[1];
        }
        return new RegisterResult(inserted, updated, all.size() - inserted - updated);
    }

    private static Map<String, Object> entryParams(SimulationEntry e) {
        Receptor r = e.receptor();
        Map<String, Object> p = new HashMap<>();
        p.put("id", e.simulationId());
        p.put("scene", e.sceneId() == null ? NULL_TEXT : e.sceneId());
        p.put("time_ms", r.time().toEpochMilli());
        p.put("lat", r.latitudeDegrees());
        p.put("lon", r.longitudeDegrees());
        p.put("alt", r.altitudeMeters());
        p.put("alt_top", r.altitudeTopMeters() == null ? NULL_DOUBLE : r.altitudeTopMeters());
        p.put("alt_ref", r.altitudeRef().key());
        p.put("fingerprint", e.configFingerprint());
        return p;
    }

    private static int sum(int[] counts) {
        int s = 0;
        for (int n : counts) {
            s += Math.max(n, 0);
        }
        return s;
    }

    // ------------------------------------------------------------------ claims and leases

    @Override
    public List<ClaimedSimulation> claim(String workerId, int batchSize, Duration lease) {
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("workerId must be a non-blank name (got " + workerId + ")");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1 (got " + batchSize + ")");
        }
        requireLease(lease);
        String token = UUID.randomUUID().toString();
        return inTransaction("claim simulations", true, c -> {
            exec(c, "reap", Map.of("max_attempts", maxAttempts));
            int n = exec(c, "claim", Map.of("worker", workerId, "token", token, "lease_ms", lease.toMillis(),
                    "limit", batchSize));
            if (n == 0) {
                return List.of();
            }
            exec(c, "insert_attempts", Map.of("token", token));
            List<ClaimedSimulation> out = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, sql.one("claimed"), Map.of("token", token));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("id");
                    out.add(new ClaimedSimulation(id, rs.getString("scene_id"), receptor(rs, id),
                            rs.getString("config_fingerprint"), rs.getInt("attempts"), rs.getInt("total_attempts"),
                            rs.getString("lease_owner"), rs.getString("lease_token"),
                            Instant.ofEpochMilli(rs.getLong("lease_expires_ms"))));
                }
            }
            return out;
        });
    }

    @Override
    public Set<String> heartbeat(Collection<ClaimedSimulation> claims, Duration lease) {
        requireLease(lease);
        if (claims.isEmpty()) {
            return Set.of();
        }
        List<ClaimedSimulation> list = List.copyOf(claims);
        return inTransaction("renew leases", true, c -> {
            Set<String> lost = new LinkedHashSet<>();
            for (ClaimedSimulation cl : list) {
                int n = exec(c, "heartbeat", Map.of("id", cl.simulationId(), "token", cl.leaseToken(),
                        "lease_ms", lease.toMillis()));
                if (n == 0) {
                    lost.add(cl.simulationId());
                }
            }
            return lost;
        });
    }

    @Override
    public int release(Collection<ClaimedSimulation> claims) {
        if (claims.isEmpty()) {
            return 0;
        }
        List<ClaimedSimulation> list = List.copyOf(claims);
        return inTransaction("release leases", true, c -> {
            int n = 0;
            for (ClaimedSimulation cl : list) {
                Map<String, Object> p = Map.of("id", cl.simulationId(), "token", cl.leaseToken(),
                        "attempt_number", cl.attemptNumber());
                exec(c, "release_attempt", p);
                n += exec(c, "release", p);
            }
            return n;
        });
    }

    @Override
    public void recordOutcome(ClaimedSimulation claim, SimulationOutcome outcome) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", claim.simulationId());
        p.put("token", claim.leaseToken());
        p.put("status", outcome.status().key());
        p.put("retryable", outcome.retryable() ? 1 : 0);
        p.put("max_attempts", maxAttempts);
        p.put("timings", timingsJson(outcome.timingsSeconds()));
        p.put("reason", outcome.reason() == null ? NULL_TEXT : outcome.reason());
        p.put("message", outcome.message() == null ? NULL_TEXT : outcome.message());
        String log = String.join("\n", outcome.logTail());
        if (log.length() > LOG_TAIL_CHARS) {
            log = log.substring(log.length() - LOG_TAIL_CHARS);
        }
        p.put("log_tail", log.isEmpty() ? NULL_TEXT : log);
        p.put("outcome", outcome.status().key());
        p.put("attempt_number", claim.attemptNumber());
        inTransaction("record the outcome of " + claim.simulationId(), true, c -> {
            int n = exec(c, "finish", p);
            if (n == 0) {
                if (alreadyRecorded(c, claim, outcome)) {
                    return null; // an earlier try committed but its acknowledgement was lost
                }
                throw leaseLost(c, claim);
            }
            exec(c, "finish_attempt", p);
            return null;
        });
    }

    private boolean alreadyRecorded(Connection c, ClaimedSimulation claim, SimulationOutcome outcome)
            throws SQLException {
        for (AttemptRecord a : attempts(c, claim.simulationId())) {
            if (a.attemptNumber() == claim.attemptNumber()) {
                return claim.workerId().equals(a.workerId()) && outcome.status().key().equals(a.outcome());
            }
        }
        return false;
    }

    private LeaseLostException leaseLost(Connection c, ClaimedSimulation claim) throws SQLException {
        String state = "it is no longer registered";
        try (PreparedStatement ps = prepare(c, sql.one("lease_state"), Map.of("id", claim.simulationId()));
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                String status = rs.getString("status");
                String owner = rs.getString("lease_owner");
                long expires = rs.getLong("lease_expires_ms");
                boolean hasExpiry = !rs.wasNull();
                long now = rs.getLong("now_ms");
                if (claim.leaseToken().equals(rs.getString("lease_token")) && hasExpiry && expires < now) {
                    state = "its lease expired " + (now - expires) + " ms ago (not yet reaped)";
                } else if (owner != null) {
                    state = "it is now " + status + " under a lease of worker " + owner;
                } else {
                    state = "its lease expired or it was registered again; it is now " + status;
                }
            }
        }
        return new LeaseLostException(claim.simulationId(), "worker " + claim.workerId()
                + " cannot record an outcome for simulation " + claim.simulationId() + " (attempt "
                + claim.attemptNumber() + "): it no longer holds the lease; " + state);
    }

    private static void requireLease(Duration lease) {
        if (lease == null || lease.toMillis() < 100) {
            throw new IllegalArgumentException("lease must be at least 100 ms (got " + lease + ")");
        }
    }

    // ------------------------------------------------------------------ requeue and status

    @Override
    public int requeue(String reason) {
        return inTransaction("requeue failed simulations", true, c -> reason == null
                ? exec(c, "requeue_all", Map.of())
                : exec(c, "requeue_reason", Map.of("reason", reason)));
    }

    @Override
    public StatusCounts counts() {
        return inTransaction("count simulations", false, c -> {
            Map<SimulationStatus, Long> m = new HashMap<>();
            try (PreparedStatement ps = prepare(c, sql.one("count_by_status"), Map.of());
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(SimulationStatus.ofKey(rs.getString(1)), rs.getLong(2));
                }
            }
            return new StatusCounts(m);
        });
    }

    @Override
    public Map<String, StatusCounts> countsByScene() {
        return inTransaction("count simulations by scene", false, c -> {
            Map<String, Map<SimulationStatus, Long>> m = new LinkedHashMap<>();
            try (PreparedStatement ps = prepare(c, sql.one("count_by_scene"), Map.of());
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(SimulationStatus.ofKey(rs.getString(2)), rs.getLong(3));
                }
            }
            Map<String, StatusCounts> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, new StatusCounts(v)));
            return out;
        });
    }

    @Override
    public List<FailureGroup> failuresByReason() {
        return inTransaction("group failures by reason", false, c -> {
            List<String[]> groups = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, sql.one("failures_by_reason"), Map.of());
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups.add(new String[] {rs.getString(1), Long.toString(rs.getLong(2)), rs.getString(3)});
                }
            }
            List<FailureGroup> out = new ArrayList<>();
            for (String[] g : groups) {
                String msg = simulation(c, g[2]).map(SimulationRecord::failureMessage).orElse(null);
                out.add(new FailureGroup(g[0], Long.parseLong(g[1]), g[2], msg));
            }
            return out;
        });
    }

    @Override
    public Optional<SimulationRecord> simulation(String simulationId) {
        return inTransaction("read simulation " + simulationId, false, c -> simulation(c, simulationId));
    }

    private Optional<SimulationRecord> simulation(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql.one("select_simulation"), Map.of("id", id));
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            long expires = rs.getLong("lease_expires_ms");
            Instant leaseExpires = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
            String log = rs.getString("log_tail");
            return Optional.of(new SimulationRecord(id, rs.getString("scene_id"), receptor(rs, id),
                    rs.getString("config_fingerprint"), SimulationStatus.ofKey(rs.getString("status")),
                    rs.getInt("attempts"), rs.getInt("total_attempts"), rs.getString("lease_owner"), leaseExpires,
                    parseTimings(rs.getString("timings_json")), rs.getString("failure_reason"),
                    rs.getString("failure_message"), log == null ? List.of() : List.of(log.split("\n", -1)),
                    Instant.ofEpochMilli(rs.getLong("registered_ms")), Instant.ofEpochMilli(rs.getLong("updated_ms"))));
        }
    }

    @Override
    public List<AttemptRecord> attempts(String simulationId) {
        return inTransaction("read attempts of " + simulationId, false, c -> attempts(c, simulationId));
    }

    private List<AttemptRecord> attempts(Connection c, String id) throws SQLException {
        List<AttemptRecord> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql.one("select_attempts"), Map.of("id", id));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long ended = rs.getLong("ended_ms");
                Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
                out.add(new AttemptRecord(id, rs.getInt("attempt_number"), rs.getString("worker_id"),
                        Instant.ofEpochMilli(rs.getLong("started_ms")), endedAt, rs.getString("outcome"),
                        rs.getString("failure_reason")));
            }
        }
        return out;
    }

    private static Receptor receptor(ResultSet rs, String id) throws SQLException {
        double top = rs.getDouble("altitude_top_m");
        Double altTop = rs.wasNull() ? null : top;
        AltitudeReference ref = AltitudeReference.ofKey(rs.getString("altitude_ref"));
        Receptor auto = new Receptor(Instant.ofEpochMilli(rs.getLong("receptor_time_ms")), rs.getDouble("latitude_deg"),
                rs.getDouble("longitude_deg"), rs.getDouble("altitude_m"), altTop, ref, null);
        return auto.simulationId().equals(id) ? auto
                : new Receptor(auto.time(), auto.latitudeDegrees(), auto.longitudeDegrees(), auto.altitudeMeters(),
                        altTop, ref, id);
    }

    static String timingsJson(Map<String, Double> timings) {
        StringBuilder sb = new StringBuilder("{");
        timings.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(k).append("\":").append(v);
        });
        return sb.append('}').toString();
    }

    static Map<String, Double> parseTimings(String json) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (json != null) {
            Matcher m = TIMING.matcher(json);
            while (m.find()) {
                out.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ JDBC plumbing

    private int exec(Connection c, String block, Map<String, Object> params) throws SQLException {
        int total = 0;
        for (SqlStatements.Statement s : sql.block(block)) {
            total += run(c, s, params);
        }
        return total;
    }

    private static int run(Connection c, SqlStatements.Statement s, Map<String, Object> params) throws SQLException {
        try (PreparedStatement ps = prepare(c, s, params)) {
            if (ps.execute()) {
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        // drain (e.g. SELECT pg_advisory_xact_lock)
                    }
                }
                return 0;
            }
            return Math.max(ps.getUpdateCount(), 0);
        } catch (SQLException e) {
            throw new SQLException("statement " + s.name() + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
    }

    private int[] batch(Connection c, String block, List<Map<String, Object>> rows) throws SQLException {
        SqlStatements.Statement s = sql.one(block);
        try (PreparedStatement ps = c.prepareStatement(s.sql())) {
            for (Map<String, Object> row : rows) {
                bindAll(ps, s, row);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == Statement.SUCCESS_NO_INFO) {
                    throw new SQLException("statement " + s.name() + ": the driver gave no update count");
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new SQLException("statement " + s.name() + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, SqlStatements.Statement s, Map<String, Object> params)
            throws SQLException {
        PreparedStatement ps = c.prepareStatement(s.sql());
        try {
            bindAll(ps, s, params);
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }

    private static void bindAll(PreparedStatement ps, SqlStatements.Statement s, Map<String, Object> params)
            throws SQLException {
        int i = 1;
        for (String name : s.parameters()) {
            if (!params.containsKey(name)) {
                throw new IllegalStateException("statement " + s.name() + " needs parameter :" + name);
            }
            Object v = params.get(name);
            switch (v) {
                case Null n -> ps.setNull(i, n.sqlType());
                case String t -> ps.setString(i, t);
                case Integer n -> ps.setInt(i, n);
                case Long n -> ps.setLong(i, n);
                case Double d -> ps.setDouble(i, d);
                default -> throw new IllegalStateException("statement " + s.name() + ": parameter :" + name
                        + " has unsupported type " + (v == null ? "null" : v.getClass().getName()));
            }
            i++;
        }
    }

    private <T> T inTransaction(String operation, boolean write, Work<T> work) {
        if (closed) {
            throw new IllegalStateException("registry " + description + " is closed");
        }
        long deadline = System.nanoTime() + retryWindow.toNanos();
        long backoffMs = 50;
        int tries = 0;
        while (true) {
            tries++;
            try (Connection c = dataSource.getConnection()) {
                begin(c, write);
                try {
                    T result = work.run(c);
                    commit(c);
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    rollbackQuietly(c);
                    throw e;
                }
            } catch (SQLException e) {
                boolean tr = isTransient(e);
                if (!tr || System.nanoTime() + backoffMs * 1_000_000L > deadline || closed) {
                    throw new RegistryException("cannot " + operation + " in registry " + description + ": "
                            + e.getMessage() + (tr ? " (still failing after " + tries + " tries in "
                                    + retryWindow.toSeconds() + " s)" : ""), tr, e);
                }
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 2_000);
            }
        }
    }

    private void begin(Connection c, boolean write) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute(write ? "BEGIN IMMEDIATE" : "BEGIN");
            }
        } else {
            c.setAutoCommit(false);
        }
    }

    private void commit(Connection c) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute("COMMIT");
            }
        } else {
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private void rollbackQuietly(Connection c) {
        try {
            if (dialect == Dialect.SQLITE) {
                try (Statement s = c.createStatement()) {
                    s.execute("ROLLBACK");
                }
            } else {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the database rolled back
        }
    }

    /** True for failures that may pass: lost connections, server restarts, busy/locked SQLite, deadlocks. */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("40001")
                        || state.equals("40P01") || state.equals("53300") || state.equals("55P03"))) {
                    return true;
                }
                String msg = String.valueOf(s.getMessage()).toUpperCase(Locale.ROOT);
                if (msg.contains("SQLITE_BUSY") || msg.contains("SQLITE_LOCKED")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while waiting to retry a registry operation", true, e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (owner != null) {
            try {
                owner.close();
            } catch (Exception e) {
                throw new RegistryException("cannot close registry " + description + ": " + e.getMessage(), false, e);
            }
        }
    }
}
