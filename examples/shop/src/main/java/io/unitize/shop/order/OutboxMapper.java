package io.unitize.shop.order;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The outbox row of an order change, written in the change's transaction through the write guard (it names the buyer). */
@Mapper
public interface OutboxMapper {

    @Insert("INSERT INTO order_outbox (order_id, version, buyer_id, origin_unit, tags, body) "
            + "VALUES (#{e.orderId}, #{e.version}, #{e.buyerId}, #{unit}, #{e.tags}, #{e.body})")
    int insert(@Param("e") OutboxEvent event, @Param("unit") String unit);
}
