package io.unitize.controlcenter.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

import javax.sql.DataSource;
import java.net.URI;

/**
 * Operators authenticate against the user store in the control center's database: HTTP Basic for
 * API clients, a login form and session for the console. Reading needs role VIEWER or OPERATOR;
 * every change needs OPERATOR, and from a browser session also the CSRF token. The OpenAPI
 * description and the health check are public.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    public static final String OPERATOR = "OPERATOR";
    public static final String VIEWER = "VIEWER";

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ObjectMapper json) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(VIEWER, OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/plans/dry-run").hasAnyRole(VIEWER, OPERATOR)
                        .anyRequest().hasRole(OPERATOR))
                .httpBasic(b -> b.authenticationEntryPoint(unauthorized(json)))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized(json)).accessDeniedHandler(forbidden(json)))
                // a browser session (the console) must send the CSRF token; a request with no session
                // carries no ambient credentials another site could ride on (curl, scripts sending
                // their credentials in the Authorization header; anonymous requests get 401)
                .csrf(c -> c.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(r -> r.getHeader("Authorization") != null || r.getSession(false) == null))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain otherChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/health/**",
                                "/error", "/login", "/console/console.css").permitAll()
                        .requestMatchers("/", "/console/**").hasAnyRole(VIEWER, OPERATOR)
                        .anyRequest().hasRole(OPERATOR))
                .httpBasic(Customizer.withDefaults())
                .formLogin(f -> f.defaultSuccessUrl("/console/", true))
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                .csrf(c -> c.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    JdbcUserDetailsManager userDetailsManager(DataSource dataSource) {
        return new JdbcUserDetailsManager(dataSource);
    }

    /** Creates the configured operators that are not in the user store yet; never overwrites a stored one. */
    @Bean
    ApplicationRunner bootstrapOperators(ControlCenterProperties props, JdbcUserDetailsManager users, PasswordEncoder encoder) {
        return args -> {
            int i = 0;
            for (ControlCenterProperties.Operator op : props.getSecurity().getBootstrapUsers()) {
                String prefix = "unitize.control-center.security.bootstrap-users[" + i++ + "]";
                if (op.getUsername() == null || op.getUsername().isBlank()) {
                    throw new ControlCenterConfigException(prefix + ".username", "a bootstrap user has no username");
                }
                if (op.getPassword() == null || op.getPassword().length() < 8) {
                    throw new ControlCenterConfigException(prefix + ".password",
                            "bootstrap user '" + op.getUsername() + "' needs a password of at least 8 characters");
                }
                for (String role : op.getRoles()) {
                    if (!role.equals(OPERATOR) && !role.equals(VIEWER)) {
                        throw new ControlCenterConfigException(prefix + ".roles",
                                "role must be OPERATOR or VIEWER, but was '" + role + "'");
                    }
                }
                if (!users.userExists(op.getUsername())) {
                    users.createUser(User.withUsername(op.getUsername()).password(encoder.encode(op.getPassword()))
                            .roles(op.getRoles().toArray(String[]::new)).build());
                }
            }
        };
    }

    private static AuthenticationEntryPoint unauthorized(ObjectMapper json) {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"unitize\"");
            write(json, response, HttpStatus.UNAUTHORIZED, "authentication required: send an operator's credentials "
                    + "(HTTP Basic); " + e.getMessage());
        };
    }

    private static AccessDeniedHandler forbidden(ObjectMapper json) {
        return (request, response, e) -> write(json, response, HttpStatus.FORBIDDEN,
                request.getMethod() + " " + request.getRequestURI() + " needs role " + OPERATOR);
    }

    private static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String detail)
            throws java.io.IOException {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://unitize.io/problems/" + (status == HttpStatus.UNAUTHORIZED ? "unauthenticated" : "forbidden")));
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), p);
    }
}
