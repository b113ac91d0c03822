package io.unitize.controlcenter.integrity.datacheck;

import io.unitize.controlcenter.integrity.datacheck.TableResult.ChunkDifference;
import io.unitize.controlcenter.integrity.datacheck.TableResult.Kind;
import io.unitize.controlcenter.integrity.datacheck.TableResult.RowDifference;
import io.unitize.core.SlotRange;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares one unit table between a source and a target database (MariaDB/MySQL) over some slot
 * ranges. The key space is read in keyset batches of {@code batchRows} rows of the source (the same
 * key interval on both sides, the last one open-ended so rows only the target has are seen too); for
 * each batch both sides return, per slot chunk, the row count and the sum of a per-row 60-bit hash
 * (MD5 over every column's bytes, NULL marked), an order-independent checksum computed by the database. Where a chunk
 * differs, its rows of that batch are fetched by key and hash, and the differing keys are read again
 * after {@code recheckDelay} (up to {@code rechecks} times) so that a write still replicating is not
 * reported. Reads are paced to {@code rowsPerSecond}.
 */
public final class TableComparator {

    private static final int KEYS_PER_RECHECK_QUERY = 500;
    /** Differing rows kept (by key) for the rechecks; beyond this they are counted, not rechecked. */
    static final int MAX_CANDIDATES = 10_000;

    private final CheckLimits limits;
    private final int slotCount;
    private final Pacer pacer;
    private final Pacer.Sleeper sleeper;

    public TableComparator(CheckLimits limits, int slotCount, Pacer pacer, Pacer.Sleeper sleeper) {
        if (slotCount <= 0) {
            throw new IllegalArgumentException("slotCount must be > 0, but was " + slotCount);
        }
        this.limits = limits;
        this.slotCount = slotCount;
        this.pacer = pacer;
        this.sleeper = sleeper;
    }

    public TableResult compare(Connection source, Connection target, TableSpec t, List<SlotRange> ranges)
            throws SQLException, InterruptedException {
        List<String> columns = columns(source, t);
        List<String> targetColumns = columns(target, t);
        if (columns.isEmpty()) {
            return failed(t, "table " + t.name() + " does not exist in the source database");
        }
        if (!columns.equals(targetColumns)) {
            return failed(t, "table " + t.name() + " has columns " + columns + " in the source but " + targetColumns
                    + " in the target: compare after the schemas agree");
        }
        if (!columns.contains(t.keyColumn()) || !columns.contains(t.buyerColumn())) {
            return failed(t, "table " + t.name() + " has no column " + (columns.contains(t.keyColumn()) ? t.buyerColumn() : t.keyColumn()));
        }
        Sql sql = new Sql(t, columns, ranges);
        Map<Long, long[]> rowsPerChunk = new TreeMap<>();
        List<ChunkDifference> differingChunks = new ArrayList<>();
        Map<String, RowDifference> candidates = new LinkedHashMap<>();
        long overflow = 0;
        Object lo = null;
        while (true) {
            Object hi = boundary(source, sql, lo);
            Map<Long, Agg> a = aggregate(source, sql, lo, hi);
            Map<Long, Agg> b = aggregate(target, sql, lo, hi);
            TreeSet<Long> chunks = new TreeSet<>(a.keySet());
            chunks.addAll(b.keySet());
            List<Long> differing = new ArrayList<>();
            for (long chunk : chunks) {
                Agg x = a.getOrDefault(chunk, Agg.EMPTY);
                Agg y = b.getOrDefault(chunk, Agg.EMPTY);
                long[] n = rowsPerChunk.computeIfAbsent(chunk, k -> new long[2]);
                n[0] += x.rows;
                n[1] += y.rows;
                if (!x.equals(y)) {
                    differing.add(chunk);
                    int from = (int) (chunk * limits.slotsPerChunk());
                    differingChunks.add(new ChunkDifference(from, Math.min(slotCount - 1, from + limits.slotsPerChunk() - 1),
                            x.rows, y.rows, x.sum.toPlainString(), y.sum.toPlainString()));
                }
            }
            if (!differing.isEmpty()) {
                for (RowDifference d : diff(rows(source, sql, lo, hi, differing), rows(target, sql, lo, hi, differing))) {
                    if (candidates.size() < Math.max(MAX_CANDIDATES, limits.maxReportedKeys())) {
                        candidates.put(d.key(), d);
                    } else {
                        overflow++;
                    }
                }
            }
            pacer.consumed(hi == null ? Math.max(1, count(source, sql, lo)) : limits.batchRows());
            if (hi == null) {
                break;
            }
            lo = hi;
        }
        List<RowDifference> persistent = recheck(source, target, sql, candidates);
        long sourceRows = rowsPerChunk.values().stream().mapToLong(n -> n[0]).sum();
        long targetRows = rowsPerChunk.values().stream().mapToLong(n -> n[1]).sum();
        List<RowDifference> named = persistent.stream().limit(limits.maxReportedKeys()).toList();
        return new TableResult(t.name(), sourceRows, targetRows, rowsPerChunk.size(), differingChunks, named,
                persistent.size() - named.size() + overflow, null);
    }

    private static TableResult failed(TableSpec t, String error) {
        return new TableResult(t.name(), 0, 0, 0, List.of(), List.of(), 0, error);
    }

    private List<RowDifference> recheck(Connection source, Connection target, Sql sql, Map<String, RowDifference> candidates)
            throws SQLException, InterruptedException {
        Map<String, RowDifference> left = new LinkedHashMap<>(candidates);
        for (int i = 0; i < limits.rechecks() && !left.isEmpty(); i++) {
            sleeper.sleepNanos(limits.recheckDelay().toNanos());
            List<String> keys = new ArrayList<>(left.keySet());
            Map<String, RowDifference> still = new LinkedHashMap<>();
            for (int from = 0; from < keys.size(); from += KEYS_PER_RECHECK_QUERY) {
                List<String> part = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_RECHECK_QUERY));
                for (RowDifference d : diff(byKeys(source, sql, part), byKeys(target, sql, part))) {
                    still.put(d.key(), d);
                }
            }
            left = still;
        }
        return List.copyOf(left.values());
    }

    private static List<RowDifference> diff(Map<String, Row> a, Map<String, Row> b) {
        List<RowDifference> out = new ArrayList<>();
        a.forEach((key, row) -> {
            Row other = b.get(key);
            if (other == null) {
                out.add(new RowDifference(key, row.slot, Kind.MISSING_IN_TARGET));
            } else if (row.hash != other.hash) {
                out.add(new RowDifference(key, row.slot, Kind.DIFFERENT));
            }
        });
        b.forEach((key, row) -> {
            if (!a.containsKey(key)) {
                out.add(new RowDifference(key, row.slot, Kind.MISSING_IN_SOURCE));
            }
        });
        return out;
    }

    private static List<String> columns(Connection c, TableSpec t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, t.schema());
            ps.setString(2, t.table());
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** The key that ends the batch after {@code lo} (batchRows rows of the source), or null for the last batch. */
    private Object boundary(Connection source, Sql sql, Object lo) throws SQLException {
        try (PreparedStatement ps = source.prepareStatement("SELECT " + sql.key + " FROM " + sql.table
                + (lo == null ? "" : " WHERE " + sql.key + " > ?") + " ORDER BY " + sql.key + " LIMIT 1 OFFSET " + (limits.batchRows() - 1))) {
            if (lo != null) {
                ps.setObject(1, lo);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    private static long count(Connection source, Sql sql, Object lo) throws SQLException {
        try (PreparedStatement ps = source.prepareStatement("SELECT COUNT(*) FROM " + sql.table
                + (lo == null ? "" : " WHERE " + sql.key + " > ?"))) {
            if (lo != null) {
                ps.setObject(1, lo);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Map<Long, Agg> aggregate(Connection c, Sql sql, Object lo, Object hi) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + sql.chunk + " AS chunk, COUNT(*), SUM(" + sql.hash + ") FROM "
                + sql.table + " WHERE " + sql.interval(lo, hi) + sql.slots + " GROUP BY chunk")) {
            sql.bind(ps, lo, hi);
            Map<Long, Agg> out = new TreeMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal sum = rs.getBigDecimal(3);
                    out.put(rs.getLong(1), new Agg(rs.getLong(2), sum == null ? BigDecimal.ZERO : sum));
                }
            }
            return out;
        }
    }

    private static Map<String, Row> rows(Connection c, Sql sql, Object lo, Object hi, List<Long> chunks) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + sql.key + ", " + sql.slot + ", " + sql.hash + " FROM " + sql.table
                + " WHERE " + sql.interval(lo, hi) + sql.slots + " AND " + sql.chunk + " IN ("
                + chunks.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")) {
            sql.bind(ps, lo, hi);
            return read(ps);
        }
    }

    private static Map<String, Row> byKeys(Connection c, Sql sql, List<String> keys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + sql.key + ", " + sql.slot + ", " + sql.hash + " FROM " + sql.table
                + " WHERE " + sql.key + " IN (" + keys.stream().map(k -> "?").collect(Collectors.joining(",")) + ")")) {
            for (int i = 0; i < keys.size(); i++) {
                ps.setString(i + 1, keys.get(i));
            }
            return read(ps);
        }
    }

    private static Map<String, Row> read(PreparedStatement ps) throws SQLException {
        Map<String, Row> out = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Row(rs.getInt(2), rs.getLong(3)));
            }
        }
        return out;
    }

    private record Row(int slot, long hash) {
    }

    private record Agg(long rows, BigDecimal sum) {
        static final Agg EMPTY = new Agg(0, BigDecimal.ZERO);

        @Override
        public boolean equals(Object o) {
            return o instanceof Agg a && rows == a.rows && sum.compareTo(a.sum) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(rows, sum.stripTrailingZeros());
        }
    }

    /** The SQL fragments of one table (identifiers checked by {@link TableSpec}, numbers only). */
    private final class Sql {
        final String table;
        final String key;
        final String slot;
        final String chunk;
        final String hash;
        final String slots;

        Sql(TableSpec t, List<String> columns, List<SlotRange> ranges) {
            table = t.quoted();
            key = "`" + t.keyColumn() + "`";
            slot = "MOD(MOD(`" + t.buyerColumn() + "`, " + slotCount + ") + " + slotCount + ", " + slotCount + ")";
            chunk = "(" + slot + " DIV " + limits.slotsPerChunk() + ")";
            hash = "CAST(CONV(SUBSTRING(MD5(CONCAT_WS('|', " + columns.stream().map(c -> "IFNULL(HEX(CAST(`" + c + "` AS BINARY)), '~')")
                    .collect(Collectors.joining(", ")) + ")), 1, 15), 16, 10) AS UNSIGNED)";
            slots = " AND (" + ranges.stream().map(r -> slot + " BETWEEN " + r.from() + " AND " + r.to())
                    .collect(Collectors.joining(" OR ")) + ")";
        }

        String interval(Object lo, Object hi) {
            String lower = lo == null ? "1=1" : key + " > ?";
            return hi == null ? lower : lower + " AND " + key + " <= ?";
        }

        void bind(PreparedStatement ps, Object lo, Object hi) throws SQLException {
            int i = 1;
            if (lo != null) {
                ps.setObject(i++, lo);
            }
            if (hi != null) {
                ps.setObject(i, hi);
            }
        }
    }
}
