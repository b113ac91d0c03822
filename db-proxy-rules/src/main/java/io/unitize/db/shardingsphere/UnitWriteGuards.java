package io.unitize.db.shardingsphere;

import io.unitize.db.UnitTableLayout;
import io.unitize.db.UnitTableLayouts;
import io.unitize.db.UnitWriteGuard;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The write guards of the process, by ShardingSphere logical database name ({@code databaseName}
 * in the YAML; {@code logic_db} by default), each with the layouts of its unit tables (buyer
 * column type, unique keys) read from the database at registration. {@link UnitWriteAuditor} looks
 * the guard up per statement.
 */
public final class UnitWriteGuards {

    /** A registered guard and the layouts of its unit tables. */
    record Registered(UnitWriteGuard guard, Map<String, UnitTableLayout> layouts) {
    }

    private static final Map<String, Registered> GUARDS = new ConcurrentHashMap<>();

    private UnitWriteGuards() {
    }

    /**
     * Guards every statement of the ShardingSphere database {@code databaseName} from now on.
     *
     * @param dataSource the database the guarded datasource writes (the plain pool, or the
     *                   ShardingSphere datasource itself): the unit tables' layouts are read from it
     *                   now; call again after changing a unit table's keys or buyer column
     */
    public static void register(String databaseName, UnitWriteGuard guard, DataSource dataSource) throws SQLException {
        GUARDS.put(databaseName, new Registered(guard, Map.copyOf(UnitTableLayouts.load(dataSource, guard))));
    }

    public static void unregister(String databaseName) {
        GUARDS.remove(databaseName);
    }

    static Registered of(String databaseName) {
        return GUARDS.get(databaseName);
    }
}
