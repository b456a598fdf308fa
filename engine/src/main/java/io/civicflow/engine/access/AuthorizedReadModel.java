package io.civicflow.engine.access;

import static io.civicflow.engine.access.PermissionType.READ;
import static io.civicflow.engine.access.PermissionType.READ_DECISION_DEFINITION;
import static io.civicflow.engine.access.PermissionType.READ_DECISION_INSTANCE;
import static io.civicflow.engine.access.PermissionType.READ_PROCESS_DEFINITION;
import static io.civicflow.engine.access.PermissionType.READ_PROCESS_INSTANCE;
import static io.civicflow.engine.access.PermissionType.READ_USER_TASK;
import static io.civicflow.engine.access.ResourceType.DECISION_DEFINITION;
import static io.civicflow.engine.access.ResourceType.DECISION_REQUIREMENTS_DEFINITION;
import static io.civicflow.engine.access.ResourceType.PROCESS_DEFINITION;

import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryQuery;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.CorrelatedMessageSubscriptionRecord;
import io.civicflow.engine.query.Records.DecisionDefinitionRecord;
import io.civicflow.engine.query.Records.DecisionInstanceRecord;
import io.civicflow.engine.query.Records.DecisionRequirementsRecord;
import io.civicflow.engine.query.Records.ElementInstanceRecord;
import io.civicflow.engine.query.Records.FormRecord;
import io.civicflow.engine.query.Records.IncidentRecord;
import io.civicflow.engine.query.Records.JobRecord;
import io.civicflow.engine.query.Records.MessageSubscriptionRecord;
import io.civicflow.engine.query.Records.ProcessDefinitionRecord;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.SequenceFlowRecord;
import io.civicflow.engine.query.Records.UserTaskRecord;
import io.civicflow.engine.query.Records.VariableRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The read model as one caller may see it: every collection and every get leaves out what the
 * caller may not read ({@link AccessCheck}), so a search filters before it sorts and pages, and its
 * {@code totalItems} and cursors are the caller's. What Camunda 8.8 requires to read:
 *
 * <ul>
 *   <li>process definitions, their XML and start forms: {@code READ_PROCESS_DEFINITION} on the
 *       process id;
 *   <li>process instances and everything of them (element instances, variables, jobs, incidents,
 *       sequence flows, message subscriptions): {@code READ_PROCESS_INSTANCE} on the process id;
 *   <li>user tasks: {@code READ_USER_TASK} on the process id, or being the task's assignee, a
 *       candidate user or in a candidate group (what Tasklist shows); who sees a task of an
 *       instance also sees the instance's element instances and variables (the task's form needs
 *       them);
 *   <li>decision definitions: {@code READ_DECISION_DEFINITION}, decision instances {@code
 *       READ_DECISION_INSTANCE} on the decision id; decision requirements {@code READ} on the DRD
 *       id;
 *   <li>forms: the tenant only (Camunda reaches them through a task or a definition);
 * </ul>
 *
 * and all of them only in the caller's tenants.
 */
public final class AuthorizedReadModel implements ReadModel {

  private final ReadModel all;
  private final AccessCheck.Grants grants;
  private final Map<Long, Boolean> readableInstances = new HashMap<>();
  private Set<Long> instancesWithVisibleTasks;

  AuthorizedReadModel(ReadModel all, AccessCheck.Grants grants) {
    this.all = all;
    this.grants = grants;
  }

  /**
   * A get by key as Camunda answers it: the record if the caller may read it; 404 ({@code
   * notFound}) if there is none or it belongs to a tenant not the caller's; 403 {@code FORBIDDEN}
   * naming the missing permission if it is the caller's tenant's but not readable by the caller.
   */
  public static <T> T get(
      ReadModel readModel,
      Function<ReadModel, Optional<T>> lookup,
      Supplier<EngineRejection> notFound) {
    Optional<T> visible = lookup.apply(readModel);
    if (visible.isPresent()) {
      return visible.get();
    }
    if (readModel instanceof AuthorizedReadModel view) {
      Optional<T> there = lookup.apply(view.all);
      if (there.isPresent() && view.grants.inTenant(tenantOf(there.get()))) {
        throw view.denial(there.get());
      }
    }
    throw notFound.get();
  }

