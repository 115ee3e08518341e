package com.translation.pipeline.service.web;

import java.beans.PropertyEditorSupport;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Reads a boolean request parameter as {@code true} or {@code false} only; anything else is 400
 * naming the parameter ({@link PipelineExceptionHandler}). Spring's default editor also reads
 * {@code yes}, {@code on} and {@code 1} as true, and takes over from the conversion service when
 * that refuses a value, so the rule has to be an editor of its own.
 */
@ControllerAdvice
public class StrictBooleanParameters {

    @InitBinder
    void strictBooleans(WebDataBinder binder) {
        binder.registerCustomEditor(boolean.class, new Editor());
        binder.registerCustomEditor(Boolean.class, new Editor());
    }

    private static final class Editor extends PropertyEditorSupport {
        @Override
        public void setAsText(String text) {
            switch (text) {
                case "true" -> setValue(Boolean.TRUE);
                case "false" -> setValue(Boolean.FALSE);
                default -> throw new IllegalArgumentException("must be true or false");
            }
        }
    }
}
