package io.unitize.sandbox.process;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of every sandbox child JVM: {@code java -cp ... io.unitize.sandbox.process.ChildMain
 * <real main class> [args...]}.
 *
 * <p>It starts a watchdog that ends this JVM as soon as the parent process (the sandbox, named by
 * the system property {@value #PARENT_PID_PROPERTY}) is gone, even if the parent was killed with
 * SIGKILL and had no chance to stop its children. Then it runs the real main class.
 */
public final class ChildMain {

    public static final String PARENT_PID_PROPERTY = "unitize.sandbox.parentPid";
    private static final long POLL_MILLIS = 500;
    private static final long EXIT_GRACE_MILLIS = 10_000;

    private ChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("UNITIZE-SANDBOX-900 usage: ChildMain <main class> [args...]");
            System.exit(2);
        }
        watchParent(System.getProperty(PARENT_PID_PROPERTY));
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void watchParent(String parentPid) {
        if (parentPid == null || parentPid.isBlank()) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(parentPid.trim()));
        if (parent.isEmpty()) {
            System.err.println("UNITIZE-SANDBOX-901 parent process " + parentPid + " is already gone; exiting");
            System.exit(3);
        }
        Thread watchdog = new Thread(() -> {
            ProcessHandle p = parent.get();
            while (p.isAlive()) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("UNITIZE-SANDBOX-902 parent process " + parentPid + " ended; stopping this server");
            Thread halter = new Thread(() -> {
                try {
                    Thread.sleep(EXIT_GRACE_MILLIS);
                } catch (InterruptedException ignored) {
                    // fall through to halt
                }
                Runtime.getRuntime().halt(4);
            }, "unitize-sandbox-halter");
            halter.setDaemon(true);
            halter.start();
            System.exit(0);
        }, "unitize-sandbox-parent-watch");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
