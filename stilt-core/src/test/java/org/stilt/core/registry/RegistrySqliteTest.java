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
    void theRegistrySectionOfConfigYamlIsValidatedAndLeftOutOfTheFingerprint() {
        String base = "met: {m: {directory: met, file_format: \"%Y\"}}\n"
                + "footprints: {g: {xmn: 0, xmx: 1, ymn: 0, ymx: 1, xres: 0.1}}\n";
        var plain = org.stilt.core.project.ProjectConfigLoader.parse(base, "config.yaml");
        assertEquals(RegistryConfig.DEFAULTS, plain.registry());
        var pg = org.stilt.core.project.ProjectConfigLoader.parse(base + "registry: {url: \"jdbc:postgresql://db/stilt\","
                + " max_attempts: 5, lease_seconds: 60, pool_size: 8}\n", "config.yaml");
        assertEquals(new RegistryConfig("jdbc:postgresql://db/stilt", 5, 60, 8), pg.registry());
        assertEquals(plain.fingerprint(), pg.fingerprint(), "where work is queued is not a simulation parameter");
        assertEquals("5", pg.effectiveEntries().get("registry.max_attempts"));
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> org.stilt.core.project.ProjectConfigLoader.parse(base + "registry: {max_attempt: 2}\n", "config.yaml"));
        assertTrue(unknown.getMessage().contains("registry.max_attempt"), unknown.getMessage());
        InvalidInputException zero = assertThrows(InvalidInputException.class,
                () -> org.stilt.core.project.ProjectConfigLoader.parse(base + "registry: {max_attempts: 0}\n", "config.yaml"));
        assertTrue(zero.getMessage().contains("registry.max_attempts must be >= 1 (got 0)"), zero.getMessage());
    }

    @Test
    void aMissingFolderIsNamed() {
        RegistryException e = assertThrows(RegistryException.class,
                () -> Registries.openSqlite(tmp.resolve("nope/registry.sqlite"), 3));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
