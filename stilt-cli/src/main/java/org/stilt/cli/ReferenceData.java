package org.stilt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.stilt.core.UnreadableInputException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The shared R-STILT reference data ({@code ../shared/reference}): its manifest and case files,
 * used by {@code stilt bench}. Located by {@code --reference}, the {@code stilt.reference.dir}
 * system property, {@code STILT_REFERENCE_DIR}, or {@code ../shared/reference} beside the checkout.
 *
 * <p>Thread-safety: immutable after construction; safe to share.
 */
final class ReferenceData {

    private final Path dir;
    private final JsonNode manifest;

    private ReferenceData(Path dir, JsonNode manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** Opens the reference directory, searching the usual places when {@code explicit} is null. */
    static ReferenceData open(Path explicit) {
        List<Path> candidates = new ArrayList<>();
        if (explicit != null) {
            candidates.add(explicit);
        } else {
            String prop = System.getProperty("stilt.reference.dir");
            if (prop != null) {
                candidates.add(Path.of(prop));
            }
            String env = System.getenv("STILT_REFERENCE_DIR");
            if (env != null) {
                candidates.add(Path.of(env));
            }
            candidates.add(Path.of("..", "shared", "reference"));
            Path root = CliPaths.checkoutRoot();
            if (root != null) {
                candidates.add(root.resolve("../shared/reference").normalize());
            }
        }
        for (Path c : candidates) {
            Path m = c.resolve("manifest.json");
            if (Files.isRegularFile(m)) {
                try {
                    return new ReferenceData(c.toAbsolutePath().normalize(), new ObjectMapper().readTree(m.toFile()));
                } catch (IOException e) {
                    throw new UnreadableInputException("cannot read " + m + ": " + e.getMessage(), e);
                }
            }
        }
        throw new UnreadableInputException("R-STILT reference data not found (looked for manifest.json in "
                + candidates + "); pass --reference DIR");
    }

    Path dir() {
        return dir;
    }

    /** The manifest entry of a footprint case. */
    JsonNode footprintCase(String name) {
        for (JsonNode c : manifest.path("footprint_cases")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        List<String> names = new ArrayList<>();
        manifest.path("footprint_cases").forEach(c -> names.add(c.path("name").asText()));
        throw new org.stilt.core.InvalidInputException("no footprint case '" + name + "' in " + dir
                + "/manifest.json (cases: " + String.join(", ", names) + ")");
    }
}
