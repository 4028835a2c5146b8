package dev.quarry.bayesian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
 * An {@link UncertaintyMeasure} as one read of a CPU chunk, written with the JDK's Vector API:
 * blocks of rows are copied from the chunk's memory (no libtorch temporaries, no transposes) into a
 * cache-sized buffer and scored there, blocks in parallel. The arithmetic is the libtorch path's in
 * float32 where that path is float32 (clamping, the elementwise {@code p ln p} of the passes, the MC
 * means, with sums over passes split in four interleaved partial sums), but the mean's entropy
 * terms are float32 too where libtorch widens them to float64; per-item sums are carried to float64
 * before they are combined. Scores agree with libtorch within about 1e-6 per nat (1e-6 ln C).
 * Every operation rounds the same whether or not the JIT has compiled it (see {@link VectorLog}),
 * so a score does not change from run to run on one machine; BALD's per-row sums follow the CPU's
 * vector width, so machines with different widths may differ in its last bits, as libtorch's own
 * kernels do. A row holding NaN or infinity scores NaN.
 *
 * <p>Loaded only when the Vector API module is present (see {@code dev.quarry.runtime.VectorApi}).
 */
final class VectorUncertaintyKernel implements ChunkMap {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = FLOATS.length();
    /** A block of rows this size stays in a core's L2 cache while it is scored. */
    private static final int BLOCK_BYTES = 128 * 1024;
    /** The most floats read through one buffer, by default. */
    private static final int MAX_PART_FLOATS = 1 << 28;
    /** Vectors added in float32 before a sum is carried to float64. */
    private static final int FLUSH = 8;
    private static final ThreadLocal<Workspace> WORKSPACES = ThreadLocal.withInitial(Workspace::new);

    private final UncertaintyMeasure measure;
    private final int maxPartFloats;

    VectorUncertaintyKernel(UncertaintyMeasure measure) {
        this(measure, MAX_PART_FLOATS);
    }

    /** A kernel that reads a chunk in parts of at most {@code maxPartFloats} (tests use small parts). */
    VectorUncertaintyKernel(UncertaintyMeasure measure, int maxPartFloats) {
        this.measure = measure;
        this.maxPartFloats = maxPartFloats;
    }

    @Override
    public NDArray apply(NDArray chunk) {
        Shape shape = chunk.getShape();
        measure.requireShape(shape);
        int rank = shape.dimension();
        int rows = Math.toIntExact(shape.get(0));
        int passes = rank == 3 ? Math.toIntExact(shape.get(1)) : 1;
        int classes = Math.toIntExact(shape.get(rank - 1));
        if ((long) passes * classes > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException(measure.strategyName() + ": rows of shape " + shape
                    + " hold more values than one array can; at most " + Integer.MAX_VALUE / 2 + " per item.");
        }
        int rowFloats = passes * classes;
        float[] scores = new float[rows];
        // A buffer is int-indexed: a chunk larger than that is read in parts, each part's copies freed with it.
        int partRows = Math.max(1, maxPartFloats / rowFloats);
        for (int part = 0; part < rows; part += partRows) {
            int partEnd = Math.min(rows, part + partRows);
            try (NDManager scope = chunk.getManager().newSubManager()) {
                NDArray rowsOfPart = chunk;
                if (part == 0 && partEnd == rows) {
                    scope.tempAttachAll(chunk);
                } else {
                    rowsOfPart = chunk.get(part + ":" + partEnd);
                    rowsOfPart.attach(scope);
                }
                NDArray values = rowsOfPart.getDataType() == DataType.FLOAT32 ? rowsOfPart
                        : rowsOfPart.toType(DataType.FLOAT32, false);
                // A direct view of a contiguous CPU tensor's memory, read through one duplicate per block.
                FloatBuffer memory = values.toByteBuffer(true).asFloatBuffer();
                int offset = part;
                int blockRows = Math.max(1, BLOCK_BYTES / Float.BYTES / rowFloats);
                IntStream.range(0, (partEnd - part + blockRows - 1) / blockRows).parallel().forEach(block -> {
                    int from = block * blockRows;
                    WORKSPACES.get().score(measure, memory.duplicate(), from, Math.min(partEnd - offset, from + blockRows),
                            passes, classes, scores, offset);
                });
            }
        }
        return chunk.getManager().create(scores);
    }

    @Override
    public boolean marksNonFiniteRows() {
        return true;
    }

    /** Least confidence, margin and entropy score the mean of the passes they are given. */
    @Override
    public boolean averagesPasses() {
        return !measure.needsPasses();
    }

    /** One thread's buffers, grown as needed and reused across blocks and chunks. */
    private static final class Workspace {

