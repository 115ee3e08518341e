package com.translation.pipeline.schema.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "61",
                "c280",
                "dfbf",
                "e0a080",
                "ed9fbf",
                "ee8080",
                "efbfbf",
                "f0908080",
                "f48fbfbf",
                "e282ac",
                "f09f9880"
            })
    void wellFormedSequencesAreUtf8(String hex) {
        assertThat(Utf8.isValid(HexFormat.of().parseHex(hex))).isTrue();
    }

    /** Overlong forms, encoded surrogates, beyond U+10FFFF, stray and truncated bytes. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "c080",
                "c1bf",
                "e08080",
                "e09fbf",
                "eda080",
                "edbfbf",
                "f0808080",
                "f08fbfbf",
                "f4908080",
                "f5808080",
                "ff",
                "fe",
                "80",
                "bf",
                "e282",
                "f09f98",
                "c2",
                "61c08062"
            })
    void malformedSequencesAreNot(String hex) {
        assertThat(Utf8.isValid(HexFormat.of().parseHex(hex))).isFalse();
    }

    /** The JDK's strict decoder and this check agree on any bytes, read whole or in pieces. */
    @Test
    void agreesWithTheJdksStrictDecoderOnRandomBytes() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = new byte[random.nextInt(12)];
            for (int b = 0; b < bytes.length; b++) {
                bytes[b] =
                        (byte)
                                (random.nextBoolean()
                                        ? 0x80 + random.nextInt(128)
                                        : random.nextInt(256));
            }
            boolean jdk = decodes(bytes);
            assertThat(Utf8.isValid(bytes)).as(HexFormat.of().formatHex(bytes)).isEqualTo(jdk);
            assertThat(streams(bytes)).as(HexFormat.of().formatHex(bytes)).isEqualTo(jdk);
        }
    }

    @Test
    void theStreamFailsAtTheFirstByteThatIsNotUtf8() {
        InputStream in =
                Utf8.validating(new ByteArrayInputStream(HexFormat.of().parseHex("6162c080")));

        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(Utf8.MalformedException.class)
                .satisfies(e -> assertThat(((Utf8.MalformedException) e).position()).isEqualTo(2));
    }

    private static boolean decodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Reads through the validating stream one byte at a time. */
    private static boolean streams(byte[] bytes) {
        try (InputStream in = Utf8.validating(new ByteArrayInputStream(bytes))) {
            while (in.read() >= 0) {
                // reading is the check
            }
            return true;
        } catch (Utf8.MalformedException e) {
            return false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
