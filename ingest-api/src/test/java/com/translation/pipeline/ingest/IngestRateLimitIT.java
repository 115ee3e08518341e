package com.translation.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.testsupport.KafkaTestBroker;
import com.translation.pipeline.testsupport.ServiceHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With a rate limit of 1 request per second and a burst of 3, the fourth quick call is 429. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "pipeline.security.rate-limit.enabled=true",
            "pipeline.security.rate-limit.requests-per-second=1",
            "pipeline.security.rate-limit.burst=3"
        })
class IngestRateLimitIT {

    @LocalServerPort int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.kafka.bootstrap-servers", KafkaTestBroker.instance()::bootstrapServers);
    }

    @Test
    void keyOverItsRateGets429WithRetryAfterWhileOpenEndpointsStayOpen() {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 4; i++) {
            last = ServiceHttp.get(port, "/api/v1/system/metrics");
            statuses.add(last.statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 429);
        assertThat(last.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(last.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ServiceHttp.get(port, "/health").statusCode()).isEqualTo(200);
    }
}
