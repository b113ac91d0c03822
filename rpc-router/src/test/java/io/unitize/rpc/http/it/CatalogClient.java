package io.unitize.rpc.http.it;

import io.unitize.rpc.HARoute;
import io.unitize.rpc.RouteType;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;

/** A CENTER service: its providers run in both units, its calls go to the center. */
@HARoute(RouteType.CENTER)
@FeignClient(name = "catalog")
public interface CatalogClient {

    @GetMapping("/catalog/where")
    String where();
}
