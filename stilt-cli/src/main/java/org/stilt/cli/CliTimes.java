package org.stilt.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.stilt.core.InvalidInputException;

/**
 * Time options of the commands: ISO-8601 instants, a time without zone taken as UTC.
 *
 * <p>Thread-safety: stateless.
 */
final class CliTimes {

    private CliTimes() {
    }

    /**
     * Parses {@code text} given for {@code option}; the error names the option, an example and the text.
     *
     * @throws InvalidInputException if it is not an ISO-8601 time
     */
    static Instant parseUtc(String text, String option, String example) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new InvalidInputException(option + " must be an ISO-8601 UTC time such as " + example
                        + " (got '" + text + "')");
            }
        }
    }
}
