package com.translation.pipeline.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Messages about unreadable JSON say what is wrong without naming the server's classes. */
class JsonMessagesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Request(Integer days, Boolean dryRun, List<String> statuses) {}

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"days\": \"thirty\"}|must be a whole number from -2147483648 to 2147483647",
                "{\"dryRun\": \"no\"}|must be true or false",
                "{\"statuses\": \"completed\"}|must be a list",
                "[]|must be an object"
            })
    void aValueOfTheWrongTypeSaysWhatItMustBe(String json, String expected) {
        JacksonException error = readError(json);

        assertThat(JsonMessages.of(error)).isEqualTo(expected).doesNotContain("java");
    }

    @Test
    void parserMessagesLoseClassNamesAndKeepTheirSense() {
        assertThat(
                        JsonMessages.clean(
                                "Number value length (1001) exceeds the maximum allowed (1000,"
                                        + " from `StreamReadConstraints.getMaxNumberLength()`)"))
                .isEqualTo("Number value length (1001) exceeds the maximum allowed (1000)");
        assertThat(
                        JsonMessages.clean(
                                "Unexpected token (JsonToken.START_OBJECT), expected"
                                        + " JsonToken.VALUE_STRING"))
                .isEqualTo("Unexpected token ('{'), expected a string");
        assertThat(
                        JsonMessages.clean(
                                "Cannot deserialize value of type"
                                        + " `com.example.web.FlushController$FlushRequest` from"
                                        + " Array value"))
                .isEqualTo("Cannot deserialize value of type a value from Array value");
        assertThat(JsonMessages.clean(null)).isNull();
    }

    @Test
    void aLocationLosesTheParserSettingThatHidesItsSourceAndStaysReadable() {
        JacksonException error = readError("{\"days\": 1");

        assertThat(error.getOriginalMessage()).contains("StreamReadFeature");
        assertThat(JsonMessages.of(error))
                .startsWith("Unexpected end-of-input: expected close marker for Object")
                .doesNotContain("Source", "REDACTED", "StreamRead", "a value", "#UNKNOWN");
    }

    private static JacksonException readError(String json) {
        try {
            JSON.readValue(json, Request.class);
        } catch (JacksonException e) {
            return e;
        }
        throw new AssertionError("read " + json);
    }
}
