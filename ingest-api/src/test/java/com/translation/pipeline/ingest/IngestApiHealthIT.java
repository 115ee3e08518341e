package com.translation.pipeline.ingest;

import static com.translation.pipeline.testsupport.ServiceAssertions.assertHealthy;
import static com.translation.pipeline.testsupport.ServiceAssertions.assertOnlyHealthAndPrometheusExposed;

import com.translation.pipeline.testsupport.KafkaTestBroker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** ingest-api starts against a real broker and reports itself healthy. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class IngestApiHealthIT {

    @LocalServerPort int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.kafka.bootstrap-servers", KafkaTestBroker.instance()::bootstrapServers);
    }

    @Test
    void healthIsUp() {
        assertHealthy(port);
    }

    @Test
    void onlyHealthAndPrometheusAreExposed() {
        assertOnlyHealthAndPrometheusExposed(port);
    }
}
