package com.translation.pipeline.query.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

class ListParametersResolverTest {

    private final ListParametersResolver resolver = new ListParametersResolver();

    @SuppressWarnings("unused")
    void handler(ListParameters paging, String other) {}

    private static MethodParameter parameter(int index) throws NoSuchMethodException {
        Method handler =
                ListParametersResolverTest.class.getDeclaredMethod(
                        "handler", ListParameters.class, String.class);
        return new MethodParameter(handler, index);
    }

    private ListParameters resolve(MockHttpServletRequest request) throws Exception {
        return resolver.resolveArgument(parameter(0), null, new ServletWebRequest(request), null);
    }

    @Test
    void readsEachComponentUnderItsQueryParameterName() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addParameter("sort_by", "updated_at");
        request.addParameter("sort_order", "asc");
        request.addParameter("page", "3");
        request.addParameter("page_size", "20");
        request.addParameter("cursor", "abc");
        // The Java names are not the query's: a binder reading them would see nothing.
        request.addParameter("sortBy", "task_id");
        request.addParameter("pageSize", "7");

        assertThat(resolve(request))
                .isEqualTo(new ListParameters("updated_at", "asc", "3", "20", "abc"));
    }

    @Test
    void anAbsentParameterIsNull() throws Exception {
        assertThat(resolve(new MockHttpServletRequest()))
                .isEqualTo(new ListParameters(null, null, null, null, null));
    }

    @Test
    void aRepeatedParameterIsJoinedAsSpringsBinderJoinsIt() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addParameter("page", "1", "2");

        assertThat(resolve(request).page()).isEqualTo("1,2");
    }

    @Test
    void resolvesOnlyListParameters() throws Exception {
        assertThat(resolver.supportsParameter(parameter(0))).isTrue();
        assertThat(resolver.supportsParameter(parameter(1))).isFalse();
    }
}
