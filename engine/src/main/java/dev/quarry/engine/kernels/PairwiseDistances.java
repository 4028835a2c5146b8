package dev.quarry.engine.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Squared Euclidean distances between rows, as {@code ||a||^2 + ||b||^2 - 2 a·b} (one matrix
 * product; clamped at 0 against rounding), in blocks sized from a memory budget.
 */
public final class PairwiseDistances {

    /**
     * The default working-memory budget of one block: 24 MiB, so each of a block's temporaries is
     * about 8 MiB. Larger CPU blocks measured up to 10× slower: glibc serves a JVM thread's buffers
     * over its 64 MiB arena heaps with fresh mmaps, and page-faulting every new block costs more than
     * computing it (see the README's benchmarks). On a GPU, {@code blockMb} can be raised.
     */
    public static final long DEFAULT_BUDGET_BYTES = 24L << 20;

    private PairwiseDistances() {}

    /**
     * All squared distances between the rows of two small sets.
     *
     * @param a {@code (n, d)}
     * @param b {@code (m, d)}
     * @return {@code (n, m)}, in {@code a}'s manager
     */
    public static NDArray squared(NDArray a, NDArray b) {
        requireSameWidth(a, b);
        NDArray aa = a.square().sum(new int[] {1}, true);
        NDArray bb = b.square().sum(new int[] {1}).expandDims(0);
        return aa.add(bb).sub(a.matMul(b.transpose()).mul(2f)).clip(0f, Float.MAX_VALUE);
    }

    /**
     * RBF kernel values {@code exp(-gamma ||a - b||^2)} between the rows of two small sets.
     *
     * @param a {@code (n, d)}
     * @param b {@code (m, d)}
     * @param gamma the inverse length scale, > 0
     * @return {@code (n, m)}
     */
    public static NDArray rbf(NDArray a, NDArray b, double gamma) {
        if (!(gamma > 0)) {
            throw new IllegalArgumentException("RBF gamma " + gamma + " must be > 0.");
        }
        return squared(a, b).mul((float) -gamma).exp();
    }

    /**
     * Rows per block so that a {@code (rows, columns)} float32 block and its temporaries (about
     * three of them) fit the budget.
     *
     * @param columns the block's width
     * @param budgetBytes the budget
     * @return at least 1
     */
    public static long blockRows(long columns, long budgetBytes) {
        return Math.max(1, budgetBytes / (3L * Float.BYTES * Math.max(1, columns)));
    }

    /**
     * For every row of {@code x}, the squared distance to its nearest row of {@code centers}, in
     * blocks of rows of x and of centers: never more than one block of distances exists.
     *
     * @param x {@code (N, d)}
     * @param centers {@code (L, d)}, L >= 1
     * @param budgetBytes the working-memory budget of one block
     * @return {@code (N)} float32, in x's manager
     */
    public static NDArray minSquared(NDArray x, NDArray centers, long budgetBytes) {
        requireSameWidth(x, centers);
        long n = x.getShape().get(0);
        long l = centers.getShape().get(0);
        if (l == 0) {
            throw new IllegalArgumentException("Nearest-center distances need at least one center.");
        }
        long centerBlock = Math.min(l, Math.max(1, (long) Math.sqrt(budgetBytes / (3.0 * Float.BYTES))));
        long rowBlock = blockRows(centerBlock, budgetBytes);
        NDArray out = x.getManager().full(new Shape(n), Float.MAX_VALUE, DataType.FLOAT32);
        for (long from = 0; from < n; from += rowBlock) {
            long to = Math.min(n, from + rowBlock);
            try (NDScope scope = new NDScope()) {
                NDIndex rows = new NDIndex(from + ":" + to);
                NDArray part = x.get(rows);
                NDArray best = out.get(rows);
                for (long c = 0; c < l; c += centerBlock) {
                    NDArray block = squared(part, centers.get(c + ":" + Math.min(l, c + centerBlock)));
                    best = best.minimum(block.min(new int[] {1}));
                }
                out.set(rows, best);
            }
        }
        return out;
    }

    /**
     * For every row of {@code x}, the index of its nearest row of {@code centers} (ties: the lower
     * index), in blocks like {@link #minSquared}.
     *
     * @param x {@code (N, d)}
     * @param centers {@code (L, d)}, L >= 1
     * @param budgetBytes the working-memory budget of one block
     * @return {@code (N)} indices into centers
     */
    public static int[] nearest(NDArray x, NDArray centers, long budgetBytes) {
        requireSameWidth(x, centers);
        long n = x.getShape().get(0);
        long l = centers.getShape().get(0);
        if (l == 0) {
            throw new IllegalArgumentException("Nearest centers need at least one center.");
        }
        long rowBlock = blockRows(l, budgetBytes);
        int[] out = new int[(int) n];
        for (long from = 0; from < n; from += rowBlock) {
            long to = Math.min(n, from + rowBlock);
            try (NDScope scope = new NDScope()) {
                long[] arg = squared(x.get(from + ":" + to), centers).argMin(1).toLongArray();
                for (int i = 0; i < arg.length; i++) {
                    out[(int) from + i] = (int) arg[i];
                }
            }
        }
        return out;
    }

    static void requireSameWidth(NDArray a, NDArray b) {
        if (a.getShape().dimension() != 2 || b.getShape().dimension() != 2 || a.getShape().get(1) != b.getShape().get(1)) {
            throw new IllegalArgumentException("Distances need two (n, d) arrays of the same d; got " + a.getShape()
                    + " and " + b.getShape() + ".");
        }
    }

    /**
     * Squared norms of the rows.
     *
     * @param x {@code (N, d)}
     * @return {@code (N)}
     */
    static NDArray squaredNorms(NDArray x) {
        return x.square().sum(new int[] {1});
    }

    /**
     * Squared distances of every row of {@code x} to one row {@code c}, given the rows' squared
     * norms: a matrix-vector product, no {@code (N, d)} temporary.
     *
     * @param x {@code (N, d)}
     * @param norms {@code (N)} squared norms of x's rows
     * @param c {@code (d)}
     * @return {@code (N)}
     */
    static NDArray squaredTo(NDArray x, NDArray norms, NDArray c) {
        NDArray cc = c.square().sum();
        return norms.add(cc).sub(x.matMul(c).mul(2f)).clip(0f, Float.MAX_VALUE);
    }
}
