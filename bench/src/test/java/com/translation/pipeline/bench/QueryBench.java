package com.translation.pipeline.bench;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;
import static org.jooq.impl.DSL.concat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lpad;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import com.mysql.cj.jdbc.MysqlDataSource;
import com.translation.pipeline.testsupport.PipelineProcesses;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Benchmark 4: query-api over 1M sessions and 5M tasks, each request against the same SQL run over
 * plain JDBC (the statements query-api's jOOQ queries render, written out), one client, requests
 * back to back. The data is generated inside the database by INSERT ... SELECT.
 */
final class QueryBench {

    static final int SESSIONS = 1_000_000;
    static final int TASKS_PER_SESSION = 5;

    static final int PAGE_SIZE = 50;

    /** Sessions per fill statement, in thousands. */
    private static final int FILL_CHUNK = 20;

    static final int USERS = 1_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDateTime BASE = LocalDateTime.parse("2026-01-01T00:00:00");
    private static final String TEXT =
            "The quick brown fox jumps over the lazy dog while the translation engine keeps"
                    + " count of every sentence it has seen and every glossary term it applied.";

    /** The task columns the fill writes; the others stay null. */
    private static final List<Field<?>> TASK_COLUMNS =
            List.of(
                    TRANSLATION_TASK.TASK_ID,
                    TRANSLATION_TASK.SESSION_ID,
                    TRANSLATION_TASK.SEQUENCE,
                    TRANSLATION_TASK.STATUS,
                    TRANSLATION_TASK.SOURCE_TEXT,
                    TRANSLATION_TASK.RETRY_COUNT,
                    TRANSLATION_TASK.CREATED_AT,
                    TRANSLATION_TASK.UPDATED_AT,
                    TRANSLATION_TASK.EVENT_ID,
                    TRANSLATION_TASK.APPLIED_AT);

    private final PipelineProcesses pipeline;
    private final DataSource dataSource;
    private final DataSource reads;
    private final Random random = new Random(7);

    QueryBench(PipelineProcesses pipeline) {
        this.pipeline = pipeline;
        this.dataSource = pipeline.dataSource();
        this.reads = withQueryApiStatementCache(pipeline);
    }

    /**
     * The pipeline's database with query-api's driver settings (its application.yml), so that the
     * baselines parse a statement's text once per connection as query-api does, not on every
     * request.
     */
    private static DataSource withQueryApiStatementCache(PipelineProcesses pipeline) {
        MysqlDataSource cached = new MysqlDataSource();
        cached.setURL(
                pipeline.jdbcUrlOn(pipeline.database())
                        + "&cachePrepStmts=true&prepStmtCacheSize=256&prepStmtCacheSqlLimit=65536");
        return cached;
    }

    /** Where the baselines read: the raw statements and {@link MinimalQueryServer}. */
    DataSource reads() {
        return reads;
    }

    /** One kind of request: its URL on query-api and the statements it runs. */
    record Query(String name, String method, String path, List<Statement> statements) {}

    /** A statement of the raw baseline with its parameters. */
    record Statement(String sql, List<Object> parameters) {
        static Statement of(String sql, Object... parameters) {
            return new Statement(sql, List.of(parameters));
        }
    }

    /**
     * Fills the pipeline's database with {@link #SESSIONS} sessions and their tasks; returns how
     * long it took, in seconds. Rows go in chunks in key order, so every index grows at its end
     * instead of splitting pages all over.
     */
    double fill() {
        long started = System.nanoTime();
        DSLContext db = DSL.using(dataSource, SQLDialect.MYSQL);
        Rows rows = numbers(db);
        for (int first = 0; first < SESSIONS / 1000; first += FILL_CHUNK) {
            Condition chunk = chunk(rows, first);
            insertSessions(db, rows, chunk);
            insertTasks(db, rows, chunk);
        }
        insertBigSessionTasks(db, rows);
        db.dropTable(NUMBERS).execute();
        db.execute("ANALYZE TABLE translation_session, translation_task");
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * Adds sessions without tasks after the {@code from} already there, up to {@code to} in all (at
     * most {@link #MAX_SESSIONS}), as {@link #fill} writes them; returns how long it took, in
     * seconds.
     *
     * @throws IllegalArgumentException unless both are multiples of the fill's chunk (20,000)
     */
    double grow(int from, int to) {
        int chunk = FILL_CHUNK * 1000;
        if (from % chunk != 0 || to % chunk != 0 || to > MAX_SESSIONS) {
            throw new IllegalArgumentException(from + " to " + to);
        }
        long started = System.nanoTime();
        DSLContext db = DSL.using(dataSource, SQLDialect.MYSQL);
        Rows rows = numbers(db);
        for (int first = from / 1000; first < to / 1000; first += FILL_CHUNK) {
            insertSessions(db, rows, chunk(rows, first));
        }
        db.dropTable(NUMBERS).execute();
        db.execute("ANALYZE TABLE translation_session");
        return (System.nanoTime() - started) / 1e9;
    }

    /** The most sessions the generated ids and the numbers table allow. */
    static final int MAX_SESSIONS = 10_000_000;

    private static final Table<?> NUMBERS = table(name("bench_numbers"));

    /** Creates {@code bench_numbers} (0 to 9,999) and the rows built from it. */
    private static Rows numbers(DSLContext db) {
        db.dropTableIfExists(NUMBERS).execute();
        db.createTable(NUMBERS)
                .column("n", SQLDataType.INTEGER.notNull())
                .constraint(DSL.primaryKey("n"))
                .execute();
        var insert = db.insertInto(NUMBERS, field(name("n"), Integer.class));
        for (int i = 0; i < MAX_SESSIONS / 1000; i++) {
            insert = insert.values(i);
        }
        insert.execute();
        Field<Integer> highNumber = field(name("high", "n"), Integer.class);
        Field<Integer> lowNumber = field(name("low", "n"), Integer.class);
        return new Rows(
                NUMBERS.as("high"),
                NUMBERS.as("low"),
                NUMBERS.as("seq"),
                highNumber,
                lowNumber,
                highNumber.mul(1000).plus(lowNumber),
                field(name("seq", "n"), Integer.class));
    }

    /** Sessions {@code first * 1000} up to {@code FILL_CHUNK} thousand more. */
    private static Condition chunk(Rows rows, int first) {
        return rows.highNumber()
                .between(first, first + FILL_CHUNK - 1)
                .and(rows.lowNumber().lt(1000));
    }

    /** The generated rows: session {@code number} and its tasks by {@code sequence}. */
    private record Rows(
            Table<?> high,
            Table<?> low,
            Table<?> seq,
            Field<Integer> highNumber,
            Field<Integer> lowNumber,
            Field<Integer> number,
            Field<Integer> sequence) {
        Field<String> sessionId() {
            return concat(inline("qs-"), lpad(number.cast(String.class), 7, "0"));
        }

        Field<LocalDateTime> created() {
            return DSL.localDateTimeAdd(DSL.val(BASE), number, DatePart.SECOND);
        }

        Field<String> eventId() {
            return lpad(number.cast(String.class), 36, "0");
        }
    }

    private static void insertSessions(DSLContext db, Rows rows, Condition chunk) {
        Field<Integer> number = rows.number();
        db.insertInto(
                        TRANSLATION_SESSION,
                        TRANSLATION_SESSION.SESSION_ID,
                        TRANSLATION_SESSION.USER_ID,
                        TRANSLATION_SESSION.STATUS,
                        TRANSLATION_SESSION.SOURCE_LANGUAGE,
                        TRANSLATION_SESSION.TARGET_LANGUAGE,
                        TRANSLATION_SESSION.TITLE,
                        TRANSLATION_SESSION.TOTAL_TASKS,
                        TRANSLATION_SESSION.CREATED_AT,
                        TRANSLATION_SESSION.UPDATED_AT,
                        TRANSLATION_SESSION.EVENT_ID,
                        TRANSLATION_SESSION.APPLIED_AT)
                .select(
                        DSL.select(
                                        rows.sessionId(),
                                        concat(
                                                inline("user-"),
                                                lpad(number.mod(USERS).cast(String.class), 3, "0")),
                                        status(number, "running", "failed", "pending", "paused"),
                                        inline("en"),
                                        inline("de"),
                                        concat(inline("Session "), number.cast(String.class)),
                                        inline(TASKS_PER_SESSION),
                                        rows.created(),
                                        DSL.localDateTimeAdd(
                                                rows.created(), number.mod(600), DatePart.SECOND),
                                        rows.eventId(),
                                        DSL.val(BASE))
                                .from(rows.high(), rows.low())
                                .where(chunk)
                                .orderBy(number))
                .execute();
    }

    private static void insertTasks(DSLContext db, Rows rows, Condition chunk) {
        Field<Integer> sequence = rows.sequence();
        db.insertInto(TRANSLATION_TASK, TASK_COLUMNS)
                .select(
                        DSL.select(
                                        concat(
                                                inline("qt-"),
                                                rows.sessionId(),
                                                inline("-"),
                                                sequence.cast(String.class)),
                                        rows.sessionId(),
                                        sequence,
                                        status(rows.number().plus(sequence), "running", "failed"),
                                        inline(TEXT),
                                        inline(0),
                                        rows.created(),
                                        DSL.localDateTimeAdd(
                                                rows.created(), sequence, DatePart.SECOND),
                                        rows.eventId(),
                                        DSL.val(BASE))
                                .from(rows.high(), rows.low(), rows.seq())
                                .where(chunk)
                                .and(sequence.lt(TASKS_PER_SESSION))
                                // Session 0 has the restore's tasks instead.
                                .and(rows.number().gt(0))
                                .orderBy(rows.number(), sequence))
                .execute();
    }

    /** Session 0's 1,000 tasks, one per row of {@code low}, for the restore. */
    private static void insertBigSessionTasks(DSLContext db, Rows rows) {
        Field<Integer> n = rows.lowNumber();
        db.insertInto(TRANSLATION_TASK, TASK_COLUMNS)
                .select(
                        DSL.select(
                                        concat(inline("qt-qs-0000000-"), n.cast(String.class)),
                                        inline("qs-0000000"),
                                        n,
                                        status(n, "running", "failed"),
                                        inline(TEXT),
                                        inline(0),
                                        DSL.val(BASE),
                                        DSL.val(BASE),
                                        lpad(n.cast(String.class), 36, "0"),
                                        DSL.val(BASE))
                                .from(rows.low())
                                .where(n.lt(1000)))
                .execute();
    }

    /** Mostly completed; one in ten in the first status, one in ten in the second, and so on. */
    private static Field<String> status(Field<Integer> number, String... others) {
        Field<Integer> tenth = number.mod(10);
        var choice = when(tenth.eq(0), inline(others[0]));
        for (int i = 1; i < others.length; i++) {
            choice = choice.when(tenth.eq(i), inline(others[i]));
        }
        return choice.otherwise(inline("completed"));
    }

    /** The requests measured over the first fill, each with the statements query-api runs. */
    List<Query> queries() throws Exception {
        return queries(SESSIONS);
    }

    /**
     * The requests measured over {@code sessions} sessions; the tasks of a session are there only
     * below {@link #SESSIONS}.
     */
    List<Query> queries(int sessions) throws Exception {
        String session = sessionId(random.nextInt(SESSIONS));
        String user = "user-" + String.format("%03d", random.nextInt(USERS));
        String page = "LIMIT " + PAGE_SIZE + " OFFSET 0";
        String keysetFirst = firstCursor();
        LocalDateTime deepCreated = BASE.plusSeconds(sessions - 1 - 9_999L * PAGE_SIZE + 1);
        String deepId = sessionId(sessions - 1 - 9_999 * PAGE_SIZE + 1);
        String keysetDeep = cursorAt(keysetFirst, deepCreated, deepId);
        LocalDateTime firstCreated = BASE.plusSeconds(sessions - PAGE_SIZE);
        String keysetRange =
                "SELECT * FROM translation_session WHERE created_at <= ? AND (created_at < ? OR"
                        + " session_id < ?) ORDER BY created_at DESC, session_id DESC LIMIT "
                        + PAGE_SIZE;
        return List.of(
                new Query(
                        "query.session.get",
                        "GET",
                        "/api/v1/translation/sessions/" + session,
                        List.of(
                                Statement.of(
                                        "SELECT * FROM translation_session WHERE session_id = ?",
                                        session))),
                new Query(
                        "query.task.get",
                        "GET",
                        "/api/v1/translation/tasks/qt-" + session + "-3",
                        List.of(
                                Statement.of(
                                        "SELECT * FROM translation_task WHERE task_id = ?",
                                        "qt-" + session + "-3"))),
                new Query(
                        "query.sessions.by_user.page_1",
                        "GET",
                        "/api/v1/translation/sessions?user_id=" + user,
                        List.of(
                                Statement.of(
                                        "SELECT * FROM translation_session WHERE user_id = ?"
                                                + " ORDER BY created_at DESC, session_id DESC "
                                                + page,
                                        user),
                                Statement.of(
                                        "SELECT count(*) FROM translation_session WHERE user_id ="
                                                + " ?",
                                        user))),
                new Query(
                        "query.sessions.running_by_updated.page_1",
                        "GET",
                        "/api/v1/translation/sessions?status=running&sort_by=updated_at",
                        List.of(
                                Statement.of(
                                        "SELECT * FROM translation_session WHERE status = ?"
                                                + " ORDER BY updated_at DESC, session_id DESC "
                                                + page,
                                        "running"),
                                Statement.of(
                                        "SELECT count(*) FROM translation_session WHERE status ="
                                                + " ?",
                                        "running"))),
                new Query(
                        "query.session_tasks.page_1",
                        "GET",
                        "/api/v1/translation/sessions/" + session + "/tasks",
                        List.of(
                                Statement.of(
                                        "SELECT * FROM translation_task WHERE session_id = ?"
                                                + " ORDER BY sequence, task_id "
                                                + page,
                                        session),
                                Statement.of(
                                        "SELECT count(*) FROM translation_task WHERE session_id ="
                                                + " ?",
                                        session))),
                new Query(
                        "query.restore.1000_tasks",
                        "POST",
                        "/api/v1/translation/recovery/restore/qs-0000000",
                        List.of(
                                Statement.of(
                                        "SELECT * FROM translation_session WHERE session_id = ?",
                                        "qs-0000000"),
                                Statement.of(
                                        "SELECT * FROM translation_task WHERE session_id = ?"
                                                + " ORDER BY sequence, task_id",
                                        "qs-0000000"),
                                Statement.of(
                                        "SELECT status, count(*) FROM translation_task WHERE"
                                                + " session_id = ? GROUP BY status",
                                        "qs-0000000"))),
                new Query(
                        "query.sessions.keyset.page_2",
                        "GET",
                        "/api/v1/translation/sessions?cursor=" + keysetFirst,
                        List.of(
                                Statement.of(
                                        keysetRange,
                                        firstCreated,
                                        firstCreated,
                                        sessionId(sessions - PAGE_SIZE)))),
                new Query(
                        "query.sessions.keyset.page_10000",
                        "GET",
                        "/api/v1/translation/sessions?cursor=" + keysetDeep,
                        List.of(Statement.of(keysetRange, deepCreated, deepCreated, deepId))));
    }

    /** The cursor after page 1 of all sessions, newest first, as query-api hands it out. */
    private String firstCursor() throws Exception {
        BenchHttp.Answer first = send("GET", "/api/v1/translation/sessions?page_size=" + PAGE_SIZE);
        if (first.status() != 200) {
            throw new IllegalStateException(first.status() + " " + first.body());
        }
        return JSON.readTree(first.body()).path("next_cursor").asString();
    }

    /**
     * The same cursor moved to the row {@code id}: the cursor is query-api's, so its sort and
     * filter fingerprint are; only the position changes.
     */
    private static String cursorAt(String cursor, LocalDateTime created, String id) {
        ObjectNode decoded = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(cursor));
        decoded.put("value", created.toString());
        decoded.put("id", id);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(JSON.writeValueAsBytes(decoded));
    }

    /** Latencies of {@code count} requests to query-api, back to back. */
    Histogram ours(Query query, int count) {
        return backToBack(query, count, pipeline.query().baseUrl());
    }

    /**
     * Latencies of {@code count} requests to {@code minimal}, back to back, for the requests it
     * serves ({@link #servedByMinimal}).
     */
    Histogram minimal(Query query, int count, MinimalQueryServer minimal) {
        return backToBack(query, count, minimal.baseUrl());
    }

    private Histogram backToBack(Query query, int count, String baseUrl) {
        return time(count, i -> body(query, baseUrl).length());
    }

    /** The body of a 200 answer to {@code query} from the server at {@code baseUrl}. */
    private static String body(Query query, String baseUrl) {
        BenchHttp.Answer answer =
                BenchHttp.send(
                        query.method(), baseUrl + query.path(), PipelineProcesses.READ_KEY, null);
        if (answer.status() != 200) {
            throw new IllegalStateException(
                    query.name() + " at " + baseUrl + ": " + answer.status() + " " + answer.body());
        }
        return answer.body();
    }

    /** Whether the minimal server ({@link MinimalQueryServer}) serves {@code query}. */
    static boolean servedByMinimal(Query query) {
        return !query.name().startsWith("query.restore");
    }

    /**
     * Checks that query-api and the minimal server answer {@code query} with the same JSON, apart
     * from the opaque {@code next_cursor} (each encodes its own filter fingerprint): a baseline
     * that wrote less would flatter it.
     *
     * @throws IllegalStateException when they differ
     */
    void sameAnswers(Query query, MinimalQueryServer minimal) {
        JsonNode ours = withoutCursor(JSON.readTree(body(query, pipeline.query().baseUrl())));
        JsonNode theirs = withoutCursor(JSON.readTree(body(query, minimal.baseUrl())));
        if (!ours.equals(theirs)) {
            throw new IllegalStateException(
                    query.name()
                            + ": query-api answered "
                            + ours
                            + ", the minimal server "
                            + theirs);
        }
    }

    private static JsonNode withoutCursor(JsonNode answer) {
        if (answer instanceof ObjectNode page && page.has("next_cursor")) {
            page.put("next_cursor", page.get("next_cursor").isNull() ? "none" : "some");
        }
        return answer;
    }

    /**
     * Requests per second that {@code clients} clients, each a request at a time, get answered by
     * the server at {@code baseUrl} within {@code duration}.
     */
    static double saturated(Query query, String baseUrl, int clients, Duration duration)
            throws Exception {
        return ClosedLoop.perSecond(
                clients,
                duration,
                () -> {
                    body(query, baseUrl);
                    return 1;
                });
    }

    /**
     * Latencies (nanoseconds) of {@code query} sent to the server at {@code baseUrl} {@code
     * perSecond} times a second for {@code duration}, open loop, from {@code senders}.
     */
    static Histogram openLoop(
            Query query, String baseUrl, double perSecond, Duration duration, Executor senders)
            throws Exception {
        return OpenLoop.latencies(
                perSecond,
                duration,
                () ->
                        CompletableFuture.supplyAsync(
                                () -> !body(query, baseUrl).isEmpty(), senders));
    }

    /** Latencies of {@code count} runs of the same statements over JDBC, every column read. */
    Histogram raw(Query query, int count) throws Exception {
        try (Connection connection = reads.getConnection()) {
            return time(
                    count,
                    i -> {
                        int read = 0;
                        for (Statement statement : query.statements()) {
                            read += run(connection, statement);
                        }
                        return read;
                    });
        }
    }

    private static int run(Connection connection, Statement statement) {
        try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
            for (int p = 0; p < statement.parameters().size(); p++) {
                prepared.setObject(p + 1, statement.parameters().get(p));
            }
            int read = 0;
            try (ResultSet rows = prepared.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int c = 1; c <= columns; c++) {
                        Object value = rows.getObject(c);
                        read += value == null ? 0 : 1;
                    }
                }
            }
            return read;
        } catch (SQLException e) {
            throw new IllegalStateException(statement.sql(), e);
        }
    }

    private static Histogram time(int count, IntFunction<Integer> request) {
        Histogram latencies = new Histogram(60_000_000_000L, 3);
        long sink = 0;
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            sink += request.apply(i);
            latencies.recordValue(System.nanoTime() - started);
        }
        if (sink == 0) {
            throw new IllegalStateException("the requests read nothing");
        }
        return latencies;
    }

    private BenchHttp.Answer send(String method, String path) {
        return BenchHttp.send(
                method, pipeline.query().baseUrl() + path, PipelineProcesses.READ_KEY, null);
    }

    private static String sessionId(int number) {
        return String.format("qs-%07d", number);
    }
}
