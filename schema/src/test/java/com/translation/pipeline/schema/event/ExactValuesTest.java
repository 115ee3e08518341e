package com.translation.pipeline.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.schema.event.FieldError.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * What the contract accepts must come back from the database as sent: numbers as the same value,
 * strings as the same text. Items are parsed from JSON text, as a client sends them.
 */
class ExactValuesTest {

    private static final EventValidator VALIDATOR = EventValidator.create();

    /** MySQL stores these as integers or as the double whose shortest form they are. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "-0",
                "0.0",
                "-0.0",
                "1",
                "100.0",
                "1e2",
                "1E+2",
                "0.1",
                "0.30000000000000004",
                "1.5e-7",
                "2e23",
                "123456789012345678",
                "9223372036854775807",
                "-9223372036854775808",
                "18446744073709551615",
                "100000000000000000000",
                "1.7976931348623157e308",
                "-1.7976931348623157e308",
                "5e-324",
                "2.2250738585072014e-308",
                "123456789012345.6"
            })
    void numbersTheDatabaseStoresExactlyAreAccepted(String number) {
        assertThat(
                        VALIDATOR
                                .validateSession(sessionWithMetadata("{\"n\": " + number + "}"))
                                .errors())
                .isEmpty();
    }

    /** These would come back altered: infinite, zero, rounded or with fewer digits. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "1e400",
                "-1e400",
                "1e309",
                "1e-400",
                "2e-324",
                "0.10000000000000001",
                "12345678901234567890123",
                "18446744073709551616",
                "-9223372036854775809",
                "1.00000000000000000001",
                "3.141592653589793238",
                "1e1000000000"
            })
    void numbersTheDatabaseWouldAlterAreRejectedNamingMetadata(String number) {
        List<FieldError> errors =
                VALIDATOR
                        .validateSession(
                                sessionWithMetadata("{\"n\": [1, {\"x\": " + number + "}]}"))
                        .errors();

        assertThat(errors).extracting(FieldError::field).containsExactly("metadata");
        assertThat(errors.get(0).reason()).isEqualTo(Reason.INVALID_VALUE);
        assertThat(errors.get(0).message()).contains("cannot be stored exactly");
    }

    /** A lone surrogate has no UTF-8 form; the database would store {@code ?}. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"title\": \"a\\ud800b\"}",
                "{\"title\": \"\\udc00\"}",
                "{\"title\": \"end\\ud83d\"}",
                "{\"user_id\": \"u\\ud800\"}",
                "{\"source_language\": \"\\ud800\"}",
                "{\"metadata\": {\"k\": \"v\\udfff\"}}",
                "{\"metadata\": {\"k\\ud800\": 1}}",
                "{\"metadata\": {\"list\": [\"ok\", [\"\\ud800\"]]}}"
            })
    void unpairedSurrogatesAnywhereAreRejectedNamingTheField(String fields) {
        JsonNode item = merged(fields);
        String field = item.properties().iterator().next().getKey();
        for (var property : item.properties()) {
            field = property.getKey();
        }

        List<FieldError> errors = VALIDATOR.validateSession(item).errors();

        assertThat(errors).extracting(FieldError::field).containsExactly(field);
        assertThat(errors.get(0).message()).contains("unpaired UTF-16 surrogate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"😀", "a😀b", "\\ud83d\\ude00", "\\u0000", "\\uffff", "\\ufffd"})
    void wholeUnicodeTextIsAccepted(String text) {
        assertThat(VALIDATOR.validateSession(merged("{\"title\": \"" + text + "\"}")).errors())
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "0.10000000000000001"})
    void aDirectProducersRecordWithSuchANumberIsInvalidToo(String number) {
        String envelope =
                "{\"schema_version\":1,\"event_id\":\"4f1c2a9e-7b3d-4c5e-9f10-2a3b4c5d6e7f\","
                        + "\"type\":\"session.upserted\",\"occurred_at\":\"2026-03-01T10:05:00Z\","
                        + "\"data\":{\"session_id\":\"s\",\"status\":\"running\","
                        + "\"created_at\":\"2026-03-01T10:00:00Z\","
                        + "\"updated_at\":\"2026-03-01T10:00:00Z\",\"metadata\":{\"n\":"
                        + number
                        + "}}}";

        assertThat(VALIDATOR.validateEnvelope(envelope.getBytes(StandardCharsets.UTF_8)).errors())
                .extracting(FieldError::field)
                .containsExactly("data.metadata");
    }

    /**
     * Whole-number fields with a number beyond 64 bits: the JSON Schema library cannot compare them
     * with a bound and used to fail, which stopped the worker on such a record. They are out of
     * range, named, in an item and in a record.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "1e400",
                "-1e400",
                "1e19",
                "1.0e20",
                "9223372036854775808",
                "-9223372036854775809",
                "12345678901234567890123.5"
            })
    void wholeNumberFieldsBeyondSixtyFourBitsAreOutOfRangeNamingTheField(String number) {
        for (String field : List.of("total_tasks", "completed_tasks", "failed_tasks")) {
            List<FieldError> errors =
                    VALIDATOR
                            .validateSession(merged("{\"" + field + "\": " + number + "}"))
                            .errors();

            assertThat(errors).extracting(FieldError::field).containsExactly(field);
            assertThat(errors.get(0).reason()).isEqualTo(Reason.OUT_OF_RANGE);
        }
        String envelope =
                "{\"schema_version\":1,\"event_id\":\"4f1c2a9e-7b3d-4c5e-9f10-2a3b4c5d6e7f\","
                        + "\"type\":\"task.upserted\",\"occurred_at\":\"2026-03-01T10:05:00Z\","
                        + "\"data\":{\"task_id\":\"t\",\"session_id\":\"s\",\"status\":\"pending\","
                        + "\"created_at\":\"2026-03-01T10:00:00Z\","
                        + "\"updated_at\":\"2026-03-01T10:00:00Z\",\"sequence\":"
                        + number
                        + "}}";
        assertThat(VALIDATOR.validateEnvelope(envelope.getBytes(StandardCharsets.UTF_8)).errors())
                .extracting(FieldError::field)
                .containsExactly("data.sequence");
    }

    private static JsonNode sessionWithMetadata(String metadata) {
        return merged("{\"metadata\": " + metadata + "}");
    }

    /** A minimal valid session with {@code fields} (JSON text) added last. */
    private static JsonNode merged(String fields) {
        String base =
                "{\"session_id\":\"s\",\"status\":\"running\","
                        + "\"created_at\":\"2026-03-01T10:00:00Z\","
                        + "\"updated_at\":\"2026-03-01T10:00:00Z\",";
        return ContractJson.MAPPER.readTree(base + fields.substring(1));
    }
}