  /**
   * Whether the caller of this read model may read what a process instance holds — its variables
   * and the documents attached to it: with {@code READ_PROCESS_INSTANCE} on its process, or as
   * assignee, candidate user or candidate group member of one of its user tasks (the rule its
   * variables are read by). An unknown instance is readable by administrators only.
   */
  public static boolean readsInsideOf(ReadModel readModel, long processInstanceKey) {
    if (readModel instanceof AuthorizedReadModel view) {
      return view.grants.admin() || view.insideVisible(processInstanceKey);
    }
    return true;
  }

  // ------------------------------------------------------------------------------ decisions

  boolean definitionVisible(String bpmnProcessId, String tenantId) {
    return grants.inTenant(tenantId)
        && grants.allows(PROCESS_DEFINITION, READ_PROCESS_DEFINITION, bpmnProcessId);
  }

  boolean instanceVisible(String bpmnProcessId, String tenantId) {
    return grants.inTenant(tenantId)
        && grants.allows(PROCESS_DEFINITION, READ_PROCESS_INSTANCE, bpmnProcessId);
  }

  boolean taskVisible(UserTaskRecord task) {
    return grants.inTenant(task.tenantId())
        && (grants.allows(PROCESS_DEFINITION, READ_USER_TASK, task.bpmnProcessId())
            || AccessCheck.concernedBy(grants.caller(), task));
  }

  /** An instance's insides: readable with the instance, or with one of its tasks. */
  private boolean insideVisible(long processInstanceKey) {
    return readableInstances.computeIfAbsent(
        processInstanceKey,
        key -> {
          Optional<ProcessInstanceRecord> instance = all.processInstance(key);
          if (instance.isPresent()
              && instanceVisible(instance.get().bpmnProcessId(), instance.get().tenantId())) {
            return true;
          }
          return instancesWithVisibleTasks().contains(key);
        });
  }

  private Set<Long> instancesWithVisibleTasks() {
    if (instancesWithVisibleTasks == null) {
      Set<Long> keys = new HashSet<>();
      for (UserTaskRecord task : all.userTasks()) {
        if (taskVisible(task)) {
          keys.add(task.processInstanceKey());
        }
      }
      instancesWithVisibleTasks = keys;
    }
    return instancesWithVisibleTasks;
  }

  private boolean decisionVisible(DecisionDefinitionRecord r) {
    return grants.inTenant(r.tenantId())
        && grants.allows(DECISION_DEFINITION, READ_DECISION_DEFINITION, r.decisionDefinitionId());
  }

  private boolean requirementsVisible(DecisionRequirementsRecord r) {
    return grants.inTenant(r.tenantId())
        && grants.allows(DECISION_REQUIREMENTS_DEFINITION, READ, r.decisionRequirementsId());
  }

  private boolean decisionInstanceVisible(DecisionInstanceRecord r) {
    return grants.inTenant(r.tenantId())
        && grants.allows(DECISION_DEFINITION, READ_DECISION_INSTANCE, r.decisionDefinitionId());
  }

  private static String tenantOf(Object record) {
    if (record instanceof ProcessDefinitionRecord r) {
      return r.tenantId();
    } else if (record instanceof ProcessInstanceRecord r) {
      return r.tenantId();
    } else if (record instanceof ElementInstanceRecord r) {
      return r.tenantId();
    } else if (record instanceof VariableRecord r) {
      return r.tenantId();
    } else if (record instanceof JobRecord r) {
      return r.tenantId();
    } else if (record instanceof IncidentRecord r) {
      return r.tenantId();
    } else if (record instanceof FormRecord r) {
      return r.tenantId();
    } else if (record instanceof UserTaskRecord r) {
      return r.tenantId();
    } else if (record instanceof DecisionDefinitionRecord r) {
      return r.tenantId();
    } else if (record instanceof DecisionRequirementsRecord r) {
      return r.tenantId();
    } else if (record instanceof DecisionInstanceRecord r) {
      return r.tenantId();
    }
    return null;
  }

