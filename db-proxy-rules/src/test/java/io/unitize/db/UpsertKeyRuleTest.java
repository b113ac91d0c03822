package io.unitize.db;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UpsertKeyRuleTest {

    @Test
    void everyUniqueKeyMustContainTheBuyerColumn() {
        assertThat(UpsertKeyRule.violation("t_cart", "user_id", List.of(List.of("USER_ID", "sku")))).isNull();
        assertThat(UpsertKeyRule.violation("t_cart", "user_id", List.of(List.of("user_id", "sku"), List.of("sku", "user_id")))).isNull();
        assertThat(UpsertKeyRule.violation("t_order", "user_id", List.of(List.of("id"))))
                .contains("unique key [id] of unit table t_order does not contain the buyer column user_id");
        assertThat(UpsertKeyRule.violation("t", "user_id", List.of(List.of("user_id", "id"), List.of("code")))).contains("[code]");
        assertThat(UpsertKeyRule.violation("t", "user_id", List.of())).contains("sees no unique key");
    }
}
