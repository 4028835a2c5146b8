package dev.quarry.engine.model;

import java.util.SplittableRandom;

/**
 * Inverted-dropout masks drawn on the host, one stream per (seed, block, item key, pass): an item's
 * masks are the same in any batch, in any order, in any process and on any device, which is what
 * lets a pool scored in parts (a Spark partition, a chunk of another size) get the MC passes one
 * process gives it. Kept units are scaled by {@code 1 / (1 - rate)}.
 */
final class KeyedMasks {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private KeyedMasks() {}

    /**
     * Masks for a chunk, row by row in the layout the block sees.
     *
     * @param seed the inference's seed
     * @param block the dropout block's index in the network, so two blocks draw different masks
     * @param keys the chunk's item keys, in row order
     * @param passes T
     * @param pass the pass every row belongs to, or -1 for replicated rows (row {@code i * T + t} is
     *     pass t of item i)
     * @param units values per row
     * @param rate the drop probability
     * @return {@code rows * units} values, each 0 or {@code 1 / (1 - rate)}
     */
    static float[] draw(long seed, int block, long[] keys, int passes, int pass, int units, float rate) {
        int perKey = pass < 0 ? passes : 1;
        float[] masks = new float[Math.multiplyExact(Math.multiplyExact(keys.length, perKey), units)];
        float kept = 1f / (1f - rate);
        // A unit is kept when its 24-bit uniform k / 2^24 is >= rate, i.e. k >= ceil(rate * 2^24); each
        // 64-bit draw gives two such uniforms.
        long threshold = (long) Math.ceil(rate * (double) (1 << 24));
        int at = 0;
        for (long key : keys) {
            for (int r = 0; r < perKey; r++) {
                SplittableRandom stream = new SplittableRandom(streamSeed(seed, block, key, pass < 0 ? r : pass));
                for (int u = 0; u < units; u += 2) {
                    long bits = stream.nextLong();
                    masks[at++] = (bits >>> 40) >= threshold ? kept : 0f;
                    if (u + 1 < units) {
                        masks[at++] = (bits >>> 16 & 0xFFFFFF) >= threshold ? kept : 0f;
                    }
                }
            }
        }
        return masks;
    }

    /** Mixes the four parts through SplitMix64's finalizer, so neighbouring keys get unrelated streams. */
    static long streamSeed(long seed, int block, long key, int pass) {
        long h = mix(seed ^ GOLDEN);
        h = mix(h ^ (block + 1L) * GOLDEN);
        h = mix(h ^ key * GOLDEN);
        return mix(h ^ (pass + 1L) * GOLDEN);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
