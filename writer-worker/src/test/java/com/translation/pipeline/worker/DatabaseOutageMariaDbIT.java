package com.translation.pipeline.worker;

import com.translation.pipeline.testsupport.MariaDbServer;
import com.translation.pipeline.testsupport.RestartableDatabase;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageMariaDbIT extends DatabaseOutageIT {

    static MariaDbServer database;
    static WorkerStack stack;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        database = MariaDbServer.startDedicated();
        stack = WorkerStack.on(database);
        register(stack, registry);
    }

    @Override
    WorkerStack stack() {
        return stack;
    }

    @Override
    RestartableDatabase database() {
        return database;
    }
}
