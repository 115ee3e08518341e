package com.translation.pipeline.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.translation.pipeline.client.ingest.api.FlushApi;
import com.translation.pipeline.client.ingest.model.BatchResponse;
import com.translation.pipeline.client.ingest.model.FlushRequest;
import com.translation.pipeline.client.ingest.model.FlushResponse;
import com.translation.pipeline.client.ingest.model.ItemError;
import com.translation.pipeline.client.ingest.model.ItemResult;
import com.translation.pipeline.client.ingest.model.SessionBatchRequest;
import com.translation.pipeline.client.ingest.model.TaskBatchRequest;
import com.translation.pipeline.client.query.api.MaintenanceApi;
import com.translation.pipeline.client.query.api.RecoveryApi;
import com.translation.pipeline.client.query.api.SessionsApi;
import com.translation.pipeline.client.query.api.SystemApi;
import com.translation.pipeline.client.query.model.CleanupRequest;
import com.translation.pipeline.client.query.model.Deleted;
import com.translation.pipeline.client.query.model.Pipeline;
import com.translation.pipeline.client.query.model.Problem;
import com.translation.pipeline.client.query.model.Restored;
import com.translation.pipeline.client.query.model.Result;
import com.translation.pipeline.client.query.model.Session;
import com.translation.pipeline.client.query.model.SessionPage;
import com.translation.pipeline.client.query.model.Stats;
import com.translation.pipeline.client.query.model.Task;
import com.translation.pipeline.client.query.model.TaskPage;
import com.translation.pipeline.testsupport.PipelineProcesses;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java client that openapi-generator builds from the committed OpenAPI documents, against the
 * pipeline as it ships (the services' jars, a broker, a database): a batch of sessions and of tasks
 * posted, flushed, listed page by page and by filter, read one by one, restored, counted by stats,
 * dry-run cleaned and deleted, every value checked. Only the generated client talks to the
 * services; a type or field the documents get wrong fails here.
 */
class GeneratedClientIT {

    private static PipelineProcesses pipeline;
    private static com.translation.pipeline.client.ingest.ApiClient ingest;
    private static com.translation.pipeline.client.query.ApiClient query;

    @BeforeAll
    static void start() throws Exception {
        pipeline = RunningPipeline.get();
        ingest = new com.translation.pipeline.client.ingest.ApiClient();
        ingest.updateBaseUri(pipeline.ingest().baseUrl());
        ingest.setRequestInterceptor(
                request -> request.header("X-API-Key", PipelineProcesses.WRITE_KEY));
        query = new com.translation.pipeline.client.query.ApiClient();
        query.updateBaseUri(pipeline.query().baseUrl());
        query.setRequestInterceptor(
                request -> request.header("X-API-Key", PipelineProcesses.ADMIN_KEY));
    }

    @Test
    void postFlushListReadRestoreAndDeleteThroughTheGeneratedClientOnly() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "client-" + run;
        var full =
                new com.translation.pipeline.client.ingest.model.Session()
                        .sessionId(run + "-s1")
                        .userId(user)
                        .status(
                                com.translation.pipeline.client.ingest.model.Session.StatusEnum
                                        .COMPLETED)
                        .sourceLanguage("en")
                        .targetLanguage("zh-Hans")
                        .title("A session with every field")
                        .totalTasks(2)
                        .completedTasks(1)
                        .failedTasks(1)
                        .metadata(Map.of("origin", "generated client", "depth", Map.of("n", 2)))
                        .createdAt(OffsetDateTime.parse("2026-01-01T10:00:00.123456Z"))
                        .updatedAt(OffsetDateTime.parse("2026-01-01T10:05:00.5Z"))
                        .completedAt("2026-01-01T10:05:00.500Z");
        var minimal =
                new com.translation.pipeline.client.ingest.model.Session()
                        .sessionId(run + "-s2")
                        .userId(user)
                        .status(
                                com.translation.pipeline.client.ingest.model.Session.StatusEnum
                                        .RUNNING)
                        .createdAt(OffsetDateTime.parse("2026-01-02T08:00:00Z"))
                        .updatedAt(OffsetDateTime.parse("2026-01-02T08:00:00Z"));

        BatchResponse sessions =
                new com.translation.pipeline.client.ingest.api.SessionsApi(ingest)
                        .publishSessions(
                                false, new SessionBatchRequest().sessions(List.of(full, minimal)));
        assertThat(sessions.getAccepted()).isEqualTo(2);
        assertThat(sessions.getRejected()).isZero();
        assertThat(sessions.getFailed()).isZero();
        assertThat(sessions.getResults())
                .extracting(ItemResult::getIndex, ItemResult::getId, ItemResult::getStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                0, run + "-s1", ItemResult.StatusEnum.ACCEPTED),
                        org.assertj.core.groups.Tuple.tuple(
                                1, run + "-s2", ItemResult.StatusEnum.ACCEPTED));
        assertThat(sessions.getConsistencyToken()).isNotBlank();

        var translated =
                new com.translation.pipeline.client.ingest.model.Task()
                        .taskId(run + "-t0")
                        .sessionId(run + "-s1")
                        .sequence(0)
                        .status(
                                com.translation.pipeline.client.ingest.model.Task.StatusEnum
                                        .COMPLETED)
                        .sourceText("Hello, world")
                        .translatedText("你好，世界")
                        .retryCount(0)
                        .metadata(Map.of("model", "m-1"))
                        .createdAt(OffsetDateTime.parse("2026-01-01T10:00:01Z"))
                        .updatedAt(OffsetDateTime.parse("2026-01-01T10:00:02.000001Z"))
                        .completedAt("2026-01-01T10:00:02.000001Z");
        var failed =
                new com.translation.pipeline.client.ingest.model.Task()
                        .taskId(run + "-t1")
                        .sessionId(run + "-s1")
                        .sequence(1)
                        .status(com.translation.pipeline.client.ingest.model.Task.StatusEnum.FAILED)
                        .sourceText("Goodbye")
                        .errorMessage("upstream timeout")
                        .retryCount(3)
                        .createdAt(OffsetDateTime.parse("2026-01-01T10:00:01Z"))
                        .updatedAt(OffsetDateTime.parse("2026-01-01T10:04:00Z"));
        var invalid =
                new com.translation.pipeline.client.ingest.model.Task()
                        .taskId(run + "-t2")
                        .sessionId(run + "-s1")
                        .status(
                                com.translation.pipeline.client.ingest.model.Task.StatusEnum
                                        .PENDING)
                        .retryCount(-1)
                        .createdAt(OffsetDateTime.parse("2026-01-01T10:00:01Z"))
                        .updatedAt(OffsetDateTime.parse("2026-01-01T10:00:01Z"));

        // 207: the generated client returns it as a BatchResponse, the rejected item naming its
        // field.
        BatchResponse tasks =
                new com.translation.pipeline.client.ingest.api.TasksApi(ingest)
                        .publishTasks(
                                false,
                                new TaskBatchRequest().tasks(List.of(translated, failed, invalid)));
        assertThat(tasks.getAccepted()).isEqualTo(2);
        assertThat(tasks.getRejected()).isEqualTo(1);
        assertThat(tasks.getResults().get(2).getStatus()).isEqualTo(ItemResult.StatusEnum.REJECTED);
        assertThat(tasks.getResults().get(2).getErrors())
                .extracting(ItemError::getField)
                .containsExactly("retry_count");

        FlushResponse flushed = new FlushApi(ingest).flush(new FlushRequest().timeoutMs(60_000L));
        assertThat(flushed.getStatus()).isEqualTo(FlushResponse.StatusEnum.FLUSHED);
        assertThat(flushed.getWaitedMs()).isNotNegative();

        ObjectMapper json = query.getObjectMapper();
        Session storedFull = json.convertValue(full, Session.class);
        Session storedMinimal = json.convertValue(minimal, Session.class);
        Task storedTranslated = json.convertValue(translated, Task.class);
        Task storedFailed = json.convertValue(failed, Task.class);

        SessionsApi sessionsApi = new SessionsApi(query);
        assertThat(sessionsApi.getSession(run + "-s1", sessions.getConsistencyToken()))
                .isEqualTo(storedFull);
        assertThat(sessionsApi.getSession(run + "-s2", null)).isEqualTo(storedMinimal);

        // Keyset paging, one session a page, newest update first.
        List<Session> listed = new ArrayList<>();
        String cursor = null;
        do {
            SessionPage page =
                    sessionsApi.listSessions(
                            null,
                            user,
                            null,
                            null,
                            null,
                            null,
                            "updated_at",
                            "desc",
                            null,
                            1,
                            cursor,
                            null);
            assertThat(page.getPageSize()).isEqualTo(1);
            listed.addAll(page.getItems());
            cursor = page.getNextCursor();
        } while (cursor != null);
        assertThat(listed).containsExactly(storedMinimal, storedFull);

        // Offset paging gives page and total.
        SessionPage second =
                sessionsApi.listSessions(
                        null, user, null, null, null, null, "updated_at", "desc", 2, 1, null, null);
        assertThat(second.getItems()).containsExactly(storedFull);
        assertThat(second.getPage()).isEqualTo(2);
        assertThat(second.getTotal()).isEqualTo(2);

        TaskPage sessionTasks = sessionsApi.listSessionTasks(run + "-s1", null, 10, null, null);
        assertThat(sessionTasks.getItems()).containsExactly(storedTranslated, storedFailed);

        Restored restored = new RecoveryApi(query).restoreSession(run + "-s1", null);
        assertThat(restored.getSession()).isEqualTo(storedFull);
        assertThat(restored.getSessionFound()).isTrue();
        assertThat(restored.getTaskCounts()).isEqualTo(Map.of("completed", 1, "failed", 1));
        assertThat(restored.getTasks()).containsExactly(storedTranslated, storedFailed);

        TaskPage failedOnly =
                new com.translation.pipeline.client.query.api.TasksApi(query)
                        .listTasks(
                                run + "-s1",
                                "failed",
                                null,
                                null,
                                null,
                                null,
                                "sequence",
                                "asc",
                                null,
                                10,
                                null,
                                null);
        assertThat(failedOnly.getItems()).containsExactly(storedFailed);

        SessionPage incomplete =
                new RecoveryApi(query)
                        .listIncompleteSessions(user, null, null, null, null, null, 10, null, null);
        assertThat(incomplete.getItems()).containsExactly(storedMinimal);

        Stats stats = new SystemApi(query).getStats(null);
        assertThat(stats.getSessions().getTotal()).isGreaterThanOrEqualTo(2L);
        assertThat(stats.getPipeline().getKafka()).isEqualTo(Pipeline.KafkaEnum.AVAILABLE);

        // A dry run (the default) of every terminal status (statuses left out).
        Result cleanup =
                new MaintenanceApi(query)
                        .cleanupSessions(new CleanupRequest().olderThanDays(0), null);
        assertThat(cleanup.getDryRun()).isTrue();
        assertThat(cleanup.getStatuses())
                .containsExactlyInAnyOrder("completed", "failed", "cancelled");
        assertThat(cleanup.getSampleIds()).contains(run + "-s1");
        assertThat(sessionsApi.getSession(run + "-s1", null)).isEqualTo(storedFull);

        Deleted deleted = sessionsApi.deleteSession(run + "-s1", null);
        assertThat(deleted.getSessionId()).isEqualTo(run + "-s1");
        assertThat(deleted.getSessionDeleted()).isTrue();
        assertThat(deleted.getTasksDeleted()).isEqualTo(2);
        assertThat(deleted.getDeletedAt()).isNotNull();

        assertThatThrownBy(() -> sessionsApi.getSession(run + "-s1", null))
                .isInstanceOfSatisfying(
                        com.translation.pipeline.client.query.ApiException.class,
                        e -> {
                            assertThat(e.getCode()).isEqualTo(404);
                            Problem problem = readProblem(json, e.getResponseBody());
                            assertThat(problem.getStatus()).isEqualTo(404);
                            assertThat(problem.getDetail()).contains(run + "-s1");
                        });
    }

    @Test
    void anInvalidBatchIsA422WhoseBodyIsTheDocumentedBatchProblem() {
        var invalid =
                new com.translation.pipeline.client.ingest.model.Session()
                        .sessionId("client-invalid")
                        .status(
                                com.translation.pipeline.client.ingest.model.Session.StatusEnum
                                        .RUNNING)
                        .totalTasks(-1)
                        .createdAt(OffsetDateTime.parse("2026-01-02T08:00:00Z"))
                        .updatedAt(OffsetDateTime.parse("2026-01-02T08:00:00Z"));

        assertThatThrownBy(
                        () ->
                                new com.translation.pipeline.client.ingest.api.SessionsApi(ingest)
                                        .publishSessions(
                                                true,
                                                new SessionBatchRequest()
                                                        .sessions(List.of(invalid))))
                .isInstanceOfSatisfying(
                        com.translation.pipeline.client.ingest.ApiException.class,
                        e -> {
                            assertThat(e.getCode()).isEqualTo(422);
                            var problem =
                                    readBatchProblem(ingest.getObjectMapper(), e.getResponseBody());
                            assertThat(problem.getStatus()).isEqualTo(422);
                            assertThat(problem.getAccepted()).isZero();
                            assertThat(problem.getRejected()).isEqualTo(1);
                            assertThat(problem.getResults().get(0).getErrors())
                                    .extracting(ItemError::getField)
                                    .containsExactly("total_tasks");
                        });
    }

    private static Problem readProblem(ObjectMapper json, String body) {
        try {
            return json.readValue(body, Problem.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("Not a Problem: " + body, e);
        }
    }

    private static com.translation.pipeline.client.ingest.model.BatchProblem readBatchProblem(
            ObjectMapper json, String body) {
        try {
            return json.readValue(
                    body, com.translation.pipeline.client.ingest.model.BatchProblem.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("Not a BatchProblem: " + body, e);
        }
    }
}
