package dev.quarry.bayesian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Test helper: DJL creates arrays from 1-D and 2-D Java arrays only. */
final class Tensors {

    private Tensors() {}

    static NDArray create(NDManager manager, float[][][] p) {
        int n = p.length;
        int t = p[0].length;
        int c = p[0][0].length;
        float[] flat = new float[n * t * c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                System.arraycopy(p[i][j], 0, flat, (i * t + j) * c, c);
            }
        }
        return manager.create(flat, new Shape(n, t, c));
    }
}
