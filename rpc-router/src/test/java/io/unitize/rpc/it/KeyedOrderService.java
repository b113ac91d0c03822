package io.unitize.rpc.it;

import io.unitize.core.key.UnitKey;
import io.unitize.rpc.HARoute;
import io.unitize.rpc.RouteType;

import java.io.Serializable;

/** A UNIT interface without a UnitApi copy: every key form. Each method answers "unit/instance" of the provider. */
@HARoute(RouteType.UNIT)
public interface KeyedOrderService {

    /** The buyer is a field of the DTO ({@code @UnitKey} on {@link PlaceOrder#buyerId}). */
    String place(PlaceOrder order);

    /** A path inside the parameter. */
    String pay(@UnitKey("order.buyerId") Payment payment);

    /** A named parameter (not the first). */
    @UnitKey("buyerId")
    String recent(int n, long buyerId);

    /** An order id of id-service's routable layout: routed by its slot bits. */
    String get(@UnitKey(kind = UnitKey.Kind.ROUTABLE_ID) long orderId);

    /** A plain class (hessian2 needs a no-argument constructor and settable fields). */
    class PlaceOrder implements Serializable {
        @UnitKey
        private long buyerId;
        private String item;

        public PlaceOrder() {
        }

        public PlaceOrder(long buyerId, String item) {
            this.buyerId = buyerId;
            this.item = item;
        }

        public long getBuyerId() {
            return buyerId;
        }

        public String getItem() {
            return item;
        }
    }

    class Payment implements Serializable {
        private PlaceOrder order;
        private int cents;

        public Payment() {
        }

        public Payment(PlaceOrder order, int cents) {
            this.order = order;
            this.cents = cents;
        }

        public PlaceOrder getOrder() {
            return order;
        }

        public int getCents() {
            return cents;
        }
    }
}