  /** Why the caller may not read a record of its own tenant. */
  private EngineRejection denial(Object record) {
    if (record instanceof ProcessDefinitionRecord r) {
      return AccessCheck.forbidden(READ_PROCESS_DEFINITION, PROCESS_DEFINITION, r.bpmnProcessId());
    } else if (record instanceof UserTaskRecord r) {
      return AccessCheck.forbidden(READ_USER_TASK, PROCESS_DEFINITION, r.bpmnProcessId());
    } else if (record instanceof DecisionDefinitionRecord r) {
      return AccessCheck.forbidden(
          READ_DECISION_DEFINITION, DECISION_DEFINITION, r.decisionDefinitionId());
    } else if (record instanceof DecisionRequirementsRecord r) {
      return AccessCheck.forbidden(
          READ, DECISION_REQUIREMENTS_DEFINITION, r.decisionRequirementsId());
    } else if (record instanceof DecisionInstanceRecord r) {
      return AccessCheck.forbidden(
          READ_DECISION_INSTANCE, DECISION_DEFINITION, r.decisionDefinitionId());
    }
    String bpmnProcessId = null;
    if (record instanceof ProcessInstanceRecord r) {
      bpmnProcessId = r.bpmnProcessId();
    } else if (record instanceof ElementInstanceRecord r) {
      bpmnProcessId = r.bpmnProcessId();
    } else if (record instanceof JobRecord r) {
      bpmnProcessId = r.bpmnProcessId();
    } else if (record instanceof IncidentRecord r) {
      bpmnProcessId = r.bpmnProcessId();
    } else if (record instanceof VariableRecord r) {
      bpmnProcessId =
          all.processInstance(r.processInstanceKey())
              .map(ProcessInstanceRecord::bpmnProcessId)
              .orElse(null);
    }
    return AccessCheck.forbidden(READ_PROCESS_INSTANCE, PROCESS_DEFINITION, bpmnProcessId);
  }

  private <R> Collection<R> filter(Collection<R> records, Predicate<R> visible) {
    return grants.admin() ? records : records.stream().filter(visible).toList();
  }

  private <R> List<R> filter(List<R> records, Predicate<R> visible) {
    return grants.admin() ? records : records.stream().filter(visible).toList();
  }

  private <R> Optional<R> filter(Optional<R> record, Predicate<R> visible) {
    return grants.admin() ? record : record.filter(visible);
  }

  // ------------------------------------------------------------------------------ read model

  @Override
  public Collection<ProcessDefinitionRecord> processDefinitions() {
    return filter(
        all.processDefinitions(), r -> definitionVisible(r.bpmnProcessId(), r.tenantId()));
  }

  @Override
  public Optional<ProcessDefinitionRecord> processDefinition(long processDefinitionKey) {
    return filter(
        all.processDefinition(processDefinitionKey),
        r -> definitionVisible(r.bpmnProcessId(), r.tenantId()));
  }

  @Override
  public Collection<ProcessInstanceRecord> processInstances() {
    return filter(all.processInstances(), r -> instanceVisible(r.bpmnProcessId(), r.tenantId()));
  }

  @Override
  public Optional<ProcessInstanceRecord> processInstance(long processInstanceKey) {
    return filter(
        all.processInstance(processInstanceKey),
        r -> instanceVisible(r.bpmnProcessId(), r.tenantId()));
  }

  @Override
  public Collection<ElementInstanceRecord> elementInstances() {
    return filter(all.elementInstances(), r -> insideVisible(r.processInstanceKey()));
  }

