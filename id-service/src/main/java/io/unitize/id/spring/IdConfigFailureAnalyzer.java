package io.unitize.id.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an {@link IdConfigException} into Spring Boot's "APPLICATION FAILED TO START" with the fix. */
public class IdConfigFailureAnalyzer extends AbstractFailureAnalyzer<IdConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IdConfigException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
