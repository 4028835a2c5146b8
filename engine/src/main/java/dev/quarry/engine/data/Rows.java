package dev.quarry.engine.data;

/** Row positions to global ids and values: the one place a position becomes an id. */
public final class Rows {

    private Rows() {}

    /**
     * The ids at some positions.
     *
     * @param ids ids by position
     * @param positions positions into {@code ids}
     * @return {@code ids[positions[i]]} for every i
     */
    public static long[] idsAt(long[] ids, int[] positions) {
        long[] out = new long[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = ids[positions[i]];
        }
        return out;
    }

    /**
     * The values at some positions.
     *
     * @param values values by position
     * @param positions positions into {@code values}
     * @return {@code values[positions[i]]} for every i
     */
    public static float[] valuesAt(float[] values, int[] positions) {
        float[] out = new float[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = values[positions[i]];
        }
        return out;
    }
}
