package io.unitize.rpc.http.spring;

import io.unitize.rpc.BuyerIdMissingException;
import io.unitize.rpc.http.BuyerKeySource;
import io.unitize.rpc.http.HttpUnitGuard;
import io.unitize.rpc.http.UnitProblem;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The provider's UNIT endpoints ({@code unitize.rpc.http.provider.unit-paths}) and their check, shared
 * by the servlet and the WebFlux guard: a request whose path matches is checked by
 * {@link HttpUnitGuard} with the buyer from the buyer header, else the pattern's {@code {buyerId}}.
 */
public final class ProviderUnitPaths {

    private final List<PathPattern> patterns;
    private final String header;
    private final HttpUnitGuard guard;

    public ProviderUnitPaths(List<String> patterns, String header, HttpUnitGuard guard) {
        this.patterns = patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.header = header;
        this.guard = guard;
    }

    public String header() {
        return header;
    }

    /**
     * @param path the request path inside the application (no context path)
     * @param headerValue the buyer header's value, or {@code null}
     * @return the refusal, or {@code null} when the request may proceed (or is not to a UNIT endpoint)
     */
    public UnitProblem check(String method, String path, String headerValue) {
        PathContainer container = PathContainer.parsePath(path);
        for (PathPattern p : patterns) {
            PathPattern.PathMatchInfo match = p.matchAndExtract(container);
            if (match == null) {
                continue;
            }
            Map<String, String> vars = match.getUriVariables();
            String var = BuyerKeySource.DEFAULT_PATH_VARIABLE;
            BuyerKeySource key = new BuyerKeySource(header, vars.containsKey(var) ? p.getPatternString() : null, var);
            String from = key.toString();
            Long buyer;
            try {
                Function<String, Map<String, String>> pathVars = pattern -> vars;
                buyer = key.read("HTTP " + path, method, headerValue, pathVars);
            } catch (BuyerIdMissingException e) {
                return guard.unreadable(e, path, from);
            }
            return guard.check(method, path, buyer, from);
        }
        return null;
    }
}
