package io.unitize.shop.catalog;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

import java.util.List;

/** Reads of the center-unit table {@code product} from this unit's own copy (written only in the center). */
@Mapper
public interface CatalogMapper {

    @Select("SELECT id, name, price_cents FROM product ORDER BY id")
    List<Product> all();

    @Select("SELECT id, name, price_cents FROM product WHERE id = #{id}")
    Product find(@Param("id") long id);
}
