package io.unitize.controlcenter.config;

import io.unitize.controlcenter.login.LoginThrottle;
import io.unitize.controlcenter.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.util.Optional;

/**
 * Every password check (console form and HTTP Basic) goes through here: a locked user or address
 * is refused before the password is checked; a wrong password is counted, logged
 * (UNITIZE-CC-130) and audited; a lock it starts is logged (UNITIZE-CC-131) and audited.
 */
public class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottledAuthenticationProvider.class);

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    public ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle, AuditLog audit) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String user = printable(attempt.getName());
        String address = address(attempt);
        Optional<LoginThrottle.Refusal> refused = throttle.check(user, address);
        if (refused.isPresent()) {
            throw new LoginThrottledException(refused.get(), refused.get().message(throttle.window()));
        }
        try {
            Authentication ok = passwords.authenticate(attempt);
            throttle.recordSuccess(user);
            return ok;
        } catch (BadCredentialsException | DisabledException | LockedException e) {
            LoginThrottle.Failure f = throttle.recordFailure(user, address);
            log.warn("UNITIZE-CC-130 failed sign-in for user '{}' from {}: {} ({} failures of this user, {} from this address "
                            + "within {}); next: check the user name and password; many of them mean someone is guessing — see "
                            + "the audit log", user, address, e.getMessage(), f.userFailures(), f.addressFailures(), throttle.window());
            audit.record(user, "login", "from " + address, "failed", e.getMessage() + " (" + f.userFailures()
                    + " failures of this user, " + f.addressFailures() + " from this address within " + throttle.window() + ")");
            f.userLocked().ifPresent(this::locked);
            f.addressLocked().ifPresent(this::locked);
            throw e;
        }
    }

    private void locked(LoginThrottle.Refusal r) {
        log.warn("UNITIZE-CC-131 sign-in locked {} {} until {} after {} failures within {}; next: wait, or if nobody of "
                + "yours is mistyping, block the source at the network edge", r.scope().label(), r.key(), r.until(),
                r.failures(), throttle.window());
        audit.record(r.scope() == LoginThrottle.Scope.USER ? r.key() : "-", "login.locked",
                r.scope().label() + " " + r.key(), "locked", "sign-in refused until " + r.until() + " after " + r.failures()
                        + " failures within " + throttle.window());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }

    private static String address(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails d && d.getRemoteAddress() != null
                ? d.getRemoteAddress() : "unknown";
    }

    /** The user name as it may appear in a log line or an audit row: at most 64 characters, no control characters. */
    static String printable(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        name.codePoints().limit(64).forEach(cp -> {
            if (Character.isISOControl(cp) || cp == '\u2028' || cp == '\u2029') {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        String out = b.length() > 100 ? b.substring(0, 100) : b.toString();
        return name.codePointCount(0, name.length()) > 64 || b.length() > 100 ? out + "…" : out;
    }
}
