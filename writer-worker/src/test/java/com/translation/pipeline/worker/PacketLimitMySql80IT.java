package com.translation.pipeline.worker;

import com.translation.pipeline.testsupport.EnabledIfMySql80;
import com.translation.pipeline.testsupport.MySql80Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfMySql80
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PacketLimitMySql80IT extends PacketLimitIT {

    static WorkerStack stack;
    static long previousLimit;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        previousLimit = lowerPacketLimit(MySql80Server.instance());
        stack = WorkerStack.on(MySql80Server.instance());
        stack.register(registry);
    }

    @AfterAll
    void restoreLimit() {
        restorePacketLimit(MySql80Server.instance(), previousLimit);
    }

    @Override
    WorkerStack stack() {
        return stack;
    }
}
