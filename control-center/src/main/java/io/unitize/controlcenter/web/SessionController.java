package io.unitize.controlcenter.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Who is signed in, their roles, and the CSRF token a browser sends with every change. */
@RestController
@RequestMapping("/api/v1/me")
public class SessionController {

    public record Me(String username, List<String> roles, String csrfHeader, String csrfToken) {
    }

    @GetMapping
    public Me me(Authentication who, CsrfToken csrf) {
        List<String> roles = who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList();
        return new Me(who.getName(), roles, csrf == null ? null : csrf.getHeaderName(), csrf == null ? null : csrf.getToken());
    }
}
