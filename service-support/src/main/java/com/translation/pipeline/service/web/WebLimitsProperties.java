package com.translation.pipeline.service.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits every request of every service meets before any work is done.
 *
 * @param maxBodySize the largest request body; larger ones get 413 while being read
 * @param maxBodiesInFlight the most request-body bytes the service handles at once, all requests
 *     together: a request reserves its declared Content-Length (or {@code maxBodySize} when it
 *     declares none) before it is read, so the memory that bodies and what is parsed from them take
 *     stays bounded however many clients send at once; at least {@code maxBodySize}
 * @param bodyBudgetWait how long a request waits for room in that budget before it is answered 503
 *     with Retry-After
 * @param maxBodyReadWaits the most request threads that may wait at once for body bytes that have
 *     not arrived; a read that would make one more is answered 503 with Retry-After, so that slow
 *     senders cannot take every request thread (Tomcat has 200) and {@code /health}, reads and
 *     ordinary writes keep answering
 * @param minBodyRate the slowest a body may arrive, in bytes a second, once {@code bodyRateGrace}
 *     has passed; slower is answered 408 and the connection closed
 * @param bodyRateGrace how long a body may arrive at any rate
 */
@Validated
@ConfigurationProperties("pipeline.web")
public record WebLimitsProperties(
        @NotNull @DefaultValue("16MB") DataSize maxBodySize,
        @NotNull @DefaultValue("32MB") DataSize maxBodiesInFlight,
        @NotNull @DefaultValue("2s") Duration bodyBudgetWait,
        @Positive @DefaultValue("64") int maxBodyReadWaits,
        @NotNull @DefaultValue("16KB") DataSize minBodyRate,
        @NotNull @DefaultValue("5s") Duration bodyRateGrace) {

    public WebLimitsProperties {
        if (maxBodiesInFlight != null
                && maxBodySize != null
                && maxBodiesInFlight.toBytes() < maxBodySize.toBytes()) {
            throw new IllegalArgumentException(
                    "pipeline.web.max-bodies-in-flight must be at least"
                            + " pipeline.web.max-body-size");
        }
    }
}
