package org.stilt.core.registry;

/**
 * Failed simulations sharing one reason.
 *
 * @param reason         the failure reason (e.g. {@code MET_UNAVAILABLE})
 * @param count          how many failed simulations have it
 * @param exampleId      one of them (the smallest id)
 * @param exampleMessage its failure message
 *
 * <p>Thread-safety: immutable value.
 */
public record FailureGroup(String reason, long count, String exampleId, String exampleMessage) {
}
