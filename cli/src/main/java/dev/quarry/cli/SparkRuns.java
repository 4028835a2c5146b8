package dev.quarry.cli;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.spark.SparkBackend;

import java.nio.file.Path;

/**
 * {@code --spark MASTER}: the backend that selects on Spark. A distribution built without Spark
 * ({@code -Pspark} adds it) fails here, when Spark is asked for, saying how to get it.
 */
final class SparkRuns {

    private SparkRuns() {}

    /**
     * Starts a session and its backend.
     *
     * @param master {@code local[N]}, {@code spark://host:port}, ..., or empty for the one spark-submit set
     * @param work where the pool table and each round's model go (on a cluster, shared storage)
     * @param coresetFactor m / k for k-center
     * @return the backend, to close when the run ends
     * @throws InvalidInputException if this build has no Spark
     */
    static SparkBackend start(String master, Path work, int coresetFactor) {
        try {
            return SparkBackend.start(master, work, coresetFactor);
        } catch (NoClassDefFoundError e) {
            throw new InvalidInputException("This Quarry was built without Spark (" + e.getMessage() + " is missing); "
                    + "build it with Spark: QUARRY_MAVEN_ARGS=-Pspark ./quarry ...");
        }
    }
}
