package com.translation.pipeline.worker;

import com.translation.pipeline.testsupport.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PacketLimitMariaDbIT extends PacketLimitIT {

    static WorkerStack stack;
    static long previousLimit;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        previousLimit = lowerPacketLimit(MariaDbServer.instance());
        stack = WorkerStack.on(MariaDbServer.instance());
        stack.register(registry);
    }

    @AfterAll
    void restoreLimit() {
        restorePacketLimit(MariaDbServer.instance(), previousLimit);
    }

    @Override
    WorkerStack stack() {
        return stack;
    }
}
