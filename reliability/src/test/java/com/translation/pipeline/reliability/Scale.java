package com.translation.pipeline.reliability;

import java.time.Duration;

/**
 * How big a scenario is: the short battery (part of {@code ./mvnw verify}) or the full one ({@code
 * -Pbattery}).
 */
record Scale(String name, int sessions, int tasksPerSession, int versions, Duration duration) {

    static final Scale SHORT = new Scale("short", 120, 1, 6, Duration.ofSeconds(12));
    static final Scale FULL = new Scale("full", 1000, 2, 10, Duration.ofSeconds(60));

    static Scale current() {
        return "full".equals(System.getProperty("battery")) ? FULL : SHORT;
    }
}
