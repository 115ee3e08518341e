package com.translation.pipeline.query;

import static com.translation.pipeline.testsupport.ServiceAssertions.assertHealthy;
import static com.translation.pipeline.testsupport.ServiceAssertions.assertOnlyHealthAndPrometheusExposed;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** query-api starts against a real database, migrates it, and reports itself healthy. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class QueryApiHealthIT {

    @LocalServerPort int port;

    @Test
    void healthIsUpWithTheDatabaseComponent() {
        assertHealthy(port, "db");
    }

    @Test
    void onlyHealthAndPrometheusAreExposed() {
        assertOnlyHealthAndPrometheusExposed(port);
    }
}