        /** The block's rows, then {@code LANES} spare floats that class-wise loads may run into. */
        private float[] values = new float[0];
        /** Per value of the block: its {@code p ln p} (BALD), then spare floats. */
        private float[] scratch = new float[0];
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

        /** Scores rows {@code [from, to)} of the buffer into {@code scores[offset + from ...]}. */
        void score(UncertaintyMeasure measure, FloatBuffer memory, int from, int to, int passes, int classes,
                float[] scores, int offset) {
            int n = to - from;
            int rowFloats = passes * classes;
            grow(n, rowFloats, classes);
            memory.get(from * rowFloats, values, 0, n * rowFloats);
            findNonFiniteRows(n, rowFloats);
            boolean bald = measure == UncertaintyMeasure.BALD;
            for (int r = 0; r < n; r++) {
                classMeans(r, r * rowFloats, passes, classes);
            }
            if (bald) {
                passTerms(n, rowFloats);
            }
            if (measure == UncertaintyMeasure.ENTROPY || bald) {
                meanTerms(n * classes);
            }
            if (measure == UncertaintyMeasure.MARGIN || measure == UncertaintyMeasure.LEAST_CONFIDENCE) {
                topTwo(n, classes);
            }
            for (int r = 0; r < n; r++) {
                scores[offset + from + r] = bad[r] ? Float.NaN : (float) rowScore(measure, r, passes, classes);
            }
        }

        private void grow(int n, int rowFloats, int classes) {
            if (values.length < n * rowFloats + LANES) {
                values = new float[n * rowFloats + LANES];
                scratch = new float[n * rowFloats + LANES];
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
         * The clamped mean over passes of each class of a row, {@code LANES} classes at a time. A load
         * that starts at a class and runs past the last one fills lanes that are never kept (a later
         * row's mean overwrites them; the spare floats take the last row's). Passes are summed in
         * four interleaved float32 partial sums, combined pairwise: four independent chains keep the
         * vector units busy, and the rounding error grows with T / 4 instead of T. Arrays are read
         * through locals: after each call the vector code makes, fields would be loaded again.
         */
        private void classMeans(int r, int at, int passes, int classes) {
            float[] x = values;
            for (int c = 0; c < classes; c += LANES) {
                FloatVector s0 = FloatVector.zero(FLOATS);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                int t = 0;
                for (; t + 4 <= passes; t += 4) {
                    int i = at + t * classes + c;
                    s0 = s0.add(FloatVector.fromArray(FLOATS, x, i).max(0f).min(1f));
                    s1 = s1.add(FloatVector.fromArray(FLOATS, x, i + classes).max(0f).min(1f));
                    s2 = s2.add(FloatVector.fromArray(FLOATS, x, i + 2 * classes).max(0f).min(1f));
                    s3 = s3.add(FloatVector.fromArray(FLOATS, x, i + 3 * classes).max(0f).min(1f));
                }
                for (; t < passes; t++) {
                    s0 = s0.add(FloatVector.fromArray(FLOATS, x, at + t * classes + c).max(0f).min(1f));
                }
                s0.add(s1).add(s2.add(s3)).div(passes).intoArray(means, r * classes + c);
            }
        }

        /**
         * {@code sum p ln p} over all passes and classes of each row, clamped, with {@code 0 ln 0 =
         * 0} (BALD): the terms over the whole block first, every lane a value, then each row's
         * terms summed in float32 lanes a few vectors at a time and added up in float64.
         */
        private void passTerms(int n, int rowFloats) {
            float[] x = values;
            float[] terms = scratch;
            for (int i = 0; i < n * rowFloats; i += LANES) {
                FloatVector p = FloatVector.fromArray(FLOATS, x, i).max(0f).min(1f);
                p.mul(VectorLog.ln(p.max(Float.MIN_NORMAL))).intoArray(terms, i);
            }
            float[] keep = lanes;
            for (int r = 0; r < n; r++) {
                int at = r * rowFloats;
                int end = at + rowFloats;
                double total = 0;
                int i = at;
                while (i + LANES <= end) {
                    // At most FLUSH vectors per float32 lane sum, so a long row loses no digits before float64 takes over.
                    FloatVector sum = FloatVector.zero(FLOATS);
                    for (int v = 0; v < FLUSH && i + LANES <= end; v++, i += LANES) {
                        sum = sum.add(FloatVector.fromArray(FLOATS, terms, i));
                    }
                    sum.intoArray(keep, 0);
                    for (float lane : keep) {
                        total += lane;
                    }
                }
                for (; i < end; i++) {
                    total += terms[i];
                }
                passTerms[r] = total;
            }
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
