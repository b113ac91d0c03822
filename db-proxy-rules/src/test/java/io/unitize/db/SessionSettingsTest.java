package io.unitize.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionSettingsTest {

    @Test
    void userVariablesAndHarmlessSessionVariablesPass() {
        assertThatCode(() -> {
            SessionSettings.check("@b", null);
            SessionSettings.check("time_zone", "SESSION");
            SessionSettings.check("@@session.transaction_isolation", null);
            SessionSettings.check("@@innodb_lock_wait_timeout", null);
            SessionSettings.checkCharset("utf8mb4");
            SessionSettings.checkCharset("'utf8mb4'");
        }).doesNotThrowAnyException();
    }

    @Test
    void settingsThatChangeHowStatementsAreReadOrRowsWrittenAreRefused() {
        for (String v : new String[]{"sql_mode", "@@sql_mode", "@@session.sql_mode", "character_set_connection", "foreign_key_checks",
                "sql_log_bin", "insert_id", "timestamp", "collation_connection", "`sql_mode`"}) {
            assertThatThrownBy(() -> SessionSettings.check(v, null)).as(v).isInstanceOf(UnitWriteRefusedException.class)
                    .hasMessageContaining("UNITIZE-DB-043").hasMessageContaining("UNSAFE_SESSION_SETTING");
        }
        assertThatThrownBy(() -> SessionSettings.check("time_zone", "GLOBAL")).hasMessageContaining("GLOBAL");
        assertThatThrownBy(() -> SessionSettings.check("@@global.time_zone", null)).hasMessageContaining("GLOBAL");
        assertThatThrownBy(() -> SessionSettings.checkCharset("gbk")).hasMessageContaining("another character set");
    }
}
