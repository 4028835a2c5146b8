package dev.quarry.engine.loop;

/**
 * Derives independent seeds from (run seed, round, purpose) with SplitMix64's mixing function, so
 * that each stochastic part of a run has its own stream and a resumed run reproduces it.
 */
public final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Seeds() {}

    /**
     * A seed for one purpose in one round.
     *
     * @param runSeed the run's base seed
     * @param round the round (0 for run-level draws such as the initial set)
     * @param purpose what the seed is for, such as {@code train} or {@code select:margin}
     * @return the derived seed
     */
    public static long derive(long runSeed, int round, String purpose) {
        long z = mix64(runSeed + GOLDEN_GAMMA);
        z = mix64(z + GOLDEN_GAMMA * (round + 1L));
        return mix64(z ^ purpose.hashCode());
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
