package org.stilt.core.transport;

/**
 * A test kernel: {@code inner}, with every met-interval call delayed by {@code delayMillis} —
 * sleeping (an interrupt ends the call with an exception, as a cancelled Java kernel would) or
 * busy-waiting ({@code busy}: interrupts go unnoticed, as in a native kernel call).
 *
 * <p>Thread-safety: as {@code inner}.
 */
public record DelayedKernel(TransportKernel inner, long delayMillis, boolean busy) implements TransportKernel {

    @Override
    public String name() {
        return (busy ? "busy-" : "slow-") + inner.name();
    }

    @Override
    public void advance(KernelStep step, KernelFrame a, KernelFrame b, ParticleState state, TrajectoryRows rows) {
        if (busy) {
            long until = System.nanoTime() + delayMillis * 1_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        } else {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        inner.advance(step, a, b, state, rows);
    }
}
