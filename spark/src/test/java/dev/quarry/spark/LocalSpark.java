package dev.quarry.spark;

import org.apache.spark.sql.SparkSession;

/** The one way tests and benchmarks start Spark: on this machine, loopback only, without the web UI. */
public final class LocalSpark {

    private LocalSpark() {}

    /**
     * A session.
     *
     * @param master {@code local[N]}, or {@code local[N,F]} to let a failed task run F times
     * @param name the application name
     * @return the session (one per test class; stop it after the class)
     */
    public static SparkSession start(String master, String name) {
        return SparkSession.builder().master(master).appName(name).config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }
}
