package com.translation.pipeline.service.system;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/system/config} (admin): the effective settings, with every secret redacted
 * (passwords, keys, tokens, SASL and JAAS settings, key and trust stores, credentials inside URLs).
 * {@code settings} are the pipeline's own settings records as bound, defaults included; {@code
 * properties} are the configured client and server properties.
 */
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

    private final ConfigurableEnvironment environment;
    private final ApplicationContext context;
    private final JsonMapper json;

    SystemConfigController(
            ConfigurableEnvironment environment, ApplicationContext context, JsonMapper json) {
        this.environment = environment;
        this.context = context;
        this.json = json;
    }

    record EffectiveConfig(Map<String, JsonNode> settings, Map<String, String> properties) {}

    @GetMapping("/api/v1/system/config")
    EffectiveConfig config() {
        Map<String, JsonNode> settings = new TreeMap<>();
        ConfigurationPropertiesBean.getAll(context)
                .values()
                .forEach(
                        bean -> {
                            if (bean.getInstance().getClass().getName().startsWith(OWN_PACKAGE)) {
                                JsonNode tree = json.valueToTree(bean.getInstance());
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
