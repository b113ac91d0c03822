package io.unitize.db.it;

import io.unitize.db.mybatis.UnitKey;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;

/** A real MyBatis mapper of the tests. */
@Mapper
public interface OrderMapper {

    @Insert("INSERT INTO orders (id, buyer_id, amount) VALUES (#{id}, #{buyerId}, #{amount})")
    int insert(@Param("id") long id, @Param("buyerId") long buyerId, @Param("amount") int amount);

    /** The SQL does not show the buyer: the @UnitKey parameter gives it to the guard. */
    @Update("UPDATE orders SET amount = #{amount} WHERE id = #{id}")
    int setAmount(@UnitKey @Param("buyerId") long buyerId, @Param("id") long id, @Param("amount") int amount);

    /** The same statement without a buyer anywhere. */
    @Update("UPDATE orders SET amount = #{amount} WHERE id = #{id}")
    int setAmountBlind(@Param("id") long id, @Param("amount") int amount);
}
