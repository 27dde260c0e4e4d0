/**
 * The met window of the transport kernel (docs/met-window.md): a time series of ARL files with one
 * grid ({@link org.stilt.core.met.window.MetSeries}), the variables the kernel needs
 * ({@link org.stilt.core.met.window.MetVariables}), the sub-grid around the particles
 * ({@link org.stilt.core.met.window.MetRegion}, {@link org.stilt.core.met.window.SubGrid}), one valid time
 * on that sub-grid as one off-heap float block in a layout a Fortran kernel reads in place
 * ({@link org.stilt.core.met.window.MetFrame}, {@link org.stilt.core.met.window.MetFrameLayout}), the frames
 * of one simulation ({@link org.stilt.core.met.window.MetWindow}) and a process-wide frame cache with leases
 * and a memory budget ({@link org.stilt.core.met.window.MetFrameCache}).
 */
package org.stilt.core.met.window;
