package com.translation.pipeline.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBodyLimitFilterTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/x-www-form-urlencoded",
                "APPLICATION/X-WWW-FORM-URLENCODED",
                " application/x-www-form-urlencoded ; charset=UTF-8",
                "multipart/form-data; boundary=----x",
                "Multipart/Mixed; boundary=b",
                "multipart/related"
            })
    void formTypesAreRecognisedWhateverTheirCaseAndParameters(String contentType) {
        assertThat(RequestBodyLimitFilter.isForm(contentType)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "application/json",
                "application/json; charset=UTF-8",
                "text/plain",
                "application/x-www-form-urlencoded-but-not",
                "application/problem+json",
                ""
            })
    void otherTypesAreLeftToTheEndpoint(String contentType) {
        assertThat(RequestBodyLimitFilter.isForm(contentType)).isFalse();
    }
}
