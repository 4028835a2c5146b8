package dev.quarry.bayesian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.strategy.ChunkMap;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * An {@link UncertaintyMeasure} as one pass over a CPU chunk, written with the JDK's Vector API:
 * blocks of rows are copied from the chunk's memory (no libtorch temporaries, no transposes) into a
 * cache-sized buffer and scored there, blocks in parallel. The arithmetic follows the libtorch
 * path: values clamped into [0, 1], float32 elementwise work and MC means (sums compensated),
 * per-item sums carried to float64 before they are combined; scores agree with it within 1e-6.
 * Every operation rounds the same whether or not the JIT has compiled it (see {@link VectorLog}),
 * so a score does not depend on the run. A row holding NaN or infinity scores NaN.
 *
 * <p>Loaded only when the Vector API module is present (see {@code dev.quarry.runtime.VectorApi}).
 */
final class VectorUncertaintyKernel implements ChunkMap {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = FLOATS.length();
    /** A block of rows this size stays in a core's L2 cache while it is scored. */
    private static final int BLOCK_BYTES = 128 * 1024;
    private static final ThreadLocal<Workspace> WORKSPACES = ThreadLocal.withInitial(Workspace::new);

    private final UncertaintyMeasure measure;

    VectorUncertaintyKernel(UncertaintyMeasure measure) {
        this.measure = measure;
    }

    @Override
    public NDArray apply(NDArray chunk) {
        Shape shape = chunk.getShape();
        measure.requireShape(shape);
        int rank = shape.dimension();
        int rows = Math.toIntExact(shape.get(0));
        int passes = rank == 3 ? Math.toIntExact(shape.get(1)) : 1;
        int classes = Math.toIntExact(shape.get(rank - 1));
        NDArray values = chunk.getDataType() == DataType.FLOAT32 ? chunk : chunk.toType(DataType.FLOAT32, false);
        // A direct view of a contiguous CPU tensor's memory; absolute reads leave it safe to share across threads.
        FloatBuffer memory = values.toByteBuffer(true).asFloatBuffer();
        float[] scores = new float[rows];
        int blockRows = Math.max(1, BLOCK_BYTES / Float.BYTES / (passes * classes));
        IntStream.range(0, (rows + blockRows - 1) / blockRows).parallel().forEach(block -> {
            int from = block * blockRows;
            WORKSPACES.get().score(measure, memory, from, Math.min(rows, from + blockRows), passes, classes, scores);
        });
        return chunk.getManager().create(scores);
    }

    @Override
    public boolean marksNonFiniteRows() {
        return true;
    }

    /** Least confidence, margin and entropy score the mean of the passes; the rest need passes anyway. */
    @Override
    public boolean averagesPasses() {
        return true;
    }

    /** One thread's buffers, grown as needed and reused across blocks and chunks. */
    private static final class Workspace {

        /** The block's rows, then {@code LANES} spare floats that class-wise loads may run into. */
        private float[] values = new float[0];
        /** Per row: the clamped MC mean of each class (float32), then spare floats as above. */
        private float[] means = new float[0];
        /** Per row and class: {@code pbar ln pbar}, then spare floats. */
        private float[] meanTerms = new float[0];
        /** Per row: whether it held a NaN or infinity. */
        private boolean[] bad = new boolean[0];
        /** Per row: {@code sum_t sum_c p ln p} (BALD). */
        private double[] passTerms = new double[0];
        /** The means again, class by class ({@code [c * n + r]}), then spare floats. */
        private float[] columns = new float[0];
        /** Per row: the largest and second largest mean (ties: equal), then spare floats. */
        private float[] first = new float[0];
        private float[] second = new float[0];
        private final float[] lanes = new float[LANES];
        private int[] votes = new int[0];

        void score(UncertaintyMeasure measure, FloatBuffer memory, int from, int to, int passes, int classes,
                float[] scores) {
            int n = to - from;
            int rowFloats = passes * classes;
            grow(n, rowFloats, classes);
            memory.get(from * rowFloats, values, 0, n * rowFloats);
            findNonFiniteRows(n, rowFloats);
            boolean bald = measure == UncertaintyMeasure.BALD;
            for (int r = 0; r < n; r++) {
                rowPass(r, r * rowFloats, passes, classes, bald);
            }
            if (measure == UncertaintyMeasure.ENTROPY || bald) {
                meanTerms(n * classes);
            }
            if (measure == UncertaintyMeasure.MARGIN || measure == UncertaintyMeasure.LEAST_CONFIDENCE) {
                topTwo(n, classes);
            }
            for (int r = 0; r < n; r++) {
                scores[from + r] = bad[r] ? Float.NaN : (float) rowScore(measure, r, passes, classes);
            }
        }

