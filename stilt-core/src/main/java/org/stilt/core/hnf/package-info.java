/**
 * Hyper-near-field (HNF) plume dilution: R-STILT's {@code calc_plume_dilution}
 * ({@link org.stilt.core.hnf.PlumeDilution}) and the nominal release heights {@code xhgt} of
 * multi-height receptors ({@link org.stilt.core.hnf.ColumnReleaseHeights}). See docs/hnf.md.
 */
package org.stilt.core.hnf;
