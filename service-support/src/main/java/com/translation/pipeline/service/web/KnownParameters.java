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
 *       default.
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
