package io.unitize.cache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Redis key template over a table's columns, e.g. {@code order:{buyer_id}:{id}}. Parsed once;
 * rendering a row is a walk over literal parts and column lookups.
 */
public final class KeyTemplate {

    private final String text;
    private final List<String> literals;  // literals.size() == columns.size() + 1
    private final List<String> columns;

    private KeyTemplate(String text, List<String> literals, List<String> columns) {
        this.text = text;
        this.literals = List.copyOf(literals);
        this.columns = List.copyOf(columns);
    }

    /**
     * @throws InvalidatorConfigException if the template is empty, has an unclosed or empty
     *         {@code {}}, or names no column
     */
    public static KeyTemplate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidatorConfigException("a key template must not be blank");
        }
        List<String> literals = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    throw new InvalidatorConfigException("key template '" + text + "': '{' at " + i + " is not closed");
                }
                String column = text.substring(i + 1, end).trim();
                if (column.isEmpty()) {
                    throw new InvalidatorConfigException("key template '" + text + "': empty {} at " + i);
                }
                literals.add(literal.toString());
                literal.setLength(0);
                columns.add(column.toLowerCase(Locale.ROOT));
                i = end;
            } else {
                literal.append(c);
            }
        }
        literals.add(literal.toString());
        if (columns.isEmpty()) {
            throw new InvalidatorConfigException("key template '" + text + "' names no column: it would delete the same key for every row");
        }
        return new KeyTemplate(text, literals, columns);
    }

    public List<String> columns() {
        return Collections.unmodifiableList(columns);
    }

    /** @throws InvalidatorConfigException naming the first column the table does not have */
    public void checkColumns(String table, Set<String> tableColumns) {
        for (String c : columns) {
            if (!tableColumns.contains(c)) {
                throw new InvalidatorConfigException("key template '" + text + "' of table " + table + ": unknown column '" + c
                        + "' (columns: " + tableColumns + ")");
            }
        }
    }

    /** The key of a row image (column -> value, lower-case names), or null when a column is missing or NULL. */
    public String render(Map<String, String> row) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < columns.size(); i++) {
            String v = row.get(columns.get(i));
            if (v == null) {
                return null;
            }
            sb.append(literals.get(i)).append(v);
        }
        return sb.append(literals.get(columns.size())).toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
