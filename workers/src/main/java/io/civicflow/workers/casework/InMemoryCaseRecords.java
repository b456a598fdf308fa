package io.civicflow.workers.casework;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link CaseRecords} held in memory, for tests and the embedded demo. Thread-safe. */
public final class InMemoryCaseRecords implements CaseRecords {

  private final ConcurrentMap<String, CaseFile> files = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, CaseStep> steps = new ConcurrentHashMap<>();

  @Override
  public CaseFile open(CaseFile file) {
    CaseFile existing = files.putIfAbsent(file.caseNo(), file);
    return existing == null ? file : existing;
  }

  @Override
  public Optional<CaseFile> find(String caseNo) {
    return Optional.ofNullable(files.get(caseNo));
  }

  @Override
  public CaseStep record(CaseStep step) {
    CaseStep existing = steps.putIfAbsent(step.stepId(), step);
    return existing == null ? step : existing;
  }

  @Override
  public List<CaseStep> stepsOf(String caseNo) {
    return steps.values().stream()
        .filter(step -> step.caseNo().equals(caseNo))
        .sorted(Comparator.comparing(CaseStep::recordedAt).thenComparing(CaseStep::stepId))
        .toList();
  }
}