  @Override
  public List<ElementInstanceRecord> elementInstancesOf(long processInstanceKey) {
    return grants.admin() || insideVisible(processInstanceKey)
        ? all.elementInstancesOf(processInstanceKey)
        : List.of();
  }

  @Override
  public Optional<ElementInstanceRecord> elementInstance(long elementInstanceKey) {
    return filter(
        all.elementInstance(elementInstanceKey), r -> insideVisible(r.processInstanceKey()));
  }

  @Override
  public Collection<VariableRecord> variables() {
    return filter(all.variables(), r -> insideVisible(r.processInstanceKey()));
  }

  @Override
  public List<VariableRecord> variablesOf(long processInstanceKey) {
    return grants.admin() || insideVisible(processInstanceKey)
        ? all.variablesOf(processInstanceKey)
        : List.of();
  }

  @Override
  public Optional<VariableRecord> variable(long variableKey) {
    return filter(all.variable(variableKey), r -> insideVisible(r.processInstanceKey()));
  }

  @Override
  public Collection<JobRecord> jobs() {
    return filter(all.jobs(), r -> instanceVisible(r.bpmnProcessId(), r.tenantId()));
  }

  @Override
  public Optional<JobRecord> job(long jobKey) {
    return filter(all.job(jobKey), r -> instanceVisible(r.bpmnProcessId(), r.tenantId()));
  }

  @Override
  public Collection<IncidentRecord> incidents() {
    return filter(all.incidents(), r -> instanceVisible(r.bpmnProcessId(), r.tenantId()));
  }

  @Override
  public Optional<IncidentRecord> incident(long incidentKey) {
    return filter(all.incident(incidentKey), r -> instanceVisible(r.bpmnProcessId(), r.tenantId()));
  }

  @Override
  public ReadModel live() {
    ReadModel live = all.live();
    return live == all ? this : new AuthorizedReadModel(live, grants);
  }

  /**
   * The store's queries restricted to what this caller reads, for the families whose visibility is
   * the instance's process and tenant (process instances, jobs, incidents); the others (element
   * instances and user tasks are also visible through a task) are filtered record by record.
   */
  @Override
  public Optional<StoredHistory> history(HistoryKind<?> kind) {
    Optional<StoredHistory> history = all.history(kind);
    if (history.isEmpty() || grants.admin()) {
      return history;
    }
    if (kind != HistoryKind.PROCESS_INSTANCE
        && kind != HistoryKind.JOB
        && kind != HistoryKind.INCIDENT) {
      return Optional.empty();
    }
    List<HistoryQuery.Condition> restriction = new ArrayList<>(history.get().restriction());
    grants
        .resourceIds(PROCESS_DEFINITION, READ_PROCESS_INSTANCE)
        .ifPresent(
            ids ->
                restriction.add(
                    new HistoryQuery.In(
                        HistoryQuery.HistoryField.PROCESS, List.copyOf(ids), false)));
    Set<String> tenants =
        grants.caller().tenants().isEmpty()
            ? Set.of(Commands.DEFAULT_TENANT)
            : new TreeSet<>(grants.caller().tenants());
    List<String> values = new ArrayList<>(tenants);
    boolean orAbsent = tenants.contains(Commands.DEFAULT_TENANT);
    if (orAbsent) {
      values.add(""); // a blank tenant is the default one, as is none
    }
    restriction.add(new HistoryQuery.In(HistoryQuery.HistoryField.TENANT, values, orAbsent));
    return Optional.of(history.get().restrictedTo(restriction));
  }

  @Override
  public Collection<VariableRecord> variablesNamed(String name, String value) {
    return filter(all.variablesNamed(name, value), r -> insideVisible(r.processInstanceKey()));
  }

  @Override
  public List<JobRecord> jobsOf(long processInstanceKey) {
    return filter(
        all.jobsOf(processInstanceKey), r -> instanceVisible(r.bpmnProcessId(), r.tenantId()));
  }

