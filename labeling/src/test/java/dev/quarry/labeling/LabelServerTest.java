package dev.quarry.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.experiment.ExperimentConfig;
import dev.quarry.engine.labels.Vote;
import dev.quarry.engine.loop.CheckpointStore;
import dev.quarry.engine.loop.RunState;
import dev.quarry.engine.progress.ProgressReporter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labeling server over real HTTP: the token, every refusal, the labeling flow through a whole
 * batch into the next round, two tabs on one item, Label Studio's ML-backend calls with bodies
 * written from its documented protocol, and seeded mutations of every body it reads.
 */
class LabelServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String JSON_CHARACTERS = "{}[]\":,0123456789-e.";

    @TempDir
    static Path dir;

    private static LabelServer server;

    /** A paused run with the files oracle: 300 items, initial 6, then 1 round of 4. */
    static Path newRun(Path runDirectory) throws IOException {
        Path configFile = Files.writeString(runDirectory.resolveSibling(runDirectory.getFileName() + ".yaml"),
                "dataset: {name: fashion-mnist-subset, poolSize: 300, testSize: 100}\nstrategy: margin\n"
                        + "initialLabeled: 6\nbudgetPerRound: 4\nrounds: 1\nseed: 5\ndevice: cpu\nmodel: {epochs: 1}\n"
                        + "oracle: files\n");
        ExperimentConfig config = ExperimentConfig.read(configFile);
        LabelingRuns.run(config, config.dataset().load(), runDirectory, ProgressReporter.SILENT);
        return runDirectory;
    }

    @BeforeAll
    static void start() throws IOException {
        server = LabelServer.start(LabelingSession.open(newRun(dir.resolve("run"))), LabelServer.loopback(), 0);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    static HttpResponse<String> send(LabelServer s, String method, String path, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(LabelServer s, String method, String path, String body)
            throws IOException, InterruptedException {
        return send(s, method, path, body, "Bearer " + s.token());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static Set<Long> pendingIds() throws Exception {
        Set<Long> ids = new HashSet<>();
        json(send(server, "GET", "/api/state", null)).path("pending").forEach(p -> ids.add(p.path("id").asLong()));
        return ids;
    }

    @Test
    void givenATakenPort_whenAnotherServerStarts_thenItIsRefusedSayingWhatToDo() throws Exception {
        Path second = newRun(dir.resolve("second"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LabelServer.start(
                LabelingSession.open(second), LabelServer.loopback(), server.address().getPort()));
        assertTrue(e.getMessage().contains("choose another --port"), e.getMessage());
        LabelingSession.open(second).close(); // the refused server released the run directory
    }

    @Test
    void givenNoOrAWrongToken_thenEveryPathIs401_andTheTokenWorksInEachDocumentedPlace() throws Exception {
        for (String path : List.of("/", "/api/state", "/api/items/0", "/health", "/nowhere")) {
            assertEquals(401, send(server, "GET", path, null, null).statusCode(), path);
            assertEquals(401, send(server, "GET", path, null, "Bearer wrong").statusCode(), path);
            assertEquals(401, send(server, "GET", path + "?token=wrong", null, null).statusCode(), path);
        }
        assertTrue(json(send(server, "GET", "/api/state", null, null)).path("error").asText().contains("token"));
        assertEquals(200, send(server, "GET", "/?token=" + server.token(), null, null).statusCode());
        assertEquals(200, send(server, "GET", "/api/state", null, "Bearer " + server.token()).statusCode());
        String basic = Base64.getEncoder().encodeToString(("label-studio:" + server.token()).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, send(server, "GET", "/health", null, "Basic " + basic).statusCode());
        assertTrue(server.pageUrl().toString().endsWith("/?token=" + server.token()));
    }

    @Test
    void givenTheDefaultBind_thenTheServerListensOnLoopbackOnly() {
        assertTrue(LabelServer.loopback().isLoopbackAddress());
        assertTrue(server.address().getAddress().isLoopbackAddress());
    }

    @Test
    void givenBadRequests_thenEachIsRefusedWithItsStatusAndReason() throws Exception {
        for (String path : List.of("/api/items/../../../etc/passwd", "/api/items/..%2F..%2Fetc%2Fpasswd",
                "/api/items/%2Fetc%2Fpasswd", "/api/items/999999", "/api/items/-1", "/../checkpoint.json")) {
            assertEquals(404, send(server, "GET", path, null).statusCode(), path);
        }
        HttpResponse<String> malformed = send(server, "POST", "/api/answer", "{\"item\": 1, \"label\": ");
        assertEquals(400, malformed.statusCode());
        assertTrue(json(malformed).path("error").asText().startsWith("The body is not valid JSON: "), malformed.body());
        long pending = json(send(server, "GET", "/api/state", null)).at("/pending/0/id").asLong();
        HttpResponse<String> unknownClass = send(server, "POST", "/api/answer",
                "{\"item\": " + pending + ", \"label\": \"Unicorn\", \"session\": \"t1\"}");
        assertEquals(400, unknownClass.statusCode());
        assertTrue(json(unknownClass).path("error").asText().contains("Unknown class 'Unicorn'"));
        HttpResponse<String> unknownItem = send(server, "POST", "/api/answer",
                "{\"item\": 123456, \"label\": \"Bag\", \"session\": \"t1\"}");
        assertEquals(400, unknownItem.statusCode());
        assertTrue(json(unknownItem).path("error").asText().contains("Unknown item 123456"), unknownItem.body());
        Set<Long> pendingNow = pendingIds();
        long notPending = LongStream.range(0, 300).filter(id -> !pendingNow.contains(id)).findFirst().orElseThrow();
        HttpResponse<String> stale = send(server, "POST", "/api/answer",
                "{\"item\": " + notPending + ", \"label\": \"Bag\", \"session\": \"t1\"}");
        assertEquals(409, stale.statusCode(), "an item of the pool that is not pending: the page shows an old batch");
        assertTrue(json(stale).path("error").asText().contains("not in the pending batch"), stale.body());
        HttpResponse<String> huge = send(server, "POST", "/api/answer", "{\"pad\": \""
                + "x".repeat(LabelServer.MAX_BODY) + "\"}");
        assertEquals(413, huge.statusCode());
        assertEquals(400, send(server, "POST", "/webhook", "{\"action\": \"ANNOTATION_CREATED\"}").statusCode());
        assertEquals(404, send(server, "DELETE", "/api/state", null).statusCode());
    }

    @Test
    void givenLabelStudiosDocumentedCalls_thenTheBackendAnswersAndRecordsAnnotations() throws Exception {
        JsonNode health = json(send(server, "GET", "/health", null));
        assertEquals("UP", health.path("status").asText());
        JsonNode setup = json(send(server, "POST", "/setup", "{\"project\": \"3.1717\", \"schema\": \"<View/>\", "
                + "\"hostname\": \"http://localhost:8080\", \"access_token\": \"x\", \"extra_params\": null}"));
        assertEquals("quarry-r1", setup.path("model_version").asText(), "the initial query's labels are round 1's");
        JsonNode state = json(send(server, "GET", "/api/state", null));
        long first = state.at("/pending/0/id").asLong();
        JsonNode predict = json(send(server, "POST", "/predict", "{\"tasks\": [{\"id\": 87, \"data\": {\"image\": "
                + "\"/data/local-files/?d=x.png\", \"item_id\": \"" + first + "\"}}, {\"id\": 88, \"data\": {\"item_id\": 7}}],"
                + " \"project\": \"3.1717\", \"label_config\": \"<View/>\", \"params\": {\"context\": null}}"));
        assertEquals(2, predict.path("results").size(), "one result per task, in order");
        assertEquals("quarry-r1", predict.at("/results/0/model_version").asText());
        assertEquals(0, predict.at("/results/0/result").size(), "the initial draw has no model prediction yet");

        String created = "{\"action\": \"ANNOTATION_CREATED\", \"annotation\": {\"id\": 22, \"completed_by\": 4, "
                + "\"result\": [{\"id\": \"p0\", \"from_name\": \"label\", \"to_name\": \"image\", \"type\": \"choices\", "
                + "\"value\": {\"choices\": [\"Bag\"]}}], \"was_cancelled\": false, \"ground_truth\": false, "
                + "\"created_at\": \"2026-12-01T10:00:00.000000Z\", \"updated_at\": \"2026-12-01T10:00:00.000000Z\", "
                + "\"lead_time\": 3.2, \"task\": 87}, \"task\": {\"id\": 87, \"data\": {\"item_id\": \"" + first + "\"}}, "
                + "\"project\": {\"id\": 3}}";
        HttpResponse<String> recorded = send(server, "POST", "/webhook", created);
        assertEquals(201, recorded.statusCode(), recorded.body());
        RunState after = new CheckpointStore(dir.resolve("run")).read().orElseThrow();
        Vote vote = after.votes().get(after.votes().size() - 1);
        assertEquals(first, vote.itemId());
        assertEquals(after.classes().indexOf("Bag"), vote.label());
        assertEquals("4", vote.annotator(), "named as an export names it, so an import of the export replaces it");

        int votes = after.votes().size();
        assertEquals(201, send(server, "POST", "/webhook", created.replace("\"was_cancelled\": false",
                "\"was_cancelled\": true")).statusCode());
        assertEquals("ignored", json(send(server, "POST", "/webhook", "{\"action\": \"ANNOTATION_DELETED\", "
                + "\"annotation\": {\"id\": 22}}")).path("status").asText());
        assertEquals(votes, new CheckpointStore(dir.resolve("run")).read().orElseThrow().votes().size(),
                "a cancelled annotation and a deletion record nothing");
        HttpResponse<String> unknownClass = send(server, "POST", "/webhook", created.replace("[\"Bag\"]", "[\"Unicorn\"]"));
        assertEquals(400, unknownClass.statusCode());
        assertTrue(unknownClass.body().contains("unknown class 'Unicorn'"), unknownClass.body());
    }

    @Test
    void givenSeededMutationsOfEveryBody_thenOnlyDocumentedRefusalsComeBackAndTheServerStaysUp() throws Exception {
        long first = json(send(server, "GET", "/api/state", null)).at("/pending/0/id").asLong();
        List<String[]> valid = List.of(
                new String[] {"/api/answer", "{\"item\": " + first + ", \"label\": \"Coat\", \"session\": \"fuzz\"}"},
                new String[] {"/api/undo", "{\"item\": " + first + ", \"session\": \"fuzz\"}"},
                new String[] {"/predict", "{\"tasks\": [{\"data\": {\"item_id\": " + first + "}}]}"},
                new String[] {"/setup", "{\"project\": \"1.2\"}"},
                new String[] {"/webhook", "{\"action\": \"ANNOTATION_UPDATED\", \"annotation\": {\"result\": [{\"from_name\":"
                        + " \"label\", \"type\": \"choices\", \"value\": {\"choices\": [\"Coat\"]}}], \"was_cancelled\": "
                        + "false}, \"task\": {\"data\": {\"item_id\": " + first + "}}}"});
        Random random = new Random(11);
        Set<Integer> documented = Set.of(200, 201, 400, 409, 413);
        for (int i = 0; i < 400; i++) {
            String[] base = valid.get(i % valid.size());
            byte[] body = base[1].getBytes(StandardCharsets.UTF_8);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(body.length);
                switch (random.nextInt(3)) {
                    case 0 -> body[at] = (byte) random.nextInt(256);
                    case 1 -> body = Arrays.copyOf(body, at);
                    default -> body[at] = (byte) JSON_CHARACTERS.charAt(random.nextInt(JSON_CHARACTERS.length()));
                }
                if (body.length == 0) {
                    break;
                }
            }
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + base[0]))
                    .header("Authorization", "Bearer " + server.token())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(documented.contains(response.statusCode()), base[0] + " <- " + new String(body,
                    StandardCharsets.UTF_8) + " -> " + response.statusCode() + " " + response.body());
            assertTrue(response.body().isEmpty() || json(response).isObject());
        }
        assertEquals(200, send(server, "GET", "/health", null).statusCode());
    }

    @Test
    void givenAWholeBatchAnsweredFromTwoTabs_thenBothAnswersAreKeptAndTheNextBatchFollowsTheRound() throws Exception {
        try (LabelServer own = LabelServer.start(LabelingSession.open(newRun(dir.resolve("flow"))), LabelServer.loopback(),
                0)) {
            JsonNode state = json(send(own, "GET", "/api/state", null));
            assertEquals(1, state.path("labelRound").asInt());
            assertEquals(6, state.path("total").asInt());
            List<String> classes = JSON.convertValue(state.path("classes"), JSON.getTypeFactory()
                    .constructCollectionType(List.class, String.class));
            long twice = state.at("/pending/0/id").asLong();
            assertEquals(200, send(own, "POST", "/api/answer", "{\"item\": " + twice + ", \"label\": \"Coat\", "
                    + "\"session\": \"tab-a\"}").statusCode());
            assertEquals(200, send(own, "POST", "/api/answer", "{\"item\": " + twice + ", \"label\": \"Bag\", "
                    + "\"session\": \"tab-b\"}").statusCode());
            JsonNode undone = json(send(own, "POST", "/api/undo", "{\"item\": " + twice + ", \"session\": \"tab-a\"}"));
            assertEquals("Bag", undone.at("/pending/0/answer").asText(), "tab a's answer withdrawn, tab b's kept");
            assertEquals(200, send(own, "POST", "/api/answer", "{\"item\": " + twice + ", \"label\": \"Coat\", "
                    + "\"session\": \"tab-a\"}").statusCode());
            for (int k = 1; k < 6; k++) {
                long id = state.at("/pending/" + k + "/id").asLong();
                HttpResponse<String> r = send(own, "POST", "/api/answer", "{\"item\": " + id + ", \"label\": \""
                        + classes.get(k % classes.size()) + "\", \"session\": \"tab-a\"}");
                assertEquals(200, r.statusCode(), r.body());
            }
            RunState answered = new CheckpointStore(dir.resolve("flow")).read().orElseThrow();
            assertEquals(7, answered.votes().size(), "both tabs' answers to one item are on record");
            HttpResponse<String> during = send(own, "POST", "/api/answer", "{\"item\": " + twice + ", \"label\": \"Bag\", "
                    + "\"session\": \"tab-b\"}");
            assertTrue(during.statusCode() == 409 || during.statusCode() == 400, during.body());
            long deadline = System.nanoTime() + 120_000_000_000L;
            JsonNode next;
            do {
                Thread.sleep(100);
                next = json(send(own, "GET", "/api/state", null));
            } while ((next.path("running").asBoolean() || next.path("labelRound").asInt() != 2)
                    && System.nanoTime() < deadline);
            assertEquals(2, next.path("labelRound").asInt(), next.toString());
            assertEquals(4, next.path("total").asInt());
            assertEquals(1, next.path("curve").size(), "round 1 is on the learning curve");
            assertTrue(next.at("/pending/0/predicted").isTextual() && next.at("/pending/0/score").isNumber());
            RunState after = new CheckpointStore(dir.resolve("flow")).read().orElseThrow();
            assertEquals(6, after.labeled().ids().length);
            assertEquals(classes.indexOf("Coat"), after.labeled().labels()[Arrays.stream(after.labeled().ids())
                    .boxed().toList().indexOf(twice)], "the 1-1 tie goes to the later answer (tab a's second)");
            assertFalse(next.path("complete").asBoolean());
        }
    }
}
