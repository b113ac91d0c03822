package io.unitize.rpc.it;

import io.unitize.rpc.HARoute;
import io.unitize.rpc.RouteType;

@HARoute(RouteType.CENTER)
public interface CatalogService {

    String where(String sku);
}
