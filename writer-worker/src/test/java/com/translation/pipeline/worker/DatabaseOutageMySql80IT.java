package com.translation.pipeline.worker;

import com.translation.pipeline.testsupport.EnabledIfMySql80;
import com.translation.pipeline.testsupport.MySql80Server;
import com.translation.pipeline.testsupport.RestartableDatabase;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfMySql80
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageMySql80IT extends DatabaseOutageIT {

    static MySql80Server database;
    static WorkerStack stack;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        database = MySql80Server.startDedicated();
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
