package io.unitize.rpc.http.it;

import io.unitize.rpc.HARoute;
import io.unitize.rpc.RouteType;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The adopter's Feign client of a UNIT service: the buyer is every method's first parameter. */
@HARoute(RouteType.UNIT)
@FeignClient(name = "orders")
public interface OrdersClient {

    @GetMapping("/orders/{buyerId}/where")
    String where(@PathVariable("buyerId") long buyerId);

    @PostMapping("/orders/{buyerId}")
    String place(@PathVariable("buyerId") long buyerId, @RequestParam("item") String item);
}
