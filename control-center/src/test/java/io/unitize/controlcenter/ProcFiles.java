package io.unitize.controlcenter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How a process has a file open, read from Linux's /proc (the flags of open(2)). */
final class ProcFiles {

    /** O_DSYNC on Linux x86-64 and aarch64 (octal 010000). */
    static final int O_DSYNC = 010000;

    private ProcFiles() {
    }

    /** The open(2) flags of every descriptor of this process that refers to the file. */
    static List<Integer> openFlags(Path file) throws IOException {
        return openFlags(ProcessHandle.current().pid(), file);
    }

    static List<Integer> openFlags(long pid, Path file) throws IOException {
        Path real = file.toRealPath();
        List<Integer> flags = new ArrayList<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                Path target;
                try {
                    target = Files.readSymbolicLink(fd);
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                if (target.equals(real)) {
                    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "fdinfo", fd.getFileName().toString()))) {
                        if (line.startsWith("flags:")) {
                            flags.add(Integer.parseInt(line.substring("flags:".length()).trim(), 8));
                        }
                    }
                }
            }
        }
        return flags;
    }
}
