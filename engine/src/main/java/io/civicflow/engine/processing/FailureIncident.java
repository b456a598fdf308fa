package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.ElementActivated;
import io.civicflow.engine.event.EngineEvent.ElementActivating;
import io.civicflow.engine.event.EngineEvent.ElementCompleted;
import io.civicflow.engine.event.EngineEvent.ElementCompleting;
import io.civicflow.engine.event.EngineEvent.ElementTerminated;
import io.civicflow.engine.event.EngineEvent.ElementTerminating;
import io.civicflow.engine.event.EngineEvent.IncidentResolved;
import io.civicflow.engine.event.EngineEvent.JobActivated;
import io.civicflow.engine.event.EngineEvent.JobCanceled;
import io.civicflow.engine.event.EngineEvent.JobCompleted;
import io.civicflow.engine.event.EngineEvent.JobErrorThrown;
import io.civicflow.engine.event.EngineEvent.JobFailed;
import io.civicflow.engine.event.EngineEvent.JobRecurred;
import io.civicflow.engine.event.EngineEvent.JobRetriesUpdated;
import io.civicflow.engine.event.EngineEvent.JobTimedOut;
import io.civicflow.engine.event.EngineEvent.JobTimeoutUpdated;
import io.civicflow.engine.event.EngineEvent.JobYielded;
import io.civicflow.engine.event.EngineEvent.MessageCorrelated;
import io.civicflow.engine.event.EngineEvent.SequenceFlowTaken;
import io.civicflow.engine.event.EngineEvent.TimerTriggered;
import io.civicflow.engine.event.EngineEvent.VariableCreated;
import io.civicflow.engine.event.EngineEvent.VariableUpdated;
import io.civicflow.engine.event.UserTaskEvent.UserTaskAssigned;
import io.civicflow.engine.event.UserTaskEvent.UserTaskCanceled;
import io.civicflow.engine.event.UserTaskEvent.UserTaskCompleted;
import io.civicflow.engine.event.UserTaskEvent.UserTaskUpdated;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.EngineState;
import io.civicflow.engine.state.Incident;
import io.civicflow.engine.state.Job;
import io.civicflow.engine.state.UserTask;
import java.util.List;
import java.util.Optional;

/**
 * The incident of a command that failed part-way (a bug). Its events were discarded and the state
 * restored; then the element instance it was working on — the one its first discarded event
 * concerns that still exists, e.g. the job's element for a job completion, the catch event's (or
 * the activity's, for a boundary event) for a timer or a message — gets an incident of Zeebe's type
 * {@value IncidentBehavior#UNKNOWN}, written as a command of its own. So the failure shows in
 * Operate's terms instead of the instance stalling unseen. A command that concerns no existing
 * instance (a creation, a deployment) gets none, nor does an element that already has one.
 *
 * <p>Such an incident stops nothing: whoever sent the command may send it again (a worker, a
 * correlating client; due work is tried again by itself). Resolving it acknowledges it; the element
 * completing or terminating resolves it too.
 */
final class FailureIncident {

  private FailureIncident() {}

  /** The element instance a failed command's discarded events concern, in the restored state. */
  static Optional<ElementInstance> concerned(EngineState state, List<EngineEvent> discarded) {
    for (EngineEvent event : discarded) {
      Long key = elementInstanceKey(state, event);
      if (key == null) {
        continue;
      }
      Optional<ElementInstance> instance = state.elementInstance(key);
      if (instance.isPresent()) {
        return instance.get().incidentKey() == null ? instance : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The message of the incident: what failed, without the stack (the log has it). */
  static String message(Throwable failure) {
    return "Expected to process a command on this element, but it failed unexpectedly ("
        + failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
        + "); nothing of it was applied. Send the command again once the cause is fixed.";
  }

  private static Long elementInstanceKey(EngineState state, EngineEvent event) {
    if (event instanceof ElementActivating e) {
      return e.flowScopeKey() >= 0 ? Long.valueOf(e.flowScopeKey()) : e.parentElementInstanceKey();
    } else if (event instanceof ElementActivated e) {
      return e.key();
    } else if (event instanceof ElementCompleting e) {
      return e.key();
    } else if (event instanceof ElementCompleted e) {
      return e.key();
    } else if (event instanceof ElementTerminating e) {
      return e.key();
    } else if (event instanceof ElementTerminated e) {
      return e.key();
    } else if (event instanceof SequenceFlowTaken e) {
      return e.flowScopeKey();
    } else if (event instanceof VariableCreated e) {
      return e.scopeKey();
    } else if (event instanceof VariableUpdated e) {
      return e.scopeKey();
    } else if (event instanceof MessageCorrelated e) {
      return e.elementInstanceKey();
    } else if (event instanceof TimerTriggered e) {
      return state.events().timer(e.key()).map(t -> t.elementInstanceKey()).orElse(null);
    } else if (event instanceof IncidentResolved e) {
      return state.incident(e.key()).map(Incident::elementInstanceKey).orElse(null);
    }
    Long jobKey = jobKey(event);
    if (jobKey != null) {
      return state.job(jobKey).map(Job::elementInstanceKey).orElse(null);
    }
    Long userTaskKey = userTaskKey(event);
    if (userTaskKey != null) {
      return state
          .humanTasks()
          .userTask(userTaskKey)
          .map(UserTask::elementInstanceKey)
          .orElse(null);
    }
    return null;
  }

  private static Long jobKey(EngineEvent event) {
    if (event instanceof JobCompleted e) {
      return e.key();
    } else if (event instanceof JobFailed e) {
      return e.key();
    } else if (event instanceof JobErrorThrown e) {
      return e.key();
    } else if (event instanceof JobActivated e) {
      return e.key();
    } else if (event instanceof JobTimedOut e) {
      return e.key();
    } else if (event instanceof JobRecurred e) {
      return e.key();
    } else if (event instanceof JobYielded e) {
      return e.key();
    } else if (event instanceof JobRetriesUpdated e) {
      return e.key();
    } else if (event instanceof JobTimeoutUpdated e) {
      return e.key();
    } else if (event instanceof JobCanceled e) {
      return e.key();
    }
    return null;
  }

  private static Long userTaskKey(EngineEvent event) {
    if (event instanceof UserTaskAssigned e) {
      return e.key();
    } else if (event instanceof UserTaskUpdated e) {
      return e.key();
    } else if (event instanceof UserTaskCompleted e) {
      return e.key();
    } else if (event instanceof UserTaskCanceled e) {
      return e.key();
    }
    return null;
  }
}
