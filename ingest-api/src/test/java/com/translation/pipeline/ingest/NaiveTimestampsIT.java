package com.translation.pipeline.ingest;

import static java.time.ZoneOffset.UTC;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.schema.event.Topics;
import com.translation.pipeline.testsupport.KafkaTestBroker;
import com.translation.pipeline.testsupport.ServiceHttp;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ingest.naive-timestamps}: a timestamp without an offset, as Python's {@code
 * datetime.utcnow().isoformat()} and {@code str(datetime)} write it, is refused by default and
 * taken as UTC when the setting says {@code utc}; on every timestamp field of both record types.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NaiveTimestampsIT {

    static final String SESSIONS_TOPIC = KafkaTestBroker.uniqueTopic(Topics.SESSIONS);
    static final String TASKS_TOPIC = KafkaTestBroker.uniqueTopic(Topics.TASKS);

    private static final KafkaTestBroker KAFKA = KafkaTestBroker.instance();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("ingest.sessions-topic", () -> SESSIONS_TOPIC);
        registry.add("ingest.tasks-topic", () -> TASKS_TOPIC);
    }

    /** Every record type and timestamp field, with each naive spelling Python code sends. */
    static Stream<Arguments> naive() {
        return everyField(
                "2026-01-01T10:00:00.123456",
                "2026-01-01 10:00:00.123456",
                "2026-01-01T10:00:00",
                "2026-01-01 10:00:00.5");
    }

    /**
     * Python's {@code str()} of an aware datetime: an offset, but a space before the time, which
     * the contract does not take.
     */
    static Stream<Arguments> spaceBeforeAnOffset() {
        return everyField("2026-01-01 10:00:00+02:00", "2026-01-01 10:00:00.123456+00:00");
    }

    private static Stream<Arguments> everyField(String... values) {
        List<Arguments> cases = new ArrayList<>();
        for (String kind : List.of("sessions", "tasks")) {
            for (String field : List.of("created_at", "updated_at", "completed_at")) {
                for (String value : values) {
                    cases.add(Arguments.of(kind, field, value));
                }
            }
        }
        return cases.stream();
    }

    @Nested
    class ByDefault {

        @LocalServerPort int port;

        @ParameterizedTest(name = "{0} {1} = {2}")
        @MethodSource({
            "com.translation.pipeline.ingest.NaiveTimestampsIT#naive",
            "com.translation.pipeline.ingest.NaiveTimestampsIT#spaceBeforeAnOffset"
        })
        void aTimestampWithoutAnOffsetOrWithASpaceIsRefusedNamingTheField(
                String kind, String field, String value) {
            assertRefusedAsInvalidTimestamp(post(port, kind, item(kind, field, value)), field);
        }
    }

    @Nested
    @TestPropertySource(properties = "ingest.naive-timestamps=utc")
    class TakenAsUtc {

        @LocalServerPort int port;

        @ParameterizedTest(name = "{0} {1} = {2}")
        @MethodSource("com.translation.pipeline.ingest.NaiveTimestampsIT#naive")
        void aTimestampWithoutAnOffsetIsPublishedAsUtc(String kind, String field, String value) {
            String item = item(kind, field, value);

            HttpResponse<String> response = post(port, kind, item);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            assertThat(Instant.parse(published(kind, item).path(field).asString()))
                    .isEqualTo(LocalDateTime.parse(value.replace(' ', 'T')).toInstant(UTC));
        }

        @ParameterizedTest(name = "{0} {1} = {2}")
        @MethodSource({
            "aware",
            "com.translation.pipeline.ingest.NaiveTimestampsIT#spaceBeforeAnOffset"
        })
        void aTimestampWithAnOffsetKeepsItsInstant(String kind, String field, String value) {
            String item = item(kind, field, value);

            assertThat(post(port, kind, item).statusCode()).isEqualTo(202);
            assertThat(Instant.parse(published(kind, item).path(field).asString()))
                    .isEqualTo(OffsetDateTime.parse(value.replace(' ', 'T')).toInstant());
        }

        /** With an offset, in either case of {@code T} and {@code Z}. */
        static Stream<Arguments> aware() {
            return Stream.of(
                    Arguments.of("sessions", "created_at", "2026-01-01T10:00:00.5+02:00"),
                    Arguments.of("tasks", "updated_at", "2026-01-01t10:00:00z"),
                    Arguments.of("tasks", "completed_at", "2026-01-01T10:00:00.123456-05:30"));
        }

        /** What is not a date and a time of day stays refused: the switch adds only the offset. */
        @ParameterizedTest(name = "{0} {1} = {2}")
        @MethodSource("stillInvalid")
        void whatIsNotADateAndATimeOfDayIsStillRefused(String kind, String field, String value) {
            assertRefusedAsInvalidTimestamp(post(port, kind, item(kind, field, value)), field);
        }

        static Stream<Arguments> stillInvalid() {
            return Stream.of(
                    Arguments.of("sessions", "created_at", "2026-01-01 10:00"),
                    Arguments.of("sessions", "updated_at", "2026-01-01T10:00:00.1234567"),
                    Arguments.of("tasks", "created_at", "2026-01-01"),
                    Arguments.of("tasks", "updated_at", "10:00:00"),
                    Arguments.of("tasks", "completed_at", "2026-01-01  10:00:00"),
                    Arguments.of("sessions", "completed_at", "2026-13-01 10:00:00"));
        }
    }

    private static void assertRefusedAsInvalidTimestamp(
            HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode error = JSON.readTree(response.body()).findPath("errors").get(0);
        assertThat(error.path("field").asString()).isEqualTo(field);
        assertThat(error.path("reason").asString()).isEqualTo("INVALID_TIMESTAMP");
    }

    private static String item(String kind, String field, String value) {
        String id = kind.charAt(0) + "-naive-" + UUID.randomUUID();
        String json =
                kind.equals("sessions")
                        ? IngestTestData.session(id)
                        : IngestTestData.task(id, "s-naive");
        ObjectNode item = (ObjectNode) JSON.readTree(json);
        item.put(field, value);
        return item.toString();
    }

    private static HttpResponse<String> post(int port, String kind, String item) {
        return ServiceHttp.postJson(
                port,
                "/api/v1/translation/" + kind + "/batch",
                "{\"" + kind + "\": [" + item + "]}");
    }

    /** The {@code data} of the event published for {@code item}. */
    private static JsonNode published(String kind, String item) {
        String idField = kind.equals("sessions") ? "session_id" : "task_id";
        String id = JSON.readTree(item).path(idField).asString();
        return KAFKA.readAll(kind.equals("sessions") ? SESSIONS_TOPIC : TASKS_TOPIC).stream()
                .map(record -> JSON.readTree(record.value()).path("data"))
                .filter(data -> id.equals(data.path(idField).asString()))
                .findFirst()
                .orElseThrow();
    }
}
