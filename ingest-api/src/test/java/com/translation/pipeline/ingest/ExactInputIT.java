package com.translation.pipeline.ingest;

import static com.translation.pipeline.ingest.IngestTestData.session;
import static com.translation.pipeline.ingest.IngestTestData.sessions;
import static com.translation.pipeline.ingest.IngestTestData.task;
import static com.translation.pipeline.ingest.IngestTestData.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.schema.event.ContractJson;
import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.Topics;
import com.translation.pipeline.testsupport.KafkaTestBroker;
import com.translation.pipeline.testsupport.ServiceHttp;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nothing is accepted that cannot be stored exactly as sent: an item too large for one Kafka
 * record, text that is not whole Unicode and numbers the database would alter are rejected item by
 * item, naming the field; what is accepted reaches the topic unchanged. Default limits.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ExactInputIT {

    static final String SESSIONS_TOPIC = KafkaTestBroker.uniqueTopic(Topics.SESSIONS);
    static final String TASKS_TOPIC = KafkaTestBroker.uniqueTopic(Topics.TASKS);

    private static final KafkaTestBroker KAFKA = KafkaTestBroker.instance();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("ingest.sessions-topic", () -> SESSIONS_TOPIC);
        registry.add("ingest.tasks-topic", () -> TASKS_TOPIC);
    }

    /**
     * 200,000 × U+0001 is 200 KB of UTF-8, within the text limit, but 1.2 MB as JSON: over one
     * Kafka record. That item alone is rejected (not the whole batch with 503); its neighbour is
     * stored.
     */
    @Test
    void anItemTooLargeForOneRecordIsRejectedNamingItsLargestFieldAndTheRestAccepted() {
        String big = "t-big-" + UUID.randomUUID();
        String small = "t-small-" + UUID.randomUUID();
        String escaped = "\\u0001".repeat(200_000);
        String bigTask = task(big, "s-big").replace("\"Hello\"", "\"" + escaped + "\"");
        String bothTexts =
                task("t-both-" + UUID.randomUUID(), "s-big")
                        .replace("\"Hello\"", "\"" + "\\u0002".repeat(100_000) + "\"")
                        .replace("\"Bonjour\"", "\"" + "\\u001f".repeat(120_000) + "\"");

        HttpResponse<String> response =
                post(
                        "/api/v1/translation/tasks/batch",
                        tasks(bigTask, task(small, "s-big"), bothTexts));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
        JsonNode results = JSON.readTree(response.body()).path("results");
        assertThat(results.get(0).path("status").asString()).isEqualTo("rejected");
        assertThat(results.get(0).path("errors").get(0).path("field").asString())
                .isEqualTo("source_text");
        assertThat(results.get(0).path("errors").get(0).path("reason").asString())
                .isEqualTo("TOO_LARGE");
        assertThat(results.get(1).path("status").asString()).isEqualTo("accepted");
        assertThat(results.get(2).path("errors").get(0).path("field").asString())
                .isEqualTo("translated_text");
        assertThat(keysOfTaskIds(TASKS_TOPIC)).contains(small).doesNotContain(big);
    }

    /**
     * The two bounds of one item while it is parsed (docs/ingest-api.md): more than 4,000,000 bytes
     * of JSON (five strings of 900,000 characters, each under the 1,000,000-character string bound)
     * or more than 50,000 JSON tokens (an array of 50,001 zeros, 100 KB). Each such item alone is
     * 422 TOO_LARGE, skipped without a tree; its neighbour is published.
     */
    @ParameterizedTest
    @ValueSource(strings = {"bytes", "values"})
    void anItemPastAParsingBoundIsRefusedAloneAndItsNeighbourPublished(String bound) {
        String big = "s-bound-" + UUID.randomUUID();
        String small = "s-small-" + UUID.randomUUID();
        String filler =
                bound.equals("bytes")
                        ? ("\"" + "x".repeat(900_000) + "\",").repeat(4)
                                + "\""
                                + "x".repeat(900_000)
                                + "\""
                        : "0,".repeat(50_000) + "0";
        String item =
                session(big).replace("{\"origin\": \"upload\"}", "{\"fill\": [" + filler + "]}");

        HttpResponse<String> response =
                post("/api/v1/translation/sessions/batch", sessions(item, session(small)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
        JsonNode results = JSON.readTree(response.body()).path("results");
        assertThat(results.get(0).path("status").asString()).isEqualTo("rejected");
        JsonNode error = results.get(0).path("errors").get(0);
        assertThat(error.path("reason").asString()).isEqualTo("TOO_LARGE");
        // Refused by the parsing bound itself, before the metadata or record size rules see it.
        assertThat(error.path("field").asString()).isEmpty();
        assertThat(error.path("message").asString())
                .contains("more than 50000 JSON tokens or spans more than 4000000 bytes");
        assertThat(results.get(1).path("status").asString()).isEqualTo("accepted");
    }

    /**
     * The item bounds leave room for every valid item: metadata of 65,536 bytes as dense in tokens
     * as JSON allows ({@code {"a":[[],[],...]}}, 43,691 tokens, 21,843 empty arrays) is accepted
     * and published as sent; one array more is over the metadata limit and refused by its rule, not
     * by a parsing bound.
     */
    @Test
    void theDensestValidMetadataIsAcceptedAndOneArrayMoreIsRefusedByItsRule() {
        String densest = "{\"a\":[" + "[],".repeat(21_842) + "[]]}";
        assertThat(densest.length()).isEqualTo(65_536);
        String fits = "s-dense-" + UUID.randomUUID();
        String over = "s-dense-over-" + UUID.randomUUID();
        String tooLarge = densest.replace("[[]", "[[],[]");

        HttpResponse<String> response =
                post(
                        "/api/v1/translation/sessions/batch",
                        sessions(
                                session(fits).replace("{\"origin\": \"upload\"}", densest),
                                session(over).replace("{\"origin\": \"upload\"}", tooLarge)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
        JsonNode results = JSON.readTree(response.body()).path("results");
        assertThat(results.get(0).path("status").asString()).isEqualTo("accepted");
        assertThat(results.get(1).path("status").asString()).isEqualTo("rejected");
        assertThat(results.get(1).path("errors").get(0).path("field").asString())
                .isEqualTo("metadata");
        JsonNode published =
                KAFKA.readAll(SESSIONS_TOPIC).stream()
                        .map(r -> parse(r.value()).path("data"))
                        .filter(data -> data.path("session_id").asString().equals(fits))
                        .findFirst()
                        .orElseThrow();
        assertThat(published.path("metadata")).isEqualTo(JSON.readTree(densest));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "title:\"a\\ud800b\"",
                "title:\"\\udc00\"",
                "user_id:\"user\\ud83d\"",
                "target_language:\"\\ud800\"",
                "metadata:{\"k\": \"\\udfff\"}",
                "metadata:{\"big\": 1e400}",
                "metadata:{\"tiny\": 1e-400}",
                "metadata:{\"n\": 0.10000000000000001}",
                "metadata:{\"n\": 12345678901234567890123}"
            })
    void aValueTheDatabaseWouldAlterIsRejectedNamingTheField(String fieldAndValue) {
        String field = fieldAndValue.substring(0, fieldAndValue.indexOf(':'));
        String value = fieldAndValue.substring(fieldAndValue.indexOf(':') + 1);
        String item = minimalSession("s-alter-" + UUID.randomUUID(), field, value);
        long before = KAFKA.endOffsetSum(SESSIONS_TOPIC);

        HttpResponse<String> response = post("/api/v1/translation/sessions/batch", sessions(item));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).findValuesAsString("field")).contains(field);
        assertThat(KAFKA.endOffsetSum(SESSIONS_TOPIC)).isEqualTo(before);
    }

    /**
     * A number whose exponent no decimal holds, in any numeric field or inside metadata: that item
     * is refused naming the field, and its neighbour is published.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "metadata:{\"x\": 0e99999999999}",
                "metadata:{\"x\": [1, 1e-99999999999]}",
                "metadata:{\"a\": {\"b\": 1e99999999999}}",
                "total_tasks:1e99999999999",
                "completed_tasks:-1E+99999999999",
                "failed_tasks:0E-99999999999"
            })
    void aNumberBeyondAnyExponentIsRejectedAloneNamingTheField(String fieldAndValue) {
        String field = fieldAndValue.substring(0, fieldAndValue.indexOf(':'));
        String value = fieldAndValue.substring(fieldAndValue.indexOf(':') + 1);
        String bad = minimalSession("s-exp-" + UUID.randomUUID(), field, value);
        String good = "s-exp-next-" + UUID.randomUUID();

        HttpResponse<String> response =
                post("/api/v1/translation/sessions/batch", sessions(bad, session(good)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
        JsonNode results = JSON.readTree(response.body()).path("results");
        assertThat(results.get(0).path("errors").get(0).path("field").asString()).isEqualTo(field);
        assertThat(results.get(0).path("errors").get(0).path("reason").asString())
                .isEqualTo("OUT_OF_RANGE");
        assertThat(results.get(1).path("status").asString()).isEqualTo("accepted");
    }

    /**
     * JSON is exchanged as UTF-8 (RFC 8259): a body in UTF-16 or UTF-32, which the parser would
     * detect and decode, is refused even when its text is ASCII.
     */
    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"})
    void aBodyInAnotherUnicodeEncodingIsRefused(String charset) {
        byte[] body =
                sessions(session("s-enc-" + UUID.randomUUID()))
                        .getBytes(java.nio.charset.Charset.forName(charset));

        HttpResponse<String> response = postBytes(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("NUL byte");
    }

    /**
     * Query parameters are read strictly: one the endpoint does not read, one given twice, one
     * without a value, or a boolean other than true or false is 400 naming it, and nothing is
     * published (an ignored {@code atomic} would publish the valid half of a batch).
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "Atomic=true:Atomic",
                "atomic:atomic",
                "atomic=:atomic",
                "atomic=false&atomic=true:atomic",
                "atomic=yes:atomic",
                "atomic=1:atomic",
                "foo=1:foo"
            })
    void oddQueryParametersAreRefusedNamingThem(String queryAndField) {
        String query = queryAndField.substring(0, queryAndField.lastIndexOf(':'));
        String field = queryAndField.substring(queryAndField.lastIndexOf(':') + 1);
        String good = "s-param-" + UUID.randomUUID();
        long before = KAFKA.endOffsetSum(SESSIONS_TOPIC);

        HttpResponse<String> response =
                post(
                        "/api/v1/translation/sessions/batch?" + query,
                        sessions(session(good), minimalSession("s-bad", "status", "\"nope\"")));

        assertThat(response.statusCode()).as(query + " " + response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).findValuesAsString("field"))
                .as(query)
                .containsExactly(field);
        assertThat(response.body()).doesNotContain("java.").doesNotContain("Exception");
        assertThat(KAFKA.endOffsetSum(SESSIONS_TOPIC)).isEqualTo(before);
    }

    /**
     * An item with more values than any valid one (a million empty arrays, or deep nesting
     * repeated) is refused alone, without building its tree; its neighbours are published.
     */
    @Test
    void anItemWithMoreValuesThanAnyValidOneIsRejectedAloneWithoutItsTree() {
        String wide = "{\"x\": [" + "[],".repeat(300_000) + "[]]}";
        String deep =
                "{\"metadata\": {\"a\": ["
                        + (("[".repeat(14) + "]".repeat(14)) + ",").repeat(20_000)
                        + "1]}}";
        String good = "s-next-" + UUID.randomUUID();

        HttpResponse<String> response =
                post("/api/v1/translation/sessions/batch", sessions(wide, session(good), deep));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
        JsonNode results = JSON.readTree(response.body()).path("results");
        assertThat(results.get(0).path("errors").get(0).path("reason").asString())
                .isEqualTo("TOO_LARGE");
        assertThat(results.get(1).path("status").asString()).isEqualTo("accepted");
        assertThat(results.get(2).path("errors").get(0).path("reason").asString())
                .isEqualTo("TOO_LARGE");
    }

    /** The parser itself refuses a broken surrogate in a name: 400, naming where. */
    @Test
    void anUnpairedSurrogateInAMetadataKeyIsABadRequestNamingWhere() {
        String item = minimalSession("s-key-" + UUID.randomUUID(), "metadata", "{\"k\\ud800\": 1}");

        HttpResponse<String> response = post("/api/v1/translation/sessions/batch", sessions(item));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).findValuesAsString("field"))
                .containsExactly("sessions[0].metadata");
    }

    /** Bytes that are not UTF-8, and UTF-8-encoded surrogates (CESU-8), are not text. */
    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] template = bytes(sessions(session("s-bytes").replace("Report", "R#port")));
        int at = indexOf(template, (byte) '#');
        byte[] latin1 = template.clone();
        latin1[at] = (byte) 0xE9;
        byte[] cesu = new byte[template.length + 2];
        System.arraycopy(template, 0, cesu, 0, at);
        cesu[at] = (byte) 0xED;
        cesu[at + 1] = (byte) 0xA0;
        cesu[at + 2] = (byte) 0x80;
        System.arraycopy(template, at + 1, cesu, at + 3, template.length - at - 1);

        assertThat(postBytes(latin1).statusCode()).isEqualTo(400);
        assertThat(postBytes(cesu).statusCode()).isEqualTo(400);
        // Overlong forms (C0 80 for NUL, E0 80 80, C0 AF for '/') and a code point beyond
        // U+10FFFF: the parser alone decoded some into other characters.
        for (String hex : List.of("c080", "c0af", "c1bf", "e08080", "e09fbf", "f4908080")) {
            byte[] overlong = replaceAt(template, at, java.util.HexFormat.of().parseHex(hex));
            HttpResponse<String> response = postBytes(overlong);
            assertThat(response.statusCode()).as(hex).isEqualTo(400);
            assertThat(response.body()).as(hex).contains("not UTF-8");
        }
    }

    /**
     * Text and numbers at their edges reach the topic exactly as sent (numbers as the same value;
     * the worker's tests take them on to the database).
     */
    @Test
    void acceptedTextAndNumbersReachTheTopicExactly() {
        String id = "s-exact-" + UUID.randomUUID();
        String title = "😀 题 \\u0000 \\u2028 Ω é trailing  ";
        String metadata =
                "{\"pi\": 3.141592653589793, \"tenth\": 0.1, \"big\": 18446744073709551615,"
                        + " \"min\": -9223372036854775808, \"exp\": 2e23, \"tiny\": 5e-324,"
                        + " \"one\": 1.0, \"text\": \"\\ud83d\\ude00\", \"nested\": [[1e2]]}";
        String item =
                session(id)
                        .replace("\"Report\"", "\"" + title + "\"")
                        .replace("{\"origin\": \"upload\"}", metadata);

        HttpResponse<String> response = post("/api/v1/translation/sessions/batch", sessions(item));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode sent = parse(bytes(item));
        ConsumerRecord<String, byte[]> record =
                KAFKA.readAll(SESSIONS_TOPIC).stream()
                        .filter(r -> id.equals(r.key()))
                        .findFirst()
                        .orElseThrow();
        JsonNode onTopic = parse(record.value()).path("data");
        assertThat(onTopic.path("title").asString()).isEqualTo(sent.path("title").asString());
        assertThat(onTopic.path("title").asString())
                .contains("😀", "\u0000", "\u2028")
                .endsWith("  ");
        sent.path("metadata")
                .properties()
                .forEach(
                        property ->
                                assertThat(
                                                sameValue(
                                                        onTopic.path("metadata")
                                                                .path(property.getKey()),
                                                        property.getValue()))
                                        .as(property.getKey() + ": " + onTopic.path("metadata"))
                                        .isTrue());
        assertThat(record.value().length).isLessThanOrEqualTo(EventEnvelope.MAX_EVENT_BYTES);
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private List<String> keysOfTaskIds(String topic) {
        return KAFKA.readAll(topic).stream()
                .map(r -> parse(r.value()))
                .map(envelope -> envelope.path("data").path("task_id").asString())
                .toList();
    }

    private HttpResponse<String> post(String path, String body) {
        return ServiceHttp.postJson(port, path, body);
    }

    private HttpResponse<String> postBytes(byte[] body) {
        return ServiceHttp.send(
                HttpRequest.newBuilder(ServiceHttp.uri(port, "/api/v1/translation/sessions/batch"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] replaceAt(byte[] bytes, int at, byte[] with) {
        byte[] replaced = new byte[bytes.length - 1 + with.length];
        System.arraycopy(bytes, 0, replaced, 0, at);
        System.arraycopy(with, 0, replaced, at, with.length);
        System.arraycopy(bytes, at + 1, replaced, at + with.length, bytes.length - at - 1);
        return replaced;
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }

    /** The required fields of a session and {@code field} with a raw JSON value. */
    private static String minimalSession(String id, String field, String rawValue) {
        return "{\"session_id\": \""
                + id
                + "\", \"status\": \"running\", \"created_at\": \"2026-03-01T10:00:00Z\","
                + " \"updated_at\": \"2026-03-01T10:00:00Z\", \""
                + field
                + "\": "
                + rawValue
                + "}";
    }

    private static JsonNode parse(byte[] json) {
        return ContractJson.readValue(ContractJson.parser(new ByteArrayInputStream(json)));
    }
}
