package io.unitize.db;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Connection modes of datasources: a <b>unit</b> datasource is created in every unit; a
 * <b>center</b> datasource only in the center unit — elsewhere the application starts, and any use
 * of it fails with {@link CenterDataSourceUnavailableException} naming it (nothing connects to the
 * center's database from another unit by accident).
 */
public final class UnitDataSources {

    private UnitDataSources() {
    }

    /**
     * @param factory called only in the center unit
     */
    public static DataSource centerOnly(String name, String unit, String centerUnit, Supplier<DataSource> factory) {
        if (unit.equals(centerUnit)) {
            return factory.get();
        }
        return new Unavailable(name, unit, centerUnit);
    }

    /** The stand-in for a center datasource outside the center. */
    static final class Unavailable implements DataSource {
        private final String name;
        private final String unit;
        private final String center;

        Unavailable(String name, String unit, String center) {
            this.name = name;
            this.unit = unit;
            this.center = center;
        }

        @Override
        public Connection getConnection() throws SQLException {
            throw new CenterDataSourceUnavailableException(name, unit, center);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new CenterDataSourceUnavailableException(name, unit, center);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new CenterDataSourceUnavailableException(name, unit, center);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }

        @Override
        public String toString() {
            return "center datasource '" + name + "' (not created in " + unit + ")";
        }
    }
}
