package com.translation.pipeline.worker;

import com.translation.pipeline.testsupport.MariaDbServer;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutMariaDbIT extends ScaleOutIT {

    static WorkerStack stack;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        stack = WorkerStack.on(MariaDbServer.instance());
        stack.register(registry);
    }

    @Override
    WorkerStack stack() {
        return stack;
    }
}