        private void grow(int n, int rowFloats, int classes) {
            if (values.length < n * rowFloats + LANES) {
                values = new float[n * rowFloats + LANES];
            }
            if (means.length < n * classes + LANES) {
                means = new float[n * classes + LANES];
                meanTerms = new float[n * classes + LANES];
            }
            if (bad.length < n) {
                bad = new boolean[n];
                passTerms = new double[n];
                first = new float[n + LANES];
                second = new float[n + LANES];
            }
            if (columns.length < n * classes + LANES) {
                columns = new float[n * classes + LANES];
            }
            if (votes.length < classes) {
                votes = new int[classes];
            }
        }

        /**
         * Marks the rows that hold a NaN or infinity: {@code x * 0} is NaN exactly for those, so one
         * vector sum over the whole block clears the usual all-finite block; only a block where it
         * is NaN is searched row by row.
         */
        private void findNonFiniteRows(int n, int rowFloats) {
            float[] x = values;
            int count = n * rowFloats;
            FloatVector nanIfBad = FloatVector.zero(FLOATS);
            int i = 0;
            for (; i < FLOATS.loopBound(count); i += LANES) {
                nanIfBad = nanIfBad.add(FloatVector.fromArray(FLOATS, x, i).mul(0f));
            }
            float check = nanIfBad.reduceLanes(VectorOperators.ADD);
            for (; i < count; i++) {
                check += x[i] * 0f;
            }
            Arrays.fill(bad, 0, n, false);
            if (!Float.isNaN(check)) {
                return;
            }
            for (int r = 0; r < n; r++) {
                for (int k = r * rowFloats; k < (r + 1) * rowFloats && !bad[r]; k++) {
                    bad[r] = !Float.isFinite(x[k]);
                }
            }
        }

        /**
         * One read of a row, {@code LANES} classes at a time: the clamped mean over passes of each
         * class and, for BALD, {@code sum_t sum_c p ln p} with {@code 0 ln 0 = 0}. A load that starts
         * at a class and runs past the last one fills lanes that are never kept (a later row's mean
         * overwrites them; the spare floats take the last row's). Sums over passes are compensated
         * (Kahan), so that a long sum in float32 stays as close to exact as libtorch's pairwise one.
         * Arrays are read through locals: after each call the vector code makes (the log), fields
         * would be loaded and bounds-checked again.
         */
        private void rowPass(int r, int at, int passes, int classes, boolean bald) {
            float[] x = values;
            float[] keep = lanes;
            double plnp = 0;
            for (int c = 0; c < classes; c += LANES) {
                FloatVector sum = FloatVector.zero(FLOATS);
                FloatVector lost = FloatVector.zero(FLOATS);
                FloatVector terms = FloatVector.zero(FLOATS);
                FloatVector termsLost = FloatVector.zero(FLOATS);
                for (int t = 0; t < passes; t++) {
                    FloatVector p = FloatVector.fromArray(FLOATS, x, at + t * classes + c).max(0f).min(1f);
                    FloatVector y = p.sub(lost);
                    FloatVector next = sum.add(y);
                    lost = next.sub(sum).sub(y);
                    sum = next;
                    if (bald) {
                        FloatVector z = p.mul(VectorLog.ln(p.max(Float.MIN_NORMAL))).sub(termsLost);
                        FloatVector nextTerms = terms.add(z);
                        termsLost = nextTerms.sub(terms).sub(z);
                        terms = nextTerms;
                    }
                }
                sum.sub(lost).div(passes).intoArray(means, r * classes + c);
                if (bald) {
                    terms.sub(termsLost).intoArray(keep, 0);
                    for (int k = 0; k < Math.min(LANES, classes - c); k++) {
                        plnp += keep[k];
                    }
                }
            }
            passTerms[r] = plnp;
        }

