package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.quarry.engine.labels.Vote;
import dev.quarry.engine.loop.CheckpointStore;
import dev.quarry.engine.loop.RunState;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code quarry label serve} process with SIGKILL while answers are arriving, and
 * checks that every answer it acknowledged is in the checkpoint and on the page of a new server.
 */
@Tag("slow")
class LabelServeKillTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** A server process and the page URL it printed. */
    private record Server(Process process, URI page) {

        String base() {
            return page.getScheme() + "://" + page.getAuthority();
        }

        String token() {
            return page.getQuery().substring("token=".length());
        }
    }

    private Server serve(Path run) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.pytorch.num_threads=1",
                QuarryCommand.class.getName(), "label", "serve", run.toString(), "--port", "0"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("Labeling page: ")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return new Server(process, URI.create(line.substring("Labeling page: ".length()).trim()));
            }
        }
        throw new AssertionError("the server ended without printing its URL:\n" + seen);
    }

    private static HttpResponse<String> post(Server server, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Authorization", "Bearer " + server.token())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode state(Server server) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/state"))
                .header("Authorization", "Bearer " + server.token()).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void givenTheServerKilledMidBatch_whenServedAgain_thenEveryAcknowledgedAnswerIsThere() throws Exception {
        Path run = dir.resolve("run");
        CliTest.Outcome paused = CliTest.quarry(CliTest.concat("run", CliTest.tiny(run, "--oracle", "files")));
        assertEquals(0, paused.code(), paused.err());
        assertTrue(paused.out().contains("Waiting for 20 labels for round 1"), paused.out());

        Server first = serve(run);
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        try {
            Path answers = Files.writeString(dir.resolve("answers.csv"), "item_id,label\n");
            CliTest.Outcome meanwhile = CliTest.quarry("label", "import", run.toString(), answers.toString());
            assertEquals(2, meanwhile.code(), "one writer per run directory");
            assertTrue(meanwhile.err().contains("Another Quarry process is using the run directory"), meanwhile.err());
            JsonNode state = state(first);
            List<String> classes = new ArrayList<>();
            state.path("classes").forEach(c -> classes.add(c.asText()));
            List<Long> items = new ArrayList<>();
            state.path("pending").forEach(p -> items.add(p.path("id").asLong()));
            assertEquals(20, items.size());
            Thread answering = new Thread(() -> {
                for (int k = 0; k < items.size(); k++) {
                    String label = classes.get(k % classes.size());
                    try {
                        HttpResponse<String> r = post(first, "/api/answer", "{\"item\": " + items.get(k) + ", \"label\": \""
                                + label + "\", \"session\": \"kill-test\"}");
                        if (r.statusCode() == 200) {
                            acknowledged.put(items.get(k), label);
                        }
                    } catch (Exception e) {
                        return; // the server is gone
                    }
                }
            });
            answering.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            first.process().destroyForcibly(); // SIGKILL, with answers in flight
            first.process().waitFor(30, TimeUnit.SECONDS);
            answering.join(30_000);
        } finally {
            first.process().destroyForcibly();
        }
        assertTrue(acknowledged.size() >= 6 && acknowledged.size() < 20, "killed mid-batch after "
                + acknowledged.size() + " acknowledged answers");

        RunState saved = new CheckpointStore(run).read().orElseThrow();
        Map<Long, String> inCheckpoint = saved.votes().stream().collect(Collectors.toMap(Vote::itemId,
                v -> saved.classes().get(v.label()), (a, b) -> b));
        acknowledged.forEach((item, label) -> assertEquals(label, inCheckpoint.get(item), "acknowledged item " + item));

        Server second = serve(run);
        try {
            JsonNode after = state(second);
            assertFalse(after.path("running").asBoolean());
            Map<Long, String> onPage = new HashMap<>();
            after.path("pending").forEach(p -> {
                if (p.has("answer")) {
                    onPage.put(p.path("id").asLong(), p.path("answer").asText());
                }
            });
            acknowledged.forEach((item, label) -> assertEquals(label, onPage.get(item), "on the new page: item " + item));
        } finally {
            second.process().destroy();
            second.process().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
