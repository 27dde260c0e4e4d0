/**
 * Synthetic ARL meteorology: an analytic design ({@link org.stilt.core.met.synth.SyntheticMetSpec},
 * also readable from YAML by {@link org.stilt.core.met.synth.SyntheticMetYaml}), its evaluation
 * ({@link org.stilt.core.met.synth.SyntheticMetModel}) and the writer of files HYSPLIT reads
 * ({@link org.stilt.core.met.synth.SyntheticMetWriter}). See docs/met-synth.md.
 */
package org.stilt.core.met.synth;
