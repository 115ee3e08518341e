package com.translation.pipeline.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * query-api's single reads and list pages without the framework, the baseline of issue 19: the
 * JDK's HTTP server, the API key compared, the same statements as query-api over plain JDBC (one
 * connection per server thread, statements prepared on the connection as the driver does for
 * query-api), and the rows written as the same JSON (snake_case, times as UTC instants, metadata as
 * its JSON, a page as {@code items}, {@code page}, {@code page_size}, {@code total}, {@code
 * next_cursor}) with Jackson. It serves the requests {@link QueryBench} measures: a session or a
 * task by id, the sessions filtered by {@code user_id} or {@code status} and sorted by {@code
 * created_at} or {@code updated_at} (offset page 1 or a {@code cursor} page), and a session's
 * tasks. What it leaves out is what a framework adds: filters, interceptors, the consistency wait,
 * content negotiation, the connection pool, parameter validation, problem answers.
 */
final class MinimalQueryServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String SESSIONS_PATH = "/api/v1/translation/sessions";
    private static final String TASKS_PATH = "/api/v1/translation/tasks/";
    private static final int PAGE_SIZE = 50;

    static {
        // TCP_NODELAY, as Tomcat sets it: without it, the answer's headers and body leave in two
        // segments and the second waits for the client's delayed ACK (44 ms per request measured).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** The columns a session answer has, in query-api's order; JSON columns are written raw. */
    private static final List<String> SESSION =
            List.of(
                    "session_id",
                    "user_id",
                    "status",
                    "source_language",
                    "target_language",
                    "title",
                    "total_tasks",
                    "completed_tasks",
                    "failed_tasks",
                    "metadata",
                    "created_at",
                    "updated_at",
                    "completed_at");

    private static final List<String> TASK =
            List.of(
                    "task_id",
                    "session_id",
                    "sequence",
                    "status",
                    "source_text",
                    "translated_text",
                    "error_message",
                    "retry_count",
                    "metadata",
                    "created_at",
                    "updated_at",
                    "completed_at");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final ThreadLocal<Connection> connections;
    private final Queue<Connection> opened = new ConcurrentLinkedQueue<>();
    private final String apiKey;

    /** A statement's text and its parameters, bound in order. */
    private record Sql(String text, List<Object> parameters) {}

    /**
     * Starts the server on a free port of 127.0.0.1.
     *
     * @param dataSource the database query-api reads
     * @param apiKey the one key it takes
     * @throws IOException when no port can be bound
     */
    MinimalQueryServer(DataSource dataSource, String apiKey) throws IOException {
        this.apiKey = apiKey;
        this.connections =
                ThreadLocal.withInitial(
                        () -> {
                            try {
                                Connection connection = dataSource.getConnection();
                                opened.add(connection);
                                return connection;
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext(SESSIONS_PATH, exchange -> answer(exchange, this::sessions));
        server.createContext(
                TASKS_PATH,
                exchange ->
                        answer(exchange, e -> one("translation_task", "task_id", last(e), TASK)));
        server.setExecutor(threads);
        server.start();
    }

    /** Where it listens: {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private interface Handler {
        /** The answer's JSON, or null for a 404. */
        byte[] handle(HttpExchange exchange) throws SQLException;
    }

    private void answer(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            if (!apiKey.equals(exchange.getRequestHeaders().getFirst("X-API-Key"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            byte[] body;
            try {
                body = handler.handle(exchange);
            } catch (SQLException e) {
                throw new IllegalStateException(exchange.getRequestURI().toString(), e);
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** {@code /sessions}, {@code /sessions/{id}} and {@code /sessions/{id}/tasks}. */
    private byte[] sessions(HttpExchange exchange) throws SQLException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals(SESSIONS_PATH)) {
            return sessionList(query(exchange));
        }
        String rest = path.substring(SESSIONS_PATH.length() + 1);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return one("translation_session", "session_id", rest, SESSION);
        }
        String sessionId = rest.substring(0, slash);
        return page(
                new Sql(
                        "SELECT * FROM translation_task WHERE session_id = ? ORDER BY sequence,"
                                + " task_id LIMIT "
                                + PAGE_SIZE
                                + " OFFSET 0",
                        List.of(sessionId)),
                new Sql(
                        "SELECT count(*) FROM translation_task WHERE session_id = ?",
                        List.of(sessionId)),
                TASK,
                "sequence",
                "task_id",
                Integer.toHexString(sessionId.hashCode()));
    }

    /**
     * The sessions filtered by {@code user_id} and {@code status}, newest first by {@code
     * created_at} or {@code updated_at}: offset page 1 with its total, or the page after a cursor.
     */
    private byte[] sessionList(Map<String, String> query) throws SQLException {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (String filter : List.of("user_id", "status")) {
            if (query.containsKey(filter)) {
                conditions.add(filter + " = ?");
                parameters.add(query.get(filter));
            }
        }
        String fingerprint = Integer.toHexString(conditions.hashCode());
        String cursor = query.get("cursor");
        JsonNode after =
                cursor == null ? null : JSON.readTree(Base64.getUrlDecoder().decode(cursor));
        String sort =
                after != null
                        ? after.path("sort").asString()
                        : query.getOrDefault("sort_by", "created_at");
        if (!sort.equals("created_at") && !sort.equals("updated_at")) {
            throw new IllegalArgumentException("sort_by " + sort);
        }
        String order = " ORDER BY " + sort + " DESC, session_id DESC LIMIT " + PAGE_SIZE;
        if (after == null) {
            String where = where(conditions);
            return page(
                    new Sql(
                            "SELECT * FROM translation_session" + where + order + " OFFSET 0",
                            parameters),
                    new Sql("SELECT count(*) FROM translation_session" + where, parameters),
                    SESSION,
                    sort,
                    "session_id",
                    fingerprint);
        }
        LocalDateTime value = LocalDateTime.parse(after.path("value").asString());
        conditions.add(sort + " <= ? AND (" + sort + " < ? OR session_id < ?)");
        parameters.addAll(List.of(value, value, after.path("id").asString()));
        return page(
                new Sql(
                        "SELECT * FROM translation_session" + where(conditions) + order,
                        parameters),
                null,
                SESSION,
                sort,
                "session_id",
                fingerprint);
    }

    private static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private byte[] one(String table, String key, String id, List<String> columns)
            throws SQLException {
        Sql sql = new Sql("SELECT * FROM " + table + " WHERE " + key + " = ?", List.of(id));
        try (PreparedStatement statement = prepare(sql);
                ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            try (JsonGenerator json = JSON.createGenerator(out)) {
                write(json, row, columns);
            }
            return out.toByteArray();
        }
    }

    /**
     * A page: its rows, then page 1 and the total when {@code count} is given (offset mode), the
     * cursor after the last row when the page is full.
     */
    private byte[] page(
            Sql rows, Sql count, List<String> columns, String sort, String id, String fingerprint)
            throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeName("items");
            json.writeStartArray();
            int read = 0;
            Object lastSort = null;
            String lastId = null;
            try (PreparedStatement statement = prepare(rows);
                    ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    write(json, row, columns);
                    read++;
                    lastSort =
                            sort.equals("sequence")
                                    ? row.getObject(sort)
                                    : row.getObject(sort, LocalDateTime.class);
                    lastId = row.getString(id);
                }
            }
            json.writeEndArray();
            if (count == null) {
                json.writeNullProperty("page");
                json.writeNumberProperty("page_size", PAGE_SIZE);
                json.writeNullProperty("total");
            } else {
                json.writeNumberProperty("page", 1);
                json.writeNumberProperty("page_size", PAGE_SIZE);
                try (PreparedStatement statement = prepare(count);
                        ResultSet total = statement.executeQuery()) {
                    total.next();
                    json.writeNumberProperty("total", total.getLong(1));
                }
            }
            json.writeName("next_cursor");
            if (read < PAGE_SIZE) {
                json.writeNull();
            } else {
                Map<String, Object> cursor = new HashMap<>();
                cursor.put("sort", sort);
                cursor.put("descending", !sort.equals("sequence"));
                cursor.put("value", String.valueOf(lastSort));
                cursor.put("id", lastId);
                cursor.put("filters", fingerprint);
                json.writeString(
                        Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(JSON.writeValueAsBytes(cursor)));
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private PreparedStatement prepare(Sql sql) throws SQLException {
        PreparedStatement statement = connections.get().prepareStatement(sql.text());
        for (int p = 0; p < sql.parameters().size(); p++) {
            statement.setObject(p + 1, sql.parameters().get(p));
        }
        return statement;
    }

    /**
     * One row as query-api writes it, each value decoded once: metadata as its bytes, written raw,
     * the {@code _at} columns as {@link LocalDateTime} written as UTC instants, the rest as the
     * driver's objects.
     */
    private static void write(JsonGenerator json, ResultSet row, List<String> columns)
            throws SQLException {
        json.writeStartObject();
        for (String column : columns) {
            json.writeName(column);
            Object value =
                    column.equals("metadata")
                            ? row.getBytes(column)
                            : column.endsWith("_at")
                                    ? row.getObject(column, LocalDateTime.class)
                                    : row.getObject(column);
            if (value == null) {
                json.writeNull();
            } else if (value instanceof byte[] metadata) {
                json.writeRawValue(new String(metadata, StandardCharsets.UTF_8));
            } else if (value instanceof LocalDateTime time) {
                json.writeString(time.toInstant(ZoneOffset.UTC).toString());
            } else {
                json.writePOJO(value);
            }
        }
        json.writeEndObject();
    }

    private static String last(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The query string's parameters, decoded; the first of a repeated name. */
    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> parameters = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.putIfAbsent(
                    URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        for (Connection connection : opened) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing after the run: nothing is left to measure.
            }
        }
    }
}
