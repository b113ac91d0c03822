package io.unitize.db;

import java.util.Locale;
import java.util.Set;

/**
 * Which {@code SET} statements a guarded connection may run. User variables ({@code @x}) are free:
 * the guard never reads a buyer from one (a condition {@code buyer_id = @x} pins nothing). System
 * variables are allowed only from a short list that cannot change how the server reads a statement
 * or what it writes: {@code sql_mode} (ANSI_QUOTES, PIPES_AS_CONCAT, NO_BACKSLASH_ESCAPES change the
 * reading), {@code character_set_*} / {@code NAMES} (the server would decode other text than the
 * guard read), {@code foreign_key_checks}, {@code sql_log_bin} (replication), {@code
 * insert_id}/{@code timestamp}, ... are refused, and so is every {@code GLOBAL} assignment.
 */
public final class SessionSettings {

    /** Session variables a guarded connection may set. */
    public static final Set<String> ALLOWED = Set.of("autocommit", "transaction_isolation", "tx_isolation", "transaction_read_only",
            "tx_read_only", "time_zone", "session_track_schema", "session_track_state_change", "session_track_system_variables",
            "session_track_transaction_info", "net_write_timeout", "net_read_timeout", "wait_timeout", "interactive_timeout",
            "max_statement_time", "max_execution_time", "lock_wait_timeout", "innodb_lock_wait_timeout", "sql_select_limit",
            "group_concat_max_len", "sql_safe_updates", "sql_notes", "sql_warnings", "profiling", "query_cache_type");

    /** Character sets a connection may switch to ({@code SET NAMES}): the driver sends UTF-8. */
    public static final Set<String> ALLOWED_CHARSETS = Set.of("utf8mb4", "utf8", "utf8mb3");

    private SessionSettings() {
    }

    /**
     * @param variable the variable as written ({@code @x}, {@code @@session.sql_mode}, {@code sql_mode})
     * @param scope    GLOBAL / SESSION / null (as the parser reports it)
     * @throws UnitWriteRefusedException UNSAFE_SESSION_SETTING
     */
    public static void check(String variable, String scope) throws UnitWriteRefusedException {
        String v = variable.trim().toLowerCase(Locale.ROOT).replace("`", "");
        if (v.startsWith("@") && !v.startsWith("@@")) {
            return; // a user variable
        }
        String s = scope == null ? "" : scope.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("@@global.") || v.startsWith("@@persist") || s.startsWith("global") || s.startsWith("persist")) {
            throw refused(variable, "a GLOBAL/PERSIST variable changes every connection of the server");
        }
        v = v.replaceFirst("^@@(session\\.|local\\.)?", "").replaceFirst("^(session|local)\\s+", "");
        if (!ALLOWED.contains(v)) {
            throw refused(variable, "it may change how the server reads statements or writes rows; set it in the datasource's "
                    + "connection properties or server configuration, not through the guarded connection (allowed: " + ALLOWED.stream().sorted().toList() + ")");
        }
    }

    /** {@code SET NAMES x} / {@code SET CHARACTER SET x}. */
    public static void checkCharset(String charset) throws UnitWriteRefusedException {
        String c = charset == null ? "" : charset.trim().toLowerCase(Locale.ROOT).replace("'", "").replace("\"", "").replace("`", "");
        if (!ALLOWED_CHARSETS.contains(c)) {
            throw refused("NAMES " + charset, "the server would decode the statements in another character set than the guard read them");
        }
    }

    private static UnitWriteRefusedException refused(String variable, String why) {
        return UnitWriteRefusedException.ofStatement("SET " + variable, UnitWriteRefusedException.Reason.UNSAFE_SESSION_SETTING,
                "SET " + variable + " is refused on a guarded connection: " + why);
    }
}
