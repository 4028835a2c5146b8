package dev.quarry.spark;

import java.io.Serializable;
import java.util.Comparator;

import scala.Tuple2;

/**
 * Quarry's selection order for (id, score) pairs, as {@link dev.quarry.engine.strategy.ScoreRanking}
 * ranks them: the higher score first, equal scores by the lower id ({@code -0.0} equals {@code 0.0}).
 * {@code takeOrdered} with it is a per-partition top-k merged on the driver, and picks what one
 * process picks.
 */
final class ScoreOrder implements Comparator<Tuple2<Long, Float>>, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Tuple2<Long, Float> a, Tuple2<Long, Float> b) {
        int byScore = Float.compare(b._2() + 0.0f, a._2() + 0.0f);
        return byScore != 0 ? byScore : Long.compare(a._1(), b._1());
    }
}
