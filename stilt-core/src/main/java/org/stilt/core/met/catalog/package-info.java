/**
 * The met catalog: named met streams and R-STILT's {@code find_met_files} rules for picking the files a simulation
 * needs ({@link org.stilt.core.met.catalog.MetFileFinder}), with a coverage check that fails with
 * {@link org.stilt.core.MetUnavailableException}. User documentation: {@code docs/met-catalog.md}.
 */
package org.stilt.core.met.catalog;
