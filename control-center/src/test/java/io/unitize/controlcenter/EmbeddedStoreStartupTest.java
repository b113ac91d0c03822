package io.unitize.controlcenter;

import io.unitize.controlcenter.config.ControlCenterConfigException;
import io.unitize.controlcenter.config.ControlCenterConfigFailureAnalyzer;
import io.unitize.controlcenter.config.EmbeddedStoreEnvironmentAccess;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Where the default store lives and why it keeps what the API acknowledged. */
class EmbeddedStoreStartupTest {

    private static final String[] UNITS_AND_USER = {"--server.port=0", "--spring.main.banner-mode=off",
            "--unitize.control-center.units.center.nacos=127.0.0.1:1",
            "--unitize.control-center.security.bootstrap-users[0].username=op",
            "--unitize.control-center.security.bootstrap-users[0].password=op-secret-1"};

    @Test
    void withoutADatasourceTheStoreIsTheDurableH2StoreInTheConfiguredFolder() throws Exception {
        Path dir = Path.of("target", "store-startup-" + System.nanoTime()).toAbsolutePath();
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ControlCenterApplication.class)
                .run(args("--unitize.control-center.store.directory=" + dir))) {
            Path file = dir.resolve("control-center.mv.db");
            assertThat(file).as("the store is in the configured folder").exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .as("its H2 account has no password: only this user may read the folder").isEqualTo("rwx------");
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'",
                    String.class)).as("each commit is written before it returns").isEqualTo("0");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM users", Integer.class)).isEqualTo(1);
            assertThat(ProcFiles.openFlags(file)).as("the store file is open for synchronous writes (O_DSYNC)")
                    .isNotEmpty().allMatch(flags -> (flags & ProcFiles.O_DSYNC) != 0);
        }
        assertThat(Files.exists(Path.of("unitize-cc-data"))).as("nothing written into the source tree").isFalse();
    }

    @Test
    void theDefaultFolderIsUnderTheUsersHomeNotTheSourceTree() {
        String url = EmbeddedStoreEnvironmentAccess.urlWithout(/* spring.datasource.url nor store.directory */);
        assertThat(url).isEqualTo("jdbc:h2:durable:" + Path.of(System.getProperty("user.home"), ".unitize", "control-center",
                "control-center") + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0");
    }

    @Test
    void anH2FileUrlThatWouldLoseAcknowledgedCommitsIsRefused() {
        Path dir = Path.of("target", "store-lossy-" + System.nanoTime()).toAbsolutePath();
        Throwable t = catchThrowable(() -> new SpringApplicationBuilder(ControlCenterApplication.class)
                .run(args("--spring.datasource.url=jdbc:h2:file:" + dir + "/cc;MODE=MariaDB;DATABASE_TO_LOWER=TRUE")));
        assertThat(t).as("startup must fail").isNotNull();
        Throwable root = t;
        while (root.getCause() != null && !(root instanceof ControlCenterConfigException)) {
            root = root.getCause();
        }
        assertThat(root).isInstanceOf(ControlCenterConfigException.class)
                .hasMessageContaining("up to 500 ms after the commit returned (no WRITE_DELAY=0)")
                .hasMessageContaining("a crash would lose what the API acknowledged")
                .hasMessageContaining("set unitize.control-center.store.directory=<folder>");
        assertThat(((ControlCenterConfigException) root).property()).isEqualTo("spring.datasource.url");
        FailureAnalysis analysis = new ControlCenterConfigFailureAnalyzer().analyze(t);
        assertThat(analysis.getDescription()).startsWith("UNITIZE-CC-003 spring.datasource.url is an embedded H2 file store");
        assertThat(dir).as("refused before anything was written").doesNotExist();
    }

    private static String[] args(String... more) {
        String[] all = new String[UNITS_AND_USER.length + more.length];
        System.arraycopy(UNITS_AND_USER, 0, all, 0, UNITS_AND_USER.length);
        System.arraycopy(more, 0, all, UNITS_AND_USER.length, more.length);
        return all;
    }
}
