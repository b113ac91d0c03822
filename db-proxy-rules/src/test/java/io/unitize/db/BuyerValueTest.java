package io.unitize.db;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuyerValueTest {

    @Test
    void integerLiteralsAndDigitStringsAreRead() throws Exception {
        assertThat(BuyerValue.ofSqlText("5001")).isEqualTo(5001);
        assertThat(BuyerValue.ofSqlText("-5001")).isEqualTo(-5001);
        assertThat(BuyerValue.ofSqlText("'5001'")).isEqualTo(5001);
        assertThat(BuyerValue.ofSqlText("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void literalsTheServerReadsOtherwiseAreRefused() {
        for (String bad : new String[]{"4999.5", "5000.0", "5e3", "0x1389", "X'1389'", "b'1'", "_utf16 0x1EC2", "_latin1'5001'", "'5001abc'",
                "' 5001'", "'5e3'", "'9007199254740993'", "+5001", "- 5001", "9223372036854775808", "\"5001\"", "N'5001'", "7 + 7000", ""}) {
            assertThatThrownBy(() -> BuyerValue.ofSqlText(bad)).as(bad).isInstanceOf(BuyerValue.BadBuyerValueException.class)
                    .hasMessageContaining("buyer value");
        }
    }

    @Test
    void parametersMustBeIntegersTheServerReadsExactly() throws Exception {
        assertThat(BuyerValue.ofParameter(5001L)).isEqualTo(5001);
        assertThat(BuyerValue.ofParameter(5001)).isEqualTo(5001);
        assertThat(BuyerValue.ofParameter((short) 5)).isEqualTo(5);
        assertThat(BuyerValue.ofParameter(BigInteger.valueOf(5001))).isEqualTo(5001);
        assertThat(BuyerValue.ofParameter(new BigDecimal("5001.00"))).isEqualTo(5001);
        assertThat(BuyerValue.ofParameter("5001")).isEqualTo(5001);
        for (Object bad : new Object[]{4999.5d, 5000.0d, 4999.5f, new BigDecimal("4999.5"), BigInteger.ONE.shiftLeft(64), "5001 ", "5e3",
                "1234567890123456", true, null, new byte[]{1}}) {
            assertThatThrownBy(() -> BuyerValue.ofParameter(bad)).as(String.valueOf(bad)).isInstanceOf(BuyerValue.BadBuyerValueException.class)
                    .hasMessageContaining("bind the buyer as a long");
        }
    }

    @Test
    void aStoredBuyerMustFitTheColumn() {
        assertThat(BuyerValue.misfit(99_999_999_999L, "BIGINT")).isNull();
        assertThat(BuyerValue.misfit(99_999_999_999L, "INT")).contains("does not fit the buyer column");
        assertThat(BuyerValue.misfit(8_388_608L, "MEDIUMINT")).isNotNull();
        assertThat(BuyerValue.misfit(8_388_607L, "mediumint")).isNull();
        assertThat(BuyerValue.misfit(-5001, "BIGINT UNSIGNED")).contains("does not fit");
        assertThat(BuyerValue.misfit(4_294_967_295L, "INT UNSIGNED")).isNull();
        assertThat(BuyerValue.misfit(5001, "VARCHAR")).contains("not an integer column");
        assertThat(BuyerValue.misfit(5001, "DECIMAL")).contains("not an integer column");
        assertThat(BuyerValue.misfit(5001, null)).contains("not an integer column");
    }
}
