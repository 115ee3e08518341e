package com.translation.pipeline.query;

import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a test of the running service on a random port shares: the real stack of {@link
 * QueryTestStack}, the service's database and its port. Each subclass names its own {@code
 * SpringBootTest} settings (and so gets its own context).
 */
abstract class RunningQueryApi {

    /** Reads the service's answers. */
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired DSLContext db;
    @LocalServerPort int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        QueryTestStack.kafkaAndMariaDb(registry);
    }
}
