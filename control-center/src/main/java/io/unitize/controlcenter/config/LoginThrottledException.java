package io.unitize.controlcenter.config;

import io.unitize.controlcenter.login.LoginThrottle;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused before its password was checked: the user or the address is locked for a while. */
public class LoginThrottledException extends AuthenticationException {

    private final transient LoginThrottle.Refusal refusal;

    public LoginThrottledException(LoginThrottle.Refusal refusal, String message) {
        super(message);
        this.refusal = refusal;
    }

    public LoginThrottle.Refusal refusal() {
        return refusal;
    }
}
