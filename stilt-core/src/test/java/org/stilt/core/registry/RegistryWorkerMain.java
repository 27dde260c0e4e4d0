package org.stilt.core.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A pull-worker process for the kill test: {@code URL WORKER_ID LEASE_MS SLEEP_MS MARKER_DIR}. Each
 * simulation creates {@code MARKER_DIR/<id>} when it starts, then sleeps and completes.
 *
 * <p>Thread-safety: a program entry point.
 */
public final class RegistryWorkerMain {

    private RegistryWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Registry r = url.startsWith("jdbc:sqlite:") ? Registries.openSqlite(Path.of(url.substring(12)), 3)
                : Registries.openPostgresql(url, null, null, 3, 2, Duration.ofSeconds(30));
        long sleepMs = Long.parseLong(args[3]);
        Path markers = Path.of(args[4]);
        PullWorker w = new PullWorker(r, RegistryContractTest.CONFIG, req -> {
            try {
                Files.createFile(markers.resolve(req.simulationId()));
                Thread.sleep(sleepMs);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return SimulationOutcome.complete(Map.of("trajectory", sleepMs / 1000.0));
        }, PullWorker.Options.defaults(args[1], Duration.ofMillis(Long.parseLong(args[2]))), System.out::println);
        System.out.println(w.run());
        r.close();
    }
}
