package com.translation.pipeline.service.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The answers an operation can get before its own code runs, added to each operation that does not
 * document them itself: the API key check ({@code ApiKeyFilter}) and the request limits ({@code
 * RequestBodyLimitFilter}, {@code PipelineExceptionHandler}).
 */
public final class CommonAnswers {

    private CommonAnswers() {}

    /** 401, 403 and 429 (with Retry-After) for an operation that needs a key with {@code scope}. */
    static void keyCheck(Operation operation, String scope) {
        ApiResponses answers = operation.getResponses();
        answers.addApiResponse("401", problem("No API key, or an unknown one"));
        answers.addApiResponse("403", problem("The key lacks the scope " + scope));
        addIfAbsent(
                answers,
                "429",
                retryAfter(
                        problem(
                                "The key's rate limit is exceeded; send it again after"
                                        + " Retry-After")));
    }

    /**
     * 400, 408, 413, 415 and 503 (with Retry-After) for an operation with a request body; 400 for
     * one with parameters; a default problem answer for every operation.
     */
    static void limits(Operation operation) {
        ApiResponses answers = operation.getResponses();
        if (answers.getDefault() == null) {
            answers.setDefault(
                    problem(
                            "Any other error, as problem+json: 405 (a method the path does not"
                                + " take), 406 (an API call whose Accept takes no JSON; nothing is"
                                + " done), 500"));
        }
        if (operation.getRequestBody() != null) {
            addIfAbsent(answers, "400", problem("The body is not JSON of the documented shape"));
            addIfAbsent(answers, "408", problem("The body did not arrive in time"));
            addIfAbsent(
                    answers,
                    "413",
                    problem(
                            "The body is larger than the service takes"
                                    + " (pipeline.web.max-body-size)"));
            addIfAbsent(answers, "415", problem("The body is not application/json"));
            addIfAbsent(
                    answers,
                    "503",
                    retryAfter(
                            problem(
                                    "Too many bodies are being read at once; send it again after"
                                            + " Retry-After")));
        } else if (operation.getParameters() != null && !operation.getParameters().isEmpty()) {
            addIfAbsent(answers, "400", problem("A parameter is invalid; errors names it"));
        }
    }

    /** A problem+json answer described by {@code description}. */
    public static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(
                        new Content()
                                .addMediaType(
                                        ApiDocumentationAutoConfiguration.PROBLEM_JSON,
                                        new MediaType()
                                                .schema(
                                                        new JsonSchema()
                                                                .$ref(
                                                                        ApiDocumentationAutoConfiguration
                                                                                .PROBLEM))));
    }

    /** {@code answer} with the {@code Retry-After} header. */
    public static ApiResponse retryAfter(ApiResponse answer) {
        return answer.addHeaderObject(
                "Retry-After", new Header().$ref(ApiDocumentationAutoConfiguration.RETRY_AFTER));
    }

    private static void addIfAbsent(ApiResponses answers, String status, ApiResponse answer) {
        answers.putIfAbsent(status, answer);
    }
}
