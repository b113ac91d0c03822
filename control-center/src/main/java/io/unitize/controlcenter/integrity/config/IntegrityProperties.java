package io.unitize.controlcenter.integrity.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code unitize.control-center.integrity.*}: the replication heartbeat and its lag bound, the
 * post-cutover data check, the mis-route audit.
 */
@ConfigurationProperties("unitize.control-center.integrity")
public class IntegrityProperties {

    private final Heartbeat heartbeat = new Heartbeat();
    private final DataCheck dataCheck = new DataCheck();
    private final Misroute misroute = new Misroute();

    public Misroute getMisroute() {
        return misroute;
    }

    public Heartbeat getHeartbeat() {
        return heartbeat;
    }

    public DataCheck getDataCheck() {
        return dataCheck;
    }

    /** The replication heartbeat. */
    public static class Heartbeat {

        /** Write a heartbeat in every unit's database and measure the replication lag of every direction. */
        private boolean enabled = true;
        /** How often every unit's heartbeat is written and every copy read. */
        private Duration interval = Duration.ofMillis(500);
        /** A cutover is refused while the lag from a source unit to its target is above this. */
        private Duration maxLag = Duration.ofSeconds(30);
        /** Schema of the heartbeat table (replicated like the business data; the sync markers' schema by default). */
        private String schema = "unitize_sync";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getMaxLag() {
            return maxLag;
        }

        public void setMaxLag(Duration maxLag) {
            this.maxLag = maxLag;
        }

        public String getSchema() {
            return schema;
        }

        public void setSchema(String schema) {
            this.schema = schema;
        }
    }

    /** The data check: source and target compared for moved slot ranges. */
    public static class DataCheck {

        /** Run a check for the moved ranges after every cutover that ends DONE. */
        private boolean afterCutover = true;
        /** The unit tables to compare (each has a single-column primary key and a buyer column). */
        private List<Table> tables = new ArrayList<>();
        /** Rows read per batch and side (keyset pages by primary key). */
        private int batchRows = 1000;
        /** Upper bound of rows read per second and side, over the whole check. */
        private int rowsPerSecond = 20000;
        /** Slots per checksum chunk. */
        private int slotsPerChunk = 100;
        /** At most this many differing keys are named per table. */
        private int maxReportedKeys = 100;
        /** A differing row is read again this many times (replication still in flight) before it is reported. */
        private int rechecks = 3;
        /** Wait between those reads. */
        private Duration recheckDelay = Duration.ofSeconds(1);

        public boolean isAfterCutover() {
            return afterCutover;
        }

        public void setAfterCutover(boolean afterCutover) {
            this.afterCutover = afterCutover;
        }

        public List<Table> getTables() {
            return tables;
        }

        public void setTables(List<Table> tables) {
            this.tables = tables;
        }

        public int getBatchRows() {
            return batchRows;
        }

        public void setBatchRows(int batchRows) {
            this.batchRows = batchRows;
        }

        public int getRowsPerSecond() {
            return rowsPerSecond;
        }

        public void setRowsPerSecond(int rowsPerSecond) {
            this.rowsPerSecond = rowsPerSecond;
        }

        public int getSlotsPerChunk() {
            return slotsPerChunk;
        }

        public void setSlotsPerChunk(int slotsPerChunk) {
            this.slotsPerChunk = slotsPerChunk;
        }

        public int getMaxReportedKeys() {
            return maxReportedKeys;
        }

        public void setMaxReportedKeys(int maxReportedKeys) {
            this.maxReportedKeys = maxReportedKeys;
        }

        public int getRechecks() {
            return rechecks;
        }

        public void setRechecks(int rechecks) {
            this.rechecks = rechecks;
        }

        public Duration getRecheckDelay() {
            return recheckDelay;
        }

        public void setRecheckDelay(Duration recheckDelay) {
            this.recheckDelay = recheckDelay;
        }
    }

    /** The mis-route audit: every unit's binlog (through its Canal server) judged against the rules history. */
    public static class Misroute {

        /** Read every configured unit's binlog and record writes by a unit that did not own the buyer. */
        private boolean enabled = false;
        /** A write is allowed under any version in force this long before its commit (agents' apply delay, 1 s binlog times). */
        private Duration grace = Duration.ofSeconds(3);
        /** The audited unit tables; empty = the data check's tables. */
        private List<Table> tables = new ArrayList<>();
        /** Each unit's Canal server, by unit code. */
        private java.util.Map<String, CanalServer> units = new java.util.LinkedHashMap<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getGrace() {
            return grace;
        }

        public void setGrace(Duration grace) {
            this.grace = grace;
        }

        public List<Table> getTables() {
            return tables;
        }

        public void setTables(List<Table> tables) {
            this.tables = tables;
        }

        public java.util.Map<String, CanalServer> getUnits() {
            return units;
        }

        public void setUnits(java.util.Map<String, CanalServer> units) {
            this.units = units;
        }
    }

    /** A unit's Canal server: {@code host:port} and the destination (instance) of its database; default: the unit code. */
    public static class CanalServer {

        private String canal;
        private String destination;

        public String getCanal() {
            return canal;
        }

        public void setCanal(String canal) {
            this.canal = canal;
        }

        public String getDestination() {
            return destination;
        }

        public void setDestination(String destination) {
            this.destination = destination;
        }
    }

    /** A unit table: {@code schema.table}, its primary key column and its buyer column. */
    public static class Table {

        private String name;
        private String keyColumn = "id";
        private String buyerColumn = "buyer_id";

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getKeyColumn() {
            return keyColumn;
        }

        public void setKeyColumn(String keyColumn) {
            this.keyColumn = keyColumn;
        }

        public String getBuyerColumn() {
            return buyerColumn;
        }

        public void setBuyerColumn(String buyerColumn) {
            this.buyerColumn = buyerColumn;
        }
    }
}
