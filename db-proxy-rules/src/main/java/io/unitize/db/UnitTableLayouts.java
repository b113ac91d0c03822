package io.unitize.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the layouts of the declared unit tables through JDBC metadata ({@code getColumns},
 * {@code getIndexInfo}) of the database a guarded datasource writes. Done once, when the datasource
 * is wrapped: after changing a unit table's keys or buyer column, restart (or register the guard
 * again). A unit table missing from the database has no layout, and every write to it is refused.
 */
public final class UnitTableLayouts {

    private static final Logger log = LoggerFactory.getLogger(UnitTableLayouts.class);

    private UnitTableLayouts() {
    }

    /** The layouts by table name (lower case) of the guard's unit tables that exist in the database. */
    public static Map<String, UnitTableLayout> load(DataSource dataSource, UnitWriteGuard guard) throws SQLException {
        Map<String, UnitTableLayout> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String catalog = c.getCatalog();
            for (GuardedTable t : guard.tables()) {
                if (t.kind() != TableKind.UNIT) {
                    continue;
                }
                String type = null;
                String actual = null;
                try (ResultSet rs = md.getColumns(catalog, null, t.name(), null)) {
                    while (rs.next()) {
                        if (rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT).equals(t.buyerColumn())) {
                            type = rs.getString("TYPE_NAME");
                            actual = rs.getString("TABLE_NAME");
                        }
                    }
                }
                if (type == null) {
                    log.warn("UNITIZE-DB-003 unit table {} or its buyer column {} is not in database {}: every write to it is refused. "
                            + "Create it, or fix unitize.db.tables.{}", t.name(), t.buyerColumn(), catalog, t.name());
                    continue;
                }
                Map<String, List<String>> keys = new LinkedHashMap<>();
                try (ResultSet rs = md.getIndexInfo(catalog, null, actual, true, false)) {
                    while (rs.next()) {
                        String index = rs.getString("INDEX_NAME");
                        String column = rs.getString("COLUMN_NAME");
                        if (index != null && column != null && !rs.getBoolean("NON_UNIQUE")) {
                            keys.computeIfAbsent(index, k -> new ArrayList<>()).add(column.toLowerCase(Locale.ROOT));
                        }
                    }
                }
                out.put(t.name(), new UnitTableLayout(t.name(), t.buyerColumn(), type, new ArrayList<>(keys.values())));
            }
        }
        return out;
    }
}
