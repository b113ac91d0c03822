package io.unitize.db.mybatis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the buyer of a mapper method's writes, for statements whose SQL does not show the buyer
 * column (e.g. {@code UPDATE orders SET status = ? WHERE id = ?}). On a parameter: that parameter
 * is the buyerId. On the method: {@code value} is the property path in the parameter object
 * (e.g. {@code "buyerId"} or {@code "order.buyerId"}).
 *
 * <pre>{@code
 * @Update("UPDATE orders SET status = #{status} WHERE id = #{id}")
 * int setStatus(@UnitKey @Param("buyerId") long buyerId, @Param("id") long id, @Param("status") String status);
 *
 * @UnitKey("buyerId")
 * @Update("UPDATE orders SET amount = #{amount} WHERE id = #{id}")
 * int update(Order order);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD})
public @interface UnitKey {

    /** On a method: the property path of the buyerId in the parameter object. */
    String value() default "";
}
