package io.unitize.rpc;

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
                .hasMessageContaining("place(Long) takes Long first, not long buyerId");
        assertThatThrownBy(() -> HARouteInspector.routeTypeOf(NoArgs.class)).isInstanceOf(InvalidHARouteException.class)
                .hasMessageContaining("health() has no parameter");
        assertThatThrownBy(() -> HARouteInspector.routeTypeOf(Inherits.class)).isInstanceOf(InvalidHARouteException.class)
                .hasMessageContaining("cancel(String)")
                .satisfies(e -> assertThat(((InvalidHARouteException) e).method()).isEqualTo("cancel(String)"));
    }
}
