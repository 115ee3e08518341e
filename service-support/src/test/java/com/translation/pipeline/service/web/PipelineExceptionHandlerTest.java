package com.translation.pipeline.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.HandlerMapping;

/** Errors no other handler answers: a client gone away is not the service's error. */
class PipelineExceptionHandlerTest {

    private final PipelineExceptionHandler handler =
            new PipelineExceptionHandler(
                    new StaticListableBeanFactory().getBeanProvider(HandlerMapping.class)) {};

    @Test
    void aClientThatWentAwayWhileItsAnswerWasSentGetsNoAnswer() {
        assertThat(handler.unexpected(new IOException("Broken pipe"))).isNull();
        assertThat(handler.unexpected(new IOException("Connection reset by peer"))).isNull();
    }

    @Test
    void anyOtherErrorIsA500Problem() {
        ResponseEntity<Object> answer = handler.unexpected(new IllegalStateException("a defect"));

        assertThat(answer).isNotNull();
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
    }
}
