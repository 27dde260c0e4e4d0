/**
 * Counter-based random numbers for the stochastic transport kernel, the Java twin of the Fortran
 * module {@code hysplit/src/rng/stilt_rng.f90}: Philox4x32-10 ({@link org.stilt.core.rng.Philox4x32}),
 * per-particle streams addressed by (run seed, simulation id, particle index, draw index)
 * ({@link org.stilt.core.rng.ParticleStream}), a uniform in (0, 1) and a standard normal
 * ({@link org.stilt.core.rng.RngMath}). Every value equals the Fortran one bit for bit, so the Java
 * reference kernel and the native kernel draw the same numbers, and a run's draws do not depend on
 * thread count or particle chunking. See docs/rng.md.
 */
package org.stilt.core.rng;
