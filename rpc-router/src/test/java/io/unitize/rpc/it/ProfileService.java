package io.unitize.rpc.it;

import io.unitize.rpc.HARoute;
import io.unitize.rpc.RouteType;

@HARoute(RouteType.DEFAULT)
public interface ProfileService {

    String where(String key);
}
