package io.unitize.controlcenter.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a configuration error into a startup report that names the property to set. */
public class ControlCenterConfigFailureAnalyzer extends AbstractFailureAnalyzer<ControlCenterConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ControlCenterConfigException cause) {
        return new FailureAnalysis("UNITIZE-CC-003 " + cause.getMessage(),
                "Set " + cause.property() + " (see control-center/README.md, 'Configuration').", cause);
    }
}
