package com.translation.pipeline.query;

import static com.translation.pipeline.schema.jooq.Tables.SESSION_TOMBSTONE;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.schema.jooq.tables.records.TranslationSessionRecord;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import com.translation.pipeline.testsupport.KafkaTestBroker;
import com.translation.pipeline.testsupport.ServiceHttp;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every answer right at the edges: identifiers match only themselves, keyset paging passes rows
 * whose sort value is NULL, numeric and time parameters never overflow into another page or a moved
 * value, and tasks stored before their session are served. One subclass per server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueryExactnessIT {

    static final String SESSIONS = "/api/v1/translation/sessions";
    static final String TASKS = "/api/v1/translation/tasks";
    static final String INCOMPLETE = "/api/v1/translation/recovery/incomplete-sessions";
    static final LocalDateTime T0 = LocalDateTime.parse("2026-03-01T10:00:00");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> USER_IDS = List.of("abc-R", "ABC-R", "abc-R ", "abcé-R", "abc-r");

    @Autowired DSLContext db;
    @LocalServerPort int port;

    static void kafka(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.kafka.bootstrap-servers", KafkaTestBroker.instance()::bootstrapServers);
    }

    @BeforeAll
    void seed() {
        for (int i = 0; i < USER_IDS.size(); i++) {
            insertSession("user-" + i, USER_IDS.get(i));
        }
        insertSession("seq-s", "seq-user");
        Integer[] sequences = {null, 1, null, 0, null, 2};
        for (int i = 0; i < sequences.length; i++) {
            insertTask("seq-t" + i, "seq-s", sequences[i]);
        }
        insertTask("early-t1", "early-s", 1);
        insertTask("early-t0", "early-s", 0);
    }

    @Test
    void eachUserIdMatchesOnlyItselfInEveryFilter() {
        for (int i = 0; i < USER_IDS.size(); i++) {
            String userId = URLEncoder.encode(USER_IDS.get(i), StandardCharsets.UTF_8);
            assertThat(ids(SESSIONS + "?user_id=" + userId, "session_id"))
                    .as(USER_IDS.get(i))
                    .containsExactly("user-" + i);
            assertThat(ids(INCOMPLETE + "?user_id=" + userId, "session_id"))
                    .as(USER_IDS.get(i))
                    .containsExactly("user-" + i);
        }
        assertThat(ids(SESSIONS + "?user_id=abc", "session_id")).isEmpty();
    }

    /**
     * A text that cannot be an id could still match one in the database, which ignores trailing
     * spaces: {@code s-1 } would read, and delete, {@code s-1}. It is refused, naming the
     * parameter, and nothing is deleted.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "GET|/api/v1/translation/sessions/user-0%20|id",
                "GET|/api/v1/translation/sessions/user-0%20/tasks|id",
                "GET|/api/v1/translation/tasks/seq-t1%20|id",
                "GET|/api/v1/translation/tasks?session_id=seq-s%20|session_id",
                "GET|/api/v1/translation/tasks?session_id=seq%2Fs|session_id",
                "GET|/api/v1/translation/tasks?session_id=..|session_id",
                "GET|/api/v1/translation/tasks?session_id=.|session_id",
                "POST|/api/v1/translation/recovery/restore/seq-s%20|id",
                "DELETE|/api/v1/translation/sessions/user-0%20|id",
                "DELETE|/api/v1/translation/sessions/" + "%C3%A9|id"
            })
    void textThatCannotBeAnIdIsABadRequestAndDeletesNothing(
            String method, String path, String parameter) {
        HttpResponse<String> response =
                ServiceHttp.send(
                        HttpRequest.newBuilder(ServiceHttp.uri(port, path))
                                .method(method, HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).findValuesAsString("field"))
                .containsExactly(parameter);
        assertThat(db.fetchCount(TRANSLATION_SESSION, TRANSLATION_SESSION.SESSION_ID.eq("user-0")))
                .isEqualTo(1);
        assertThat(db.fetchCount(SESSION_TOMBSTONE)).isZero();
    }

    /** Sequences null, 1, null, 0, null, 2, two per page, in both directions: each row once. */
    @ParameterizedTest
    @ValueSource(strings = {"asc", "desc"})
    void keysetPagesPassRowsWhoseSortValueIsNull(String order) {
        List<String> expected =
                new ArrayList<>(
                        List.of("seq-t0", "seq-t2", "seq-t4", "seq-t3", "seq-t1", "seq-t5"));
        if (order.equals("desc")) {
            java.util.Collections.reverse(expected);
        }

        List<String> paged =
                keysetPages(
                        TASKS + "?session_id=seq-s&sort_by=sequence&sort_order=" + order,
                        "task_id");

        assertThat(paged).containsExactlyElementsOf(expected);
        if (order.equals("asc")) {
            assertThat(keysetPages(SESSIONS + "/seq-s/tasks?", "task_id"))
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void theLastPageNumberIsAnEmptyPageNotAnOverflow() {
        JsonNode page = get(SESSIONS + "?page=2147483647&page_size=500");

        assertThat(page.path("items")).isEmpty();
        assertThat(page.path("page").asInt()).isEqualTo(Integer.MAX_VALUE);
        assertThat(page.path("total").asLong()).isEqualTo(db.fetchCount(TRANSLATION_SESSION));
        assertThat(get(TASKS + "?page=2147483647&page_size=500").path("items")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "?page=2147483648|page",
                "?page=-1|page",
                "?page_size=2147483648|page_size",
                "?created_from=0001-01-01T00:00:00Z|created_from",
                "?created_to=9999-12-31T23:00:00-05:00|created_to",
                "?updated_from=2026-03-01T10:00:00.1234567Z|updated_from",
                "?updated_to=2026-02-30T10:00:00Z|updated_to",
                "?updated_to=2026-03-01T24:00:00Z|updated_to",
                "?created_from=%2B2026-03-01T10:00:00Z|created_from",
                "?cursor=bnVsbA|cursor"
            })
    void numbersAndTimesTheDatabaseCannotRepresentAreBadRequestsNamingThem(
            String query, String parameter) {
        HttpResponse<String> response = ServiceHttp.get(port, SESSIONS + query);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).findValuesAsString("field"))
                .containsExactly(parameter);
    }

    /** A query string that is not percent-encoded UTF-8 is a bad request, not a failure. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/translation/sessions?page=%zz",
                "/api/v1/translation/sessions?user_id=%",
                "/api/v1/translation/tasks?cursor=%%%",
                "/api/v1/translation/sessions?user_id=%C0%80"
            })
    void undecodableQueryStringsAreBadRequests(String path) throws Exception {
        // Sent over a plain socket: an HTTP client library refuses to send such a request line.
        String answer = ServiceHttp.rawGet(port, path);

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).contains("application/problem+json");
    }

    /**
     * A parameter the endpoint does not read is refused, not ignored: {@code pageSize} for {@code
     * page_size} would otherwise answer a page of the default size. So is one given twice ({@code
     * user_id=abc&user_id=def} would read as the user {@code abc,def}) or without a value. The API
     * description names the parameters as the endpoints read them.
     */
    @Test
    void parametersTheEndpointDoesNotReadAreRefusedAndTheDescriptionNamesTheRightOnes() {
        for (String path :
                List.of(
                        SESSIONS + "?pageSize=2",
                        SESSIONS + "?sortBy=session_id",
                        INCOMPLETE + "?status=running",
                        TASKS + "/seq-t1?verbose=true",
                        SESSIONS + "?user_id=abc&user_id=def",
                        INCOMPLETE + "?user_id=abc&user_id=def",
                        SESSIONS + "?page=1&page=2",
                        SESSIONS + "?user_id=",
                        SESSIONS + "?status")) {
            HttpResponse<String> response = ServiceHttp.get(port, path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).findValuesAsString("field"))
                    .as(path)
                    .containsExactly(path.substring(path.indexOf('?') + 1).split("[=&]")[0]);
        }
        JsonNode description = JSON.readTree(ServiceHttp.get(port, "/v3/api-docs").body());
        List<String> parameters = new ArrayList<>();
        description
                .path("paths")
                .forEach(
                        path ->
                                path.forEach(
                                        operation ->
                                                operation
                                                        .path("parameters")
                                                        .forEach(
                                                                p ->
                                                                        parameters.add(
                                                                                p.path("name")
                                                                                        .asString()))));
        assertThat(parameters)
                .contains("sort_by", "page_size", "sort_order")
                .doesNotContain("sortBy", "pageSize", "sortOrder");
    }

    @Test
    void timesAtTheEdgesOfTheStorableRangeAreExact() {
        assertThat(
                        ids(
                                SESSIONS
                                        + "?created_from=1000-01-01T00:00:00Z"
                                        + "&created_to=9999-12-31T23:59:59.999999Z",
                                "session_id"))
                .hasSize((int) db.fetchCount(TRANSLATION_SESSION));
        assertThat(ids(SESSIONS + "?created_from=2026-03-01T10:00:00.000001Z", "session_id"))
                .isEmpty();
    }

    /** Tasks may arrive before their session: they are served, and restore says what it has. */
    @Test
    void tasksStoredBeforeTheirSessionAreServedAndRestoreSaysTheSessionIsMissing() {
        List<String> tasks = keysetPages(SESSIONS + "/early-s/tasks?", "task_id");
        HttpResponse<String> restore =
                ServiceHttp.send(
                        HttpRequest.newBuilder(
                                        ServiceHttp.uri(
                                                port,
                                                "/api/v1/translation/recovery/restore/early-s"))
                                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(tasks).containsExactly("early-t0", "early-t1");
        assertThat(restore.statusCode()).isEqualTo(200);
        JsonNode restored = JSON.readTree(restore.body());
        assertThat(restored.path("session").isNull()).isTrue();
        assertThat(restored.path("session_found").asBoolean()).isFalse();
        assertThat(restored.path("task_counts").path("completed").asInt()).isEqualTo(2);
        assertThat(restored.path("tasks").findValuesAsString("task_id"))
                .containsExactly("early-t0", "early-t1");
        assertThat(ServiceHttp.get(port, SESSIONS + "/early-s").statusCode()).isEqualTo(404);
        assertThat(ServiceHttp.get(port, SESSIONS + "/nobody/tasks").statusCode()).isEqualTo(404);
    }

    /**
     * A session's tasks answer 404 only when neither the session nor a task of it is stored: a
     * session without tasks, a page past the last and a cursor past the last row are empty pages.
     */
    @Test
    void emptyPagesOfAStoredSessionsTasksAreNotMissingSessions() {
        JsonNode none = get(SESSIONS + "/user-0/tasks");
        JsonNode past = get(SESSIONS + "/seq-s/tasks?page=99&page_size=2");
        JsonNode last = get(SESSIONS + "/early-s/tasks?page_size=2");
        JsonNode pastLast =
                get(
                        SESSIONS
                                + "/early-s/tasks?page_size=2&cursor="
                                + URLEncoder.encode(
                                        last.path("next_cursor").asString(),
                                        StandardCharsets.UTF_8));

        assertThat(none.path("items").size()).isZero();
        assertThat(none.path("total").asLong()).isZero();
        assertThat(past.path("items").size()).isZero();
        assertThat(past.path("total").asLong()).isEqualTo(6);
        assertThat(last.path("items").findValuesAsString("task_id"))
                .containsExactly("early-t0", "early-t1");
        assertThat(pastLast.path("items").size()).isZero();
        assertThat(pastLast.path("next_cursor").isNull()).isTrue();
        assertThat(ServiceHttp.get(port, SESSIONS + "/nobody/tasks?page=2").statusCode())
                .isEqualTo(404);
    }

    private List<String> ids(String path, String idField) {
        List<String> ids = new ArrayList<>();
        get(path).path("items").forEach(item -> ids.add(item.path(idField).asString()));
        return ids;
    }

    private List<String> keysetPages(String path, String idField) {
        List<String> ids = new ArrayList<>();
        String separator = path.endsWith("?") ? "" : "&";
        JsonNode body = get(path + separator + "page_size=2");
        for (int pages = 0; pages < 20; pages++) {
            body.path("items").forEach(item -> ids.add(item.path(idField).asString()));
            String cursor = body.path("next_cursor").asString(null);
            if (cursor == null) {
                return ids;
            }
            body =
                    get(
                            path
                                    + separator
                                    + "page_size=2&cursor="
                                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        throw new AssertionError("paging did not end: " + ids);
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = ServiceHttp.get(port, path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void insertSession(String id, String userId) {
        db.insertInto(TRANSLATION_SESSION)
                .set(
                        new TranslationSessionRecord()
                                .setSessionId(id)
                                .setUserId(userId)
                                .setStatus("running")
                                .setCreatedAt(T0)
                                .setUpdatedAt(T0)
                                .setEventId(UUID.randomUUID().toString())
                                .setAppliedAt(T0))
                .execute();
    }

    private void insertTask(String id, String sessionId, Integer sequence) {
        db.insertInto(TRANSLATION_TASK)
                .set(
                        new TranslationTaskRecord()
                                .setTaskId(id)
                                .setSessionId(sessionId)
                                .setSequence(sequence)
                                .setStatus("completed")
                                .setCreatedAt(T0)
                                .setUpdatedAt(T0)
                                .setEventId(UUID.randomUUID().toString())
                                .setAppliedAt(T0))
                .execute();
    }
}
