package com.translation.pipeline.schema.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistencyTokenTest {

    @Test
    void encodedTokenDecodesToTheSameOffsets() {
        ConsistencyToken token =
                new ConsistencyToken(
                        Map.of(
                                "translation.sessions.v1", Map.of(0, 15L, 2, 7L),
                                "translation.tasks.v1", Map.of(1, 1_000_000_000_000L)));

        String encoded = token.encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(ConsistencyToken.decode(encoded)).isEqualTo(token);
        assertThat(ConsistencyToken.decode(encoded).offsets().get("translation.sessions.v1"))
                .containsEntry(0, 15L)
                .containsEntry(2, 7L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "not base64 !", "bm90IGpzb24", "W10", "eyJ0Ijp7Ii0xIjo1fX0"})
    void textThatIsNotATokenIsRejected(String text) {
        assertThatThrownBy(() -> ConsistencyToken.decode(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a consistency token");
    }

    @Test
    void negativeOffsetIsRejected() {
        String encoded = new ConsistencyToken(Map.of("t", Map.of(0, 1L))).encode();
        String negative =
                java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"t\":{\"0\":-1}}".getBytes());

        assertThat(ConsistencyToken.decode(encoded).offsets()).containsKey("t");
        assertThatThrownBy(() -> ConsistencyToken.decode(negative))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
