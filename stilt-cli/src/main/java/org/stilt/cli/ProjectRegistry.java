package org.stilt.cli;

import java.nio.file.Path;

import org.stilt.core.project.ProjectConfig;
import org.stilt.core.registry.Registries;
import org.stilt.core.registry.Registry;

/**
 * Opens a project's simulation registry for the registry commands: {@code STILT_DB_URL} from the
 * environment, else {@code registry.url} in {@code config.yaml}, else the project's SQLite file. The
 * caller closes it (one pool per process).
 *
 * <p>Thread-safety: stateless.
 */
final class ProjectRegistry {

    private ProjectRegistry() {
    }

    static Registry open(Path dir, ProjectConfig config) {
        return Registries.open(dir, config.registry(), System.getenv());
    }
}
