package io.civicflow.engine.testing;

import io.civicflow.engine.Engine;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.TieredReadModel;
import java.util.LinkedHashMap;
import java.util.Map;

/** Everything an engine's read model holds, runtime and history store, as JSON to compare. */
public final class ReadModelDump {

  private ReadModelDump() {}

  public static String of(Engine engine) throws Exception {
    TieredReadModel tiered = (TieredReadModel) engine.readModel();
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("runtime", tiered.runtime().image());
    for (HistoryKind<?> kind : HistoryKind.ALL) {
      all.put(kind.name(), tiered.runtime().historyStore().all(kind));
    }
    return Json.MAPPER.writeValueAsString(all);
  }
}
