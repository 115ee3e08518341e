package com.translation.pipeline.service.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Reads the query parameters of every API request before its endpoint does, and refuses with 400
 * naming the parameter ({@link InvalidFieldException}):
 *
 * <ul>
 *   <li>a parameter the endpoint does not read: {@code pageSize=2} for {@code page_size}, or {@code
 *       Atomic=true} for {@code atomic}, would otherwise be ignored and the answer silently not
 *       what was asked;
 *   <li>a single-valued parameter given more than once: Spring would join {@code
 *       user_id=a&user_id=b} into {@code "a,b"}, or take one of two {@code atomic} values;
 *   <li>a parameter without a value ({@code ?atomic}, {@code ?atomic=}), which would read as its
 *       default;
 *   <li>a path parameter ({@code ;} in the path, {@code /sessions/s-1;x}): the container and Spring
 *       drop it before the path variable is read, so the id {@code s-1;x}, which the contract
 *       refuses, was read or deleted as {@code s-1}. It is refused naming the path variable it sits
 *       in ({@code id}), or {@code path}.
 * </ul>
 *
 * The names an endpoint reads are its {@code @RequestParam}s and the components of its parameter
 * records ({@code @BindParam} names); those of a collection or array type may repeat.
 */
public class KnownParameters implements HandlerInterceptor {

    private final Map<HandlerMethod, Map<String, Boolean>> known = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        String path = request.getRequestURI();
        if (path.indexOf(';') >= 0) {
            throw new InvalidFieldException(
                    pathVariableWithParameter(request, path),
                    "the path holds a path parameter (';'), which no endpoint takes: "
                            + path.substring(path.indexOf(';')));
        }
        Map<String, Boolean> names = known.computeIfAbsent(method, KnownParameters::namesOf);
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            String[] values = parameter.getValue();
            Boolean repeatable = names.get(name);
            if (repeatable == null) {
                throw new InvalidFieldException(
                        name,
                        "'"
                                + name
                                + "' is not a parameter of this endpoint; it takes "
                                + (names.isEmpty() ? "none" : String.join(", ", names.keySet())));
            }
            if (values.length > 1 && !repeatable) {
                throw new InvalidFieldException(
                        name, "'" + name + "' is given " + values.length + " times; give it once");
            }
            for (String value : values) {
                if (value.isEmpty()) {
                    throw new InvalidFieldException(
                            name, "'" + name + "' has no value; give one or leave it out");
                }
            }
        }
        return true;
    }

    /**
     * The name of the path variable whose segment of {@code path} (the request URI as sent) holds a
     * ';', from the matched pattern ({@code /sessions/{id}}); {@code path} when it is none.
     */
    private static String pathVariableWithParameter(HttpServletRequest request, String path) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern instanceof String template) {
            String[] sent = path.split("/", -1);
            String[] declared = template.split("/", -1);
            for (int i = 0; i < Math.min(sent.length, declared.length); i++) {
                String segment = declared[i];
                if (sent[i].indexOf(';') >= 0 && segment.startsWith("{") && segment.endsWith("}")) {
                    int colon = segment.indexOf(':');
                    return segment.substring(1, colon > 0 ? colon : segment.length() - 1);
                }
            }
        }
        return "path";
    }

    /** Every name an endpoint reads, and whether it may repeat. */
    private static Map<String, Boolean> namesOf(HandlerMethod method) {
        Map<String, Boolean> names = new TreeMap<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                String name = !param.name().isEmpty() ? param.name() : param.value();
                names.put(
                        name.isEmpty() ? parameter.getParameterName() : name,
                        repeatable(parameter.getParameterType()));
            } else if (parameter.getParameterType().isRecord()) {
                names.putAll(recordNames(parameter.getParameterType()));
            }
        }
        return names;
    }

    /** A parameter record's names: @BindParam sits on the canonical constructor's parameters. */
    private static Map<String, Boolean> recordNames(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        Map<String, Boolean> names = new TreeMap<>();
        try {
            Parameter[] parameters = record.getDeclaredConstructor(types).getParameters();
            for (int i = 0; i < components.length; i++) {
                BindParam bind = parameters[i].getAnnotation(BindParam.class);
                names.put(
                        bind != null ? bind.value() : components[i].getName(),
                        repeatable(types[i]));
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(record + " has no canonical constructor", e);
        }
        return names;
    }

    private static boolean repeatable(Class<?> type) {
        return type.isArray() || Collection.class.isAssignableFrom(type);
    }
}
