package dev.quarry.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.loop.ActiveLearningLoop;
import dev.quarry.engine.loop.RoundRecord;
import dev.quarry.engine.loop.RunResult;
import dev.quarry.engine.loop.SimulatedOracle;
import dev.quarry.engine.model.CnnClassifier;
import dev.quarry.engine.model.InferenceOptions;
import dev.quarry.engine.model.TrainingOptions;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.strategy.OfflineInputs;
import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.engine.testing.LoopFixtures;
import dev.quarry.engine.testing.SubsetData;
import dev.quarry.rfi.ae.AutoencoderOptions;
import dev.quarry.rfi.ae.RfiAutoencoder;
import dev.quarry.rfi.sim.FootprintSet;
import dev.quarry.rfi.sim.RadiometerSimulator;
import dev.quarry.rfi.sim.SimulatorConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the behaviour fixtures with the code as it stood before the engine reshape: every
 * strategy's selections (and scores) on fixed offline inputs, and every strategy's selections over
 * two loop rounds on real data. {@code BehaviourPreservedTest} replays them.
 *
 * <p>Run: {@code java -cp <test classpath> dev.quarry.cli.BehaviourFixtures cli/src/test/resources/behaviour}.
 */
public final class BehaviourFixtures {

    static final int N = 400;
    static final int C = 6;
    static final int T = 10;
    static final int D = 12;
    static final int LABELED = 30;
    static final int BUDGET = 15;
    static final long SEED = 11;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BehaviourFixtures() {}

    /** A strategy and its options. */
    record Case(String strategy, Map<String, String> options) {
        /** The strategy and its options but a model path, which differs between machines. */
        String label() {
            Map<String, String> shown = new java.util.TreeMap<>(options);
            shown.remove("model");
            return shown.isEmpty() ? strategy : strategy + " " + shown;
        }
    }

