package com.translation.pipeline.service.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * The problem+json mapping every service shares: Spring MVC's standard errors (404, 405, 415, ...),
 * unreadable bodies (400, or 413 past the size limit), invalid request fields (400 naming each
 * field) and anything unexpected (500 without internals). Each service's one
 * {@code @RestControllerAdvice} extends it with its own exceptions.
 */
public abstract class PipelineExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PipelineExceptionHandler.class);

    private static final DisconnectedClientHelper DISCONNECTED_CLIENTS =
            new DisconnectedClientHelper(
                    PipelineExceptionHandler.class.getName() + ".disconnected");
    private final EndpointLookup endpoints;

    /**
     * @param handlerMappings the application's, read when a 404 is worded: 404 and 405 are worded
     *     as the API key filter words them for keys without the scope ({@link EndpointLookup})
     */
    protected PipelineExceptionHandler(ObjectProvider<HandlerMapping> handlerMappings) {
        this.endpoints = new EndpointLookup(handlerMappings);
    }

    /** A path nothing serves: named, with the path without its trailing slash when that is one. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        HttpServletRequest servlet = ((ServletWebRequest) request).getRequest();
        return problem(HttpStatus.NOT_FOUND, "Not Found", endpoints.notFoundDetail(servlet));
    }

    /** A method the path does not take: the methods it takes, in the detail and in Allow. */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        HttpServletRequest servlet = ((ServletWebRequest) request).getRequest();
        Set<String> allowed =
                ex.getSupportedMethods() == null ? Set.of() : Set.of(ex.getSupportedMethods());
        HttpHeaders answer = new HttpHeaders();
        answer.set(HttpHeaders.ALLOW, EndpointLookup.allowHeader(allowed));
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .headers(answer)
                .body(
                        problemDetail(
                                HttpStatus.METHOD_NOT_ALLOWED,
                                "Method Not Allowed",
                                EndpointLookup.methodNotAllowedDetail(servlet, allowed)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        RequestBodyException refused = cause(ex, RequestBodyException.class);
        if (refused != null) {
            return bodyRefused(refused);
        }
        StreamConstraintsException constraint = cause(ex, StreamConstraintsException.class);
        if (constraint != null) {
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "JSON over a parsing limit",
                    JsonMessages.of(constraint));
        }
        PropertyBindingException unknown = cause(ex, PropertyBindingException.class);
        if (unknown != null) {
            return fieldsProblem(
                    HttpStatus.BAD_REQUEST,
                    "Unknown field",
                    "'" + unknown.getPropertyName() + "' is not a field of this request.",
                    List.of(
                            Map.of(
                                    "field",
                                    unknown.getPropertyName(),
                                    "message",
                                    "unknown field")));
        }
        String field = field(ex);
        JacksonException unreadable = cause(ex, JacksonException.class);
        if (unreadable != null && !field.isEmpty()) {
            String message = JsonMessages.of(unreadable);
            return fieldsProblem(
                    HttpStatus.BAD_REQUEST,
                    "Invalid field",
                    "'" + field + "' " + message,
                    List.of(Map.of("field", field, "message", message)));
        }
        JacksonException json = cause(ex, JacksonException.class);
        String detail =
                json != null
                        ? "The body is not valid JSON: " + JsonMessages.of(json)
                        : "The request body is missing or unreadable.";
        return problem(HttpStatus.BAD_REQUEST, "Malformed request body", detail);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<Map<String, String>> errors =
                ex.getBindingResult().getFieldErrors().stream()
                        .map(
                                error ->
                                        Map.of(
                                                "field",
                                                jsonName(error.getField()),
                                                "message",
                                                String.valueOf(error.getDefaultMessage())))
                        .toList();
        return fieldsProblem(
                HttpStatus.BAD_REQUEST,
                "Invalid request",
                "Some fields of the request are invalid.",
                errors);
    }

    /** A request parameter that breaks its constraint ({@code @Min}, {@code @Max}...). */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<Map<String, String>> errors = new java.util.ArrayList<>();
        ex.getParameterValidationResults()
                .forEach(
                        result -> {
                            RequestParam param =
                                    result.getMethodParameter()
                                            .getParameterAnnotation(RequestParam.class);
                            String name =
                                    param != null && !param.name().isEmpty()
                                            ? param.name()
                                            : jsonName(
                                                    String.valueOf(
                                                            result.getMethodParameter()
                                                                    .getParameterName()));
                            result.getResolvableErrors()
                                    .forEach(
                                            error ->
                                                    errors.add(
                                                            Map.of(
                                                                    "field",
                                                                    name,
                                                                    "message",
                                                                    String.valueOf(
                                                                            error
                                                                                    .getDefaultMessage()))));
                        });
        return fieldsProblem(
                HttpStatus.BAD_REQUEST,
                "Invalid request",
                "Some parameters of the request are invalid.",
                errors);
    }

    /** A parameter that cannot be read as its type: {@code limit=abc}, {@code atomic=yes}. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        String name = ex.getPropertyName() != null ? ex.getPropertyName() : "";
        String message =
                "'"
                        + name
                        + "' must be "
                        + (ex.getRequiredType() != null
                                ? JsonMessages.expected(ex.getRequiredType())
                                : "of its documented type");
        return fieldProblem(HttpStatus.BAD_REQUEST, "Invalid parameter", name, message);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return fieldProblem(
                HttpStatus.BAD_REQUEST,
                "Missing parameter",
                ex.getParameterName(),
                "'" + ex.getParameterName() + "' is required");
    }

    /** A query string that is not percent-encoded UTF-8 ({@code %zz}, a lone {@code %}). */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<Object> undecodableQuery(
            org.apache.tomcat.util.http.InvalidParameterException ex) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "Malformed query string",
                "The query string is not percent-encoded UTF-8: " + ex.getMessage());
    }

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<Object> invalidField(InvalidFieldException ex) {
        return fieldProblem(HttpStatus.BAD_REQUEST, "Invalid field", ex.field(), ex.getMessage());
    }

    /**
     * A body that broke a limit while a controller read it as a stream: too large (413), too slow
     * (408), no thread left to wait for it (503). The connection is closed: the rest of such a body
     * is not worth reading.
     */
    @ExceptionHandler(RequestBodyException.class)
    ResponseEntity<Object> bodyRefused(RequestBodyException ex) {
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(ex.status()).header(HttpHeaders.CONNECTION, "close");
        if (ex.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            answer.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return answer.body(problemDetail(ex.status(), ex.title(), ex.getMessage()));
    }

    /**
     * Any other error: logged with its trace and answered 500, except a client that went away while
     * its answer was being sent (a closed or reset connection, a write timed out), which is not the
     * service's error: one line at DEBUG (its trace at TRACE, Spring's {@link
     * DisconnectedClientHelper}), and no answer, as there is no one to read it.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        if (DISCONNECTED_CLIENTS.checkAndLogClientDisconnectedException(ex)) {
            return null;
        }
        log.error("Unexpected error while handling a request", ex);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error",
                "The request could not be handled; it has been logged.");
    }

    /**
     * The field a body could not be read at: from the binding path (a value of the wrong type) or
     * from where the parser stood (a number out of range); empty when unknown.
     */
    private static String field(Throwable error) {
        DatabindException binding = cause(error, DatabindException.class);
        if (binding != null && !binding.getPath().isEmpty()) {
            return binding.getPath().stream()
                    .map(
                            step ->
                                    step.getPropertyName() != null
                                            ? step.getPropertyName()
                                            : "[" + step.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
        }
        StreamReadException reading = cause(error, StreamReadException.class);
        if (reading != null && reading.processor() != null) {
            return JsonPaths.of(reading.processor());
        }
        return "";
    }

    /** A Java property name as the JSON of the requests spells it: {@code older_than_days}. */
    private static String jsonName(String property) {
        return PropertyNamingStrategies.SNAKE_CASE.nameForField(null, null, property);
    }

    protected static ResponseEntity<Object> problem(
            HttpStatus status, String title, String detail) {
        return ResponseEntity.status(status).body(problemDetail(status, title, detail));
    }

    private static ProblemDetail problemDetail(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /**
     * A problem+json answer whose {@code errors} name one field of the request, as every service
     * answers a field it refuses.
     *
     * @param status the HTTP status
     * @param title the problem's title
     * @param field the field or parameter as the request spells it ({@code older_than_days})
     * @param message what is wrong with it; also the problem's detail
     */
    protected static ResponseEntity<Object> fieldProblem(
            HttpStatus status, String title, String field, String message) {
        return fieldsProblem(
                status, title, message, List.of(Map.of("field", field, "message", message)));
    }

    /**
     * A problem+json answer whose {@code errors} name fields of the request.
     *
     * @param errors each a map of {@code field} and {@code message}
     */
    protected static ResponseEntity<Object> fieldsProblem(
            HttpStatus status, String title, String detail, List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("errors", errors);
        return ResponseEntity.status(status).body(problem);
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
