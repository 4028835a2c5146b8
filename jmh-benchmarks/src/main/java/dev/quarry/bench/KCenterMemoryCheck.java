package dev.quarry.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.strategy.OfflineInputs;
import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.runtime.NativeRuntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/**
 * The memory side of k-center at scale: selects B = 1 000 of N = 1 000 000 items (d = 128, 1 000
 * labeled rows) through the public {@code kcenter} strategy, and prints the peak resident memory
 * beyond what the process held once the embeddings were loaded, with the Java heap's share of it.
 * Run it with {@code -Xmx2g}:
 *
 * <pre>
 * java -Xmx2g -cp jmh-benchmarks/target/benchmarks.jar dev.quarry.bench.KCenterMemoryCheck device
 * </pre>
 *
 * Exits with status 1 when the native memory beyond the embeddings reaches 2 GiB.
 */
public final class KCenterMemoryCheck {

    private static final int ITEMS = 1_000_000;
    private static final int LABELED = 1000;
    private static final int WIDTH = 128;
    private static final int BUDGET = 1000;
    private static final long LIMIT_BYTES = 2L << 30;
    private static final long MIB = 1L << 20;

    private KCenterMemoryCheck() {}

    /**
     * Runs the check.
     *
     * @param args the kcenter implementation: {@code device}, {@code java} or {@code auto}
     */
    public static void main(String[] args) throws InterruptedException {
        String implementation = args.length > 0 ? args[0] : "auto";
        try (NDManager manager = NDManager.newBaseManager(NativeRuntime.device("auto"))) {
            NDArray embeddings = Embeddings.clustered(manager, ITEMS + LABELED, WIDTH, 11);
            long[] labeled = LongStream.range(0, LABELED).map(i -> i * (ITEMS / LABELED)).toArray();
            OfflineInputs inputs = new OfflineInputs(null, embeddings, labeled);
            System.gc();
            long before = residentBytes();
            long heapBefore = heapCommitted();
            AtomicLong peak = new AtomicLong(before);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(residentBytes(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime();
            Selection selection = OfflineQueries.select(
                    Strategies.get("kcenter", Map.of("implementation", implementation)), inputs, BUDGET, 1);
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            sampler.join();
            peak.accumulateAndGet(residentBytes(), Math::max);
            long heapGrowth = Math.max(0, heapCommitted() - heapBefore);
            long beyond = peak.get() - before;
            long nativeBeyond = beyond - heapGrowth;
            System.out.printf(Locale.ROOT, "kcenter implementation=%s N=%d d=%d L=%d B=%d picks=%d seconds=%.1f%n",
                    implementation, ITEMS, WIDTH, LABELED, BUDGET, selection.ids().length, seconds);
            System.out.printf(Locale.ROOT, "embeddings=%d MiB rss_with_embeddings=%d MiB peak_rss=%d MiB%n",
                    embeddings.size() * Float.BYTES / MIB, before / MIB, peak.get() / MIB);
            System.out.printf(Locale.ROOT, "beyond_embeddings=%d MiB (java_heap_growth=%d MiB, native=%d MiB) max_heap=%d MiB%n",
                    beyond / MIB, heapGrowth / MIB, nativeBeyond / MIB, Runtime.getRuntime().maxMemory() / MIB);
            if (nativeBeyond >= LIMIT_BYTES) {
                System.out.println("FAIL: native memory beyond the embeddings reached 2 GiB");
                System.exit(1);
            }
            System.out.println("OK: native memory beyond the embeddings stayed under 2 GiB");
        }
    }

    private static long heapCommitted() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getCommitted();
    }

    /** VmRSS of this process, from /proc. */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            throw new IllegalStateException("/proc/self/status has no VmRSS line; this check needs Linux.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