        /**
         * {@code pbar ln pbar} for every mean of the block, with {@code 0 ln 0 = 0}: the terms in
         * float32, as the passes' are, summed per row in float64. The last load runs into the spare
         * floats; those lanes are never read.
         */
        private void meanTerms(int count) {
            float[] p = means;
            float[] out = meanTerms;
            for (int i = 0; i < count; i += LANES) {
                FloatVector v = FloatVector.fromArray(FLOATS, p, i);
                v.mul(VectorLog.ln(v.max(Float.MIN_NORMAL))).intoArray(out, i);
            }
        }

        private double rowScore(UncertaintyMeasure measure, int r, int passes, int classes) {
            int m = r * classes;
            return switch (measure) {
                case LEAST_CONFIDENCE -> 1.0 - first[r];
                // Minus the gap between the two largest means (ties give 0, as top-2 does).
                case MARGIN -> (double) second[r] - first[r];
                case ENTROPY -> -sum(meanTerms, m, classes);
                case BALD -> -sum(meanTerms, m, classes) + passTerms[r] / passes;
                case VARIATION_RATIO -> 1.0 - (double) modeVotes(r * passes * classes, passes, classes) / passes;
                case MEAN_STD -> meanStd(r * passes * classes, passes, classes, m);
            };
        }

        /**
         * The two largest means of every row of the block, {@code LANES} rows at a time over the
         * class-by-class copy of the means: a scan per row would compare one class at a time.
         */
        private void topTwo(int n, int classes) {
            float[] column = columns;
            float[] row = means;
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < classes; c++) {
                    column[c * n + r] = row[r * classes + c];
                }
            }
            // Loads past the last row run into the next class's column, or the spare floats; those lanes are never read.
            for (int r = 0; r < n; r += LANES) {
                FloatVector top = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
                FloatVector next = top;
                for (int c = 0; c < classes; c++) {
                    FloatVector p = FloatVector.fromArray(FLOATS, column, c * n + r);
                    next = next.max(p.min(top));
                    top = top.max(p);
                }
                top.intoArray(first, r);
                next.intoArray(second, r);
            }
        }

        private static double sum(float[] terms, int at, int count) {
            double sum = 0;
            for (int i = at; i < at + count; i++) {
                sum += terms[i];
            }
            return sum;
        }

        /**
         * The votes of the most frequent per-pass argmax (ties inside a pass: the lower class): one
         * vector per pass when the classes fit in one.
         */
        private int modeVotes(int at, int passes, int classes) {
            Arrays.fill(votes, 0, classes, 0);
            VectorMask<Float> inRow = FLOATS.indexInRange(0, classes);
            FloatVector outside = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
            int mode = 0;
            for (int t = 0; t < passes; t++) {
                int row = at + t * classes;
                int best;
                if (classes <= LANES) {
                    FloatVector p = outside.blend(FloatVector.fromArray(FLOATS, values, row).max(0f).min(1f), inRow);
                    best = p.compare(VectorOperators.EQ, p.reduceLanes(VectorOperators.MAX)).firstTrue();
                } else {
                    best = firstMax(row, classes);
                }
                mode = Math.max(mode, ++votes[best]);
            }
            return mode;
        }

        private int firstMax(int row, int classes) {
            int best = 0;
            float top = Math.min(1f, Math.max(0f, values[row]));
            for (int c = 1; c < classes; c++) {
                float p = Math.min(1f, Math.max(0f, values[row + c]));
                if (p > top) {
                    top = p;
                    best = c;
                }
            }
            return best;
        }

        /** {@code mean_c sqrt(mean_t (p - pbar)^2)}, the squared deviations summed over passes in float32 (compensated). */
        private double meanStd(int at, int passes, int classes, int m) {
            double total = 0;
            for (int c = 0; c < classes; c += LANES) {
                FloatVector mean = FloatVector.fromArray(FLOATS, means, m + c);
                FloatVector squares = FloatVector.zero(FLOATS);
                FloatVector lost = FloatVector.zero(FLOATS);
                for (int t = 0; t < passes; t++) {
                    FloatVector d = FloatVector.fromArray(FLOATS, values, at + t * classes + c).max(0f).min(1f).sub(mean);
                    FloatVector y = d.mul(d).sub(lost);
                    FloatVector next = squares.add(y);
                    lost = next.sub(squares).sub(y);
                    squares = next;
                }
                squares.intoArray(lanes, 0);
                for (int k = 0; k < Math.min(LANES, classes - c); k++) {
                    total += Math.sqrt((double) lanes[k] / passes);
                }
            }
            return total / classes;
        }
    }
}
