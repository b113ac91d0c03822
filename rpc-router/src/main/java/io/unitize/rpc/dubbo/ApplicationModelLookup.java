package io.unitize.rpc.dubbo;

import org.apache.dubbo.rpc.model.ApplicationModel;
import org.apache.dubbo.rpc.model.ModuleModel;
import org.apache.dubbo.rpc.model.ScopeModel;

/** Finds the Dubbo application a scope model (an application or one of its modules) belongs to. */
final class ApplicationModelLookup {

    private ApplicationModelLookup() {
    }

    /** The application of {@code model}; null for a framework model or an unknown kind. */
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
