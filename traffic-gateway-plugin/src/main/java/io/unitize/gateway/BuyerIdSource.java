package io.unitize.gateway;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One place a request may carry its buyerId, written {@code kind:name}: {@code header:X-Buyer-Id},
 * {@code cookie:buyer_id}, {@code query:buyerId}, {@code path:/api/buyers/{buyerId}/**} (a path
 * template with a {@code {buyerId}} segment), {@code jwt:sub} (a claim of the verified bearer token).
 */
public record BuyerIdSource(Kind kind, String name, Pattern pathPattern) {

    public enum Kind { HEADER, COOKIE, QUERY, PATH, JWT }

    public static BuyerIdSource parse(String spec) {
        int colon = spec == null ? -1 : spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("buyer-id source must be kind:name (header:X-Buyer-Id, cookie:buyer_id, query:buyerId, "
                    + "path:/buyers/{buyerId}/**, jwt:sub), but was '" + spec + "'");
        }
        String kindText = spec.substring(0, colon).trim().toUpperCase(java.util.Locale.ROOT);
        String name = spec.substring(colon + 1).trim();
        Kind kind;
        try {
            kind = Kind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("buyer-id source kind must be one of header, cookie, query, path, jwt, but was '"
                    + spec.substring(0, colon) + "' in '" + spec + "'");
        }
        Pattern pattern = null;
        if (kind == Kind.PATH) {
            if (!name.contains("{buyerId}")) {
                throw new IllegalArgumentException("path buyer-id source needs a {buyerId} segment, but was '" + name + "'");
            }
            String regex = pathRegex(name);
            pattern = Pattern.compile(regex);
        }
        return new BuyerIdSource(kind, name, pattern);
    }

    /** {@code {buyerId}} -> one captured segment, a trailing {@code /**} -> anything below, {@code *} -> one segment. */
    private static String pathRegex(String template) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < template.length(); ) {
            String token = template.startsWith("{buyerId}", i) ? "([^/]+)"
                    : template.startsWith("/**", i) && i + 3 == template.length() ? "(?:/.*)?"
                    : template.charAt(i) == '*' ? "[^/]*" : null;
            if (token == null) {
                literal.append(template.charAt(i++));
                continue;
            }
            if (literal.length() > 0) {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
            }
            regex.append(token);
            i += token.equals("([^/]+)") ? "{buyerId}".length() : token.equals("(?:/.*)?") ? 3 : 1;
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }

    /**
     * Every value this source finds in {@code request}, in order (for kind JWT: the bearer tokens,
     * not yet verified; for kind PATH: the segment percent-decoded once). Empty when absent.
     */
    List<String> rawValues(RequestView request) {
        return switch (kind) {
            case HEADER -> request.headers(name);
            case COOKIE -> request.cookies(name);
            case QUERY -> request.queryParams(name);
            case PATH -> {
                Matcher m = pathPattern.matcher(request.rawPath());
                yield m.matches() ? List.of(BuyerIdText.decodePathSegment(toString(), m.group(1))) : List.of();
            }
            case JWT -> {
                List<String> auth = request.headers("Authorization");
                if (auth.isEmpty()) {
                    yield List.of();
                }
                if (auth.size() > 1) {
                    throw new InvalidTokenException("more than one Authorization header");
                }
                String a = auth.get(0);
                yield a.regionMatches(true, 0, "Bearer ", 0, 7) ? List.of(a.substring(7).trim()) : List.of();
            }
        };
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }
}
