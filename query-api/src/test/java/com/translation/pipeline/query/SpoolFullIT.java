package com.translation.pipeline.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.query.web.ResponseSpool;
import com.translation.pipeline.testsupport.ServiceHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import tools.jackson.databind.JsonNode;

/**
 * An answer larger than the room left for answers waiting for their clients ({@code
 * query.spool-disk-limit}, 1 MB here) is refused with 503, problem+json and {@code Retry-After},
 * nothing of it sent and its file gone; a smaller page of the same session is answered.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"query.spool-disk-limit=1MB"})
class SpoolFullIT extends RunningQueryApi {

    @Autowired ResponseSpool spool;

    @Test
    void anAnswerLargerThanTheRoomLeftIsRefusedWith503AndASmallerOneIsAnswered() {
        SlowReadersIT.storeALargeSession(db, "spool-full", 5);
        String tasks = "/api/v1/translation/sessions/spool-full/tasks?page_size=";

        HttpResponse<String> large = ServiceHttp.get(port, tasks + "5");
        HttpResponse<String> restore =
                ServiceHttp.postJson(port, "/api/v1/translation/recovery/restore/spool-full", "");
        HttpResponse<String> small = ServiceHttp.get(port, tasks + "2");

        for (HttpResponse<String> refused : java.util.List.of(large, restore)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
            JsonNode problem = JSON.readTree(refused.body());
            assertThat(problem.path("status").asInt()).isEqualTo(503);
            assertThat(problem.path("detail").asString()).contains("page_size");
        }
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(small.body()).path("items")).hasSize(2);
        assertThat(spool.bytesOnDisk()).isZero();
    }
}
