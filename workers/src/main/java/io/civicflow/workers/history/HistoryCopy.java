package io.civicflow.workers.history;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.civicflow.engine.history.H2HistoryStore;
import io.civicflow.engine.history.HistoryDocument;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.query.Records.BatchOperationRecord;
import io.civicflow.engine.query.Records.DecisionInstanceRecord;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchClientFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the history of a standalone engine (its embedded H2 store, {@code <data-dir>/history/})
 * into the application's Elasticsearch, for an installation that moves from the standalone engine
 * to the application on the same data directory: {@code java -jar civicflow-app.jar history-copy
 * <data-dir> [<elasticsearch url> [<index prefix>]]} (defaults {@code http://127.0.0.1:9200},
 * {@code civicflow-history}), with neither running. Every document keeps its key, expiry and place
 * in the order, is filed in the month it ended, and the store's exported journal position is
 * recorded last, so the application's engine continues exporting after it (nothing twice, nothing
 * missing). Refused into indices that already hold history.
 */
public final class HistoryCopy {

  /** The first argument that runs this instead of the application. */
  public static final String COMMAND = "history-copy";

  private static final Logger LOG = LoggerFactory.getLogger(HistoryCopy.class);
  private static final int CHUNK = 1000;

  private HistoryCopy() {}

  /** {@code history-copy <data-dir> [<elasticsearch url> [<index prefix>]]}. */
  public static void run(String[] args) throws Exception {
    if (args.length < 2 || args.length > 4) {
      throw new IllegalArgumentException(
          "usage: " + COMMAND + " <data-dir> [<elasticsearch url> [<index prefix>]]");
    }
    Path history = Path.of(args[1]).resolve("history");
    URI url = URI.create(args.length > 2 ? args[2] : "http://127.0.0.1:9200");
    String prefix = args.length > 3 ? args[3] : "civicflow-history";
    if (!Files.isDirectory(history)) {
      throw new IllegalArgumentException("No history store in " + history);
    }
    ElasticsearchClient client = ElasticsearchClientFactory.create(url);
    try (H2HistoryStore from = H2HistoryStore.open(history)) {
      long copied = copy(from, new ElasticsearchHistoryStore(client, prefix));
      LOG.info(
          "Copied {} history documents from {} to {} (indices {}-*)", copied, history, url, prefix);
    } finally {
      client._transport().close();
    }
  }

  /** Copies every document of {@code from} into {@code to}, then its position; answers how many. */
  public static long copy(H2HistoryStore from, ElasticsearchHistoryStore to) {
    if (to.exportedPosition() > 0) {
      throw new IllegalStateException(
          "The Elasticsearch history indices already hold history (exported up to journal position "
              + to.exportedPosition()
              + "); copy into new ones (another index prefix)");
    }
    long position = from.exportedPosition();
    if (position == 0) {
      return 0;
    }
    Map<Long, Long> endOfRoot = new HashMap<>();
    long[] copied = {0};
    for (HistoryKind<?> kind : HistoryKind.ALL) {
      List<HistoryDocument> chunk = new ArrayList<>(CHUNK);
      int[] ordinal = {0};
      from.documents(
          kind,
          d -> {
            chunk.add(withEnd(d, from, endOfRoot));
            if (chunk.size() == CHUNK) {
              to.copy(position, ordinal[0], chunk);
              ordinal[0] += chunk.size();
              copied[0] += chunk.size();
              chunk.clear();
            }
          });
      to.copy(position, ordinal[0], chunk);
      copied[0] += chunk.size();
    }
    to.write(position, List.of());
    return copied[0];
  }

  /**
   * The document with the end H2 does not store: its root instance's end, a standalone evaluation's
   * date, its batch operation's end.
   */
  private static HistoryDocument withEnd(
      HistoryDocument d, H2HistoryStore from, Map<Long, Long> endOfRoot) {
    long end;
    if (d.record() instanceof DecisionInstanceRecord r
        && r.decisionEvaluationKey() == d.rootProcessInstanceKey()) {
      end = r.evaluationDate();
    } else {
      end =
          endOfRoot.computeIfAbsent(
              d.rootProcessInstanceKey(),
              root ->
                  from.get(HistoryKind.PROCESS_INSTANCE, String.valueOf(root))
                      .map(ProcessInstanceRecord::endDate)
                      .or(
                          () ->
                              from.get(HistoryKind.BATCH_OPERATION, String.valueOf(root))
                                  .map(HistoryCopy::endOf))
                      .orElse(0L));
    }
    return new HistoryDocument(
        d.kind(),
        d.key(),
        d.processInstanceKey(),
        d.rootProcessInstanceKey(),
        d.bpmnProcessId(),
        end,
        d.expiresAt(),
        d.record());
  }

  private static long endOf(BatchOperationRecord b) {
    return b.endDate() == null ? b.startDate() : b.endDate();
  }
}
