package io.unitize.controlcenter.store;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store's own guarantee, without the rest of the control center: a child JVM commits
 * rows and prints each one after its commit returned; SIGKILL right after a printed commit, three
 * times on the same files; every printed row is there when the store is opened again. (With H2's
 * defaults, {@code jdbc:h2:file:…}, the last half second of commits is lost.)
 */
class EmbeddedStoreKillIT {

    @Test
    void everyCommitThatReturnedSurvivesSigkill() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "store-kill-" + System.nanoTime()));
        String url = EmbeddedStore.url(dir);
        long acknowledged = 0;
        for (int round = 1; round <= 3; round++) {
            long target = acknowledged + 200;
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    StoreWriterMain.class.getName(), url).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("committed ")) {
                        acknowledged = Long.parseLong(line.substring("committed ".length()));
                        if (acknowledged >= target) {
                            p.destroyForcibly(); // SIGKILL, right after the commit was acknowledged
                            break;
                        }
                    }
                }
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("round " + round + ": killed by SIGKILL, not ended by itself").isEqualTo(137);
            assertThat(acknowledged).as("round " + round + ": the writer reached its target").isGreaterThanOrEqualTo(target);
            SyncWriteFilePath.register();
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM acked WHERE id <= " + acknowledged)) {
                rs.next();
                assertThat(List.of(rs.getLong(1), rs.getLong(2))).as("round " + round + ": rows 1.." + acknowledged
                        + " acknowledged before SIGKILL").containsExactly(acknowledged, acknowledged);
            }
        }
    }
}
