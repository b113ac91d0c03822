package io.unitize.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlScreenTest {

    private static UnitWriteRefusedException.Reason reason(String sql) {
        try {
            SqlScreen.screen(sql);
            return null;
        } catch (UnitWriteRefusedException e) {
            return e.reason();
        }
    }

    @Test
    void executableCommentsAreRefusedWhereverTheyAre() {
        assertThat(reason("UPDATE t_order SET status='x' WHERE user_id=7 /*!50000 OR 1=1 */")).isEqualTo(UnitWriteRefusedException.Reason.EXECUTABLE_COMMENT);
        assertThat(reason("INSERT INTO t VALUES (61, 7 /*!50000 + 7000 */, 'x')")).isEqualTo(UnitWriteRefusedException.Reason.EXECUTABLE_COMMENT);
        assertThat(reason("DELETE FROM t WHERE user_id = 7 /*M!100000 OR 1 */")).isEqualTo(UnitWriteRefusedException.Reason.EXECUTABLE_COMMENT);
        assertThat(reason("DELETE FROM t WHERE user_id = 7 /*m! OR 1 */")).isEqualTo(UnitWriteRefusedException.Reason.EXECUTABLE_COMMENT);
        assertThat(reason("/*!*/ SELECT 1")).isEqualTo(UnitWriteRefusedException.Reason.EXECUTABLE_COMMENT);
        assertThat(reason("INSERT INTO t VALUES ('a /*! b')")).as("also inside a literal: bind it as a parameter")
                .isEqualTo(UnitWriteRefusedException.Reason.EXECUTABLE_COMMENT);
        assertThat(reason("UPDATE t SET a = 1 /* plain */ WHERE user_id = 7 /*+ hint */ -- done")).isNull();
    }

    @Test
    void aSecondStatementIsRefusedUnderBothReadingsOfBackslashes() {
        assertThat(reason("UPDATE t SET a = 1 WHERE user_id = 7; DELETE FROM t")).isEqualTo(UnitWriteRefusedException.Reason.MULTI_STATEMENT);
        assertThat(reason("SELECT 1;SELECT 2")).isEqualTo(UnitWriteRefusedException.Reason.MULTI_STATEMENT);
        assertThat(reason("UPDATE t SET a = 1 WHERE user_id = 7;;")).isEqualTo(UnitWriteRefusedException.Reason.MULTI_STATEMENT);
        // with backslash escapes the quote is escaped and ';' is inside the string; without them (NO_BACKSLASH_ESCAPES) it is not
        assertThat(reason("UPDATE t SET a = 'x\\'; DELETE FROM t; -- ' WHERE user_id = 7")).isEqualTo(UnitWriteRefusedException.Reason.MULTI_STATEMENT);
        assertThat(reason("UPDATE t SET a = 'x\\\\'; DELETE FROM t")).isEqualTo(UnitWriteRefusedException.Reason.MULTI_STATEMENT);
        assertThat(reason("UPDATE t SET a = \"x;y\", b = 'p;q', `c;d` = 1 WHERE user_id = 7 ; -- trailing\n /* c */ ")).isNull();
        assertThat(reason("UPDATE t SET a = 'it''s; fine' WHERE user_id = 7;")).isNull();
        assertThat(reason("UPDATE t SET a = 1 WHERE user_id = 7 # c; DELETE FROM t\n")).as("';' inside a # comment").isNull();
        assertThat(reason("UPDATE t SET a = 1 WHERE user_id = 7 --1; DELETE FROM t")).as("'--1' is no comment on the server")
                .isEqualTo(UnitWriteRefusedException.Reason.MULTI_STATEMENT);
    }

    @Test
    void theFirstKeywordSkipsCommentsAndParentheses() {
        assertThat(SqlScreen.firstKeyword("  /* x */ -- y\n replace INTO t VALUES (1)")).isEqualTo("REPLACE");
        assertThat(SqlScreen.firstKeyword("# c\n(SELECT 1)")).isEqualTo("SELECT");
        assertThat(SqlScreen.firstKeyword("")).isEmpty();
        assertThatCode(() -> SqlScreen.screen("")).doesNotThrowAnyException();
        assertThatThrownBy(() -> SqlScreen.screen("SELECT 1; SELECT 2")).isInstanceOf(UnitWriteRefusedException.class)
                .hasMessageContaining("UNITIZE-DB-041").hasMessageContaining("send one statement per call");
    }
}
