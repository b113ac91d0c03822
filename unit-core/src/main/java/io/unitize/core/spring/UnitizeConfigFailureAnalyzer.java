package io.unitize.core.spring;

import io.unitize.core.UnitizeConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns any starter's {@link UnitizeConfigException} into Spring Boot's "APPLICATION FAILED TO
 * START": its message as the description (property, rule, value), its action as the fix.
 */
public class UnitizeConfigFailureAnalyzer extends AbstractFailureAnalyzer<UnitizeConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnitizeConfigException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
