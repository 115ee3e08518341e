package com.translation.pipeline.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.query.paging.ListReads;
import com.translation.pipeline.testsupport.ServiceHttp;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import tools.jackson.databind.JsonNode;

/**
 * List pages and restores read from the database in turns ({@link ListReads}), fewer than the
 * pool's connections: with every turn taken (here by the test, as by a burst of large pages), a
 * page and a restore wait their bound and are refused with 503, while a single read and {@code
 * /health} answer at once on the connections left; once the turns are back, pages are served and
 * give their turn back.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.hikari.maximum-pool-size=4",
            "query.max-concurrent-list-reads=2",
            "query.list-read-wait=300ms"
        })
class ListReadsIT extends RunningQueryApi {

    @Autowired ListReads reads;

    @Test
    void withEveryTurnTakenPagesWaitTheirBoundAndSingleReadsAndHealthAnswer() {
        SlowReadersIT.storeALargeSession(db, "turns", 2);
        String tasks = "/api/v1/translation/sessions/turns/tasks";
        List<ListReads.Turn> taken = List.of(reads.acquire(), reads.acquire());
        try {
            long started = System.nanoTime();
            HttpResponse<String> page = ServiceHttp.get(port, tasks);
            long pageMs = (System.nanoTime() - started) / 1_000_000;
            HttpResponse<String> restore =
                    ServiceHttp.postJson(port, "/api/v1/translation/recovery/restore/turns", "");
            started = System.nanoTime();
            HttpResponse<String> single =
                    ServiceHttp.get(port, "/api/v1/translation/sessions/turns");
            long singleMs = (System.nanoTime() - started) / 1_000_000;
            HttpResponse<String> health = ServiceHttp.get(port, "/health");

            for (HttpResponse<String> refused : List.of(page, restore)) {
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                JsonNode problem = JSON.readTree(refused.body());
                assertThat(problem.path("detail").asString())
                        .contains("query.max-concurrent-list-reads");
            }
            assertThat(pageMs).isBetween(250L, 5_000L);
            assertThat(single.statusCode()).isEqualTo(200);
            assertThat(singleMs).isLessThan(1_000);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        } finally {
            taken.forEach(ListReads.Turn::close);
        }

        HttpResponse<String> page = ServiceHttp.get(port, tasks);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(page.body()).path("items")).hasSize(2);
        assertThat(reads.available()).isEqualTo(2);
    }
}
