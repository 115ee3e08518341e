package com.translation.pipeline.client;

import com.translation.pipeline.testsupport.PipelineProcesses;
import java.io.IOException;
import java.util.Map;

/**
 * One pipeline (a broker, a database, the services' jars and a writer-worker) for every test class
 * of this module, started by the first that asks; {@link PipelineProcesses} stops it when the test
 * JVM exits.
 */
final class RunningPipeline {

    private static PipelineProcesses pipeline;

    private RunningPipeline() {}

    static synchronized PipelineProcesses get() throws IOException {
        if (pipeline == null) {
            pipeline = PipelineProcesses.start(1, Map.of());
        }
        return pipeline;
    }
}