    /** MC probabilities {@code (N, T, C)}: mixture-dependent logits plus item and pass noise, softmaxed. */
    static float[] probabilities() {
        SplittableRandom r = new SplittableRandom(20261202L);
        double[][] weights = new double[8][C];
        for (double[] w : weights) {
            for (int c = 0; c < C; c++) {
                w[c] = 1.5 * gaussian(r);
            }
        }
        int[] component = components();
        float[] out = new float[N * T * C];
        double[] logits = new double[C];
        for (int n = 0; n < N; n++) {
            double[] item = new double[C];
            for (int c = 0; c < C; c++) {
                item[c] = weights[component[n]][c] + 0.7 * gaussian(r);
            }
            for (int t = 0; t < T; t++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < C; c++) {
                    logits[c] = item[c] + 0.6 * gaussian(r);
                    max = Math.max(max, logits[c]);
                }
                double sum = 0;
                for (int c = 0; c < C; c++) {
                    logits[c] = Math.exp(logits[c] - max);
                    sum += logits[c];
                }
                for (int c = 0; c < C; c++) {
                    out[(n * T + t) * C + c] = (float) (logits[c] / sum);
                }
            }
        }
        return out;
    }

    /** Embeddings {@code (N, D)} from an 8-component Gaussian mixture. */
    static float[] embeddings() {
        SplittableRandom r = new SplittableRandom(42L);
        double[][] centres = new double[8][D];
        for (double[] centre : centres) {
            for (int d = 0; d < D; d++) {
                centre[d] = 3 * gaussian(r);
            }
        }
        int[] component = components();
        float[] out = new float[N * D];
        for (int n = 0; n < N; n++) {
            for (int d = 0; d < D; d++) {
                out[n * D + d] = (float) (centres[component[n]][d] + gaussian(r));
            }
        }
        return out;
    }

    private static int[] components() {
        SplittableRandom r = new SplittableRandom(7L);
        int[] component = new int[N];
        Arrays.setAll(component, i -> r.nextInt(8));
        return component;
    }

    /** {@code LABELED} distinct row ids, ascending. */
    static long[] labeled() {
        SplittableRandom r = new SplittableRandom(3L);
        int[] all = new int[N];
        Arrays.setAll(all, i -> i);
        for (int i = 0; i < LABELED; i++) {
            int j = i + r.nextInt(N - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.stream(Arrays.copyOf(all, LABELED)).sorted().asLongStream().toArray();
    }

    /** Box–Muller, so the inputs do not depend on a JDK's Gaussian algorithm. */
    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Every registered strategy that works on model outputs, with defaults, plus option variants. */
    static List<Case> offlineCases() {
        List<Case> cases = new ArrayList<>();
        for (String name : Strategies.names()) {
            // tailor learns from the labels of a run's rounds, so it refuses given outputs (TailorSelectorTest).
            if (!name.equals("recon-error") && !name.equals("ae-embeddings") && !name.equals("tailor")) {
                cases.add(new Case(name, Map.of()));
            }
        }
        cases.add(new Case("hybrid", Map.of("score", "entropy", "beta", "3")));
        cases.add(new Case("kcenter", Map.of("implementation", "device")));
        cases.add(new Case("kcenter", Map.of("implementation", "java")));
        cases.add(new Case("probcover", Map.of("delta", "0.6")));
        cases.add(new Case("cluster-margin", Map.of("candidates", "3", "clusters", "5")));
        cases.add(new Case("power-bald", Map.of("temperature", "0.5")));
        cases.add(new Case("margin", Map.of("maxPool", "100")));
        cases.add(new Case("kcenter", Map.of("maxPool", "150")));
        cases.add(new Case("batch-bald", Map.of("maxConfigs", "50")));
        return cases;
    }

    /** Every registered strategy in a loop on real images, plus option variants. */
    static List<Case> loopCases() {
        List<Case> cases = new ArrayList<>();
        for (String name : Strategies.names()) {
            if (!name.equals("recon-error") && !name.equals("ae-embeddings")) {
                cases.add(new Case(name, Map.of()));
            }
        }
        cases.add(new Case("bald", Map.of("mcScope", "head")));
        cases.add(new Case("kcenter", Map.of("implementation", "device")));
        cases.add(new Case("margin", Map.of("maxPool", "200")));
        cases.add(new Case("batch-bald", Map.of("maxPool", "150", "mcScope", "head")));
        return cases;
    }

    /** The RF strategies in a loop on rf-smap footprints. */
    static List<Case> rfCases(Path autoencoder) {
        String model = autoencoder.toString();
        return List.of(new Case("recon-error", Map.of("model", model)),
                new Case("ae-embeddings", Map.of("model", model)),
                new Case("ae-embeddings", Map.of("model", model, "base", "typiclust")));
    }

    private static ObjectNode selectionNode(Case c, long[] ids, float[] scores) {
        ObjectNode node = JSON.createObjectNode();
        node.put("case", c.label());
        ArrayNode a = node.putArray("ids");
        Arrays.stream(ids).forEach(a::add);
        ArrayNode s = node.putArray("scores");
        for (float v : scores) {
            s.add(v);
        }
        return node;
    }

    static ObjectNode offline() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode selections = root.putArray("selections");
        ArrayNode scored = root.putArray("scores");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray p = manager.create(probabilities(), new Shape(N, T, C));
            NDArray e = manager.create(embeddings(), new Shape(N, D));
            OfflineInputs inputs = new OfflineInputs(p, e, labeled());
            for (Case c : offlineCases()) {
                QueryStrategy s = Strategies.get(c.strategy(), c.options());
                Selection sel = OfflineQueries.select(s, inputs, BUDGET, SEED);
                selections.add(selectionNode(c, sel.ids(), sel.scores()));
                if (s.scorer().isPresent() && !c.options().containsKey("maxPool")) {
                    float[] scores = OfflineQueries.score(s, p);
                    scored.add(selectionNode(c, new long[0], scores));
                }
            }
        }
        return root;
    }

    static ObjectNode loop(Path work) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode runs = root.putArray("runs");
        ExperimentData images = SubsetData.small();
        for (Case c : loopCases()) {
            runs.add(runNode(c, images));
        }
        Path model = trainAutoencoder(work);
        ExperimentData rf = new DatasetSpec("rf-smap", null, 600, 200, 1).load();
        for (Case c : rfCases(model)) {
            runs.add(runNode(c, rf));
        }
        return root;
    }

    static Path trainAutoencoder(Path work) throws IOException {
        RadiometerSimulator simulator = new RadiometerSimulator(SimulatorConfig.defaults(5).withInr(-20, 10));
        FootprintSet train = FootprintSet.simulate(simulator, 0, 2000, ProgressReporter.SILENT);
        FootprintSet validation = FootprintSet.simulate(simulator, 2000, 200, ProgressReporter.SILENT);
        Path model = work.resolve("autoencoder");
        try (RfiAutoencoder autoencoder = RfiAutoencoder.create(AutoencoderOptions.defaults(1).withMaxEpochs(4),
                Device.cpu())) {
            autoencoder.fit(train, validation, ProgressReporter.SILENT);
            autoencoder.save(model);
        }
        return model;
    }

    private static ObjectNode runNode(Case c, ExperimentData data) throws IOException {
        QueryStrategy s = Strategies.get(c.strategy(), c.options());
        CnnClassifier model = CnnClassifier.forPool(data.pool(), LoopFixtures.TINY_CNN, new TrainingOptions(3, 32, 1e-3f,
                false), InferenceOptions.CPU_DEFAULTS, Device.cpu());
        RunResult result;
        try (ActiveLearningLoop loop = ActiveLearningLoop.builder().setItems(data.pool())
                .optTestSet(data.test().orElseThrow()).setLearner(model).setStrategy(s)
                .setOracle(new SimulatedOracle(data.pool().labels()))
                .optInitialLabeled(40).optBudgetPerRound(20).optRounds(2).optSeed(7).build()) {
            result = loop.run();
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("case", c.label());
        ArrayNode rounds = node.putArray("rounds");
        for (RoundRecord r : result.rounds()) {
            ObjectNode round = selectionNode(c, r.selectedIds(), r.selectedScores());
            round.remove("case");
            round.put("accuracy", r.test().orElseThrow().accuracy());
            rounds.add(round);
        }
        return node;
    }

    /**
     * Writes {@code offline.json} and {@code loop.json}.
     *
     * @param args the target directory
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("offline.json").toFile(), offline());
        Path work = Files.createTempDirectory("behaviour");
        ObjectNode loop = loop(work);
        loop.put("machine", Machine.describe());
        JSON.writeValue(dir.resolve("loop.json").toFile(), loop);
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("written", dir.toAbsolutePath().toString());
        System.out.println(done);
    }

    /** What the loop fixture's exact figures depend on: the CPU and libtorch's thread count. */
    static final class Machine {
        static String describe() throws IOException {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
            return cpu + "; threads " + System.getProperty("ai.djl.pytorch.num_threads", "default");
        }
    }
}
