package com.translation.pipeline.query.paging;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Builds a {@link ListParameters} from the query string with the names its components declare
 * ({@link BindParam}, else the component's name), read once at start. It stands in for Spring MVC's
 * constructor binding of the record, which parsed the constructor's parameter annotations anew on
 * every request: 16 % of query-api's samples for a list page of 50 sessions (docs/benchmarks.md,
 * "Query"). The values are those the binder gave: a parameter's text, a repeated one joined with
 * commas (which {@code KnownParameters} answers with a 400 before any handler runs), null when
 * absent.
 */
final class ListParametersResolver implements HandlerMethodArgumentResolver {

    private final Constructor<ListParameters> constructor;
    private final String[] names;

    ListParametersResolver() {
        try {
            constructor =
                    ListParameters.class.getDeclaredConstructor(
                            Arrays.stream(ListParameters.class.getRecordComponents())
                                    .map(RecordComponent::getType)
                                    .toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record has its canonical constructor", e);
        }
        RecordComponent[] components = ListParameters.class.getRecordComponents();
        names = new String[components.length];
        for (int i = 0; i < components.length; i++) {
            BindParam bound = constructor.getParameters()[i].getAnnotation(BindParam.class);
            names[i] = bound == null ? components[i].getName() : bound.value();
        }
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ListParameters.class;
    }

    @Override
    public ListParameters resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Object[] values = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            String[] given = request.getParameterValues(names[i]);
            values[i] = given == null ? null : String.join(",", given);
        }
        try {
            return constructor.newInstance(values);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
