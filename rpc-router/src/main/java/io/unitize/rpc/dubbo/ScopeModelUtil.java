package io.unitize.rpc.dubbo;

import org.apache.dubbo.rpc.model.ApplicationModel;
import org.apache.dubbo.rpc.model.ModuleModel;
import org.apache.dubbo.rpc.model.ScopeModel;

final class ScopeModelUtil {

    private ScopeModelUtil() {
    }

    static ApplicationModel applicationOf(ScopeModel model) {
        if (model instanceof ApplicationModel app) {
            return app;
        }
        if (model instanceof ModuleModel module) {
            return module.getApplicationModel();
        }
        return null;
    }
}
