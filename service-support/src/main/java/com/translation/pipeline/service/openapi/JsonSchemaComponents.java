package com.translation.pipeline.service.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schema 2020-12 files, as the contract ships them on the class path, made into an OpenAPI 3.1
 * document's component schemas (OpenAPI 3.1's Schema Object is JSON Schema 2020-12, so the files go
 * in as they are). Only the references move: a file's own root becomes the component named for it,
 * every {@code $defs} entry of a loaded file becomes a component of its own name, and each {@code
 * $ref} ({@code common.v1.json#/$defs/id}, {@code #/$defs/timestamp}) is rewritten to the component
 * ({@code #/components/schemas/id}). {@code $id} and {@code $schema} are dropped: inside the
 * document a file's {@code $id} would make its references resolve against a URL no client can
 * fetch. Files referenced by another are loaded from beside it.
 *
 * <p>Uses swagger-core's own Jackson 2 mapper ({@link Json31}), the one the document is written
 * with.
 */
final class JsonSchemaComponents {

    private static final String COMPONENTS = "#/components/schemas/";
    private static final String DEFS = "/$defs/";

    private final Map<String, String> componentByFile = new LinkedHashMap<>();
    private final Map<String, ObjectNode> components = new LinkedHashMap<>();
    private final Deque<String> pending = new ArrayDeque<>();
    private final Set<String> loaded = new HashSet<>();

    private JsonSchemaComponents() {}

    /**
     * Loads the named schema files and every file they reference.
     *
     * @param files component name by class path resource ({@code Session} to {@code
     *     schema/session.v1.json})
     * @return the component schemas by name, in load order: the named files, then the {@code $defs}
     *     of every file loaded
     * @throws IllegalStateException when a resource is missing, is not JSON, a reference points
     *     elsewhere than a file's root or one of its {@code $defs}, or two definitions share a name
     */
    @SuppressWarnings("rawtypes")
    static Map<String, Schema> load(Map<String, String> files) {
        JsonSchemaComponents loader = new JsonSchemaComponents();
        files.forEach(
                (name, resource) -> {
                    loader.componentByFile.put(resource, name);
                    loader.pending.add(resource);
                });
        while (!loader.pending.isEmpty()) {
            loader.load(loader.pending.poll());
        }
        Map<String, Schema> schemas = new LinkedHashMap<>();
        loader.components.forEach(
                (name, node) ->
                        schemas.put(name, Json31.mapper().convertValue(node, Schema.class)));
        return schemas;
    }

    private void load(String resource) {
        if (!loaded.add(resource)) {
            return;
        }
        ObjectNode root = read(resource);
        root.remove("$schema");
        root.remove("$id");
        JsonNode defs = root.remove("$defs");
        if (defs != null) {
            for (Map.Entry<String, JsonNode> def : defs.properties()) {
                add(def.getKey(), rewrite(def.getValue(), resource), resource);
            }
        }
        String name = componentByFile.get(resource);
        if (name != null) {
            add(name, rewrite(root, resource), resource);
        }
    }

    private void add(String name, JsonNode schema, String resource) {
        if (components.putIfAbsent(name, (ObjectNode) schema) != null) {
            throw new IllegalStateException(
                    "Two schemas are named " + name + " (the second in " + resource + ")");
        }
    }

    private JsonNode rewrite(JsonNode node, String resource) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    object.put("$ref", component(field.getValue().asText(), resource));
                } else {
                    rewrite(field.getValue(), resource);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> rewrite(element, resource));
        }
        return node;
    }

    private String component(String ref, String resource) {
        int hash = ref.indexOf('#');
        String file = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : ref.substring(hash + 1);
        String target = file.isEmpty() ? resource : sibling(resource, file);
        if (fragment.isEmpty()) {
            String name = componentByFile.get(target);
            if (name == null) {
                throw new IllegalStateException(
                        resource + " refers to all of " + target + ", which has no component name");
            }
            return COMPONENTS + name;
        }
        if (!fragment.startsWith(DEFS) || fragment.indexOf('/', DEFS.length()) >= 0) {
            throw new IllegalStateException(
                    resource + ": only a file or one of its $defs can be referred to, not " + ref);
        }
        if (!loaded.contains(target)) {
            pending.add(target);
        }
        return COMPONENTS + fragment.substring(DEFS.length());
    }

    private static String sibling(String resource, String file) {
        int slash = resource.lastIndexOf('/');
        return slash < 0 ? file : resource.substring(0, slash + 1) + file;
    }

    private static ObjectNode read(String resource) {
        InputStream in = JsonSchemaComponents.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(
                    "No JSON Schema file " + resource + " on the class path");
        }
        try (in) {
            if (Json31.mapper().readTree(in) instanceof ObjectNode object) {
                return object;
            }
            throw new IllegalStateException(resource + " is not a JSON object");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
