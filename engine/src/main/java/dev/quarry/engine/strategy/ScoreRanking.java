package dev.quarry.engine.strategy;

import java.util.Arrays;

/**
 * Top-k of host scores with Quarry's tie rule: a higher score first, equal scores by the lower
 * position (positions follow ascending global ids, so the lower id wins).
 *
 * <p>Runs in {@code O(N log k)} with a bounded heap of primitive keys: each (score, position) pair
 * is packed into one {@code long} whose natural order is the selection order, so no boxing and no
 * comparator are involved.
 */
public final class ScoreRanking {

    private ScoreRanking() {}

    /**
     * The positions of the {@code k} largest scores, best first.
     *
     * @param scores finite scores
     * @param k how many, in {@code [0, scores.length]}
     * @return positions, best first
     */
    public static int[] topK(float[] scores, int k) {
        if (k < 0 || k > scores.length) {
            throw new IllegalArgumentException("k = " + k + " must be in [0, " + scores.length + "].");
        }
        long[] heap = new long[k]; // min-heap of keys: the root is the worst kept
        int size = 0;
        for (int i = 0; i < scores.length; i++) {
            long key = key(scores[i], i);
            if (size < k) {
                heap[size] = key;
                siftUp(heap, size++);
            } else if (k > 0 && key > heap[0]) {
                heap[0] = key;
                siftDown(heap, 0, size);
            }
        }
        Arrays.sort(heap, 0, size);
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = position(heap[size - 1 - i]);
        }
        return out;
    }

    static long key(float score, int position) {
        int bits = Float.floatToIntBits(score + 0.0f); // + 0.0f folds -0.0 into 0.0
        int ordered = bits ^ ((bits >> 31) & 0x7fffffff); // signed-int order == float order
        return ((long) ordered << 32) | (0xffffffffL - position);
    }

    static int position(long key) {
        return (int) (0xffffffffL - (key & 0xffffffffL));
    }

    private static void siftUp(long[] heap, int i) {
        long v = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= v) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = v;
    }

    private static void siftDown(long[] heap, int i, int size) {
        long v = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (v <= heap[child]) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = v;
    }
}
