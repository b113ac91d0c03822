package io.unitize.db;

import java.util.Locale;

/**
 * Text checks made before the parsed statement is trusted: the parser and the server must see the
 * same single statement.
 * <ul>
 *   <li><b>Executable comments</b> ({@code /*!50000 ...}, {@code /*M! ...}): MariaDB/MySQL run their
 *       content, the parser drops it. Refused wherever they appear, also inside string literals (bind
 *       such text as a parameter).</li>
 *   <li><b>Several statements in one string</b> (with {@code allowMultiQueries=true} the server runs
 *       all, only the first would be audited): anything but whitespace and comments after a
 *       top-level {@code ;} is refused. The text is scanned twice, once with backslash escapes in
 *       strings and once without ({@code NO_BACKSLASH_ESCAPES}), and refused if either reading finds
 *       a second statement, so a server setting cannot hide one.</li>
 * </ul>
 */
public final class SqlScreen {

    private SqlScreen() {
    }

    /**
     * @throws UnitWriteRefusedException EXECUTABLE_COMMENT or MULTI_STATEMENT
     */
    public static void screen(String sql) throws UnitWriteRefusedException {
        int exec = executableComment(sql);
        if (exec >= 0) {
            throw UnitWriteRefusedException.ofStatement("statement", UnitWriteRefusedException.Reason.EXECUTABLE_COMMENT,
                    "the SQL contains an executable comment at offset " + exec + " (" + excerpt(sql, exec)
                            + "): the server runs its content, the guard cannot see it; write the SQL without /*! */ or /*M! */");
        }
        int second = Math.max(secondStatement(sql, true), secondStatement(sql, false));
        if (second >= 0) {
            throw UnitWriteRefusedException.ofStatement("statement", UnitWriteRefusedException.Reason.MULTI_STATEMENT,
                    "the SQL holds more than one statement (another one starts at offset " + second + ": " + excerpt(sql, second)
                            + "); send one statement per call");
        }
    }

    /** Offset of the first executable comment opener, or -1. */
    static int executableComment(String sql) {
        for (int i = sql.indexOf("/*"); i >= 0; i = sql.indexOf("/*", i + 1)) {
            int j = i + 2;
            if (j < sql.length() && (sql.charAt(j) == 'M' || sql.charAt(j) == 'm')) {
                j++;
            }
            if (j < sql.length() && sql.charAt(j) == '!') {
                return i;
            }
        }
        return -1;
    }

    /** Offset of the text after a top-level ';' that is not whitespace or a comment, or -1. */
    static int secondStatement(String sql, boolean backslashEscapes) {
        int n = sql.length();
        boolean afterSemicolon = false;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                if (afterSemicolon) {
                    return i;
                }
                i = skipQuoted(sql, i, c, backslashEscapes && c != '`');
            } else if (c == '#') {
                i = lineEnd(sql, i);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' && (i + 2 >= n || sql.charAt(i + 2) <= ' ')) {
                i = lineEnd(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';') {
                if (afterSemicolon) {
                    return i;
                }
                afterSemicolon = true;
                i++;
            } else {
                if (afterSemicolon && !Character.isWhitespace(c)) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    private static int skipQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int n = sql.length();
        int i = start + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static int lineEnd(String sql, int i) {
        int nl = sql.indexOf('\n', i);
        return nl < 0 ? sql.length() : nl + 1;
    }

    /** The first keyword of the statement (upper case), skipping whitespace, comments and opening parentheses. */
    public static String firstKeyword(String sql) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (c == '#' || (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-')) {
                i = lineEnd(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                int start = i;
                while (i < n && Character.isLetter(sql.charAt(i))) {
                    i++;
                }
                return sql.substring(start, i).toUpperCase(Locale.ROOT);
            }
        }
        return "";
    }

    private static String excerpt(String sql, int at) {
        String s = sql.substring(at, Math.min(sql.length(), at + 40)).replaceAll("\\s+", " ");
        return "`" + s + (at + 40 < sql.length() ? "..." : "") + "`";
    }
}
