package io.unitize.controlcenter.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code unitize.control-center.security.*}: the operators created at startup and the sign-in throttle. */
public class OperatorSecurityProperties {
    /** Operators created at startup when absent from the user store (passwords are stored BCrypt-hashed). */
    private List<Operator> bootstrapUsers = new ArrayList<>();
    private final LoginThrottle loginThrottle = new LoginThrottle();

    public LoginThrottle getLoginThrottle() {
        return loginThrottle;
    }

    public List<Operator> getBootstrapUsers() {
        return bootstrapUsers;
    }

    public void setBootstrapUsers(List<Operator> bootstrapUsers) {
        this.bootstrapUsers = bootstrapUsers;
    }

    /** Failed sign-ins (console form and HTTP Basic) per user name and per client address. */
    public static class LoginThrottle {
        /** Failures of one user name (from anywhere) within {@code window} that lock it. */
        private int maxFailuresPerUser = 5;
        /** Failures from one client address (any user name) within {@code window} that lock it. */
        private int maxFailuresPerAddress = 20;
        private Duration window = Duration.ofMinutes(15);
        /** How long a locked user or address is refused, the right password included. */
        private Duration lockout = Duration.ofMinutes(15);
        /** At most this many user names and as many addresses are tracked (memory bound). */
        private int maxTracked = 10_000;

        public int getMaxFailuresPerUser() {
            return maxFailuresPerUser;
        }

        public void setMaxFailuresPerUser(int maxFailuresPerUser) {
            this.maxFailuresPerUser = maxFailuresPerUser;
        }

        public int getMaxFailuresPerAddress() {
            return maxFailuresPerAddress;
        }

        public void setMaxFailuresPerAddress(int maxFailuresPerAddress) {
            this.maxFailuresPerAddress = maxFailuresPerAddress;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public Duration getLockout() {
            return lockout;
        }

        public void setLockout(Duration lockout) {
            this.lockout = lockout;
        }

        public int getMaxTracked() {
            return maxTracked;
        }

        public void setMaxTracked(int maxTracked) {
            this.maxTracked = maxTracked;
        }
    }

    public static class Operator {
        private String username;
        private String password;
        /** OPERATOR may change rules and run cutovers; VIEWER may only read. */
        private List<String> roles = new ArrayList<>(List.of("OPERATOR"));

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }
    }
}
