package org.stilt.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.ProjectConfigLoader;
import org.stilt.core.project.ProjectTemplate;
import org.stilt.core.project.ReceptorTable;

/**
 * The registry snippet of docs/java-api.md, kept compiling and correct (documentation snippets are
 * tests). The environment is replaced by an empty map so that a {@code STILT_DB_URL} of the machine
 * does not redirect the test.
 *
 * <p>Thread-safety: a JUnit test class.
 */
class RegistryApiExampleTest {

    @TempDir
    Path tmp;

    @Test
    void theJavaApiSnippetRegistersAndRunsAProject() throws Exception {
        Path dir = tmp.resolve("myproject");
        ProjectTemplate.write(dir, false);
        String doc = Files.readString(Path.of("../docs/java-api.md"));
        assertTrue(doc.contains("Registries.open(dir, config.registry(), System.getenv())"));

        ProjectConfig config = ProjectConfigLoader.load(dir);
        List<SimulationEntry> entries = ReceptorTable.read(dir).receptors().stream()
                .map(r -> SimulationEntry.of(r, null /* scene id */, config.fingerprint())).toList();
        try (Registry registry = Registries.open(dir, config.registry(), Map.of())) {
            RegisterResult added = registry.register(entries);
            assertEquals(new RegisterResult(2, 0, 0), added);
            assertEquals(new RegisterResult(0, 0, 2), registry.register(entries));
            SimulationExecutor executor = request -> SimulationOutcome.complete(Map.of("trajectory", 1.0));
            PullWorker.Options options = PullWorker.Options.defaults(PullWorker.defaultWorkerId(), Duration.ofMinutes(2));
            PullWorker.Report report = new PullWorker(registry, config, executor, options, System.out::println).run();
            StatusCounts counts = registry.counts();
            assertEquals(2, counts.get(SimulationStatus.COMPLETE));
            assertEquals(2, report.complete());
        }
        assertTrue(Files.isRegularFile(dir.resolve("stilt-registry.sqlite")));
    }
}
