package com.translation.pipeline.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A problem written by hand is JSON whatever its detail holds, and says it exactly. */
class ProblemResponsesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plain",
                "a \"quoted\" word",
                "a back\\slash",
                "two\nlines\r\n",
                "a tab\tand a bell \u0007 and NUL \u0000",
                "Grüße, 日本語, 😀",
                "/api/v1/{x}"
            })
    void theDetailIsReadBackAsWritten(String detail) {
        JsonNode problem = JSON.readTree(ProblemResponses.json(400, "Bad Request", detail, null));

        assertThat(problem.path("type").asString()).isEqualTo("about:blank");
        assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asString()).isEqualTo(detail);
        assertThat(problem.has("instance")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/translation/a%2Fb", "/health", "/x/%E2%82%AC"})
    void theRequestsPathIsTheInstanceAsItCame(String path) {
        JsonNode problem = JSON.readTree(ProblemResponses.json(400, "Bad Request", "d", path));

        assertThat(problem.path("instance").asString()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "no-slash", "/a b", "/a\\b"})
    void aPathThatIsNotAUriReferenceIsLeftOut(String path) {
        JsonNode problem = JSON.readTree(ProblemResponses.json(400, "Bad Request", "d", path));

        assertThat(problem.has("instance")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\ud800b", "\udc00", "end\ud83d"})
    void aLoneSurrogateIsEscapedNotWrittenAsBrokenUtf8(String detail) {
        String json = ProblemResponses.json(400, "Bad Request", detail, null);

        assertThat(json).doesNotContain(detail).containsPattern("\\\\u[dD][89a-fA-F]");
        assertThat(JSON.readTree(json).path("detail").asString()).isEqualTo(detail);
    }
}
