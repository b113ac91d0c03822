package io.unitize.shop.order;

import io.unitize.db.mybatis.UnitKey;
import io.unitize.shop.api.OrderLine;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

import java.util.List;

/**
 * {@code orders} and {@code order_items}: unit tables. The guard sees the buyer in the INSERTs and
 * in {@code WHERE buyer_id = ?}; where it does not, {@code @UnitKey} carries it.
 */
@Mapper
public interface OrderMapper {

    @Insert("INSERT INTO orders (id, buyer_id, status, total_cents, version) VALUES (#{id}, #{buyerId}, 'PLACED', #{totalCents}, 1)")
    int insertOrder(@Param("id") long id, @Param("buyerId") long buyerId, @Param("totalCents") long totalCents);

    @Insert("INSERT INTO order_items (order_id, line_no, buyer_id, product_id, quantity, price_cents) "
            + "VALUES (#{orderId}, #{lineNo}, #{buyerId}, #{line.productId}, #{line.quantity}, #{line.priceCents})")
    int insertItem(@Param("orderId") long orderId, @Param("lineNo") int lineNo, @Param("buyerId") long buyerId,
                   @Param("line") OrderLine line);

    /** The SQL names the order, not the buyer: {@code @UnitKey} tells the guard whose write it is. */
    @Update("UPDATE orders SET status = 'CANCELLED', version = version + 1 WHERE id = #{id} AND status = 'PLACED'")
    int cancel(@UnitKey @Param("buyerId") long buyerId, @Param("id") long id);

    @Select("SELECT id, buyer_id, status, total_cents, version, created_at, written_by_server, updated_by_server "
            + "FROM orders WHERE id = #{id} AND buyer_id = #{buyerId}")
    OrderRow find(@Param("buyerId") long buyerId, @Param("id") long id);

    @Select("SELECT id, buyer_id, status, total_cents, version, created_at, written_by_server, updated_by_server "
            + "FROM orders WHERE buyer_id = #{buyerId} ORDER BY id DESC LIMIT #{limit}")
    List<OrderRow> recent(@Param("buyerId") long buyerId, @Param("limit") int limit);

    @Select("SELECT product_id, quantity, price_cents FROM order_items WHERE order_id = #{orderId} ORDER BY line_no")
    List<OrderLine> items(@Param("orderId") long orderId);
}
