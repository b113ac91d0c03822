package io.unitize.db.shardingsphere;

import io.unitize.db.BuyerValue;
import io.unitize.db.GuardedTable;
import io.unitize.db.SqlScreen;
import io.unitize.db.StatementBuyers;
import io.unitize.db.TableKind;
import io.unitize.db.UnitWriteGuard;
import io.unitize.db.UnitWriteRefusedException;
import io.unitize.db.UnitTableLayout;
import io.unitize.db.UnitWriteRefusedException.Reason;
import io.unitize.db.UpsertKeyRule;
import org.apache.shardingsphere.infra.binder.context.segment.insert.values.InsertValueContext;
import org.apache.shardingsphere.infra.binder.context.statement.dml.InsertStatementContext;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.assignment.ColumnAssignmentSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.column.ColumnSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.column.OnDuplicateKeyColumnsSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.BinaryOperationExpression;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.ExpressionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.InExpression;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.ListExpression;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.simple.LiteralExpressionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.simple.ParameterMarkerExpressionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.item.ExpressionProjectionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.item.ProjectionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.item.ShorthandProjectionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.predicate.WhereSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.generic.table.DeleteMultiTableSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.generic.table.SimpleTableSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.generic.table.TableSegment;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.DeleteStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.InsertStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.SelectStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.UpdateStatement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads, from ShardingSphere's parse of one INSERT / REPLACE / UPDATE / DELETE, every table the
 * statement <i>writes</i> (tables only read, in subqueries or joins, are not written) and the
 * buyers the SQL pins each written table's rows to, attributing each column to its own table
 * reference. Buyer values are taken only from literals and parameters ({@link BuyerValue}). Forms it
 * cannot read exactly on a unit table are refused here with their reason.
 */
final class WrittenTablesReader {

    /** Where the hint's buyer can be added: around the WHERE, or as a new WHERE at {@code insertAt}. */
    record PinSite(int whereStart, int whereStop, int insertAt) {
    }

    /** One written table: the buyers the SQL pins its rows to; {@code pinSite} null when no condition can be added. */
    record TableWrite(String table, String buyerColumn, StatementBuyers buyers, PinSite pinSite) {
    }

    private final String sql;
    private final List<Object> params;
    private final UnitWriteGuard guard;
    private final Function<String, UnitTableLayout> metadata;

    WrittenTablesReader(String sql, List<Object> params, UnitWriteGuard guard, Function<String, UnitTableLayout> metadata) {
        this.sql = sql;
        this.params = params;
        this.guard = guard;
        this.metadata = metadata;
    }

