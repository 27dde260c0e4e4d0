/**
 * ARL packed meteorology: reading (memory-mapped, unpacked on demand), writing, synthetic met,
 * the catalog that picks met files for a simulation the way R-STILT does, and the windows of met
 * frames handed to the transport kernel. Format: {@code docs/met.md}.
 */
package org.stilt.core.met;
