package com.translation.pipeline.worker;

import com.translation.pipeline.testsupport.MySql84Container;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriterWorkerMySql84IT extends WriterWorkerIT {

    static WorkerStack stack;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        stack = WorkerStack.on(MySql84Container.instance());
        stack.register(registry);
    }

    @Override
    WorkerStack stack() {
        return stack;
    }
}
