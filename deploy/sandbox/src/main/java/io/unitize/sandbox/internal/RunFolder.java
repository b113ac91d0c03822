package io.unitize.sandbox.internal;

import io.unitize.sandbox.SandboxStartException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The folder of one sandbox run: {@code <base>/run-<pid>}. Folders of earlier runs whose JVM is
 * gone are deleted first, so data never piles up and never leaks from one run into the next.
 */
public final class RunFolder {

    private RunFolder() {
    }

    public static Path create(Path base) {
        try {
            Path absBase = Files.createDirectories(base.toAbsolutePath());
            try (Stream<Path> old = Files.list(absBase)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith("run-")).toList()) {
                    long pid = parsePid(p.getFileName().toString().substring(4));
                    if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                    NativeBinaries.deleteTree(p);
                }
            }
            Path run = absBase.resolve("run-" + ProcessHandle.current().pid());
            NativeBinaries.deleteTree(run);
            return Files.createDirectories(run);
        } catch (IOException e) {
            throw new SandboxStartException("UNITIZE-SANDBOX-007 cannot prepare the run folder under " + base + ": " + e, e);
        }
    }

    private static long parsePid(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
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
