package com.translation.pipeline.service.web;

import tools.jackson.core.JsonParser;

/** Names where a JSON parser stands the way answers name fields: {@code sessions[3].metadata}. */
public final class JsonPaths {

    private JsonPaths() {}

    /** The field the parser is in; empty at the top of the document. */
    public static String of(JsonParser parser) {
        StringBuilder path = new StringBuilder();
        for (String step : parser.streamReadContext().pathAsPointer().toString().split("/")) {
            if (step.isEmpty()) {
                continue;
            }
            if (step.chars().allMatch(Character::isDigit)) {
                path.append('[').append(step).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".")
                        .append(step.replace("~1", "/").replace("~0", "~"));
            }
        }
        return path.toString();
    }
}
