package io.unitize.sandbox.internal;

import io.unitize.sandbox.SandboxStartException;

import java.util.function.Consumer;

/**
 * Starts a server, and starts it again from a clean state when the failure is one that a busy
 * machine causes (the process died before it was ready, or was not ready in time): at most
 * {@value #MAX_ATTEMPTS} attempts, each retry said in a UNITIZE-SANDBOX-050 line. Failures of the
 * setup (a missing binary, classpath or folder) are not retried.
 */
public final class StartAttempts {

    public static final int MAX_ATTEMPTS = 3;

    private StartAttempts() {
    }

    public static void start(ServerNode node, Consumer<String> log) {
        for (int attempt = 1; ; attempt++) {
            try {
                node.start(log);
                return;
            } catch (SandboxStartException e) {
                if (!e.isRetryable() || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                node.kill();
                String from = node.prepareRetry();
                log.accept("UNITIZE-SANDBOX-050 " + node.name() + " did not start (attempt " + attempt + " of " + MAX_ATTEMPTS
                        + "): " + summary(e.getMessage()) + "; starting it again " + from
                        + " (its log keeps every attempt)");
            }
        }
    }

    /** The message's first line and, from the log tail it carries, the last line naming a cause. */
    static String summary(String message) {
        if (message == null) {
            return "(no message)";
        }
        String[] lines = message.split("\n");
        String cause = null;
        for (int i = lines.length - 1; i > 0 && cause == null; i--) {
            String l = lines[i].trim();
            if (l.startsWith("Caused by:") || l.contains("Exception") || l.contains("ERROR")) {
                cause = l;
            }
        }
        String out = lines[0] + (cause == null ? "" : " [" + cause + "]");
        return out.length() > 400 ? out.substring(0, 400) + "..." : out;
    }
}
