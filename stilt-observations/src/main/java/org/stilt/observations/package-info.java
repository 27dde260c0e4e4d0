/**
 * Observation layer (sensors to receptors, averaging-kernel and pressure weighting, lifetime decay).
 * Not built yet: no issue has scheduled it. The module exists so that the reactor has the layout of
 * ARCHITECTURE.md.
 */
package org.stilt.observations;
