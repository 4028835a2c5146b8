/**
 * JMH benchmarks of Quarry's hot paths, each beside the baseline it must beat.
 *
 * <p>Conventions: {@code @State(Scope.Benchmark)} with {@code @Param} sizes; inputs built once per
 * trial from fixed seeds; every benchmark returns a Java array copied off the device, so neither
 * dead-code elimination nor asynchronous device work can fake a fast time; at least one fork.
 * A suite's own JVM flags go in {@code @Fork(jvmArgs)}, which the command line's {@code -jvmArgsAppend}
 * leaves alone. Build with {@code mvn -pl jmh-benchmarks -am package} and run {@code java -jar
 * jmh-benchmarks/target/benchmarks.jar}, or {@link dev.quarry.bench.report.RunAndReport} for a report.
 */
package dev.quarry.bench;