    List<TableWrite> insert(InsertStatementContext context) throws UnitWriteRefusedException {
        InsertStatement st = context.getSqlStatement();
        SimpleTableSegment target = st.getTable().orElseThrow(() -> new IllegalStateException("an INSERT without a table"));
        String table = TableRefs.lower(target.getTableName().getIdentifier().getValue());
        GuardedTable gt = guard.table(table);
        if (gt == null || gt.kind() != TableKind.UNIT) {
            return List.of(new TableWrite(table, null, StatementBuyers.none(), null));
        }
        String col = gt.buyerColumn();
        UnitTableLayout meta = unitTableMetadata(table, col);
        boolean replace = !"INSERT".equals(SqlScreen.firstKeyword(sql));
        OnDuplicateKeyColumnsSegment odku = st.getOnDuplicateKeyColumns().orElse(null);
        if (odku != null) {
            for (ColumnAssignmentSegment a : odku.getColumns()) {
                for (ColumnSegment c : a.getColumns()) {
                    if (TableRefs.lower(c.getIdentifier().getValue()).equals(col)) {
                        throw refused(table, Reason.BUYER_COLUMN_ASSIGNED, "ON DUPLICATE KEY UPDATE assigns the buyer column " + col
                                + ": it would move the row it collides with to another buyer; never assign " + col + " in an upsert");
                    }
                }
            }
        }
        if (replace || odku != null) {
            String violation = UpsertKeyRule.violation(table, col, meta.uniqueKeys());
            if (violation != null) {
                throw refused(table, Reason.UPSERT_KEY_LAYOUT, (replace ? "REPLACE" : "INSERT ... ON DUPLICATE KEY UPDATE") + ": " + violation);
            }
        }
        List<String> columns = context.getColumnNames().stream().map(TableRefs::lower).toList();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equals(col)) {
                at.add(i);
            }
        }
        if (at.isEmpty()) {
            return List.of(new TableWrite(table, col, StatementBuyers.unpinned(List.of(), "the INSERT gives no value for " + col), null));
        }
        if (context.getInsertSelectContext() != null) {
            return List.of(new TableWrite(table, col, insertSelect(context, table, col, meta, columns, at), null));
        }
        List<Long> ids = new ArrayList<>();
        int row = 0;
        for (InsertValueContext values : context.getInsertValueContexts()) {
            row++;
            List<ExpressionSegment> exprs = values.getValueExpressions();
            if (exprs.size() != columns.size()) {
                throw refused(table, Reason.UNREADABLE_STATEMENT, "row " + row + " has " + exprs.size() + " values for " + columns.size()
                        + " columns " + columns);
            }
            for (int i : at) {
                Long v = storedBuyer(exprs.get(i), table, col, meta);
                if (v == null) {
                    return List.of(new TableWrite(table, col, StatementBuyers.unpinned(ids, "row " + row + "'s " + col
                            + " is an expression, not a literal or parameter"), null));
                }
                ids.add(v);
            }
        }
        if (row == 0) {
            throw refused(table, Reason.UNREADABLE_STATEMENT, "the INSERT has no rows the guard can read");
        }
        return List.of(new TableWrite(table, col, StatementBuyers.pinned(ids), null));
    }

    private StatementBuyers insertSelect(InsertStatementContext context, String table, String col, UnitTableLayout meta, List<String> columns,
                                         List<Integer> at) throws UnitWriteRefusedException {
        SelectStatement select = context.getInsertSelectContext().getSelectStatementContext().getSqlStatement();
        if (select.getCombine().isPresent()) {
            throw refused(table, Reason.UNSUPPORTED_SHAPE, "INSERT ... SELECT with UNION/INTERSECT/EXCEPT: the guard reads the buyer of one "
                    + "select list only; insert each part on its own");
        }
        List<ProjectionSegment> projections = new ArrayList<>(select.getProjections().getProjections());
        for (ProjectionSegment p : projections) {
            if (p instanceof ShorthandProjectionSegment) {
                throw refused(table, Reason.UNSUPPORTED_SHAPE, "INSERT ... SELECT *: name the selected columns, with " + col + " as a literal or parameter");
            }
        }
        if (projections.size() != columns.size()) {
            throw refused(table, Reason.UNREADABLE_STATEMENT, "the SELECT gives " + projections.size() + " values for " + columns.size() + " columns");
        }
        List<Long> ids = new ArrayList<>();
        for (int i : at) {
            ProjectionSegment p = projections.get(i);
            ExpressionSegment value = p instanceof ParameterMarkerExpressionSegment pm ? pm
                    : p instanceof ExpressionProjectionSegment e && (e.getExpr() instanceof LiteralExpressionSegment
                    || e.getExpr() instanceof ParameterMarkerExpressionSegment) ? e.getExpr() : null;
            Long v = value == null ? null : storedBuyer(value, table, col, meta);
            if (v == null) {
                return StatementBuyers.unpinned(ids, "INSERT ... SELECT: the selected value for " + col
                        + " is not a literal or parameter (the rows' buyers would come from the data)");
            }
            ids.add(v);
        }
        return StatementBuyers.pinned(ids);
    }

    List<TableWrite> update(UpdateStatement st) throws UnitWriteRefusedException {
        TableRefs refs = TableRefs.of(st.getTable());
        Map<String, List<ColumnAssignmentSegment>> written = new LinkedHashMap<>();
        for (ColumnAssignmentSegment a : st.getSetAssignment().getAssignments()) {
            for (ColumnSegment c : a.getColumns()) {
                String ref = refs.refOf(c);
                if (ref == null) {
                    throw refused(refs.single() == null ? "multi-table UPDATE" : refs.table(refs.single()), Reason.UNSUPPORTED_SHAPE,
                            "SET column " + c.getQualifiedName() + " cannot be attributed to one table of the statement: qualify every SET "
                                    + "column with its table or alias");
                }
                written.computeIfAbsent(ref, r -> new ArrayList<>()).add(a);
            }
        }
        WhereSegment where = st.getWhere().orElse(null);
        boolean single = refs.single() != null;
        List<TableWrite> out = new ArrayList<>();
        for (Map.Entry<String, List<ColumnAssignmentSegment>> e : written.entrySet()) {
            String ref = e.getKey();
            String table = refs.table(ref);
            GuardedTable gt = guard.table(table);
            if (gt == null || gt.kind() != TableKind.UNIT) {
                out.add(new TableWrite(table, null, StatementBuyers.none(), null));
                continue;
            }
            String col = gt.buyerColumn();
            UnitTableLayout meta = unitTableMetadata(table, col);
            List<Long> pinned = where == null ? null : pins(where.getExpr(), refs, ref, table, col);
            List<Long> ids = new ArrayList<>(pinned == null ? List.of() : pinned);
            for (ColumnAssignmentSegment a : e.getValue()) {
                for (ColumnSegment c : a.getColumns()) {
                    if (TableRefs.lower(c.getIdentifier().getValue()).equals(col)) {
                        Long v = storedBuyer(a.getValue(), table, col, meta);
                        if (v == null) {
                            throw refused(table, Reason.BUYER_COLUMN_ASSIGNED, "SET " + col + " = " + text(a.getValue())
                                    + ": the new buyer must be a literal or parameter (an expression could move the row to any buyer)");
                        }
                        ids.add(v); // moving the row to another buyer: the new one must be homed here too
                    }
                }
            }
            StatementBuyers buyers = pinned != null ? StatementBuyers.pinned(ids)
                    : StatementBuyers.unpinned(ids, where == null ? "the UPDATE has no WHERE" : "its WHERE does not pin " + ref + "." + col
                    + " (a condition " + col + " = ? or " + col + " IN (...), joined by AND)");
            PinSite site = !single ? null : where != null ? new PinSite(where.getStartIndex(), where.getStopIndex(), -1)
                    : new PinSite(-1, -1, st.getSetAssignment().getStopIndex() + 1);
            out.add(new TableWrite(table, col, buyers, site));
        }
        return out;
    }

    List<TableWrite> delete(DeleteStatement st) throws UnitWriteRefusedException {
        TableSegment ts = st.getTable();
        TableRefs refs;
        List<String> targets = new ArrayList<>();
        boolean multi = ts instanceof DeleteMultiTableSegment;
        if (ts instanceof DeleteMultiTableSegment m) {
            refs = TableRefs.of(m.getRelationTable());
            for (SimpleTableSegment t : m.getActualDeleteTables()) {
                String ref = refs.ref(t.getTableName().getIdentifier().getValue());
                if (ref == null) {
                    throw refused(t.getTableName().getIdentifier().getValue(), Reason.UNSUPPORTED_SHAPE,
                            "the DELETE target is not a table or alias of its FROM clause");
                }
                targets.add(ref);
            }
        } else {
            refs = TableRefs.of(ts);
            if (refs.single() == null) {
                throw new IllegalStateException("a single-table DELETE without its table");
            }
            targets.add(refs.single());
        }
        WhereSegment where = st.getWhere().orElse(null);
        List<TableWrite> out = new ArrayList<>();
        for (String ref : targets) {
            String table = refs.table(ref);
            GuardedTable gt = guard.table(table);
            if (gt == null || gt.kind() != TableKind.UNIT) {
                out.add(new TableWrite(table, null, StatementBuyers.none(), null));
                continue;
            }
            String col = gt.buyerColumn();
            unitTableMetadata(table, col);
            List<Long> pinned = where == null ? null : pins(where.getExpr(), refs, ref, table, col);
            StatementBuyers buyers = pinned != null ? StatementBuyers.pinned(pinned)
                    : StatementBuyers.unpinned(List.of(), where == null ? "the DELETE has no WHERE" : "its WHERE does not pin " + ref + "." + col
                    + " (a condition " + col + " = ? or " + col + " IN (...), joined by AND)");
            PinSite site = multi ? null : where != null ? new PinSite(where.getStartIndex(), where.getStopIndex(), -1)
                    : new PinSite(-1, -1, ts.getStopIndex() + 1);
            out.add(new TableWrite(table, col, buyers, site));
        }
        return out;
    }

    /**
     * The buyers a condition pins the rows of reference {@code ref} to, or null when it does not pin
     * them. Only AND / OR / = / IN (list) are read; a value that is a bad literal or parameter is refused.
     */
    private List<Long> pins(ExpressionSegment e, TableRefs refs, String ref, String table, String col) throws UnitWriteRefusedException {
        if (e instanceof BinaryOperationExpression b) {
            String op = b.getOperator().trim().toUpperCase(java.util.Locale.ROOT);
            if (op.equals("AND") || op.equals("&&")) {
                List<Long> left = pins(b.getLeft(), refs, ref, table, col);
                List<Long> right = pins(b.getRight(), refs, ref, table, col);
                if (left == null) {
                    return right;
                }
                if (right == null) {
                    return left;
                }
                List<Long> both = new ArrayList<>(left);
                both.addAll(right);
                return both;
            }
            if (op.equals("OR")) { // not "||": with PIPES_AS_CONCAT the server reads it as concatenation
                List<Long> left = pins(b.getLeft(), refs, ref, table, col);
                List<Long> right = pins(b.getRight(), refs, ref, table, col);
                if (left == null || right == null) {
                    return null; // one side is not pinned to a buyer: the rows are not
                }
                List<Long> both = new ArrayList<>(left);
                both.addAll(right);
                return both;
            }
            if (op.equals("=")) {
                ExpressionSegment value = isBuyer(b.getLeft(), refs, ref, col) ? b.getRight() : isBuyer(b.getRight(), refs, ref, col) ? b.getLeft() : null;
                if (value == null) {
                    return null;
                }
                Long v = buyer(value, table);
                return v == null ? null : List.of(v);
            }
            return null;
        }
        if (e instanceof InExpression in && !in.isNot() && isBuyer(in.getLeft(), refs, ref, col) && in.getRight() instanceof ListExpression list) {
            List<Long> ids = new ArrayList<>();
            for (ExpressionSegment item : list.getItems()) {
                Long v = buyer(item, table);
                if (v == null) {
                    return null;
                }
                ids.add(v);
            }
            return ids.isEmpty() ? null : ids;
        }
        return null;
    }

    private static boolean isBuyer(ExpressionSegment e, TableRefs refs, String ref, String col) {
        return e instanceof ColumnSegment c && TableRefs.lower(c.getIdentifier().getValue()).equals(col) && ref.equals(refs.refOf(c));
    }

    /** The buyer of a literal or parameter; null for any other expression; refused for a literal/parameter the server reads otherwise. */
    private Long buyer(ExpressionSegment e, String table) throws UnitWriteRefusedException {
        try {
            if (e instanceof ParameterMarkerExpressionSegment p) {
                int i = p.getParameterMarkerIndex();
                if (i >= params.size()) {
                    throw refused(table, Reason.UNREADABLE_STATEMENT, "parameter " + (i + 1) + " is not bound");
                }
                return BuyerValue.ofParameter(params.get(i));
            }
            if (e instanceof LiteralExpressionSegment) {
                return BuyerValue.ofSqlText(text(e));
            }
            return null;
        } catch (BuyerValue.BadBuyerValueException bad) {
            throw refused(table, Reason.BAD_BUYER_VALUE, bad.getMessage());
        }
    }

    /** A buyer that is stored (INSERT value, SET): also within the column's range. */
    private Long storedBuyer(ExpressionSegment e, String table, String col, UnitTableLayout meta) throws UnitWriteRefusedException {
        Long v = buyer(e, table);
        if (v != null) {
            String misfit = meta.buyerRange().misfit(v);
            if (misfit != null) {
                throw refused(table, Reason.BAD_BUYER_VALUE, misfit);
            }
        }
        return v;
    }

    private UnitTableLayout unitTableMetadata(String table, String col) throws UnitWriteRefusedException {
        UnitTableLayout meta = metadata.apply(table);
        if (meta == null) {
            throw refused(table, Reason.UNREADABLE_STATEMENT, "the guard has no layout of unit table " + table + " (the table or its buyer column "
                    + col + " was missing when the datasource was wrapped, see UNITIZE-DB-003): it cannot check the statement");
        }
        String type = meta.buyerRange().problem();
        if (type != null) {
            throw refused(table, Reason.UNSUPPORTED_SHAPE, type + "; declare " + col + " BIGINT");
        }
        return meta;
    }

    private String text(ExpressionSegment e) {
        return sql.substring(e.getStartIndex(), e.getStopIndex() + 1);
    }

    private static UnitWriteRefusedException refused(String table, Reason reason, String detail) {
        return new UnitWriteRefusedException(table, null, -1, -1, reason, detail);
    }
}
