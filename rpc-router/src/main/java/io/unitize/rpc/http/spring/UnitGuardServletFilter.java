package io.unitize.rpc.http.spring;

import io.unitize.rpc.http.UnitProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Servlet provider guard: refuses a misrouted (or frozen-write) request to a UNIT endpoint with a {@link UnitProblem}. */
public final class UnitGuardServletFilter extends OncePerRequestFilter {

    private final ProviderUnitPaths paths;

    public UnitGuardServletFilter(ProviderUnitPaths paths) {
        this.paths = paths;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        UnitProblem refused = paths.check(request.getMethod(), path, request.getHeader(paths.header()));
        if (refused == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(refused.status());
        response.setContentType(UnitProblem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (refused.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Integer.toString(refused.retryAfterSeconds()));
        }
        response.getOutputStream().write(refused.json().getBytes(StandardCharsets.UTF_8));
    }
}
