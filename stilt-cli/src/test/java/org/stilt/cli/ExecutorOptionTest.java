package org.stilt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.ProjectConfigLoader;
import org.stilt.core.run.PipelineExecutor;
import org.stilt.core.run.RunOptions;

/**
 * The pull workers' pipeline (pull-worker, serve, SLURM array tasks) splits each simulation's
 * particles over the cores left to each worker of the process.
 */
class ExecutorOptionTest {

    @TempDir
    Path tmp;

    @Test
    void pipelineTransportThreadsShareTheProcessCoresAmongItsWorkers() {
        Path dir = tmp.resolve("proj");
        assertEquals(0, CliRun.of("init", dir.toString()).exitCode());
        ProjectConfig config = ProjectConfigLoader.load(dir);
        PrintWriter err = new PrintWriter(new StringWriter());
        int cores = Runtime.getRuntime().availableProcessors();
        for (int workers : new int[] {1, 2, 64}) {
            PipelineExecutor p = assertInstanceOf(PipelineExecutor.class,
                    new ExecutorOption().create(dir, config, "java", err, workers));
            assertEquals(Math.max(1, cores / workers), p.runner().transportThreads(), workers + " workers");
            assertEquals(RunOptions.defaults().effectiveThreadsPerSimulation(workers), p.runner().transportThreads());
        }
    }
}
