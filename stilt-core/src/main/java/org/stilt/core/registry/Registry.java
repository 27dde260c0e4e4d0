package org.stilt.core.registry;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulation registry: every simulation of a project with its status, leases and attempt history,
 * shared by any number of workers (threads, processes, machines). Two implementations share one JDBC
 * code path with SQL in resource files: an embedded SQLite file in the project folder (the default)
 * and PostgreSQL through one HikariCP pool ({@link Registries#open}). See {@code docs/registry.md}.
 *
 * <p>Leases: {@link #claim} atomically moves pending simulations to running under a lease that
 * expires unless {@link #heartbeat} renews it; {@link #recordOutcome} ends it in a short
 * transaction. No transaction is ever held while a simulation runs. An expired lease (a killed
 * worker, a lost node) is reaped on the next claim: the simulation returns to pending, or is failed
 * with its last error once {@code max_attempts} tries are used up. A worker that lost its lease cannot
 * record an outcome ({@link LeaseLostException}), so no simulation is completed twice.
 *
 * <p>Every timestamp comes from the database clock, so workers on machines with skewed clocks agree.
 * Transient failures (connection lost, server restarting, database busy) are retried with bounded
 * back-off inside each method before a {@link RegistryException} is thrown.
 *
 * <p>Thread-safety: implementations are safe for concurrent use by many threads.
 */
public interface Registry extends AutoCloseable {

    /** Where the registry lives, without credentials (for messages and {@code stilt status}). */
    String description();

    /** Tries after which a simulation that keeps failing or losing its lease is failed for good. */
    int maxAttempts();

    /**
     * Registers simulations, keyed by simulation id (idempotent upsert): new ones are inserted as
     * pending; registering one again exactly as it is changes nothing; a changed receptor or
     * configuration fingerprint updates it and resets it to pending (a running try is superseded); a
     * changed scene id only relabels it.
     */
    RegisterResult register(Collection<SimulationEntry> entries);

    /**
     * Claims up to {@code batchSize} pending simulations for {@code workerId} under a lease of
     * {@code lease}, after reaping expired leases. Atomic: no simulation is handed to two workers.
     *
     * @return the claimed simulations, in id order; empty when nothing is pending
     */
    List<ClaimedSimulation> claim(String workerId, int batchSize, Duration lease);

    /**
     * Renews the leases of {@code claims} for another {@code lease} from now.
     *
     * @return the ids of the claims whose lease was already lost (expired or superseded); those must not be reported
     */
    Set<String> heartbeat(Collection<ClaimedSimulation> claims, Duration lease);

    /**
     * Records the outcome of a claimed simulation and closes its attempt record, in one short transaction.
     * A retryable failure with attempts left returns it to pending; otherwise a failure is final.
     *
     * @throws LeaseLostException when the claim's lease is no longer held (nothing is recorded)
     */
    void recordOutcome(ClaimedSimulation claim, SimulationOutcome outcome);

    /**
     * Gives claimed simulations back without an outcome (a worker stopping, e.g. on SIGTERM at a job
     * time limit): they return to pending at once instead of after lease expiry, the try does not count
     * against {@code max_attempts}, and their attempt records are closed as {@code released}. Claims
     * whose lease is already lost are skipped.
     *
     * @return how many were released
     */
    int release(Collection<ClaimedSimulation> claims);

    /**
     * Resets failed simulations to pending with their attempt count at 0.
     *
     * @param reason only those failed with this reason; null for all
     * @return how many were reset
     */
    int requeue(String reason);

    /** Simulations per status. */
    StatusCounts counts();

    /** Simulations per status for each scene id ({@code ""} for simulations without one), in scene order. */
    Map<String, StatusCounts> countsByScene();

    /** Failed simulations grouped by reason, most frequent first. */
    List<FailureGroup> failuresByReason();

    /** One simulation. */
    Optional<SimulationRecord> simulation(String simulationId);

    /** A simulation's attempt history, oldest first. */
    List<AttemptRecord> attempts(String simulationId);

    /** Applied schema versions, ascending. */
    List<Integer> schemaVersions();

    /** Closes the pool or connections; idempotent. */
    @Override
    void close();
}
