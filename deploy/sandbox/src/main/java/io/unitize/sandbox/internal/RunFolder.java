package io.unitize.sandbox.internal;

import io.unitize.sandbox.SandboxStartException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The folder of one sandbox run: {@code <base>/run-<pid>} ({@code run-<pid>-<n>} for a further
 * sandbox of the same JVM). Folders of earlier runs are deleted first, so data never piles up and
 * never leaks from one run into the next, but only when nothing uses them any more: a folder is
 * kept while the JVM that made it lives, and while any process still runs in it or names it on
 * its command line (a server that outlived its owner), which UNITIZE-SANDBOX-061 reports with the
 * PIDs to stop.
 */
public final class RunFolder {

    private static final Set<Path> CLAIMED = ConcurrentHashMap.newKeySet();

    private RunFolder() {
    }

    public static synchronized Path create(Path base, Consumer<String> log) {
        try {
            Path absBase = Files.createDirectories(base.toAbsolutePath().normalize());
            long self = ProcessHandle.current().pid();
            try (Stream<Path> old = Files.list(absBase)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith("run-")).toList()) {
                    long owner = ownerPid(p.getFileName().toString());
                    if (owner == self ? CLAIMED.contains(p) : owner > 0 && isAlive(owner)) {
                        continue;
                    }
                    List<Long> users = processesUsing(p);
                    if (!users.isEmpty()) {
                        log.accept("UNITIZE-SANDBOX-061 keeping " + p + ": the JVM that made it (" + owner + ") is gone but"
                                + " processes still run in it (pids " + users.stream().map(String::valueOf)
                                .collect(Collectors.joining(", ")) + "); stop them (kill " + users.stream()
                                .map(String::valueOf).collect(Collectors.joining(" ")) + ") and the next start deletes it");
                        continue;
                    }
                    NativeBinaries.deleteTree(p);
                }
            }
            Path run = absBase.resolve("run-" + self);
            for (int n = 2; CLAIMED.contains(run) || Files.exists(run); n++) {
                run = absBase.resolve("run-" + self + "-" + n); // another sandbox of this JVM, or a folder kept above
            }
            CLAIMED.add(run);
            return Files.createDirectories(run);
        } catch (IOException e) {
            throw new SandboxStartException("UNITIZE-SANDBOX-007 cannot prepare the run folder under " + base + ": " + e, e);
        }
    }

    /**
     * An earlier run's folder, to start its servers again on their data (nothing is deleted). Refused
     * when it is not a run folder, or while a process still runs in it (its servers would share the data).
     */
    public static synchronized Path reuse(Path runDir) {
        Path run = runDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(run) || !run.getFileName().toString().startsWith("run-")) {
            throw new SandboxStartException("UNITIZE-SANDBOX-062 cannot start again on " + run + ": not an earlier run's folder"
                    + " (run-<pid> under the sandbox's base folder)");
        }
        List<Long> users = processesUsing(run);
        if (!users.isEmpty() || CLAIMED.contains(run)) {
            throw new SandboxStartException("UNITIZE-SANDBOX-063 cannot start again on " + run + ": processes still run in it (pids "
                    + users.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "); stop that run first");
        }
        CLAIMED.add(run);
        return run;
    }

    /**
     * The sandbox that ran in {@code runDir} has stopped: this JVM may start again on it ({@link #reuse}),
     * and a later {@link #create} may delete it like any earlier run's folder.
     */
    public static synchronized void release(Path runDir) {
        CLAIMED.remove(runDir.toAbsolutePath().normalize());
    }

    /** PID from {@code run-<pid>} or {@code run-<pid>-<n>}; -1 when the name is not one of ours. */
    static long ownerPid(String name) {
        String rest = name.substring("run-".length());
        int dash = rest.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * PIDs of live processes whose working directory is inside {@code folder} or whose command line
     * names a path inside it (from /proc; every sandbox server does one or the other).
     */
    public static List<Long> processesUsing(Path folder) {
        String dir = folder.toAbsolutePath().normalize().toString();
        List<Long> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                if (uses(proc, dir)) {
                    out.add(Long.parseLong(proc.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.remove(Long.valueOf(ProcessHandle.current().pid()));
        return out;
    }

    private static boolean uses(Path proc, String dir) {
        try {
            String cwd = Files.readSymbolicLink(proc.resolve("cwd")).toString();
            if (cwd.equals(dir) || cwd.startsWith(dir + "/")) {
                return true;
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // gone, or not ours to read: look at the command line
        }
        try {
            for (String arg : new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).split("\0")) {
                int at = arg.indexOf(dir);
                if (at >= 0) {
                    int end = at + dir.length();
                    if (end == arg.length() || arg.charAt(end) == '/') {
                        return true;
                    }
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** VmRSS of a process in KB, 0 when unknown. */
    public static long residentKilobytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
