package com.translation.pipeline.query.stats;

import static com.translation.pipeline.schema.jooq.Tables.CONSUMER_OFFSET;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;

import com.translation.pipeline.query.QueryProperties;
import com.translation.pipeline.query.replica.ReadRoute;
import com.translation.pipeline.query.replica.ReplicaMonitor;
import com.translation.pipeline.query.web.JsonColumns;
import com.translation.pipeline.service.kafka.KafkaUnavailableException;
import com.translation.pipeline.service.kafka.TopicOffsets;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Counts by status, the writer's progress against the topics, and table sizes. */
@Component
class StatsCollector {

    private static final Table<?> TABLES = DSL.table(DSL.name("information_schema", "tables"));
    private static final Field<String> TABLE_NAME = DSL.field(DSL.name("table_name"), String.class);
    private static final Field<String> TABLE_SCHEMA =
            DSL.field(DSL.name("table_schema"), String.class);
    private static final Field<BigInteger> TABLE_ROWS =
            DSL.field(DSL.name("table_rows"), BigInteger.class);
    private static final Field<BigInteger> DATA_LENGTH =
            DSL.field(DSL.name("data_length"), BigInteger.class);
    private static final Field<BigInteger> INDEX_LENGTH =
            DSL.field(DSL.name("index_length"), BigInteger.class);

    private final DSLContext db;
    private final TopicOffsets topics;
    private final QueryProperties properties;

    private final ObjectProvider<ReplicaMonitor> replica;

    StatsCollector(
            DSLContext db,
            TopicOffsets topics,
            QueryProperties properties,
            ObjectProvider<ReplicaMonitor> replica) {
        this.db = db;
        this.topics = topics;
        this.properties = properties;
        this.replica = replica;
    }

    /**
     * Stats from the primary database (never a replica), with the replica's state when it has one.
     */
    Stats collect() {
        return new Stats(
                counts(TRANSLATION_SESSION, TRANSLATION_SESSION.STATUS),
                counts(TRANSLATION_TASK, TRANSLATION_TASK.STATUS),
                pipeline(),
                storage(),
                replica());
    }

    private Stats.Replica replica() {
        ReplicaMonitor monitor = replica.getIfAvailable();
        if (monitor == null) {
            return null;
        }
        ReplicaMonitor.State state = monitor.state();
        ReadRoute.Reason unusable = monitor.unusableBecause();
        return new Stats.Replica(
                unusable == null
                        ? "available"
                        : unusable == ReadRoute.Reason.LAGGING ? "lagging" : "unavailable",
                state.lagEvents(),
                state.lag() == null ? null : state.lag().toMillis() / 1000.0,
                state.checkedAt(),
                state.error());
    }

    private Stats.Counts counts(Table<?> table, TableField<?, String> status) {
        Map<String, Long> byStatus = new TreeMap<>();
        for (Record2<String, Integer> row :
                db.select(status, DSL.count()).from(table).groupBy(status).fetch()) {
            byStatus.put(row.value1(), row.value2().longValue());
        }
        return new Stats.Counts(
                byStatus.values().stream().mapToLong(Long::longValue).sum(), byStatus);
    }

    private Stats.Pipeline pipeline() {
        Map<TopicPartition, Long> applied =
                new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        db.select(
                        CONSUMER_OFFSET.TOPIC,
                        CONSUMER_OFFSET.KAFKA_PARTITION,
                        CONSUMER_OFFSET.NEXT_OFFSET)
                .from(CONSUMER_OFFSET)
                .where(CONSUMER_OFFSET.CONSUMER_GROUP.eq(properties.writerGroup()))
                .forEach(
                        row ->
                                applied.put(
                                        new TopicPartition(row.value1(), row.value2()),
                                        row.value3()));
        LocalDateTime lastApplied =
                db.select(DSL.max(CONSUMER_OFFSET.UPDATED_AT))
                        .from(CONSUMER_OFFSET)
                        .where(CONSUMER_OFFSET.CONSUMER_GROUP.eq(properties.writerGroup()))
                        .fetchOne(0, LocalDateTime.class);
        Map<TopicPartition, Long> ends;
        Long deadLetters;
        try {
            ends = topics.latest(List.of(properties.sessionsTopic(), properties.tasksTopic()));
            deadLetters =
                    topics.latest(List.of(properties.deadLetterTopic())).values().stream()
                            .mapToLong(Long::longValue)
                            .sum();
        } catch (KafkaUnavailableException e) {
            List<Stats.PartitionLag> known = new ArrayList<>();
            applied.forEach(
                    (p, offset) ->
                            known.add(
                                    new Stats.PartitionLag(
                                            p.topic(), p.partition(), null, offset, null)));
            return new Stats.Pipeline(
                    "unavailable", known, null, null, JsonColumns.instant(lastApplied));
        }
        List<Stats.PartitionLag> partitions = new ArrayList<>();
        long totalLag = 0;
        Map<TopicPartition, Long> sorted =
                new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        sorted.putAll(ends);
        for (Map.Entry<TopicPartition, Long> end : sorted.entrySet()) {
            long at = applied.getOrDefault(end.getKey(), 0L);
            long lag = Math.max(0, end.getValue() - at);
            totalLag += lag;
            partitions.add(
                    new Stats.PartitionLag(
                            end.getKey().topic(),
                            end.getKey().partition(),
                            end.getValue(),
                            at,
                            lag));
        }
        return new Stats.Pipeline(
                "available", partitions, totalLag, deadLetters, JsonColumns.instant(lastApplied));
    }

    /** Row counts are the server's estimates (information_schema), bytes are data plus indexes. */
    private Stats.Storage storage() {
        List<Stats.TableSize> tables =
                db.select(TABLE_NAME, TABLE_ROWS, DATA_LENGTH, INDEX_LENGTH)
                        .from(TABLES)
                        .where(TABLE_SCHEMA.eq(DSL.currentSchema()))
                        .and(
                                TABLE_NAME.in(
                                        TRANSLATION_SESSION.getName(),
                                        TRANSLATION_TASK.getName(),
                                        CONSUMER_OFFSET.getName(),
                                        com.translation.pipeline.schema.jooq.Tables
                                                .SESSION_TOMBSTONE
                                                .getName()))
                        .orderBy(TABLE_NAME)
                        .fetch(
                                row ->
                                        new Stats.TableSize(
                                                row.value1(),
                                                number(row.value2()),
                                                number(row.value3()) + number(row.value4())));
        return new Stats.Storage(tables);
    }

    private static long number(BigInteger value) {
        return value == null ? 0 : value.longValue();
    }
}
