package dev.quarry.spark;

import ai.djl.ndarray.NDManager;

import dev.quarry.engine.loop.LearnerOutputs;
import dev.quarry.engine.strategy.QueryRunner;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Strategies;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

import scala.Tuple2;

/**
 * Scores one partition of a pool on an executor: loads the round's model once (from the files Spark
 * shipped, {@link ModelCard}), reads the partition's unlabeled rows, and runs the strategy's scorer
 * through the engine's own query path ({@link QueryRunner#scores}), so every item gets the score a
 * single process gives it. Only names, options and seeds travel in the closure; the model and its
 * native memory live and die inside the task.
 *
 * @param modelFile the name the model directory was shipped under ({@code SparkContext.addFile})
 * @param strategy the strategy's registry name
 * @param options its options
 * @param metadata what the pool's rows are
 * @param labeled the ids already labeled, skipped
 * @param mcSeed the seed of MC-dropout masks
 */
record PartitionScorer(String modelFile, String strategy, Map<String, String> options, SparkPool.Metadata metadata,
        Set<Long> labeled, long mcSeed) implements FlatMapFunction<Iterator<Row>, Tuple2<Long, Float>>, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Tuple2<Long, Float>> call(Iterator<Row> rows) throws Exception {
        QueryStrategy resolved = Strategies.get(strategy, options);
        return PartitionRows.withModel(rows, metadata, labeled, modelFile, (part, model, device) -> {
            float[] scores;
            try (NDManager manager = NDManager.newBaseManager(device)) {
                scores = QueryRunner.scores(resolved, new LearnerOutputs(model, part.items(), mcSeed), part.localIds(),
                        manager);
            }
            List<Tuple2<Long, Float>> out = new ArrayList<>(part.ids().size());
            for (int i = 0; i < part.ids().size(); i++) {
                out.add(new Tuple2<>(part.ids().get(i), scores[i]));
            }
            return out;
        });
    }
}
