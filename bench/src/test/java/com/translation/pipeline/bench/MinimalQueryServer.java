package com.translation.pipeline.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * query-api's single reads without the framework, the baseline of issue 19: the JDK's HTTP server,
 * the API key compared, the same statement as query-api over plain JDBC (one connection per server
 * thread, statements prepared on the connection as the driver does for query-api), and the row
 * written as the same JSON (snake_case, times as UTC instants, metadata as its JSON) with Jackson.
 * What it leaves out is what a framework adds: filters, interceptors, the consistency wait, content
 * negotiation, the connection pool, problem answers.
 */
final class MinimalQueryServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    private final java.util.Queue<Connection> opened =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final String apiKey;

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
        server.createContext(
                "/api/v1/translation/sessions/",
                exchange -> one(exchange, "translation_session", "session_id", SESSION));
        server.createContext(
                "/api/v1/translation/tasks/",
                exchange -> one(exchange, "translation_task", "task_id", TASK));
        server.setExecutor(threads);
        server.start();
    }

    /** Where it listens: {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void one(HttpExchange exchange, String table, String key, List<String> columns)
            throws IOException {
        try (exchange) {
            if (!apiKey.equals(exchange.getRequestHeaders().getFirst("X-API-Key"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String id = path.substring(path.lastIndexOf('/') + 1);
            byte[] body = read(table, key, id, columns);
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

    private byte[] read(String table, String key, String id, List<String> columns) {
        String sql = "SELECT * FROM " + table + " WHERE " + key + " = ?";
        try (PreparedStatement statement = connections.get().prepareStatement(sql)) {
            statement.setString(1, id);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(512);
                try (JsonGenerator json = JSON.createGenerator(out)) {
                    json.writeStartObject();
                    for (String column : columns) {
                        json.writeName(column);
                        Object value = row.getObject(column);
                        if (value == null) {
                            json.writeNull();
                        } else if (column.equals("metadata")) {
                            json.writeRawValue(
                                    new String(row.getBytes(column), StandardCharsets.UTF_8));
                        } else if (value instanceof Timestamp
                                || value instanceof java.time.LocalDateTime) {
                            json.writeString(
                                    row.getObject(column, java.time.LocalDateTime.class)
                                            .toInstant(ZoneOffset.UTC)
                                            .toString());
                        } else {
                            json.writePOJO(value);
                        }
                    }
                    json.writeEndObject();
                }
                return out.toByteArray();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
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
