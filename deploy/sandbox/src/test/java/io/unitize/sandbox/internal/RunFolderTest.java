package io.unitize.sandbox.internal;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunFolderTest {

    private final List<String> log = new ArrayList<>();

    @Test
    void aFolderOfAGoneJvmIsKeptWhileAProcessStillRunsInItAndDeletedOnceItEnds() throws Exception {
        Path base = Files.createTempDirectory(Path.of("target"), "runfolder-test");
        Path orphaned = Files.createDirectories(base.resolve("run-" + gonePid()).resolve("center").resolve("redis"));
        Process server = new ProcessBuilder("sleep", "600").directory(orphaned.toFile()).start();
        try {
            Path run = RunFolder.create(base, log::add);

            assertThat(orphaned).as("a folder a live server still uses is not deleted").exists();
            assertThat(run).exists().isNotEqualTo(orphaned.getParent().getParent());
            assertThat(log).singleElement().asString().startsWith("UNITIZE-SANDBOX-061 keeping " + orphaned.getParent().getParent())
                    .contains("pids " + server.pid()).contains("kill " + server.pid());
        } finally {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
        RunFolder.create(base, log::add);
        assertThat(orphaned.getParent().getParent()).as("deleted once nothing uses it").doesNotExist();
    }

    @Test
    void aProcessNamingTheFolderOnItsCommandLineCountsAsUsingIt() throws Exception {
        Path base = Files.createTempDirectory(Path.of("target"), "runfolder-test");
        Path orphaned = Files.createDirectories(base.resolve("run-" + gonePid()));
        // "; :" keeps the shell from exec-ing sleep, so its command line keeps the path
        Process server = new ProcessBuilder("sh", "-c", "sleep 600; :", "sh",
                "--datadir=" + orphaned.toAbsolutePath().resolve("mariadb/data")).start();
        try {
            assertThat(RunFolder.processesUsing(orphaned)).contains(server.pid());
            assertThat(RunFolder.processesUsing(base.resolve("run-1"))).doesNotContain(server.pid());
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondSandboxOfTheSameJvmGetsItsOwnFolderAndLeavesTheFirstAlone() throws Exception {
        Path base = Files.createTempDirectory(Path.of("target"), "runfolder-test");
        Path first = RunFolder.create(base, log::add);
        Files.writeString(first.resolve("data"), "in use");
        Path second = RunFolder.create(base, log::add);

        assertThat(second).isNotEqualTo(first);
        assertThat(second.getFileName().toString()).isEqualTo("run-" + ProcessHandle.current().pid() + "-2");
        assertThat(first.resolve("data")).hasContent("in use");
    }

    @Test
    void ownerPidIsReadFromBothFolderNames() {
        assertThat(RunFolder.ownerPid("run-4242")).isEqualTo(4242);
        assertThat(RunFolder.ownerPid("run-4242-3")).isEqualTo(4242);
        assertThat(RunFolder.ownerPid("run-x")).isEqualTo(-1);
    }

    /** The PID of a process that has ended (and whose number no live process has). */
    private static long gonePid() throws Exception {
        while (true) {
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            if (ProcessHandle.of(p.pid()).isEmpty()) {
                return p.pid();
            }
        }
    }

    @Test
    void anEarlierRunsFolderIsReusedWithItsDataAndRefusedWhileInUseOrWhenNotARunFolder() throws Exception {
        Path base = Files.createTempDirectory(Path.of("target"), "runfolder-test");
        Path earlier = Files.createDirectories(base.resolve("run-" + gonePid()).resolve("center").resolve("mariadb"));
        Files.writeString(earlier.resolve("data"), "kept");
        Path run = earlier.getParent().getParent();

        assertThat(RunFolder.reuse(run)).isEqualTo(run.toAbsolutePath().normalize());
        assertThat(earlier.resolve("data")).hasContent("kept");
        assertThatThrownBy(() -> RunFolder.reuse(run)).as("claimed by this JVM already").hasMessageStartingWith("UNITIZE-SANDBOX-063");
        assertThatThrownBy(() -> RunFolder.reuse(base.resolve("elsewhere"))).hasMessageStartingWith("UNITIZE-SANDBOX-062");

        Path busy = Files.createDirectories(base.resolve("run-" + gonePid() + "-2"));
        Process server = new ProcessBuilder("sleep", "600").directory(busy.toFile()).start();
        try {
            assertThatThrownBy(() -> RunFolder.reuse(busy)).hasMessageStartingWith("UNITIZE-SANDBOX-063").hasMessageContaining("" + server.pid());
        } finally {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
