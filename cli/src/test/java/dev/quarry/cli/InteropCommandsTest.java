package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.data.ElementType;
import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.data.NpyReader;
import dev.quarry.engine.data.NpyWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InteropCommandsTest {

    @TempDir
    Path dir;

    /** Writes random MC probabilities (N, T, C) and the same values in BaaL's (N, C, T) order. */
    private Path[] writeProbabilities(int n, int t, int c) throws IOException {
        Random r = new Random(3);
        float[] ntc = new float[n * t * c];
        for (int row = 0; row < n * t; row++) {
            float sum = 0;
            for (int k = 0; k < c; k++) {
                ntc[row * c + k] = r.nextFloat();
                sum += ntc[row * c + k];
            }
            for (int k = 0; k < c; k++) {
                ntc[row * c + k] /= sum;
            }
        }
        float[] nct = new float[ntc.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                for (int k = 0; k < c; k++) {
                    nct[(i * c + k) * t + j] = ntc[(i * t + j) * c + k];
                }
            }
        }
        Path a = dir.resolve("ntc.npy");
        Path b = dir.resolve("nct.npy");
        NpyWriter.write(a, HostArray.ofFloats(ntc, n, t, c));
        NpyWriter.write(b, HostArray.ofFloats(nct, n, c, t));
        return new Path[] {a, b};
    }

    @Test
    void givenBaalsLayout_whenScored_thenTheScoresEqualQuarrysLayout() throws IOException {
        Path[] files = writeProbabilities(50, 8, 4);
        CliTest.Outcome a = CliTest.quarry("score", "--strategy", "bald", "--probs", files[0].toString(), "--out",
                dir.resolve("a.npy").toString(), "--device", "cpu");
        CliTest.Outcome b = CliTest.quarry("score", "--strategy", "bald", "--probs", files[1].toString(), "--layout", "NCT",
                "--out", dir.resolve("b.npy").toString(), "--repeats", "3");
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        HostArray scores = NpyReader.read(dir.resolve("a.npy"));
        assertEquals(ElementType.FLOAT32, scores.type());
        assertArrayEquals(new long[] {50}, scores.shape());
        assertArrayEquals(scores.toFloatArray(), NpyReader.read(dir.resolve("b.npy")).toFloatArray());
        assertTrue(Pattern.compile("(?m)^median_seconds=\\d+\\.\\d{6}$").matcher(b.out()).find(), b.out());
    }

    @Test
    void givenASelect_thenRowIndicesInPickOrderAndTheSeedFixesStochasticOnes() throws IOException {
        Path[] files = writeProbabilities(40, 6, 3);
        CliTest.Outcome top = CliTest.quarry("select", "--strategy", "bald", "--probs", files[0].toString(), "--budget", "5",
                "--out", dir.resolve("top.npy").toString());
        assertEquals(0, top.code(), top.err());
        long[] picks = NpyReader.read(dir.resolve("top.npy")).toLongArray();
        assertEquals(5, Arrays.stream(picks).distinct().count());
        assertTrue(Arrays.stream(picks).allMatch(i -> i >= 0 && i < 40));
        // The picks are the five highest scores, best first.
        CliTest.quarry("score", "--strategy", "bald", "--probs", files[0].toString(), "--out", dir.resolve("s.npy").toString());
        float[] scores = NpyReader.read(dir.resolve("s.npy")).toFloatArray();
        for (int i = 1; i < picks.length; i++) {
            assertTrue(scores[(int) picks[i - 1]] >= scores[(int) picks[i]]);
        }
        for (String seed : new String[] {"4", "4"}) {
            CliTest.quarry("select", "--strategy", "power-bald", "--probs", files[0].toString(), "--budget", "5", "--seed",
                    seed, "--out", dir.resolve("p" + seed + ".npy").toString());
        }
        CliTest.Outcome batch = CliTest.quarry("select", "--strategy", "batch-bald", "--option", "mcSamples=6", "--probs",
                files[1].toString(), "--layout", "nct", "--budget", "4", "--out", dir.resolve("bb.npy").toString());
        assertEquals(0, batch.code(), batch.err());
        assertEquals(4, NpyReader.read(dir.resolve("bb.npy")).toLongArray().length);
    }

    @Test
    void givenBadProbabilityFiles_thenExitTwoNamingTheFileAndTheProblem() throws IOException {
        Path rank1 = dir.resolve("rank1.npy");
        NpyWriter.write(rank1, HostArray.ofFloats(new float[] {0.5f, 0.5f}, 2));
        assertBad(rank1, "probabilities have shape (2); expected (N, C) or (N, T, C)", "bald", "1");

        Path logits = dir.resolve("logits.npy");
        NpyWriter.write(logits, HostArray.ofFloats(new float[] {2.5f, -1f, 0.3f, 0.1f}, 2, 2));
        assertBad(logits, "values are negative; pass probabilities (softmax outputs), not logits", "margin", "1");

        Path unnormalized = dir.resolve("half.npy");
        NpyWriter.write(unnormalized, HostArray.ofFloats(new float[] {0.25f, 0.25f, 0.6f, 0.4f}, 2, 2));
        assertBad(unnormalized, "1 of 2 distributions do not sum to 1 (first: row 0, sum 0.5)", "margin", "1");

        Path nan = dir.resolve("nan.npy");
        NpyWriter.write(nan, HostArray.ofFloats(new float[] {0.5f, 0.5f, Float.NaN, 1f, 0.2f, 0.8f}, 3, 2));
        assertBad(nan, "1 of 3 rows of probabilities contain NaN or infinite values (first at row 1)", "margin", "1");

        Path ok = dir.resolve("ok.npy");
        NpyWriter.write(ok, HostArray.ofFloats(new float[] {0.5f, 0.5f, 0.2f, 0.8f}, 2, 2));
        assertBad(ok, "Budget 3 for strategy 'margin' is larger than the 2 unlabeled items", "margin", "3");
        assertBad(ok, "'bald' needs MC-dropout probabilities (N, T, C) (the probabilities given have shape (2, 2)), which were not given", "bald", "1");

        Path[] files = writeProbabilities(4, 3, 5);
        assertBad(files[0], "do not sum to 1", "bald", "1", "--layout", "NCT");
        CliTest.Outcome missing = CliTest.quarry("score", "--strategy", "bald", "--probs", dir.resolve("absent.npy").toString(),
                "--out", dir.resolve("x.npy").toString());
        assertEquals(QuarryCommand.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("NPY file not found"), missing.err());
    }

    private void assertBad(Path probabilities, String expected, String strategy, String budget, String... more) {
        String[] args = {"select", "--strategy", strategy, "--probs", probabilities.toString(), "--budget", budget, "--out",
            dir.resolve("out.npy").toString()};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        CliTest.Outcome o = CliTest.quarry(all);
        assertEquals(QuarryCommand.BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().contains(expected), "expected '" + expected + "' in " + o.err());
    }

    @Test
    void givenEmbeddingsAndLabeledRows_whenKCenterSelects_thenTheObviousFarthestRows() throws IOException {
        Path emb = dir.resolve("emb.npy");
        NpyWriter.write(emb, HostArray.ofFloats(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10, 1));
        Path labeled = dir.resolve("labeled.npy");
        NpyWriter.write(labeled, HostArray.ofLongs(new long[] {0}, 1));
        CliTest.Outcome o = CliTest.quarry("select", "--strategy", "kcenter", "--embeddings", emb.toString(), "--labeled",
                labeled.toString(), "--budget", "3", "--out", dir.resolve("k.npy").toString(), "--repeats", "2");
        assertEquals(0, o.code(), o.err());
        assertArrayEquals(new long[] {9, 4, 2}, NpyReader.read(dir.resolve("k.npy")).toLongArray());
        assertTrue(o.out().contains("(1 labeled)") && o.out().contains("median_seconds="), o.out());

        Path[] probs = writeProbabilities(10, 1, 3);
        Path flat = dir.resolve("flat.npy");
        NpyWriter.write(flat, HostArray.ofFloats(NpyReader.read(probs[0]).toFloatArray(), 10, 3));
        CliTest.Outcome badge = CliTest.quarry("select", "--strategy", "badge", "--embeddings", emb.toString(), "--probs",
                flat.toString(), "--labeled", labeled.toString(), "--budget", "4", "--seed", "3", "--out",
                dir.resolve("b.npy").toString());
        assertEquals(0, badge.code(), badge.err());
        long[] picks = NpyReader.read(dir.resolve("b.npy")).toLongArray();
        assertEquals(4, Arrays.stream(picks).distinct().count());
        assertTrue(Arrays.stream(picks).noneMatch(id -> id == 0), "labeled rows are never selected");
    }

    @Test
    void givenBadEmbeddingInputs_thenExitTwoWithTheProblem() throws IOException {
        Path emb = dir.resolve("emb.npy");
        NpyWriter.write(emb, HostArray.ofFloats(new float[] {0, 1, 2, 3, 4, 5}, 3, 2));
        Path outOfRange = dir.resolve("far.npy");
        NpyWriter.write(outOfRange, HostArray.ofLongs(new long[] {5}, 1));
        assertSelectFails("Labeled id 5 is outside the 3 rows", "kcenter", "--embeddings", emb.toString(), "--labeled",
                outOfRange.toString());
        Path twice = dir.resolve("twice.npy");
        NpyWriter.write(twice, HostArray.ofInts(new int[] {1, 1}, 2));
        assertSelectFails("Labeled id 1 appears twice", "kcenter", "--embeddings", emb.toString(), "--labeled", twice.toString());
        Path probs = dir.resolve("p.npy");
        NpyWriter.write(probs, HostArray.ofFloats(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, 2, 2));
        assertSelectFails("Embeddings have 3 rows but the other inputs have 2", "badge", "--embeddings", emb.toString(),
                "--probs", probs.toString());
        Path nan = dir.resolve("nan.npy");
        NpyWriter.write(nan, HostArray.ofFloats(new float[] {0, 1, Float.NaN, 3, 4, 5}, 3, 2));
        assertSelectFails(nan + ": 1 of 3 rows of embeddings contain NaN", "kcenter", "--embeddings", nan.toString());
        assertSelectFails("Option delta -0.5 must be in (0, 2]", "probcover", "--option", "delta=-0.5", "--embeddings",
                emb.toString());
        assertSelectFails("Give --probs, --embeddings or both", "kcenter");
    }

    private void assertSelectFails(String expected, String strategy, String... inputs) {
        String[] args = {"select", "--strategy", strategy, "--budget", "1", "--out", dir.resolve("x.npy").toString()};
        String[] all = Arrays.copyOf(args, args.length + inputs.length);
        System.arraycopy(inputs, 0, all, args.length, inputs.length);
        CliTest.Outcome o = CliTest.quarry(all);
        assertEquals(QuarryCommand.BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().contains(expected), "expected '" + expected + "' in " + o.err());
    }
}
