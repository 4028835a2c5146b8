package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine reshape kept every strategy's results: this replays the fixtures {@link
 * BehaviourFixtures} wrote with the code before the reshape (commit 4217a5b; the stochastic power,
 * softmax and softrank selections re-recorded when their Gumbel noise became a function of the round
 * and the item's id, and the loop's MC-dropout cases with per-item masks when each item's masks
 * became a function of the seed and its id, so that a Spark cluster draws what one process draws)
 * and compares, id for
 * id, with what the code does now. Offline selections and scores run everywhere; the loop's exact
 * figures depend on libtorch's kernels on the CPU that trains, so they are compared on a machine of
 * the kind that recorded them (the fixture names it) and skipped elsewhere.
 */
class BehaviourPreservedTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = BehaviourPreservedTest.class.getResourceAsStream("/behaviour/" + name)) {
            return JSON.readTree(in);
        }
    }

    private static Map<String, JsonNode> byCase(JsonNode array) {
        Map<String, JsonNode> out = new HashMap<>();
        array.forEach(n -> out.put(n.get("case").asText(), n));
        return out;
    }

    private static long[] ids(JsonNode node) {
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asLong();
        }
        return out;
    }

    private static float[] floats(JsonNode node) {
        float[] out = new float[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) node.get(i).asDouble();
        }
        return out;
    }

    @Test
    void givenTheFixedOfflineInputs_whenEveryStrategySelectsAndScores_thenTheResultsAreThoseBeforeTheReshape()
            throws IOException {
        ObjectNode now = BehaviourFixtures.offline();
        JsonNode before = fixture("offline.json");
        // Every case recorded before; strategies registered since (a test's own) may add more.
        compare(byCase(before.get("selections")), byCase(now.get("selections")), "selection");
        // Every strategy that had scores has the same; cluster-margin and hybrid now report their scorer's too.
        compare(byCase(before.get("scores")), byCase(now.get("scores")), "scores");
    }

    @Test
    @Tag("slow")
    void givenTwoLoopRoundsOnImagesAndFootprints_thenEveryStrategySelectsWhatItDidBeforeTheReshape() throws IOException {
        JsonNode before = fixture("loop.json");
        assumeTrue(BehaviourFixtures.Machine.describe().equals(before.get("machine").asText()),
                "the loop fixture was recorded on " + before.get("machine").asText() + "; libtorch's CPU kernels differ "
                        + "in the last bits on " + BehaviourFixtures.Machine.describe());
        Map<String, JsonNode> was = byCase(before.get("runs"));
        Map<String, JsonNode> is = byCase(BehaviourFixtures.loop(dir).get("runs"));
        assertTrue(is.keySet().containsAll(was.keySet()), "every case recorded before runs now");
        List<String> differences = new ArrayList<>();
        for (String c : was.keySet()) {
            JsonNode a = was.get(c).get("rounds");
            JsonNode b = is.get(c).get("rounds");
            for (int r = 0; r < a.size(); r++) {
                if (!Arrays.equals(ids(a.get(r).get("ids")), ids(b.get(r).get("ids")))
                        || a.get(r).get("accuracy").asDouble() != b.get(r).get("accuracy").asDouble()) {
                    differences.add(c + " round " + (r + 1) + ": " + a.get(r).get("ids") + " -> " + b.get(r).get("ids"));
                }
            }
        }
        assertEquals(List.of(), differences);
    }

    private static void compare(Map<String, JsonNode> before, Map<String, JsonNode> now, String what) {
        for (String c : before.keySet()) {
            assertTrue(now.containsKey(c), c + " is missing");
            assertArrayEquals(ids(before.get(c).get("ids")), ids(now.get(c).get("ids")), c + ": " + what + " ids");
            float[] expected = floats(before.get(c).get("scores"));
            float[] actual = floats(now.get(c).get("scores"));
            assertEquals(expected.length, actual.length, c + ": " + what + " score count");
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), c + ": " + what + " score " + i);
            }
        }
    }
}
