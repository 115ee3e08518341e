package com.translation.pipeline.worker.apply;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A poll applied and committed to the database.
 *
 * @param stored the stored offset of each partition of the poll, now the database's
 */
public record Applied(Map<TopicPartition, Long> stored) {}
