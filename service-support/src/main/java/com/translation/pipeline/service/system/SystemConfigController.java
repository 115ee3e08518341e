package com.translation.pipeline.service.system;

import com.translation.pipeline.service.openapi.ApiDocumentationAutoConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * {@code GET /api/v1/system/config} (admin): the effective settings, with every secret redacted
 * (passwords, keys, tokens, SASL and JAAS settings, key and trust stores, credentials inside URLs).
 * {@code settings} are the pipeline's own settings records as bound, defaults included; {@code
 * properties} are the configured client and server properties.
 */
@Tag(name = ApiDocumentationAutoConfiguration.SYSTEM_TAG)
@RestController
class SystemConfigController {

    static final String REDACTED = "******";
    static final List<String> PREFIXES =
            List.of(
                    "spring.application.name",
                    "server.",
                    "spring.kafka.",
                    "spring.datasource.",
                    "spring.flyway.",
                    "spring.jooq.",
                    "ingest.",
                    "worker.",
                    "query.",
                    "pipeline.",
                    "management.");
    private static final Pattern SECRET_NAME =
            Pattern.compile(
                    "(?i).*(password|passwd|secret|token|credential|sasl|jaas|private|sha256|api-?key).*"
                        + "|(.*[._-])?key");
    private static final Pattern URL_CREDENTIALS =
            Pattern.compile("(?i)(password|pwd|secret|token)=[^&;]*|//[^/@:]+:[^/@]+@");
    private static final String OWN_PACKAGE = "com.translation.pipeline.";

    /** Settings as JSON: snake_case like the API, sizes as text ("16777216B", not a bean). */
    private static final JsonMapper SETTINGS_JSON =
            JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .addModule(
                            new SimpleModule()
                                    .addSerializer(DataSize.class, ToStringSerializer.instance))
                    .build();

    private final ConfigurableEnvironment environment;
    private final ApplicationContext context;

    SystemConfigController(ConfigurableEnvironment environment, ApplicationContext context) {
        this.environment = environment;
        this.context = context;
    }

    record EffectiveConfig(Map<String, JsonNode> settings, Map<String, String> properties) {}

    @Operation(
            operationId = "getConfig",
            summary = "The service's effective settings, secrets redacted")
    @GetMapping("/api/v1/system/config")
    EffectiveConfig config() {
        Map<String, JsonNode> settings = new TreeMap<>();
        ConfigurationPropertiesBean.getAll(context)
                .values()
                .forEach(
                        bean -> {
                            if (bean.getInstance().getClass().getName().startsWith(OWN_PACKAGE)) {
                                JsonNode tree = SETTINGS_JSON.valueToTree(bean.getInstance());
                                redactTree(tree);
                                settings.put(bean.getAnnotation().prefix(), tree);
                            }
                        });
        Map<String, String> properties = new TreeMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (PREFIXES.stream().anyMatch(name::startsWith)
                            && !properties.containsKey(name)) {
                        properties.put(name, redact(name, environment.getProperty(name)));
                    }
                }
            }
        }
        return new EffectiveConfig(settings, properties);
    }

    static String redact(String name, String value) {
        if (value == null) {
            return null;
        }
        if (SECRET_NAME.matcher(name).matches()) {
            return REDACTED;
        }
        return URL_CREDENTIALS.matcher(value).replaceAll(REDACTED);
    }

    private static void redactTree(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode child = object.get(name);
                if (SECRET_NAME.matcher(name).matches() && !child.isNull()) {
                    object.put(name, REDACTED);
                } else {
                    redactTree(child);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(SystemConfigController::redactTree);
        }
    }
}
