package io.unitize.controlcenter.integrity.datacheck;

import java.util.List;
import java.util.Optional;

/** Where data checks are kept (the control center's store). */
public interface DataCheckRepository {

    void save(DataCheck check);

    Optional<DataCheck> find(String id);

    List<DataCheck> recent(int limit);

    List<DataCheck> ofCutover(String cutoverId);

    List<DataCheck> running();
}
