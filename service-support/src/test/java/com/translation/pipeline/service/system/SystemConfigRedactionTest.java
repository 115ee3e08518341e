package com.translation.pipeline.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SystemConfigRedactionTest {

    @ParameterizedTest
    @CsvSource({
        "spring.datasource.password, hunter2",
        "spring.kafka.properties.sasl.jaas.config, org.apache...ScramLoginModule required"
                + " password=x;",
        "spring.kafka.ssl.key-store-password, x",
        "pipeline.security.keys[0].key, dev-admin-key",
        "pipeline.security.keys[0].sha256, abcdef",
        "app.token, t",
        "key, dev-admin-key"
    })
    void secretSettingsAreRedacted(String name, String value) {
        assertThat(SystemConfigController.redact(name, value))
                .isEqualTo(SystemConfigController.REDACTED);
    }

    @ParameterizedTest
    @CsvSource({
        "spring.datasource.url, 'jdbc:mysql://db:3306/t?user=app&password=hunter2',"
                + " 'jdbc:mysql://db:3306/t?user=app&******'",
        "spring.kafka.bootstrap-servers, 'kafka:9092', 'kafka:9092'",
        "pipeline.security.keys[0].name, ops, ops",
        "ingest.max-items, 1000, 1000",
        "spring.kafka.ssl.trust-store-location, file:/etc/trust.jks, file:/etc/trust.jks"
    })
    void otherSettingsAreShownWithCredentialsInUrlsRedacted(
            String name, String value, String shown) {
        assertThat(SystemConfigController.redact(name, value)).isEqualTo(shown);
    }
}
