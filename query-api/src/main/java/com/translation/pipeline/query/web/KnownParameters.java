package com.translation.pipeline.query.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses query parameters that the endpoint does not read, with 400 naming them: {@code
 * pageSize=2} for {@code page_size} would otherwise be ignored and the answer, a page of the
 * default size, silently not what was asked. The names an endpoint reads are its
 * {@code @RequestParam}s and the components of its parameter records ({@code @BindParam} names).
 */
public class KnownParameters implements HandlerInterceptor {

    private final Map<HandlerMethod, Set<String>> known = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            Set<String> names = known.computeIfAbsent(method, KnownParameters::namesOf);
            for (String name : request.getParameterMap().keySet()) {
                if (!names.contains(name)) {
                    throw new InvalidParameterException(
                            name,
                            "is not a parameter of this endpoint; it takes "
                                    + (names.isEmpty() ? "none" : String.join(", ", names)));
                }
            }
        }
        return true;
    }

    /** A parameter record's names: @BindParam sits on the canonical constructor's parameters. */
    private static Set<String> recordNames(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        Set<String> names = new TreeSet<>();
        try {
            Parameter[] parameters = record.getDeclaredConstructor(types).getParameters();
            for (int i = 0; i < components.length; i++) {
                BindParam bind = parameters[i].getAnnotation(BindParam.class);
                names.add(bind != null ? bind.value() : components[i].getName());
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(record + " has no canonical constructor", e);
        }
        return names;
    }

    private static Set<String> namesOf(HandlerMethod method) {
        Set<String> names = new TreeSet<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                String name = !param.name().isEmpty() ? param.name() : param.value();
                names.add(name.isEmpty() ? parameter.getParameterName() : name);
            } else if (parameter.getParameterType().isRecord()) {
                names.addAll(recordNames(parameter.getParameterType()));
            }
        }
        return names;
    }
}
