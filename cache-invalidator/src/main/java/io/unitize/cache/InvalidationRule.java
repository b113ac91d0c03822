package io.unitize.cache;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Which keys a change of a table invalidates, and where.
 *
 * @param table             table name (lower case)
 * @param templates         key templates over the table's columns, evaluated on the before and the after image
 * @param scope             LOCAL or ALL_UNITS
 * @param doubleDeleteAfter delete the keys once more after this delay (read-through caches that may
 *                          have refilled from a replica in between), or null
 */
public record InvalidationRule(String table, List<KeyTemplate> templates, Scope scope, Duration doubleDeleteAfter) {

    public InvalidationRule {
        if (table == null || table.isBlank()) {
            throw new InvalidatorConfigException("an invalidation rule needs its table");
        }
        if (templates == null || templates.isEmpty()) {
            throw new InvalidatorConfigException("table " + table + ": at least one key template is needed");
        }
        if (scope == null) {
            throw new InvalidatorConfigException("table " + table + ": scope must be LOCAL or ALL_UNITS");
        }
        table = table.toLowerCase(Locale.ROOT);
        templates = List.copyOf(templates);
    }
}
