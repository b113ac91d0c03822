package io.unitize.controlcenter.integrity.misroute;

import java.util.List;

/** Where misroutes are kept (the control center's store). */
public interface MisrouteLog {

    void record(MisrouteWrite write);

    List<MisrouteWrite> recent(int limit);
}
