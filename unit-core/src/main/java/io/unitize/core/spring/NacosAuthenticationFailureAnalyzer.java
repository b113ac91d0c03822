package io.unitize.core.spring;

import io.unitize.core.nacos.NacosAuthenticationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A Nacos with authentication on refused the rules subscriber at startup: says which credentials to set. */
public class NacosAuthenticationFailureAnalyzer extends AbstractFailureAnalyzer<NacosAuthenticationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NacosAuthenticationException cause) {
        return new FailureAnalysis(cause.getMessage(), "Set unitize.rules.username and unitize.rules.password (or "
                + "unitize.rules.access-key and unitize.rules.secret-key) to a Nacos user with read and write permission "
                + "on the rules' namespace and group, then start again.", cause);
    }
}
