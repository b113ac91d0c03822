package io.unitize.controlcenter.web;

import io.unitize.controlcenter.login.LoginThrottle;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The console's sign-in page: what this is, what to enter, where the demo prints its password, and
 * why a sign-in was refused. The form posts to Spring Security's {@code /login}.
 */
@Controller
public class LoginPage {

    private final LoginThrottle throttle;

    public LoginPage(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @GetMapping(value = "/login", produces = "text/html;charset=UTF-8")
    @ResponseBody
    public String page(@RequestParam(required = false) String error, @RequestParam(required = false) String locked,
                       @RequestParam(required = false) String logout, CsrfToken csrf) {
        String message = "";
        if (locked != null) {
            message = "<div class=\"error\" role=\"alert\" id=\"login-message\">Too many failed sign-ins for this user or from "
                    + "this address: sign-in is refused for " + minutes(throttle.lockout()) + ", even with the right password. "
                    + "Try again later.</div>";
        } else if (error != null) {
            message = "<div class=\"error\" role=\"alert\" id=\"login-message\">Wrong user name or password. After "
                    + throttle.maxPerUser() + " failed sign-ins within " + minutes(throttle.window())
                    + " the user is locked for " + minutes(throttle.lockout()) + ".</div>";
        } else if (logout != null) {
            message = "<div class=\"notice\" role=\"status\" id=\"login-message\">You have signed out.</div>";
        }
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Sign in · Unitize control center</title>
                  <link rel="stylesheet" href="/console/console.css">
                  <link rel="stylesheet" href="/console/login.css">
                </head>
                <body class="login-page">
                <header><h1>Unitize <span class="sub">control center</span></h1></header>
                <main>
                  <section class="card">
                    <h2>Sign in</h2>
                    <p>The control center owns the rules that say which unit serves each buyer, and moves buyers between
                      units. Sign in with your control center account.</p>
                    %s
                    <form method="post" action="/login">
                      <label for="username">User name</label>
                      <input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" required autofocus>
                      <label for="password">Password</label>
                      <input type="password" id="password" name="password" autocomplete="current-password" required>
                      <input type="hidden" name="%s" value="%s">
                      <button type="submit">Sign in</button>
                    </form>
                  </section>
                  <section class="help" aria-label="What to enter">
                    <p><strong>What to enter:</strong> the user name and password of an operator (reads and changes) or a
                      viewer (reads only) of this control center: the users configured under
                      <code>unitize.control-center.security.bootstrap-users</code>, or added to its user store. There is
                      no default user and no default password.</p>
                    <p><strong>Running the demo?</strong> <code>./deploy/demo.sh</code> creates the user
                      <code>operator</code> with a password generated for that run and prints both in its terminal, on the
                      line <code>control center http://127.0.0.1:8090 (operator: operator / &lt;password&gt;, generated for
                      this run)</code>.</p>
                  </section>
                </main>
                </body>
                </html>
                """.formatted(message, HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()));
    }

    private static String minutes(java.time.Duration d) {
        long m = d.toMinutes();
        return m >= 1 && d.toSeconds() % 60 == 0 ? m + (m == 1 ? " minute" : " minutes") : d.toSeconds() + " seconds";
    }
}
