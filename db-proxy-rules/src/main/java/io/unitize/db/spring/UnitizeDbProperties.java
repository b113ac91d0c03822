package io.unitize.db.spring;

import io.unitize.db.TableKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code unitize.db.*}: the write guard of the application's datasource.
 * <pre>
 * unitize.db.tables.orders.kind=UNIT
 * unitize.db.tables.orders.buyer-column=buyer_id
 * unitize.db.tables.product.kind=CENTER_UNIT
 * unitize.db.maintenance-tables=orders
 * </pre>
 */
@ConfigurationProperties("unitize.db")
public class UnitizeDbProperties {

    /** Guard the application's DataSource beans (wrapped in ShardingSphere-JDBC with the guard). */
    private boolean enabled = true;
    /** The ShardingSphere logical database name of the wrapped datasource (or of your own ShardingSphere YAML). */
    private String databaseName = "unitize_db";
    /** Refuse writes to tables not declared under {@code tables}. */
    private boolean strict = true;
    /** Tables by name: kind (UNIT, CENTER, CENTER_UNIT) and, for UNIT, the buyer column. */
    private Map<String, Table> tables = new LinkedHashMap<>();
    /** Unit tables that MaintenanceWrites scopes may write without a buyer. */
    private List<String> maintenanceTables = new ArrayList<>();
    /**
     * Bean names of center datasources: created only in the center unit; elsewhere the application
     * starts and any use fails naming the datasource (UNITIZE-DB-020). Every other DataSource is a unit datasource.
     */
    private List<String> centerDataSources = new ArrayList<>();
    /**
     * Deprecated: the center is the unit with role CENTER in the rules document's units[]. Used only
     * while there are no rules; refused when it disagrees (UNITIZE-RULE-062). Removed in the next release.
     */
    private String centerUnit;

    public List<String> getCenterDataSources() {
        return centerDataSources;
    }

    public void setCenterDataSources(List<String> centerDataSources) {
        this.centerDataSources = centerDataSources;
    }

    @DeprecatedConfigurationProperty(reason = "the center unit is the unit with role CENTER in units[] of the rules document")
    public String getCenterUnit() {
        return centerUnit;
    }

    public void setCenterUnit(String centerUnit) {
        this.centerUnit = centerUnit;
    }

    public static class Table {
        /** UNIT, CENTER or CENTER_UNIT. */
        private TableKind kind;
        /** The buyer column of a UNIT table. */
        private String buyerColumn;

        public TableKind getKind() {
            return kind;
        }

        public void setKind(TableKind kind) {
            this.kind = kind;
        }

        public String getBuyerColumn() {
            return buyerColumn;
        }

        public void setBuyerColumn(String buyerColumn) {
            this.buyerColumn = buyerColumn;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getDatabaseName() {
        return databaseName;
    }

    public void setDatabaseName(String databaseName) {
        this.databaseName = databaseName;
    }

    public boolean isStrict() {
        return strict;
    }

    public void setStrict(boolean strict) {
        this.strict = strict;
    }

    public Map<String, Table> getTables() {
        return tables;
    }

    public void setTables(Map<String, Table> tables) {
        this.tables = tables;
    }

    public List<String> getMaintenanceTables() {
        return maintenanceTables;
    }

    public void setMaintenanceTables(List<String> maintenanceTables) {
        this.maintenanceTables = maintenanceTables;
    }
}
