package dev.quarry.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import dev.quarry.engine.labels.Vote;
import dev.quarry.engine.loop.RunState;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Label Studio's ML-backend protocol (see {@code specs/label-studio.md}, section 6), so that Label
 * Studio can be the labeling front end of a run:
 *
 * <ul>
 *   <li>{@code GET /health}: {@code {"status": "UP", "model_class": "Quarry"}};
 *   <li>{@code POST /setup}: {@code {"model_version": "quarry-r<round>"}}, the round of the pending query;
 *   <li>{@code POST /predict}: one result per task, in order, joined on {@code data.item_id}: the
 *       model's class as a choice, and as {@code score} the item's acquisition score, so that Label
 *       Studio's Data Manager can sort the batch by it; tasks Quarry has not queried get an empty
 *       result;
 *   <li>{@code POST /webhook}: {@code ANNOTATION_CREATED} and {@code ANNOTATION_UPDATED} record the
 *       annotation as a vote (when the batch is then complete, the next round starts); cancelled
 *       annotations, {@code ANNOTATION_DELETED} and other actions are acknowledged and change nothing.
 * </ul>
 */
final class LabelStudioBackend {

    private final LabelingSession session;
    private final String fromName;

    LabelStudioBackend(LabelingSession session, String fromName) {
        this.session = session;
        this.fromName = fromName;
    }

    void health(HttpExchange exchange) throws IOException {
        LabelServer.sendJson(exchange, 200, LabelServer.object().put("status", "UP").put("model_class", "Quarry"));
    }

    void setup(HttpExchange exchange) throws IOException, LabelServer.HttpError {
        LabelServer.jsonBody(exchange);
        LabelServer.sendJson(exchange, 200, LabelServer.object().put("model_version", modelVersion()));
    }

    void predict(HttpExchange exchange) throws IOException, LabelServer.HttpError {
        JsonNode body = LabelServer.jsonBody(exchange);
        JsonNode tasks = body.get("tasks");
        if (tasks == null || !tasks.isArray()) {
            throw new LabelServer.HttpError(400, "The body needs \"tasks\": an array of Label Studio tasks.");
        }
        Map<Long, LabelingSession.QueryItem> query = currentQuery();
        String version = modelVersion();
        ObjectNode out = LabelServer.object();
        ArrayNode results = out.putArray("results");
        for (int t = 0; t < tasks.size(); t++) {
            long id = itemId(tasks.get(t), "task " + (t + 1));
            LabelingSession.QueryItem q = query.get(id);
            ObjectNode prediction = results.addObject().put("model_version", version);
            ArrayNode result = prediction.putArray("result");
            if (q == null || q.predicted() == null) {
                continue;
            }
            prediction.put("score", q.score() != null ? q.score() : q.probability());
            ObjectNode choice = result.addObject().put("id", "p0").put("from_name", fromName)
                    .put("to_name", QueryExport.TO_NAME).put("type", "choices");
            choice.putObject("value").putArray("choices").add(q.predicted());
        }
        LabelServer.sendJson(exchange, 200, out);
    }

    void webhook(HttpExchange exchange) throws IOException, LabelServer.HttpError {
        JsonNode body = LabelServer.jsonBody(exchange);
        String action = body.path("action").asText("");
        if (!action.equals("ANNOTATION_CREATED") && !action.equals("ANNOTATION_UPDATED")) {
            LabelServer.sendJson(exchange, 200, LabelServer.object().put("status", "ignored")
                    .put("reason", "Quarry records annotations as they are created or updated; '" + action
                            + "' changes nothing."));
            return;
        }
        JsonNode annotation = body.get("annotation");
        JsonNode task = body.get("task");
        if (annotation == null || !annotation.isObject() || task == null || !task.isObject()) {
            throw new LabelServer.HttpError(400, "An " + action + " event needs \"annotation\" and \"task\" objects.");
        }
        long id = itemId(task, "the task");
        if (id >= session.data().pool().size()) {
            throw new LabelServer.HttpError(400, "Unknown item " + id + ": the pool has ids 0.."
                    + (session.data().pool().size() - 1) + ".");
        }
        ObjectNode withAnnotation = task.deepCopy();
        withAnnotation.putArray("annotations").add(annotation);
        List<Answer> answers = LabelFileReader.readTask(withAnnotation, "webhook " + action, fromName);
        RunState state = session.state().orElse(null);
        Set<String> pending = new HashSet<>();
        if (state != null && state.pending() != null) {
            for (long p : state.pending().ids()) {
                pending.add(Long.toString(p));
            }
        }
        if (!pending.contains(Long.toString(id))) {
            LabelServer.sendJson(exchange, 200, LabelServer.object().put("status", "ignored")
                    .put("reason", "Item " + id + " is not in the pending batch."));
            return;
        }
        // Annotators are named as in an export (completed_by), so that an export imported later
        // replaces these votes instead of counting them again.
        List<Vote> votes = LabelVotes.resolve("webhook " + action, answers, pending, session.classes(), false,
                System.currentTimeMillis()).votes();
        if (!votes.isEmpty()) {
            session.record(votes);
        }
        LabelServer.sendJson(exchange, 201, LabelServer.object().put("status", "ok").put("votes", votes.size()));
    }

    private Map<Long, LabelingSession.QueryItem> currentQuery() throws IOException {
        RunState state = session.state().orElse(null);
        return state == null || state.pending() == null ? Map.of() : session.query(state.pending().labelRound());
    }

    private String modelVersion() throws IOException {
        RunState state = session.state().orElse(null);
        return QueryExport.modelVersion(state == null || state.pending() == null ? 0 : state.pending().labelRound());
    }

    private static long itemId(JsonNode task, String where) throws LabelServer.HttpError {
        JsonNode id = task.path("data").path("item_id");
        OptionalLong parsed = ItemIds.parse(id.isNumber() || id.isTextual() ? id.asText() : null);
        if (parsed.isEmpty()) {
            throw new LabelServer.HttpError(400, where + " has no data.item_id with a Quarry item id; import the tasks "
                    + "from Quarry's tasks.json.");
        }
        return parsed.getAsLong();
    }
}
