package io.unitize.shop.web;

import io.unitize.shop.api.OrderLine;
import io.unitize.shop.api.OrderService;
import io.unitize.shop.api.OrderView;
import io.unitize.shop.catalog.CatalogMapper;
import io.unitize.shop.catalog.Product;
import org.apache.dubbo.config.annotation.DubboReference;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The shop's web API behind the unit's gateway. The buyer comes from {@code X-Buyer-Id} (the
 * gateway routed the request by it) or a verified bearer token ({@link BuyerIdentity}); every input is checked here before any call, and the order
 * service is reached through Dubbo, which sends the call to the buyer's home unit.
 */
@RestController
public class ShopController {

    static final String BUYER_HEADER = "X-Buyer-Id";
    private static final int MAX_LINES = 50;
    private static final int MAX_QUANTITY = 1000;

    static final String AUTHORIZATION = "Authorization";

    private final CatalogMapper catalog;
    private final BuyerIdentity buyers;

    @DubboReference
    private OrderService orders;

    public ShopController(CatalogMapper catalog, BuyerIdentity buyers) {
        this.catalog = catalog;
        this.buyers = buyers;
    }

    @GetMapping("/api/products")
    public List<Product> products() {
        return catalog.all();
    }

    @PostMapping("/api/orders")
    public ResponseEntity<OrderView> place(@RequestHeader(value = BUYER_HEADER, required = false) String buyer,
            @RequestHeader(value = AUTHORIZATION, required = false) String authorization,
                                           @RequestBody(required = false) PlaceOrderRequest body) {
        long buyerId = buyers.of(buyer, authorization);
        List<OrderLine> lines = lines(body);
        OrderView placed = orders.place(buyerId, lines);
        return ResponseEntity.created(URI.create("/api/orders/" + placed.getId())).body(placed);
    }

    @GetMapping("/api/orders/{id}")
    public OrderView get(@RequestHeader(value = BUYER_HEADER, required = false) String buyer,
            @RequestHeader(value = AUTHORIZATION, required = false) String authorization, @PathVariable("id") String id) {
        long buyerId = buyers.of(buyer, authorization);
        long orderId = Buyers.parseId("id", id);
        OrderView order = orders.get(buyerId, orderId);
        if (order == null) {
            throw new OrderNotFoundException(buyerId, orderId);
        }
        return order;
    }

    @PostMapping("/api/orders/{id}/cancel")
    public OrderView cancel(@RequestHeader(value = BUYER_HEADER, required = false) String buyer,
            @RequestHeader(value = AUTHORIZATION, required = false) String authorization, @PathVariable("id") String id) {
        long buyerId = buyers.of(buyer, authorization);
        long orderId = Buyers.parseId("id", id);
        OrderView order = orders.cancel(buyerId, orderId);
        if (order == null) {
            throw new OrderNotFoundException(buyerId, orderId);
        }
        return order;
    }

    @GetMapping("/api/buyers/{buyerId}/orders")
    public List<OrderView> list(@PathVariable("buyerId") String buyer, @RequestParam(value = "limit", defaultValue = "20") int limit) {
        return orders.list(Buyers.parse("buyerId", buyer), limit);
    }

    private List<OrderLine> lines(PlaceOrderRequest body) {
        if (body == null || body.items() == null || body.items().isEmpty()) {
            throw new BadRequestException("items", "an order needs at least one item, e.g. {\"items\":[{\"productId\":1,\"quantity\":2}]}");
        }
        if (body.items().size() > MAX_LINES) {
            throw new BadRequestException("items", "at most " + MAX_LINES + " items, but there were " + body.items().size());
        }
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < body.items().size(); i++) {
            PlaceOrderRequest.Item item = body.items().get(i);
            String at = "items[" + i + "]";
            if (item == null || item.productId() == null) {
                throw new BadRequestException(at + ".productId", "is required");
            }
            if (item.quantity() == null || item.quantity() <= 0 || item.quantity() > MAX_QUANTITY) {
                throw new BadRequestException(at + ".quantity", "must be 1.." + MAX_QUANTITY + ", but was " + (item == null ? null : item.quantity()));
            }
            Product p = catalog.find(item.productId());
            if (p == null) {
                throw new BadRequestException(at + ".productId", "unknown product " + item.productId());
            }
            lines.add(new OrderLine(p.id(), item.quantity(), p.priceCents()));
        }
        return lines;
    }
}
