package io.unitize.db.mybatis;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnitKeyInterceptorTest {

    /** The DTO an RPC method is keyed by: unit-core's @UnitKey on its buyer field. */
    public static class OrderRow {
        public long id;
        @io.unitize.core.key.UnitKey
        public long buyerId;
        public int amount;
    }

    public static class ById {
        @io.unitize.core.key.UnitKey(kind = io.unitize.core.key.UnitKey.Kind.ROUTABLE_ID)
        public long orderId;
    }

    public interface Mapper {
        @Update("UPDATE orders SET amount = #{amount} WHERE id = #{id}")
        int update(OrderRow row);

        @Update("UPDATE orders SET amount = #{row.amount} WHERE id = #{row.id}")
        int updateNamed(@Param("row") OrderRow row, @Param("note") String note);

        @Update("UPDATE orders SET amount = #{amount} WHERE id = #{id}")
        int updateUnnamed(OrderRow row, String note);

        @UnitKey("row.buyerId")
        @Update("UPDATE orders SET amount = #{row.amount} WHERE id = #{row.id}")
        int explicit(@Param("row") OrderRow row, @Param("other") OrderRow other);

        @Update("UPDATE orders SET amount = 0 WHERE id = #{orderId}")
        int byOrderId(ById id);
    }

    private static String key(String method) {
        return UnitKeyInterceptor.findKey(Mapper.class.getName() + "." + method).orElse(null);
    }

    @Test
    void aDtoWhoseBuyerFieldIsMarkedGivesTheHintPath() {
        assertThat(key("update")).isEqualTo("buyerId");
        assertThat(key("updateNamed")).isEqualTo("row.buyerId");
        assertThat(key("updateUnnamed")).isEqualTo("param1.buyerId");
    }

    @Test
    void theMappersOwnUnitKeyWinsAndARoutableIdGivesNoBuyer() {
        assertThat(key("explicit")).isEqualTo("row.buyerId");
        assertThat(key("byOrderId")).as("a routable id carries the slot, not the buyer the guard checks").isNull();
    }
}
