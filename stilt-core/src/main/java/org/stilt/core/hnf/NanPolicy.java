package org.stilt.core.hnf;

/**
 * What {@link PlumeDilution} does with a row whose comparison {@code plume < pbl_mixing} is
 * undefined (NaN on either side, e.g. a negative square-root argument when {@code tlgr = 0}).
 *
 * <p>Thread-safety: an enum; immutable.
 */
public enum NanPolicy {
    /**
     * R-STILT: {@code ifelse(NA, ...)} is NA, so {@code foot} becomes NA (here NaN). Because the
     * running sum of sigma is NaN from the first NaN onward, that row and every later row of the
     * particle lose their foot. This is the default.
     */
    R_STILT,
    /**
     * PYSTILT: {@code numpy.where} treats a NaN comparison as false, so the original
     * (undiluted) {@code foot} is kept.
     */
    PYSTILT
}
