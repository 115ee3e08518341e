package com.translation.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class NaiveTimestampsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FIELDS =
            Set.of("created_at", "completed_at", "offset_at", "contract_at");

    @Test
    void rejectLeavesEveryValueAsSent() {
        ObjectNode item = item();

        NaiveTimestamps.REJECT.apply(item, FIELDS);

        assertThat(item).isEqualTo(item());
    }

    @Test
    void utcCompletesOnlyNaiveStringsOfTheNamedFields() {
        ObjectNode item = item();

        NaiveTimestamps.UTC.apply(item, FIELDS);

        assertThat(item.path("created_at").asString()).isEqualTo("2026-01-01T10:00:00.25Z");
        assertThat(item.path("completed_at").isNull()).isTrue();
        assertThat(item.path("offset_at").asString()).isEqualTo("2026-01-01T10:00:00-05:00");
        assertThat(item.path("contract_at").asString()).isEqualTo("2026-01-01t10:00:00.5z");
        assertThat(item.path("updated_at").asString()).isEqualTo("2026-01-01 10:00:00");
        assertThat(item.path("title").asString()).isEqualTo("2026-01-01 10:00:00");
    }

    @Test
    void anythingButAnObjectIsLeftAlone() {
        assertThat(NaiveTimestamps.UTC.apply(JSON.readTree("[1]"), FIELDS))
                .isEqualTo(JSON.readTree("[1]"));
    }

    private static ObjectNode item() {
        return (ObjectNode)
                JSON.readTree(
                        "{\"created_at\": \"2026-01-01 10:00:00.25\", \"completed_at\": null,"
                                + " \"offset_at\": \"2026-01-01 10:00:00-05:00\","
                                + " \"contract_at\": \"2026-01-01t10:00:00.5z\","
                                + " \"updated_at\": \"2026-01-01 10:00:00\","
                                + " \"title\": \"2026-01-01 10:00:00\"}");
    }
}
