/**
 * Particle transport: the kernel contract ({@link org.stilt.core.transport.TransportKernel}), the
 * pure-Java reference kernel, conversion of met to the kernel's internal levels and the
 * trajectory runner. See docs/transport.md.
 */
package org.stilt.core.transport;
