package io.unitize.core.key;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteKeyReaderTest {

    public record PlaceOrder(String note, @UnitKey long buyerId) {
    }

    public record Order(long id, Long buyerId) {
    }

    public static class Payment {
        private Order order;
        private final int cents;
        private final double fee;

        public Payment(Order order, int cents) {
            this.order = order;
            this.cents = cents;
            this.fee = cents / 100.0;
        }

        public Order getOrder() {
            return order;
        }
    }

    public static class Base {
        @UnitKey
        String userId; // a text key in a superclass field, no getter
    }

    public static class Refund extends Base {
        Refund(String userId) {
            this.userId = userId;
        }
    }

    public record Two(@UnitKey long a, @UnitKey long b) {
    }

    public record ById(@UnitKey(kind = UnitKey.Kind.ROUTABLE_ID) long orderId) {
    }

    interface Service {
        String today(long buyerId, String x);

        String place(PlaceOrder request);

        String pay(@UnitKey("order.buyerId") Payment payment);

        @UnitKey("buyerId")
        String named(int n, long buyerId);

        String get(@UnitKey(kind = UnitKey.Kind.ROUTABLE_ID) long orderId);

        String byField(ById request);

        String refund(Refund r);

        String text(String orderNo);

        String none();

        String two(Two t);

        String both(@UnitKey long a, @UnitKey long b);

        @UnitKey("nope")
        String wrongName(long buyerId);

        @UnitKey("payment.order.missing")
        String wrongPath(Payment payment);

        String notNumber(@UnitKey("fee") Payment payment);

        String cents(@UnitKey("cents") Payment payment);

        String wideSlot(@UnitKey(kind = UnitKey.Kind.ROUTABLE_ID, slotBits = 40) long orderId);
    }

    private static Method m(String name) {
        return Arrays.stream(Service.class.getMethods()).filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
    }

    private static RouteKeyReader reader(String name) {
        return RouteKeyReader.of(m(name));
    }

    static RulesSnapshot rules() {
        UnitRules r = UnitRules.builder().version(1).updatedAt(Instant.now()).author("t").reason("t")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of())).unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()))
                .route(0, 4999, "center").route(5000, 9999, "unit-b").build();
        return r.compile();
    }

    @Test
    void theFirstLongIsTodaysRule() {
        RouteKeyReader r = reader("today");
        assertThat(r.read(new Object[]{5_001L, "x"})).isEqualTo(5_001L);
        assertThat(r.key()).isEqualTo("buyerId (parameter 0)");
        assertThat(r.kind()).isEqualTo(UnitKey.Kind.BUYER_ID);
        assertThat(r.slot(new Object[]{15_001L, "x"}, rules())).isEqualTo(5_001);
    }

    @Test
    void aDtoFieldMarkedUnitKeyIsTheKeyOfEveryMethodTakingTheDto() {
        RouteKeyReader r = reader("place");
        assertThat(r.read(new Object[]{new PlaceOrder("n", 7_042)})).isEqualTo(7_042L);
        assertThat(r.key()).isEqualTo("request.buyerId (@UnitKey PlaceOrder.buyerId)");
        assertThat(reader("refund").read(new Object[]{new Refund(" 42 ")})).as("superclass field, text").isEqualTo(42L);
    }

    @Test
    void aPathInsideAParameterAndANamedParameter() {
        assertThat(reader("pay").read(new Object[]{new Payment(new Order(9, 6_001L), 100)})).isEqualTo(6_001L);
        assertThat(reader("pay").key()).isEqualTo("payment.order.buyerId (parameter 0)");
        assertThat(reader("named").read(new Object[]{3, 8_000L})).isEqualTo(8_000L);
        assertThat(reader("named").parameterIndex()).isEqualTo(1);
    }

    @Test
    void aRoutableIdIsRoutedByItsSlotBits() {
        RoutableIdSlot field = RoutableIdSlot.routable(14);
        long orderId = ((((123L << 4 | 1) << 6 | 5) << 14 | 6_543) << 8) | 17; // time, unit 1, worker 5, slot 6543, sequence 17
        RouteKeyReader r = reader("get");
        assertThat(r.kind()).isEqualTo(UnitKey.Kind.ROUTABLE_ID);
        assertThat(r.idSlot()).isEqualTo(field);
        assertThat(r.slot(new Object[]{orderId}, rules())).isEqualTo(6_543);
        assertThat(reader("byField").slot(new Object[]{new ById(orderId)}, rules())).isEqualTo(6_543);
        long beyond = (12_000L << 8) | 1; // slot 12000 of 14 bits: not a slot of 10,000
        assertThatThrownBy(() -> r.slot(new Object[]{beyond}, rules())).isInstanceOf(RouteKeyMissingException.class)
                .hasMessageContaining("UNITIZE-RULE-081").hasMessageContaining("carries slot 12000, beyond the rules' 10000 slots");
    }

    @Test
    void genericArgumentsAreReadFromMapsByPropertyName() {
        assertThat(reader("place").readGeneric(new Object[]{Map.of("class", "x.PlaceOrder", "buyerId", 5_005)})).isEqualTo(5_005L);
        assertThat(reader("pay").readGeneric(new Object[]{Map.of("order", Map.of("buyerId", "77"))})).isEqualTo(77L);
        assertThat(reader("pay").readGeneric(new Object[]{new Payment(new Order(1, 78L), 1)})).as("a typed argument").isEqualTo(78L);
        assertThat(reader("today").readGeneric(new Object[]{"5001", "x"})).isEqualTo(5_001L);
    }

    @Test
    void aCallWithoutItsKeyIsATypedRefusalNamingMethodAndKey() {
        assertThatThrownBy(() -> reader("pay").read(new Object[]{new Payment(null, 1)})).isInstanceOf(RouteKeyMissingException.class)
                .hasMessage("UNITIZE-RULE-081 call pay(Payment) needs its route key payment.order.buyerId (parameter 0), but it is null; "
                        + "the call cannot be routed to a unit");
        assertThatThrownBy(() -> reader("place").read(new Object[]{null})).isInstanceOf(RouteKeyMissingException.class);
        assertThatThrownBy(() -> reader("refund").read(new Object[]{new Refund("abc")})).hasMessageContaining("got text 'abc'");
        assertThatThrownBy(() -> reader("pay").readGeneric(new Object[]{"x"})).hasMessageContaining("is String, not Payment");
    }

    @Test
    void startupRefusesEveryMethodWithoutAReadableKeyNamingMethodAndKey() {
        assertRefused("text", "none", "is missing: the method takes String first, not long buyerId");
        assertRefused("none", "none", "is missing: the method has no parameter");
        assertRefused("two", "@UnitKey field", "is ambiguous: t.a and t.b are both marked");
        assertRefused("both", "@UnitKey", "is ambiguous: parameters 0 and 1 are both marked");
        assertRefused("wrongName", "nope", "is missing: no parameter is named 'nope'");
        assertRefused("wrongPath", "payment.order.missing", "is missing: Order has no record component, getter or field 'missing'");
        assertRefused("notNumber", "payment.fee (parameter 0)", "cannot be read: it is double");
        assertThat(reader("cents").read(new Object[]{new Payment(null, 250)})).as("an int field, no getter").isEqualTo(250L);
    }

    @Test
    void aRoutableIdFieldWiderThanAnySlotSpaceIsRefused() {
        assertThatThrownBy(() -> reader("wideSlot")).isInstanceOf(InvalidRouteKeyException.class)
                .hasMessageContaining("route key orderId (parameter 0) is not a routable id field: routable id slot field: bits must be within 1..20");
    }

    @Test
    void aPathGivenByConfigurationStartsWithAParameterName() {
        RouteKeyReader r = RouteKeyReader.of(m("pay"), "payment.order.buyerId", null);
        assertThat(r.read(new Object[]{new Payment(new Order(1, 5L), 1)})).isEqualTo(5L);
        RouteKeyReader id = RouteKeyReader.of(m("today"), "buyerId", RoutableIdSlot.routable(14));
        assertThat(id.kind()).isEqualTo(UnitKey.Kind.ROUTABLE_ID);
        assertThatThrownBy(() -> RouteKeyReader.of(m("today"), "y", null)).hasMessageContaining("no parameter is named 'y'");
    }

    private static void assertRefused(String method, String key, String rule) {
        assertThatThrownBy(() -> reader(method)).isInstanceOf(InvalidRouteKeyException.class)
                .satisfies(e -> {
                    InvalidRouteKeyException ex = (InvalidRouteKeyException) e;
                    assertThat(ex.method()).startsWith(method + "(");
                    assertThat(ex.key()).isEqualTo(key);
                    assertThat(ex.rule()).startsWith(rule);
                    assertThat(ex.getMessage()).startsWith("UNITIZE-RULE-080 method " + ex.method() + ": route key " + key + " ");
                });
    }
}
