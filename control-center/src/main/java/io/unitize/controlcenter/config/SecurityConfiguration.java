package io.unitize.controlcenter.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.unitize.controlcenter.login.LoginThrottle;
import io.unitize.controlcenter.store.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.InvalidCsrfTokenException;
import org.springframework.security.web.csrf.MissingCsrfTokenException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import javax.sql.DataSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Operators authenticate against the user store in the control center's database: HTTP Basic for
 * API clients, the sign-in page and a session for the console; every password check is throttled
 * per user and per address ({@link ThrottledAuthenticationProvider}). Reading needs role VIEWER or
 * OPERATOR; every change needs OPERATOR, and the CSRF token unless the request carries its own
 * credentials in a way no other site can forge (see {@link #exemptFromCsrf}). Every 401 names the
 * realm {@value #REALM}. The OpenAPI description, Swagger UI, the health check and the sign-in page
 * are public.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    public static final String OPERATOR = "OPERATOR";
    public static final String VIEWER = "VIEWER";
    /** The realm of every 401. */
    public static final String REALM = "Unitize control center";
    /** Scripts, styles, images and requests from this origin only; inline styles allowed (the console colors with them), inline scripts not. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ObjectMapper json, AuthenticationManager authentication) throws Exception {
        return http.securityMatcher("/api/**")
                .authenticationManager(authentication)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(VIEWER, OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/plans/dry-run").hasAnyRole(VIEWER, OPERATOR)
                        .anyRequest().hasRole(OPERATOR))
                .httpBasic(b -> b.authenticationEntryPoint(unauthorized(json)))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized(json)).accessDeniedHandler(forbidden(json)))
                .csrf(c -> c.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(SecurityConfiguration::exemptFromCsrf))
                .headers(h -> h.contentSecurityPolicy(p -> p.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain otherChain(HttpSecurity http, ObjectMapper json, AuthenticationManager authentication) throws Exception {
        return http
                .authenticationManager(authentication)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/health/**", "/actuator/prometheus",
                                "/error", "/login", "/console/console.css", "/console/login.css").permitAll()
                        .requestMatchers("/", "/console/**").hasAnyRole(VIEWER, OPERATOR)
                        .anyRequest().hasRole(OPERATOR))
                .httpBasic(b -> b.authenticationEntryPoint(unauthorized(json)))
                .formLogin(f -> f.loginPage("/login").failureHandler(loginFailure()).defaultSuccessUrl("/console/", true))
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(e -> e.accessDeniedHandler(forbidden(json)))
                .csrf(c -> c.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .headers(h -> h.contentSecurityPolicy(p -> p.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /**
     * A change needs the CSRF token unless no other site could have made the browser send it: it
     * carries no credentials at all (no session, no Authorization header: it gets 401), or it
     * carries an Authorization header and a header no cross-site form or simple request can set
     * ({@code Content-Type: application/json}, or any {@code X-Requested-With}). A browser that
     * remembered Basic credentials sends them with a cross-site form too, so the Authorization
     * header alone does not exempt.
     */
    static boolean exemptFromCsrf(HttpServletRequest r) {
        if (r.getHeader("Authorization") == null) {
            return r.getSession(false) == null;
        }
        return r.getHeader("X-Requested-With") != null || isJson(r.getContentType());
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType t = MediaType.parseMediaType(contentType);
            return t.getType().equals("application") && (t.getSubtype().equals("json") || t.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    JdbcUserDetailsManager userDetailsManager(DataSource dataSource) {
        return new JdbcUserDetailsManager(dataSource);
    }

    @Bean
    LoginThrottle loginThrottle(ControlCenterProperties props, Clock clock) {
        OperatorSecurityProperties.LoginThrottle t = props.getSecurity().getLoginThrottle();
        try {
            return new LoginThrottle(clock, t.getMaxFailuresPerUser(), t.getMaxFailuresPerAddress(), t.getWindow(), t.getLockout(),
                    t.getMaxTracked());
        } catch (IllegalArgumentException e) {
            throw new ControlCenterConfigException("unitize.control-center.security.login-throttle", e.getMessage());
        }
    }

    /** The one place passwords are checked (form and Basic, both chains). */
    @Bean
    AuthenticationManager authenticationManager(JdbcUserDetailsManager users, PasswordEncoder encoder, LoginThrottle throttle,
                                                AuditLog audit) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle, audit));
    }

    /**
     * Creates the configured operators that are not in the user store yet (never overwrites a
     * stored one); then refuses to run when nobody could ever sign in.
     */
    @Bean
    ApplicationRunner bootstrapOperators(ControlCenterProperties props, JdbcUserDetailsManager users, PasswordEncoder encoder,
                                         JdbcTemplate jdbc) {
        return args -> {
            int i = 0;
            for (OperatorSecurityProperties.Operator op : props.getSecurity().getBootstrapUsers()) {
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
            Integer canSignIn = jdbc.queryForObject("SELECT COUNT(*) FROM users u WHERE u.enabled = TRUE AND EXISTS "
                    + "(SELECT 1 FROM authorities a WHERE a.username = u.username AND a.authority IN (?, ?))", Integer.class,
                    "ROLE_" + OPERATOR, "ROLE_" + VIEWER);
            if (canSignIn == null || canSignIn == 0) {
                throw new ControlCenterConfigException("unitize.control-center.security.bootstrap-users[0].username",
                        "no user can sign in: the user store has no enabled user with role OPERATOR or VIEWER and no bootstrap "
                                + "user is configured. Configure one: unitize.control-center.security.bootstrap-users[0].username, "
                                + ".password (at least 8 characters, from a secret; there is no default password) and .roles");
            }
        };
    }

    private static AuthenticationFailureHandler loginFailure() {
        return (request, response, e) -> response.sendRedirect(request.getContextPath()
                + (e instanceof LoginThrottledException ? "/login?locked" : "/login?error"));
    }

    private static AuthenticationEntryPoint unauthorized(ObjectMapper json) {
        return (request, response, e) -> {
            if (e instanceof LoginThrottledException throttled) {
                long seconds = Math.max(1, Duration.between(Instant.now(), throttled.refusal().until()).toSeconds());
                response.setHeader("Retry-After", Long.toString(seconds));
                write(json, response, HttpStatus.TOO_MANY_REQUESTS, "login-throttled", "sign-in refused: " + e.getMessage());
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
            write(json, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "authentication required: send a user's "
                    + "credentials (HTTP Basic), or sign in at /login; " + e.getMessage());
        };
    }

    private static AccessDeniedHandler forbidden(ObjectMapper json) {
        return (request, response, e) -> {
            String what = request.getMethod() + " " + request.getRequestURI();
            if (e instanceof MissingCsrfTokenException) {
                write(json, response, HttpStatus.FORBIDDEN, "csrf-token-missing", what + " refused: the CSRF token is missing. "
                        + "A browser session sends it in the X-CSRF-TOKEN header (GET /api/v1/me returns it); a script sends "
                        + "its credentials with HTTP Basic and Content-Type: application/json or an X-Requested-With header");
            } else if (e instanceof InvalidCsrfTokenException) {
                write(json, response, HttpStatus.FORBIDDEN, "csrf-token-invalid", what + " refused: the CSRF token does not "
                        + "belong to this session (a new one is issued at each sign-in): reload the console and try again");
            } else {
                write(json, response, HttpStatus.FORBIDDEN, "forbidden", what + " needs role " + OPERATOR);
            }
        };
    }

    private static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String type, String detail)
            throws java.io.IOException {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://unitize.io/problems/" + type));
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), p);
    }
}
