package org.stilt.core.text;

import org.stilt.core.InvalidInputException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads user YAML (project configuration, synthetic met descriptions) with SnakeYAML's safe
 * constructor (plain maps, lists and scalars only) and duplicate keys rejected; a syntax error
 * becomes an {@link InvalidInputException} naming the source.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class SafeYaml {

    private SafeYaml() {
    }

    /** The document's root object (null for an empty document); {@code where} names it in messages. */
    public static Object load(String text, String where) {
        try {
            LoaderOptions lo = new LoaderOptions();
            lo.setAllowDuplicateKeys(false);
            return new Yaml(new SafeConstructor(lo)).load(text);
        } catch (YAMLException e) {
            throw new InvalidInputException(where + ": not valid YAML: " + e.getMessage().replace('\n', ' '), e);
        }
    }
}
