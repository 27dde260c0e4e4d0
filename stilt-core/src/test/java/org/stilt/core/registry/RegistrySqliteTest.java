package org.stilt.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stilt.core.InvalidInputException;
import org.stilt.core.project.RegistryConfig;

/**
 * The registry contract on an embedded SQLite file, plus how a project's registry is chosen.
 *
 * <p>Thread-safety: a JUnit test class.
 */
class RegistrySqliteTest extends RegistryContractTest {

    private Path file;

    @Override
    Registry openFresh(int maxAttempts) {
        file = tmp.resolve("registry-" + opened.size() + ".sqlite");
        return Registries.openSqlite(file, maxAttempts);
    }

    @Override
    Registry reopen(int maxAttempts) {
        Registry r = Registries.openSqlite(file, maxAttempts);
        opened.add(r);
        return r;
    }

    @Override
    String lastUrl() {
        return "jdbc:sqlite:" + file;
    }

    @Test
    void aProjectUsesItsSqliteFileUnlessTheUrlIsConfiguredOrInTheEnvironment() {
        Path dir = tmp;
        assertEquals("jdbc:sqlite:" + dir.resolve("stilt-registry.sqlite").toAbsolutePath().normalize(),
                Registries.resolveUrl(dir, RegistryConfig.DEFAULTS, Map.of()));
        RegistryConfig pg = new RegistryConfig("jdbc:postgresql://db:5432/stilt", 3, 120, 4);
        assertEquals("jdbc:postgresql://db:5432/stilt", Registries.resolveUrl(dir, pg, Map.of()));
        assertEquals("jdbc:postgresql://other/x", Registries.resolveUrl(dir, pg,
                Map.of("STILT_DB_URL", "jdbc:postgresql://other/x")));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Registries.resolveUrl(dir, pg, Map.of("STILT_DB_URL", "mysql://x?password=secret")));
        assertTrue(e.getMessage().contains("STILT_DB_URL is \"mysql://x?password=***\"; expected jdbc:postgresql"),
                e.getMessage());
        try (Registry r = Registries.open(dir, RegistryConfig.DEFAULTS, Map.of())) {
            assertTrue(r.description().endsWith("stilt-registry.sqlite"), r.description());
        }
        assertTrue(Files.isRegularFile(dir.resolve("stilt-registry.sqlite")));
    }

    @Test
    void aMissingFolderIsNamed() {
        RegistryException e = assertThrows(RegistryException.class,
                () -> Registries.openSqlite(tmp.resolve("nope/registry.sqlite"), 3));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
