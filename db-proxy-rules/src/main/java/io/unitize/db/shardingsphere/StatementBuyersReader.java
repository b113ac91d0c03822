package io.unitize.db.shardingsphere;

import io.unitize.db.StatementBuyers;
import org.apache.shardingsphere.infra.binder.context.segment.insert.values.InsertValueContext;
import org.apache.shardingsphere.infra.binder.context.statement.SQLStatementContext;
import org.apache.shardingsphere.infra.binder.context.statement.dml.InsertStatementContext;
import org.apache.shardingsphere.infra.binder.context.statement.dml.UpdateStatementContext;
import org.apache.shardingsphere.infra.binder.context.type.WhereAvailable;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.assignment.ColumnAssignmentSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.column.ColumnSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.BinaryOperationExpression;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.ExpressionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.InExpression;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.ListExpression;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.simple.LiteralExpressionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.simple.ParameterMarkerExpressionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.predicate.WhereSegment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the buyers a parsed write statement shows for a buyer column (ShardingSphere's binder contexts). */
final class StatementBuyersReader {

    private StatementBuyersReader() {
    }

    static StatementBuyers read(SQLStatementContext statement, List<Object> params, String buyerColumn) {
        if (statement instanceof InsertStatementContext insert) {
            return insert(insert, buyerColumn);
        }
        List<Long> ids = new ArrayList<>();
        boolean complete = false;
        if (statement instanceof WhereAvailable where) {
            for (WhereSegment w : where.getWhereSegments()) {
                Found f = condition(w.getExpr(), params, buyerColumn);
                if (f != null) {
                    ids.addAll(f.ids);
                    complete = true;
                }
            }
        }
        if (statement instanceof UpdateStatementContext update && update.getSqlStatement().getSetAssignment() != null) {
            for (ColumnAssignmentSegment a : update.getSqlStatement().getSetAssignment().getAssignments()) {
                for (ColumnSegment c : a.getColumns()) {
                    if (isBuyer(c, buyerColumn)) { // moving a row to another buyer: the new buyer must be homed here too
                        Long v = value(a.getValue(), params);
                        if (v == null) {
                            complete = false;
                        } else {
                            ids.add(v);
                        }
                    }
                }
            }
        }
        return new StatementBuyers(ids, complete);
    }

    private static StatementBuyers insert(InsertStatementContext insert, String buyerColumn) {
        if (insert.getInsertSelectContext() != null) {
            return StatementBuyers.none();
        }
        List<String> columns = insert.getColumnNames();
        int index = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).toLowerCase(Locale.ROOT).equals(buyerColumn)) {
                index = i;
            }
        }
        if (index < 0) {
            return StatementBuyers.none();
        }
        List<Long> ids = new ArrayList<>();
        boolean complete = true;
        for (InsertValueContext row : insert.getInsertValueContexts()) {
            Long v = number(row.getLiteralValue(index).orElse(null));
            if (v == null) {
                complete = false;
            } else {
                ids.add(v);
            }
        }
        return new StatementBuyers(ids, complete && !ids.isEmpty());
    }

    private record Found(List<Long> ids) {
    }

    /** The buyers a condition pins the rows to, or null when it does not pin them. */
    private static Found condition(ExpressionSegment e, List<Object> params, String buyerColumn) {
        if (e instanceof BinaryOperationExpression b) {
            String op = b.getOperator().trim().toUpperCase(Locale.ROOT);
            if (op.equals("AND") || op.equals("&&")) {
                Found left = condition(b.getLeft(), params, buyerColumn);
                Found right = condition(b.getRight(), params, buyerColumn);
                if (left == null) {
                    return right;
                }
                if (right == null) {
                    return left;
                }
                List<Long> both = new ArrayList<>(left.ids);
                both.addAll(right.ids);
                return new Found(both);
            }
            if (op.equals("OR") || op.equals("||")) {
                Found left = condition(b.getLeft(), params, buyerColumn);
                Found right = condition(b.getRight(), params, buyerColumn);
                if (left == null || right == null) {
                    return null; // one side is not pinned to a buyer: the rows are not
                }
                List<Long> both = new ArrayList<>(left.ids);
                both.addAll(right.ids);
                return new Found(both);
            }
            if (op.equals("=")) {
                ExpressionSegment col = b.getLeft() instanceof ColumnSegment ? b.getLeft() : b.getRight();
                ExpressionSegment val = col == b.getLeft() ? b.getRight() : b.getLeft();
                if (col instanceof ColumnSegment c && isBuyer(c, buyerColumn)) {
                    Long v = value(val, params);
                    return v == null ? null : new Found(List.of(v));
                }
            }
            return null;
        }
        if (e instanceof InExpression in && !in.isNot() && in.getLeft() instanceof ColumnSegment c && isBuyer(c, buyerColumn)
                && in.getRight() instanceof ListExpression list) {
            List<Long> ids = new ArrayList<>();
            for (ExpressionSegment item : list.getItems()) {
                Long v = value(item, params);
                if (v == null) {
                    return null;
                }
                ids.add(v);
            }
            return new Found(ids);
        }
        return null;
    }

    private static boolean isBuyer(ColumnSegment c, String buyerColumn) {
        return c.getIdentifier().getValue().toLowerCase(Locale.ROOT).equals(buyerColumn);
    }

    private static Long value(ExpressionSegment e, List<Object> params) {
        if (e instanceof ParameterMarkerExpressionSegment p) {
            int i = p.getParameterMarkerIndex();
            return i < params.size() ? number(params.get(i)) : null;
        }
        if (e instanceof LiteralExpressionSegment l) {
            return number(l.getLiterals());
        }
        return null;
    }

    private static Long number(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
