package dev.quarry.labeling;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.errors.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code quarry label serve}: an HTTP server inside the JVM (the JDK's {@code HttpServer}) for a
 * {@link LabelingSession}: the labeling page ({@link LabelPage}) and Label Studio's ML-backend
 * protocol ({@link LabelStudioBackend}).
 *
 * <p>Bound to loopback unless told otherwise. Every request needs the access token generated at
 * start (printed in the page's URL): as {@code ?token=}, as {@code Authorization: Bearer}, or as
 * the password of {@code Authorization: Basic} (what Label Studio sends to an ML backend with basic
 * auth); without it, 401. Bodies over {@value #MAX_BODY} bytes get 413, malformed JSON 400 with the
 * parser's reason, unknown paths 404.
 */
public final class LabelServer implements AutoCloseable {

    /** The largest request body accepted. */
    public static final int MAX_BODY = 2 * 1024 * 1024;

    static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK's server writes headers and body separately; with Nagle's algorithm on, each small
        // response then waits for the client's delayed ACK (about 40 ms). Read once, at its first use.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final String token;
    private final LabelingSession session;

    /** A request that cannot be served: its status and the reason, sent as {@code {"error": ...}}. */
    static final class HttpError extends Exception {

        private static final long serialVersionUID = 1L;
        private final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** One route's work. */
    @FunctionalInterface
    interface Route {
        void handle(HttpExchange exchange) throws IOException, HttpError;
    }

    private LabelServer(LabelingSession session, InetSocketAddress address, String fromName) throws IOException {
        this.session = session;
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        this.server = HttpServer.create(address, 0);
        this.threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "quarry-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        LabelPage page = new LabelPage(session);
        LabelStudioBackend backend = new LabelStudioBackend(session, fromName);
        Map<String, Route> routes = new HashMap<>();
        routes.put("GET /", page::index);
        routes.put("GET /api/state", page::state);
        routes.put("POST /api/answer", page::answer);
        routes.put("POST /api/undo", page::undo);
        routes.put("POST /api/retry", page::retry);
        routes.put("GET /health", backend::health);
        routes.put("POST /setup", backend::setup);
        routes.put("POST /predict", backend::predict);
        routes.put("POST /webhook", backend::webhook);
        server.createContext("/", exchange -> dispatch(exchange, routes, page));
    }

    /**
     * Starts a server.
     *
     * @param session the run being labeled (closed with the server, or here if the server cannot start)
     * @param bind the address to listen on (loopback unless a person chose otherwise)
     * @param port the port, 0 for any free one
     * @param fromName the Choices control's name in Label Studio's annotations
     * @return the running server
     * @throws InvalidInputException if the port is taken or the address is not this machine's
     * @throws IOException if the server cannot start otherwise
     */
    public static LabelServer start(LabelingSession session, InetAddress bind, int port, String fromName)
            throws IOException {
        try {
            LabelServer s = new LabelServer(session, new InetSocketAddress(bind, port), fromName);
            s.server.start();
            return s;
        } catch (BindException e) {
            session.close();
            throw new InvalidInputException("Cannot listen on " + bind.getHostAddress() + ":" + port + " (" + e.getMessage()
                    + "); choose another --port (0 = any free one), or a --bind address of this machine.");
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * Starts a server for annotations whose class is under Label Studio's default control name.
     *
     * @param session the run being labeled
     * @param bind the address to listen on
     * @param port the port, 0 for any free one
     * @return the running server
     * @throws IOException if it cannot start
     */
    public static LabelServer start(LabelingSession session, InetAddress bind, int port) throws IOException {
        return start(session, bind, port, LabelFileReader.DEFAULT_FROM_NAME);
    }

    /** @return the loopback address, the default bind */
    public static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    /** @return the page's URL, with the token */
    public URI pageUrl() {
        return URI.create(baseUrl() + "/?token=" + token);
    }

    /** @return the server's root, for Label Studio's "ML backend URL" (with the token as basic-auth password) */
    public String baseUrl() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** @return the access token */
    public String token() {
        return token;
    }

    /** @return the address the server listens on */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops the server and closes its session. */
    @Override
    public void close() throws IOException {
        server.stop(0);
        threads.shutdownNow();
        session.close();
    }

    private void dispatch(HttpExchange exchange, Map<String, Route> routes, LabelPage page) throws IOException {
        try (exchange) {
            try {
                if (!authorized(exchange)) {
                    throw new HttpError(401, "A valid access token is required: open the URL `quarry label serve` printed "
                            + "(it ends in ?token=...), or send it as a Bearer token or a basic-auth password.");
                }
                String path = exchange.getRequestURI().getRawPath();
                Route route = routes.get(exchange.getRequestMethod() + " " + path);
                if (route == null && "GET".equals(exchange.getRequestMethod()) && path.startsWith(LabelPage.ITEMS)) {
                    route = page::item;
                }
                if (route == null) {
                    throw new HttpError(404, "No such page: " + exchange.getRequestMethod() + " " + path + ".");
                }
                route.handle(exchange);
            } catch (LabelingSession.ConflictException e) {
                sendJson(exchange, 409, JSON.createObjectNode().put("error", e.getMessage()));
            } catch (HttpError e) {
                sendJson(exchange, e.status(), JSON.createObjectNode().put("error", e.getMessage()));
            } catch (InvalidInputException | DataFormatException e) {
                sendJson(exchange, 400, JSON.createObjectNode().put("error", e.getMessage()));
            } catch (IOException | RuntimeException e) {
                System.err.println("quarry: the labeling server failed on " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getRawPath() + ":");
                e.printStackTrace();
                sendJson(exchange, 500, JSON.createObjectNode().put("error", "The server failed; its log says why."));
            }
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String given = query(exchange).get("token");
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (given == null && header != null) {
            if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                given = header.substring(7).trim();
            } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                    given = pair.substring(pair.indexOf(':') + 1);
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The request's query parameters (the last of a repeated one).
     *
     * @param exchange the request
     * @return name to value
     */
    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape: the parameter is ignored
            }
        }
        return out;
    }

    /**
     * Reads a JSON object body within the size limit.
     *
     * @param exchange the request
     * @return the object
     * @throws HttpError 413 for a body over the limit, 400 for anything but a JSON object
     * @throws IOException if reading fails
     */
    static JsonNode jsonBody(HttpExchange exchange) throws IOException, HttpError {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > MAX_BODY) {
                    discard(exchange);
                    throw new HttpError(413, "The body of " + length.trim() + " bytes is over the " + MAX_BODY
                            + "-byte limit.");
                }
            } catch (NumberFormatException e) {
                throw new HttpError(400, "Content-Length '" + length + "' is not a number.");
            }
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            discard(exchange);
            throw new HttpError(413, "The body is over the " + MAX_BODY + "-byte limit.");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new HttpError(400, "The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new HttpError(400, "The body must be a JSON object.");
        }
        return node;
    }

    /**
     * Reads and drops what is left of a refused body, up to a bound, so that the client, still
     * sending, receives the refusal instead of a reset connection; a larger body is cut off.
     */
    private static void discard(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            long left = 4L * MAX_BODY;
            byte[] sink = new byte[64 * 1024];
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        }
    }

    /**
     * Sends a JSON response.
     *
     * @param exchange the request
     * @param status the status
     * @param body the body
     * @throws IOException if sending fails
     */
    static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    /**
     * Sends a response.
     *
     * @param exchange the request
     * @param status the status
     * @param type its content type
     * @param body the body
     * @throws IOException if sending fails
     */
    static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * Sends an item's image; an item's image never changes, so the browser may keep it.
     *
     * @param exchange the request
     * @param type its content type
     * @param body the image
     * @throws IOException if sending fails
     */
    static void sendImage(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "private, max-age=3600");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** @return a JSON object to fill */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
