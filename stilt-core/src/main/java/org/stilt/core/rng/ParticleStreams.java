package org.stilt.core.rng;

import org.stilt.core.InvalidInputException;

/**
 * Draws for a range of particles at once: the Java twin of the C entry point
 * {@code stilt_rng_fill}, same arguments, same layout, same bits.
 *
 * <p>Thread-safety: stateless; concurrent calls are safe when they write to different arrays.
 */
public final class ParticleStreams {

    private ParticleStreams() {
    }

    /**
     * Fills {@code out} with draws 0 .. drawsPerParticle - 1 of particles
     * firstParticle .. firstParticle + nParticles - 1 of simulation {@code simulationId} in the run
     * seeded with {@code seed}; draw j of particle firstParticle + i goes to
     * {@code out[i * drawsPerParticle + j]}.
     *
     * @throws InvalidInputException for negative counts, particles outside [0, 2^32) or {@code out}
     *                               shorter than nParticles * drawsPerParticle
     */
    public static void fill(long seed, long simulationId, long firstParticle, int nParticles, int drawsPerParticle,
                            Distribution distribution, double[] out) {
        if (nParticles < 0 || drawsPerParticle < 0) {
            throw new InvalidInputException("counts must not be negative (n particles " + nParticles
                    + ", draws per particle " + drawsPerParticle + ")");
        }
        if (firstParticle < 0 || firstParticle > ParticleStream.PARTICLE_LIMIT - nParticles) {
            throw new InvalidInputException("particles " + firstParticle + " .. " + (firstParticle + nParticles - 1)
                    + " outside [0, 2^32)");
        }
        if (out.length < (long) nParticles * drawsPerParticle) {
            throw new InvalidInputException("output holds " + out.length + " draws, need " + nParticles + " * "
                    + drawsPerParticle);
        }
        for (int i = 0; i < nParticles; i++) {
            new ParticleStream(seed, simulationId, firstParticle + i)
                    .fill(distribution, 0, drawsPerParticle, out, i * drawsPerParticle);
        }
    }
}
