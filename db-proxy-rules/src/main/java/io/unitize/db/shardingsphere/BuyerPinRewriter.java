package io.unitize.db.shardingsphere;

import io.unitize.db.UnitWriteRefusedException;
import org.apache.shardingsphere.infra.binder.context.statement.SQLStatementContext;
import org.apache.shardingsphere.infra.config.props.ConfigurationProperties;
import org.apache.shardingsphere.infra.rewrite.context.SQLRewriteContext;
import org.apache.shardingsphere.infra.rewrite.context.SQLRewriteContextDecorator;
import org.apache.shardingsphere.infra.rewrite.sql.token.common.generator.CollectionSQLTokenGenerator;
import org.apache.shardingsphere.infra.rewrite.sql.token.common.pojo.Attachable;
import org.apache.shardingsphere.infra.rewrite.sql.token.common.pojo.SQLToken;
import org.apache.shardingsphere.infra.rewrite.sql.token.common.pojo.Substitutable;
import org.apache.shardingsphere.infra.route.context.RouteContext;
import org.apache.shardingsphere.single.rule.SingleRule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Adds the hint's buyer to a statement the auditor accepted only on that condition
 * ({@code UPDATE orders SET status = ? WHERE id = ?} under {@code @UnitKey} buyer 5001 is sent as
 * {@code ... WHERE (id = ?) AND `buyer_id` = 5001}), so it touches only that buyer's rows. A
 * ShardingSphere rewrite decorator keyed by the single-table rule, which every ShardingSphere
 * database has (the auditor refuses hint-only statements where it is missing, or where rewriting
 * is skipped by a SHARDINGSPHERE_HINT).
 */
public final class BuyerPinRewriter implements SQLRewriteContextDecorator<SingleRule> {

    @Override
    public void decorate(SingleRule rule, ConfigurationProperties props, SQLRewriteContext context, RouteContext routeContext) {
        BuyerPin pin = BuyerPin.take();
        if (pin == null) {
            return;
        }
        if (pin.statement() != context.getSqlStatementContext()) {
            // never reached in ShardingSphere 5.5.2 (audit and rewrite run back to back per execution): refuse rather than guess
            throw sneaky(UnitWriteRefusedException.ofStatement("statement", UnitWriteRefusedException.Reason.UNREADABLE_STATEMENT,
                    "the write guard's buyer condition belongs to another statement; the statement is not run"));
        }
        List<SQLToken> tokens = new ArrayList<>();
        for (BuyerPin.Edit e : pin.edits()) {
            tokens.add(e.length() == 0 ? new Insert(e.at(), e.text()) : new Replace(e.at(), e.at() + e.length() - 1, e.text()));
        }
        context.addSQLTokenGenerators(List.of(new Generator(tokens)));
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }

    @Override
    public int getOrder() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Class<SingleRule> getTypeClass() {
        return SingleRule.class;
    }

    private record Generator(List<SQLToken> tokens) implements CollectionSQLTokenGenerator<SQLStatementContext> {
        @Override
        public Collection<SQLToken> generateSQLTokens(SQLStatementContext statement) {
            return tokens;
        }

        @Override
        public boolean isGenerateSQLToken(SQLStatementContext statement) {
            return true;
        }
    }

    /** Text inserted before the character at {@code startIndex}. */
    static final class Insert extends SQLToken implements Attachable {
        private final String text;

        Insert(int at, String text) {
            super(at);
            this.text = text;
        }

        @Override
        public int getStopIndex() {
            return getStartIndex();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Text replacing the characters {@code startIndex..stopIndex}. */
    static final class Replace extends SQLToken implements Substitutable {
        private final int stop;
        private final String text;

        Replace(int start, int stop, String text) {
            super(start);
            this.stop = stop;
            this.text = text;
        }

        @Override
        public int getStopIndex() {
            return stop;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
