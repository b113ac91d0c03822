package io.unitize.rpc.http;

import io.unitize.rpc.BuyerIdMissingException;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where an HTTP call carries its buyer: a header (default {@code X-Buyer-Id}) or, when the header is
 * absent, a path variable of a path pattern (e.g. {@code /orders/{buyerId}/**}). The values come
 * from the wire and are parsed strictly: a decimal {@code long}, nothing else.
 */
public final class BuyerKeySource {

    public static final String DEFAULT_HEADER = "X-Buyer-Id";
    public static final String DEFAULT_PATH_VARIABLE = "buyerId";

    private final String header;
    private final String pathPattern;
    private final String pathVariable;

    public BuyerKeySource(String header, String pathPattern, String pathVariable) {
        this.header = header == null || header.isBlank() ? DEFAULT_HEADER : header.trim();
        this.pathPattern = pathPattern == null || pathPattern.isBlank() ? null : pathPattern.trim();
        this.pathVariable = pathVariable == null || pathVariable.isBlank() ? DEFAULT_PATH_VARIABLE : pathVariable.trim();
        if (this.pathPattern != null && !this.pathPattern.contains("{" + this.pathVariable + "}")) {
            throw new IllegalArgumentException("buyer-path must contain {" + this.pathVariable + "}, but was " + this.pathPattern);
        }
    }

    public static BuyerKeySource header(String header) {
        return new BuyerKeySource(header, null, null);
    }

    public String header() {
        return header;
    }

    /** The path pattern with the buyer variable, or {@code null}. */
    public String pathPattern() {
        return pathPattern;
    }

    public String pathVariable() {
        return pathVariable;
    }

    /**
     * The buyer of a call, or {@code null} when it carries none.
     *
     * @param headerValue the value of {@link #header()}, or {@code null}
     * @param pathVariables the variables of {@link #pathPattern()} matched on the request path
     *                      ({@code null} when there is no pattern or it did not match)
     * @throws BuyerIdMissingException if a value is there but is not a decimal {@code long}
     */
    public Long read(String service, String call, String headerValue, Function<String, Map<String, String>> pathVariables) {
        if (headerValue != null) {
            return parse(service, call, headerValue);
        }
        if (pathPattern != null) {
            Map<String, String> vars = pathVariables.apply(pathPattern);
            if (vars != null && vars.get(pathVariable) != null) {
                return parse(service, call, vars.get(pathVariable));
            }
        }
        return null;
    }

    static Long parse(String service, String call, String text) {
        String t = text.trim();
        if (t.isEmpty() || t.length() > 20) {
            throw new BuyerIdMissingException(service, call, text);
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new BuyerIdMissingException(service, call, text);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BuyerKeySource b && header.equals(b.header) && Objects.equals(pathPattern, b.pathPattern)
                && pathVariable.equals(b.pathVariable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, pathPattern, pathVariable);
    }

    @Override
    public String toString() {
        return "header " + header + (pathPattern == null ? "" : " or path " + pathPattern);
    }
}
