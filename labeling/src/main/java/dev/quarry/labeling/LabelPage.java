package dev.quarry.labeling;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.labels.Vote;
import dev.quarry.engine.loop.RoundRecord;
import dev.quarry.engine.loop.RunState;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * The labeling page and the calls it makes: the pending batch with each item's image, the model's
 * prediction and score; one answer or undo at a time; the running round's progress and the
 * learning curve so far. Items are shown as their files (TIFF converted to PNG, which browsers do
 * not all show) or rendered ({@link ItemRenderer}) when they are not files.
 */
final class LabelPage {

    /** Where item images are served: {@code /api/items/<id>}. */
    static final String ITEMS = "/api/items/";
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Map<String, String> BROWSER_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg",
            "image/jpeg", "gif", "image/gif", "bmp", "image/bmp");

    private final LabelingSession session;
    private final byte[] html;

    LabelPage(LabelingSession session) throws IOException {
        this.session = session;
        try (InputStream in = LabelPage.class.getResourceAsStream("page.html")) {
            if (in == null) {
                throw new IOException("The labeling page is missing from quarry-labeling's jar; rebuild it.");
            }
            html = in.readAllBytes();
        }
    }

    void index(HttpExchange exchange) throws IOException {
        LabelServer.send(exchange, 200, "text/html; charset=utf-8", html);
    }

    void state(HttpExchange exchange) throws IOException {
        LabelServer.sendJson(exchange, 200, describe(session.state().orElse(null)));
    }

    void answer(HttpExchange exchange) throws IOException, LabelServer.HttpError {
        JsonNode body = LabelServer.jsonBody(exchange);
        long item = itemOf(body);
        String annotator = annotatorOf(body);
        JsonNode label = body.get("label");
        if (label == null || !label.isTextual()) {
            throw new LabelServer.HttpError(400, "The answer needs \"label\": a class name, one of " + session.classes() + ".");
        }
        int c = session.classes().indexOf(label.asText());
        if (c < 0) {
            throw new LabelServer.HttpError(400, "Unknown class '" + label.asText() + "'; classes: " + session.classes() + ".");
        }
        RunState state = session.record(List.of(new Vote(item, c, false, System.currentTimeMillis(), annotator)));
        LabelServer.sendJson(exchange, 200, describe(state));
    }

    void retry(HttpExchange exchange) throws IOException, LabelServer.HttpError {
        LabelServer.jsonBody(exchange);
        session.retry();
        LabelServer.sendJson(exchange, 200, describe(session.state().orElse(null)));
    }

    void undo(HttpExchange exchange) throws IOException, LabelServer.HttpError {
        JsonNode body = LabelServer.jsonBody(exchange);
        RunState state = session.withdraw(itemOf(body), annotatorOf(body));
        LabelServer.sendJson(exchange, 200, describe(state));
    }

    void item(HttpExchange exchange) throws IOException, LabelServer.HttpError {
        String id = exchange.getRequestURI().getRawPath().substring(ITEMS.length());
        ArrayDataset pool = session.data().pool();
        OptionalLong parsed = ItemIds.parse(id);
        if (parsed.isEmpty() || parsed.getAsLong() >= pool.size()) {
            throw new LabelServer.HttpError(404, "No item '" + id + "' in the pool (ids 0.." + (pool.size() - 1) + ").");
        }
        long item = parsed.getAsLong();
        Optional<Path> file = pool.itemFile(item);
        if (file.isEmpty()) {
            try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
                LabelServer.sendImage(exchange, "image/png", ItemRenderer.png(pool, item, manager));
            }
            return;
        }
        String name = file.get().getFileName().toString();
        String type = BROWSER_TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        if (type != null) {
            LabelServer.sendImage(exchange, type, Files.readAllBytes(file.get()));
            return;
        }
        // TIFF, which browsers do not all show: re-encoded as PNG, through the decoder's checks.
        ImageDecoder.Rgb pixels = ImageDecoder.decodeRgb(file.get(), null);
        BufferedImage image = new BufferedImage(pixels.width(), pixels.height(), BufferedImage.TYPE_INT_RGB);
        int plane = pixels.width() * pixels.height();
        byte[] rgb = pixels.rgb();
        for (int i = 0; i < plane; i++) {
            image.setRGB(i % pixels.width(), i / pixels.width(),
                    (rgb[i] & 0xff) << 16 | (rgb[plane + i] & 0xff) << 8 | rgb[2 * plane + i] & 0xff);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        LabelServer.sendImage(exchange, "image/png", png.toByteArray());
    }

    private static long itemOf(JsonNode body) throws LabelServer.HttpError {
        JsonNode item = body.get("item");
        if (item == null || !item.canConvertToExactIntegral() || item.asLong() < 0) {
            throw new LabelServer.HttpError(400, "The request needs \"item\": an item id (a whole number >= 0).");
        }
        return item.asLong();
    }

    private static String annotatorOf(JsonNode body) throws LabelServer.HttpError {
        String tab = body.path("session").asText("");
        if (!SESSION.matcher(tab).matches()) {
            throw new LabelServer.HttpError(400, "The request needs \"session\": the page's tab id (1-64 letters, digits, "
                    + "- or _).");
        }
        return "page:" + tab;
    }

    /** The page's view of the run. */
    private ObjectNode describe(RunState state) throws IOException {
        ObjectNode out = LabelServer.object();
        out.put("run", session.runDirectory().toAbsolutePath().normalize().getFileName().toString());
        out.put("strategy", session.config().strategy());
        out.put("lastRound", session.config().rounds() + 1);
        session.classes().forEach(out.putArray("classes")::add);
        out.put("running", session.roundRunning());
        out.put("step", session.roundStep());
        out.put("error", session.roundError());
        ArrayNode pending = out.putArray("pending");
        ArrayNode curve = out.putArray("curve");
        if (state == null) {
            out.put("labeled", 0);
            out.put("complete", false);
            return out;
        }
        out.put("labeled", state.labeled().ids().length);
        out.put("complete", state.pending() == null && state.rounds().size() > session.config().rounds());
        for (RoundRecord r : state.rounds()) {
            ObjectNode point = curve.addObject().put("round", r.round()).put("labeled", r.labeled());
            r.test().ifPresent(m -> point.put("accuracy", m.accuracy()));
            point.put("loss", r.trainLoss());
        }
        if (state.pending() == null) {
            return out;
        }
        out.put("labelRound", state.pending().labelRound());
        Map<Long, LabelingSession.QueryItem> query = session.query(state.pending().labelRound());
        Map<Long, Integer> answered = state.answeredPending();
        List<Long> ids = Arrays.stream(state.pending().ids()).boxed()
                .sorted(Comparator.comparingInt(id -> query.containsKey(id) ? query.get(id).rank() : Integer.MAX_VALUE))
                .toList();
        for (long id : ids) {
            ObjectNode item = pending.addObject().put("id", id);
            LabelingSession.QueryItem q = query.get(id);
            if (q != null && q.score() != null) {
                item.put("score", q.score());
            }
            if (q != null && q.predicted() != null) {
                item.put("predicted", q.predicted()).put("probability", q.probability());
            }
            if (answered.containsKey(id)) {
                item.put("answer", session.classes().get(answered.get(id)));
            }
        }
        out.put("answered", answered.size());
        out.put("total", ids.size());
        return out;
    }
}
