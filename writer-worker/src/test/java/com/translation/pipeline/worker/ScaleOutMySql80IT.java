package com.translation.pipeline.worker;

import com.translation.pipeline.testsupport.EnabledIfMySql80;
import com.translation.pipeline.testsupport.MySql80Server;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfMySql80
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutMySql80IT extends ScaleOutIT {

    static WorkerStack stack;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        stack = WorkerStack.on(MySql80Server.instance());
        stack.register(registry);
    }

    @Override
    WorkerStack stack() {
        return stack;
    }
}
