package io.unitize.rpc;

import io.unitize.core.key.UnitKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HARouteInspectorTest {

    @HARoute(RouteType.UNIT)
    interface Orders {
        String place(long buyerId, String cart);

        int count(long buyerId);
    }

    @HARoute(RouteType.UNIT)
    interface BoxedBuyer {
        String place(Long buyerId);
    }

    @HARoute(RouteType.UNIT)
    interface NoArgs {
        String health();
    }

    @HARoute(RouteType.UNIT)
    interface Inherits extends Orders {
        String cancel(String orderNo);
    }

    @HARoute(RouteType.CENTER)
    interface Catalog {
        String product(String sku);
    }

    @HARoute
    interface Profile {
        String get();
    }

    record Cart(@UnitKey long buyerId, String item) {
    }

    record Refund(String reason, long orderNo) {
    }

    @HARoute(RouteType.UNIT)
    interface Keyed {
        String place(Cart cart);

        String get(@UnitKey(kind = UnitKey.Kind.ROUTABLE_ID) long orderId);

        @UnitKey("buyerId")
        String recent(int n, long buyerId);
    }

    @HARoute(RouteType.UNIT)
    interface MissingDtoKey {
        String refund(Refund refund);
    }

    interface Plain {
        String any(String x);
    }

    @Test
    void readsTheRouteTypeAndAcceptsAGoodUnitInterface() {
        assertThat(HARouteInspector.routeTypeOf(Orders.class)).isEqualTo(RouteType.UNIT);
        assertThat(HARouteInspector.routeTypeOf(Catalog.class)).isEqualTo(RouteType.CENTER);
        assertThat(HARouteInspector.routeTypeOf(Profile.class)).isEqualTo(RouteType.DEFAULT);
        assertThat(HARouteInspector.routeTypeOf(Plain.class)).isNull();
    }

    @Test
    void aUnitMethodWithoutLongBuyerIdFirstIsRefusedNamingInterfaceAndMethod() {
        assertThatThrownBy(() -> HARouteInspector.routeTypeOf(BoxedBuyer.class)).isInstanceOf(InvalidHARouteException.class)
                .hasMessageContaining("UNITIZE-RPC-001").hasMessageContaining(BoxedBuyer.class.getName())
                .hasMessageContaining("place(Long) route key none is missing: the method takes Long first, not long buyerId");
        assertThatThrownBy(() -> HARouteInspector.routeTypeOf(NoArgs.class)).isInstanceOf(InvalidHARouteException.class)
                .hasMessageContaining("health() route key none is missing: the method has no parameter");
        assertThatThrownBy(() -> HARouteInspector.routeTypeOf(Inherits.class)).isInstanceOf(InvalidHARouteException.class)
                .hasMessageContaining("cancel(String)")
                .satisfies(e -> assertThat(((InvalidHARouteException) e).method()).isEqualTo("cancel(String)"));
    }

    @Test
    void everyKeyFormIsAcceptedAndEachMethodGetsItsReader() {
        assertThat(HARouteInspector.routeTypeOf(Keyed.class)).isEqualTo(RouteType.UNIT);
        ServiceKeys keys = ServiceKeys.of(Keyed.class);
        assertThat(keys.reader("place", new Class<?>[]{Cart.class}).read(new Object[]{new Cart(7_042, "x")})).isEqualTo(7_042L);
        assertThat(keys.reader("get", new String[]{"long"}).kind()).isEqualTo(UnitKey.Kind.ROUTABLE_ID);
        assertThat(keys.reader("recent", new Class<?>[]{int.class, long.class}).parameterIndex()).isEqualTo(1);
        assertThat(keys.reader("nope", new Class<?>[0])).isNull();
    }

    @Test
    void aDtoWithoutAKeyIsRefusedNamingInterfaceMethodAndTheMissingKey() {
        assertThatThrownBy(() -> HARouteInspector.routeTypeOf(MissingDtoKey.class)).isInstanceOf(InvalidHARouteException.class)
                .hasMessageStartingWith("UNITIZE-RPC-001 @HARoute(UNIT) interface " + MissingDtoKey.class.getName()
                        + ": method refund(Refund) route key none is missing: the method takes Refund first, not long buyerId, "
                        + "and has no @UnitKey")
                .satisfies(e -> {
                    InvalidHARouteException ex = (InvalidHARouteException) e;
                    assertThat(ex.method()).isEqualTo("refund(Refund)");
                    assertThat(ex.key()).isEqualTo("none");
                    assertThat(ex.action()).contains("Give refund(Refund) of " + MissingDtoKey.class.getName() + " a route key");
                });
    }
}
