package dev.quarry.spark;

import java.io.Serializable;

/**
 * An item's BADGE gradient embedding {@code g = a ⊗ h} kept factored: {@code a = p - onehot(argmax
 * p)} ({@code C} values) and the embedding {@code h} ({@code d}), never the {@code C·d} product.
 * Distances use {@code <g_i, g_j> = <a_i, a_j> <h_i, h_j>}.
 *
 * @param id the item's pool id
 * @param a the probabilities minus the one-hot of their argmax
 * @param h the embedding
 * @param squaredNorm {@code ||g||^2 = ||a||^2 ||h||^2}
 */
record GradientItem(long id, float[] a, float[] h, double squaredNorm) implements Serializable {

    /**
     * An item's factors from its class probabilities and embedding.
     *
     * @param id its id
     * @param p its probabilities
     * @param h its embedding
     * @return the item
     */
    static GradientItem of(long id, float[] p, float[] h) {
        int top = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[top]) {
                top = c; // ties keep the lower class, as argmax does
            }
        }
        float[] a = p.clone();
        a[top] -= 1f;
        return new GradientItem(id, a, h, dot(a, a) * dot(h, h));
    }

    /**
     * {@code ||g_this - g_other||^2}, at least 0.
     *
     * @param other another item
     * @return the squared distance in gradient space
     */
    double squaredDistance(GradientItem other) {
        return Math.max(0, squaredNorm + other.squaredNorm - 2 * dot(a, other.a) * dot(h, other.h));
    }

    private static double dot(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (double) x[i] * y[i];
        }
        return s;
    }
}