  @Override
  public List<IncidentRecord> incidentsOf(long processInstanceKey) {
    return filter(
        all.incidentsOf(processInstanceKey), r -> instanceVisible(r.bpmnProcessId(), r.tenantId()));
  }

  @Override
  public List<UserTaskRecord> userTasksOf(long processInstanceKey) {
    return filter(all.userTasksOf(processInstanceKey), this::taskVisible);
  }

  @Override
  public List<SequenceFlowRecord> sequenceFlowsOf(long processInstanceKey) {
    return filter(
        all.sequenceFlowsOf(processInstanceKey),
        r -> instanceVisible(r.bpmnProcessId(), r.tenantId()));
  }

  @Override
  public Collection<FormRecord> forms() {
    return filter(all.forms(), r -> grants.inTenant(r.tenantId()));
  }

  @Override
  public Optional<FormRecord> form(long formKey) {
    return filter(all.form(formKey), r -> grants.inTenant(r.tenantId()));
  }

  @Override
  public Collection<MessageSubscriptionRecord> messageSubscriptions() {
    return filter(
        all.messageSubscriptions(), r -> instanceVisible(r.bpmnProcessId(), r.tenantId()));
  }

  @Override
  public Collection<CorrelatedMessageSubscriptionRecord> correlatedMessageSubscriptions() {
    return filter(
        all.correlatedMessageSubscriptions(),
        r -> instanceVisible(r.bpmnProcessId(), r.tenantId()));
  }

  @Override
  public Collection<UserTaskRecord> userTasks() {
    return filter(all.userTasks(), this::taskVisible);
  }

  @Override
  public Optional<UserTaskRecord> userTask(long userTaskKey) {
    return filter(all.userTask(userTaskKey), this::taskVisible);
  }

  @Override
  public Optional<FormRecord> startForm(long processDefinitionKey) {
    return processDefinition(processDefinitionKey).isPresent()
        ? all.startForm(processDefinitionKey)
        : Optional.empty();
  }

  @Override
  public Collection<DecisionDefinitionRecord> decisionDefinitions() {
    return filter(all.decisionDefinitions(), this::decisionVisible);
  }

  @Override
  public Optional<DecisionDefinitionRecord> decisionDefinition(long decisionDefinitionKey) {
    return filter(all.decisionDefinition(decisionDefinitionKey), this::decisionVisible);
  }

  @Override
  public Collection<DecisionRequirementsRecord> decisionRequirements() {
    return filter(all.decisionRequirements(), this::requirementsVisible);
  }

  @Override
  public Optional<DecisionRequirementsRecord> decisionRequirements(long decisionRequirementsKey) {
    return filter(all.decisionRequirements(decisionRequirementsKey), this::requirementsVisible);
  }

  @Override
  public Collection<DecisionInstanceRecord> decisionInstances() {
    return filter(all.decisionInstances(), this::decisionInstanceVisible);
  }

  @Override
  public Optional<DecisionInstanceRecord> decisionInstance(String decisionEvaluationInstanceKey) {
    return filter(
        all.decisionInstance(decisionEvaluationInstanceKey), this::decisionInstanceVisible);
  }

  // Batch operations: their items are checked when a batch is created; listing them is open to
  // whoever may search (Camunda's BATCH READ is not modelled here).

  @Override
  public java.util.Collection<io.civicflow.engine.query.Records.BatchOperationRecord>
      batchOperations() {
    return all.batchOperations();
  }

  @Override
  public Optional<io.civicflow.engine.query.Records.BatchOperationRecord> batchOperation(
      long batchOperationKey) {
    return all.batchOperation(batchOperationKey);
  }

  @Override
  public List<io.civicflow.engine.query.Records.BatchOperationItemRecord> batchOperationItems() {
    return all.batchOperationItems();
  }

  @Override
  public List<io.civicflow.engine.query.Records.BatchOperationItemRecord> batchOperationItemsOf(
      long batchOperationKey) {
    return all.batchOperationItemsOf(batchOperationKey);
  }
}
