package io.unitize.db.shardingsphere;

import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.column.ColumnSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.generic.OwnerSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.generic.table.JoinTableSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.generic.table.SimpleTableSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.generic.table.TableSegment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table references a write statement names in its own FROM / table list (not in subqueries):
 * each is an alias, or the table name when it has none. Columns are attributed to a reference, not
 * to a table name, so that a self-join ({@code orders o, orders o2}) keeps its two sides apart. A
 * column without a qualifier belongs to a reference only when the statement names exactly one table
 * and no derived table.
 */
final class TableRefs {

    private final Map<String, String> byRef = new HashMap<>();
    private final List<String> refs = new ArrayList<>();
    private boolean derived;

    static TableRefs of(TableSegment segment) {
        TableRefs refs = new TableRefs();
        refs.add(segment);
        return refs;
    }

    private void add(TableSegment segment) {
        if (segment instanceof SimpleTableSegment s) {
            String name = lower(s.getTableName().getIdentifier().getValue());
            String ref = s.getAliasName().map(TableRefs::lower).orElse(name);
            refs.add(ref);
            byRef.put(ref, name);
        } else if (segment instanceof JoinTableSegment j) {
            add(j.getLeft());
            add(j.getRight());
        } else {
            derived = true; // a derived table, a table function, ...: its columns belong to no written table
        }
    }

    /** The only reference, when the statement names exactly one table (then unqualified columns are its). */
    String single() {
        return refs.size() == 1 && !derived ? refs.get(0) : null;
    }

    /** The canonical reference for a qualifier (alias, or table name of an unaliased table), or null. */
    String ref(String qualifier) {
        String q = lower(qualifier);
        return byRef.containsKey(q) ? q : null;
    }

    /** The table name of a reference. */
    String table(String ref) {
        return byRef.get(ref);
    }

    /** The reference of a column, or null when it cannot be attributed to one. */
    String refOf(ColumnSegment column) {
        if (column.getOwner().isPresent()) {
            OwnerSegment owner = column.getOwner().get();
            return ref(owner.getIdentifier().getValue());
        }
        return single();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
