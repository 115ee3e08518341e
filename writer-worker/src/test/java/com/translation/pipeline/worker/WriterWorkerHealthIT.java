package com.translation.pipeline.worker;

import static com.translation.pipeline.testsupport.ServiceAssertions.assertHealthy;
import static com.translation.pipeline.testsupport.ServiceAssertions.assertOnlyHealthAndPrometheusExposed;

import com.translation.pipeline.testsupport.KafkaTestBroker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The worker starts against a real broker and database, migrates it, and reports itself healthy.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class WriterWorkerHealthIT {

    @LocalServerPort int port;

    static void kafka(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.kafka.bootstrap-servers", KafkaTestBroker.instance()::bootstrapServers);
    }

    @Test
    void healthIsUpWithTheDatabaseComponent() {
        assertHealthy(port, "db");
    }

    @Test
    void onlyHealthAndPrometheusAreExposed() {
        assertOnlyHealthAndPrometheusExposed(port);
    }
}
