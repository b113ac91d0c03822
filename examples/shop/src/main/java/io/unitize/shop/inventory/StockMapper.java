package io.unitize.shop.inventory;

import io.unitize.shop.api.OrderLine;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

import java.util.List;

/** Center tables: {@code stock}, {@code stock_reservation} (one row per order: the idempotency key), its lines. */
@Mapper
public interface StockMapper {

    @Insert("INSERT IGNORE INTO stock_reservation (order_id, state) VALUES (#{orderId}, 'RESERVED')")
    int claim(@Param("orderId") long orderId);

    @Update("UPDATE stock SET available = available - #{quantity} WHERE product_id = #{productId} AND available >= #{quantity}")
    int take(@Param("productId") long productId, @Param("quantity") int quantity);

    @Insert("INSERT INTO stock_reservation_line (order_id, product_id, quantity) VALUES (#{orderId}, #{productId}, #{quantity}) "
            + "ON DUPLICATE KEY UPDATE quantity = quantity + VALUES(quantity)")
    int line(@Param("orderId") long orderId, @Param("productId") long productId, @Param("quantity") int quantity);

    @Update("UPDATE stock_reservation SET state = 'RELEASED' WHERE order_id = #{orderId} AND state = 'RESERVED'")
    int markReleased(@Param("orderId") long orderId);

    /** A release that found no reservation leaves this row, so a reserve of the same order arriving later takes nothing. */
    @Insert("INSERT IGNORE INTO stock_reservation (order_id, state) VALUES (#{orderId}, 'RELEASED')")
    int tombstone(@Param("orderId") long orderId);

    /** In product order: the order in which every transaction takes stock rows (no deadlock between a reserve and a release). */
    @Select("SELECT product_id, quantity FROM stock_reservation_line WHERE order_id = #{orderId} ORDER BY product_id")
    List<OrderLine> lines(@Param("orderId") long orderId);

    @Update("UPDATE stock SET available = available + #{quantity} WHERE product_id = #{productId}")
    int giveBack(@Param("productId") long productId, @Param("quantity") int quantity);
}
