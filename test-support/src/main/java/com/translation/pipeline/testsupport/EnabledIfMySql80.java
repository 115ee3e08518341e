package com.translation.pipeline.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class only where the MySQL 8.0.31 binary can run; elsewhere it is skipped
 * with a one-line reason (see {@link MySql80Server#unavailableReason()}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MySql80Condition.class)
public @interface EnabledIfMySql80 {}
