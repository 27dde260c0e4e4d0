package org.stilt.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stilt.core.InvalidInputException;

/** {@link ProjectTemplate}: the init files load back to the defaults and every key is commented. */
class ProjectTemplateTest {

    @TempDir
    Path tmp;

    @Test
    void initThenLoadEqualsTheDefaults() {
        List<Path> written = ProjectTemplate.write(tmp, false);
        assertEquals(List.of(tmp.resolve("config.yaml"), tmp.resolve("receptors.csv")), written);
        ProjectConfig loaded = ProjectConfigLoader.load(tmp);
        assertEquals(ProjectTemplate.exampleConfig(), loaded);
        ProjectConfig defaults = ProjectConfig.defaults(loaded.met(), loaded.footprints());
        assertEquals(defaults, loaded);
        assertEquals(defaults.fingerprint(), loaded.fingerprint());
        ReceptorTable r = ReceptorTable.read(tmp);
        assertEquals(List.of("202101151200_-110_40.5_5", "202101151200_-110.2_40.6_X"),
                r.receptors().stream().map(Receptor::simulationId).toList());
    }

    @Test
    void everyKeyIsWrittenWithAComment() {
        String yaml = ProjectTemplate.configYaml();
        for (String key : ProjectConfig.defaults(ProjectTemplate.exampleConfig().met(),
                ProjectTemplate.exampleConfig().footprints()).effectiveEntries().keySet()) {
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            assertTrue(yaml.lines().anyMatch(l -> l.trim().startsWith(leaf + ":") && l.contains("# ")),
                    "no commented line for " + key);
        }
    }

    @Test
    void docsConfigurationDocumentsEveryKey() throws Exception {
        String doc = Files.readString(Path.of("../docs/configuration.md"));
        for (String key : ProjectTemplate.exampleConfig().effectiveEntries().keySet()) {
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            if (key.startsWith("met.") || key.startsWith("footprints.")) {
                assertTrue(doc.lines().anyMatch(l -> l.startsWith("| `") && l.split("\\|")[1].contains("`" + leaf + "`")),
                        "undocumented: " + key);
            } else {
                assertTrue(doc.contains("| `" + leaf + "` | `"), "undocumented or without default: " + key);
            }
        }
        for (String column : ReceptorTable.REQUIRED_COLUMNS) {
            assertTrue(doc.contains("| `" + column + "` | yes |"), column);
        }
        for (String column : ReceptorTable.OPTIONAL_COLUMNS) {
            assertTrue(doc.contains("| `" + column + "` | no |"), column);
        }
    }

    @Test
    void refusesToOverwriteUnlessForced() throws Exception {
        Files.writeString(tmp.resolve("receptors.csv"), "mine\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ProjectTemplate.write(tmp, false));
        assertTrue(e.getMessage().contains("receptors.csv exists; not overwritten (use --force"), e.getMessage());
        assertEquals("mine\n", Files.readString(tmp.resolve("receptors.csv")));
        assertTrue(Files.notExists(tmp.resolve("config.yaml")), "nothing written when one file exists");
        ProjectTemplate.write(tmp, true);
        assertEquals(ProjectTemplate.receptorsCsv(), Files.readString(tmp.resolve("receptors.csv")));
    }
}
