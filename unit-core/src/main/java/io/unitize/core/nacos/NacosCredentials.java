package io.unitize.core.nacos;

import java.util.Objects;
import java.util.Properties;

/**
 * How a Unitize client authenticates to a Nacos server with authentication on
 * ({@code nacos.core.auth.enabled=true}): a user name and password (Nacos' own auth plugin: the
 * client logs in and renews its token by itself), and/or an access key and secret key (the
 * client signs its requests; servers with a RAM-style auth plugin check them). Immutable; its
 * {@link #toString()} never shows a secret.
 *
 * <pre>{@code
 * NacosCredentials creds = NacosCredentials.user("unitize-agent", System.getenv("NACOS_PASSWORD"));
 * RulesSubscriber.builder().serverAddr("10.1.0.2:8848").credentials(creds)...
 * }</pre>
 */
public final class NacosCredentials {

    /** No authentication (a Nacos with auth off). */
    public static final NacosCredentials NONE = new NacosCredentials(null, null, null, null);

    private final String username;
    private final String password;
    private final String accessKey;
    private final String secretKey;

    private NacosCredentials(String username, String password, String accessKey, String secretKey) {
        this.username = username;
        this.password = password;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** A user name and its password. */
    public static NacosCredentials user(String username, String password) {
        return of(username, password, null, null);
    }

    /**
     * Any combination, blank meaning unset: a user name needs its password (and the reverse), an
     * access key its secret key (and the reverse).
     *
     * @throws IllegalArgumentException naming what is missing
     */
    public static NacosCredentials of(String username, String password, String accessKey, String secretKey) {
        String u = blankToNull(username);
        String p = password == null || password.isBlank() ? null : password; // a password is taken as given
        String ak = blankToNull(accessKey);
        String sk = secretKey == null || secretKey.isBlank() ? null : secretKey;
        if ((u == null) != (p == null)) {
            throw new IllegalArgumentException("UNITIZE-RULE-050 Nacos credentials: " + (u == null
                    ? "a password is set but no username" : "username '" + u + "' is set but no password")
                    + "; set both (or neither, for a Nacos without authentication)");
        }
        if ((ak == null) != (sk == null)) {
            throw new IllegalArgumentException("UNITIZE-RULE-050 Nacos credentials: " + (ak == null
                    ? "a secret key is set but no access key" : "access key '" + ak + "' is set but no secret key")
                    + "; set both (or neither)");
        }
        if (u == null && ak == null) {
            return NONE;
        }
        return new NacosCredentials(u, p, ak, sk);
    }

    /** Adds these credentials to a Nacos client's properties ({@code username}, {@code password}, {@code accessKey}, {@code secretKey}). */
    public void applyTo(Properties nacosClientProperties) {
        if (username != null) {
            nacosClientProperties.setProperty("username", username);
            nacosClientProperties.setProperty("password", password);
        }
        if (accessKey != null) {
            nacosClientProperties.setProperty("accessKey", accessKey);
            nacosClientProperties.setProperty("secretKey", secretKey);
        }
    }

    /** Whether any credential is set. */
    public boolean isPresent() {
        return username != null || accessKey != null;
    }

    /** The user name, or null. */
    public String username() {
        return username;
    }

    /** The access key, or null. */
    public String accessKey() {
        return accessKey;
    }

    /** Words for log lines: who, never a secret. */
    @Override
    public String toString() {
        if (!isPresent()) {
            return "no credentials";
        }
        StringBuilder s = new StringBuilder();
        if (username != null) {
            s.append("user '").append(username).append("'");
        }
        if (accessKey != null) {
            s.append(s.isEmpty() ? "" : " and ").append("access key '").append(accessKey).append("'");
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NacosCredentials c && Objects.equals(username, c.username) && Objects.equals(password, c.password)
                && Objects.equals(accessKey, c.accessKey) && Objects.equals(secretKey, c.secretKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, password, accessKey, secretKey);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
