package io.civicflow.engine.state;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.IncidentCreated;
import io.civicflow.engine.event.EngineEvent.IncidentResolved;
import io.civicflow.engine.event.EngineEvent.JobActivated;
import io.civicflow.engine.event.EngineEvent.JobCanceled;
import io.civicflow.engine.event.EngineEvent.JobCompleted;
import io.civicflow.engine.event.EngineEvent.JobCreated;
import io.civicflow.engine.event.EngineEvent.JobErrorThrown;
import io.civicflow.engine.event.EngineEvent.JobFailed;
import io.civicflow.engine.event.EngineEvent.JobRecurred;
import io.civicflow.engine.event.EngineEvent.JobRetriesUpdated;
import io.civicflow.engine.event.EngineEvent.JobTimedOut;
import io.civicflow.engine.event.EngineEvent.JobTimeoutUpdated;
import io.civicflow.engine.event.EngineEvent.JobYielded;
import io.civicflow.engine.state.EngineState.Due;
import java.util.LinkedHashSet;

/**
 * Applies the job and incident events to {@link EngineState} (called by {@link EventApplier}): a
 * job's state and the indexes it is in (activatable by type, deadlines, retry back-offs), and the
 * incidents, whose resolution makes a job with retries left activatable again.
 */
final class JobStateApplier {

  private final EngineState state;

  JobStateApplier(EngineState state) {
    this.state = state;
  }

  /** Applies the event if it is one of these; returns false for any other event. */
  boolean apply(EngineEvent event) {
    if (event instanceof JobCreated e) {
      jobCreated(e);
    } else if (event instanceof EngineEvent.ListenerJobCreated e) {
      jobCreated(
          new Job(
              e.key(),
              e.type(),
              e.retries(),
              e.customHeaders(),
              e.elementInstanceKey(),
              e.processInstanceKey(),
              e.kind(),
              e.listenerEventType(),
              e.listenerIndex()));
    } else if (event instanceof JobActivated e) {
      jobActivated(e);
    } else if (event instanceof JobCompleted e) {
      removeJob(e.key());
    } else if (event instanceof JobCanceled e) {
      removeJob(e.key());
    } else if (event instanceof JobFailed e) {
      jobFailed(e);
    } else if (event instanceof JobRecurred e) {
      Job job = state.jobs.get(e.key());
      state.jobBackoffs.remove(new Due(job.retryAt, job.key()));
      job.retryAt = 0;
      makeActivatable(job);
    } else if (event instanceof JobTimedOut e) {
      unlock(state.jobs.get(e.key()));
    } else if (event instanceof JobYielded e) {
      unlock(state.jobs.get(e.key()));
    } else if (event instanceof JobRetriesUpdated e) {
      state.jobs.get(e.key()).retries = e.retries();
    } else if (event instanceof JobTimeoutUpdated e) {
      Job job = state.jobs.get(e.key());
      state.jobDeadlines.remove(new Due(job.deadline, job.key()));
      job.deadline = e.deadline();
      state.jobDeadlines.add(new Due(job.deadline, job.key()));
    } else if (event instanceof JobErrorThrown e) {
      Job job = state.jobs.get(e.key());
      leaveCurrentState(job);
      job.state = Job.State.ERROR_THROWN;
      job.errorMessage = e.errorMessage();
    } else if (event instanceof IncidentCreated e) {
      incidentCreated(e);
    } else if (event instanceof IncidentResolved e) {
      incidentResolved(e);
    } else {
      return false;
    }
    return true;
  }

  private void jobCreated(JobCreated e) {
    jobCreated(
        new Job(
            e.key(),
            e.type(),
            e.retries(),
            e.customHeaders(),
            e.elementInstanceKey(),
            e.processInstanceKey()));
  }

  private void jobCreated(Job job) {
    state.jobs.put(job.key(), job);
    ElementInstance instance = state.elementInstances.get(job.elementInstanceKey());
    if (instance != null) {
      instance.jobKey = job.key();
    }
    makeActivatable(job);
  }

  private void jobActivated(JobActivated e) {
    Job job = state.jobs.get(e.key());
    leaveCurrentState(job);
    job.state = Job.State.ACTIVATED;
    job.worker = e.worker();
    job.deadline = e.deadline();
    state.jobDeadlines.add(new Due(e.deadline(), e.key()));
  }

  private void jobFailed(JobFailed e) {
    Job job = state.jobs.get(e.key());
    leaveCurrentState(job);
    job.retries = e.retries();
    job.errorMessage = e.errorMessage();
    if (e.retries() <= 0) {
      job.state = Job.State.FAILED;
    } else if (e.retryAt() > 0) {
      job.state = Job.State.BACKOFF;
      job.retryAt = e.retryAt();
      state.jobBackoffs.add(new Due(e.retryAt(), e.key()));
    } else {
      makeActivatable(job);
    }
  }

  private void removeJob(long key) {
    Job job = state.jobs.remove(key);
    if (job == null) {
      return;
    }
    leaveCurrentState(job);
    ElementInstance instance = state.elementInstances.get(job.elementInstanceKey());
    if (instance != null && instance.jobKey != null && instance.jobKey == key) {
      instance.jobKey = null;
    }
  }

  /** Takes a job out of whatever index its current state puts it in. */
  private void leaveCurrentState(Job job) {
    switch (job.state) {
      case ACTIVATABLE -> {
        LinkedHashSet<Long> keys = state.activatableJobsByType.get(job.type());
        if (keys != null) {
          keys.remove(job.key());
        }
      }
      case ACTIVATED -> state.jobDeadlines.remove(new Due(job.deadline, job.key()));
      case BACKOFF -> state.jobBackoffs.remove(new Due(job.retryAt, job.key()));
      default -> {}
    }
  }

  /** An activated job loses its worker and deadline and waits for the next activation. */
  private void unlock(Job job) {
    state.jobDeadlines.remove(new Due(job.deadline, job.key()));
    job.deadline = 0;
    job.worker = null;
    makeActivatable(job);
  }

  /** Makes a job activatable again (used also when an incident on it is resolved). */
  private void makeActivatable(Job job) {
    job.state = Job.State.ACTIVATABLE;
    state
        .activatableJobsByType
        .computeIfAbsent(job.type(), t -> new LinkedHashSet<>())
        .add(job.key());
  }

  private void incidentCreated(IncidentCreated e) {
    state.incidents.put(
        e.key(),
        new Incident(
            e.key(),
            e.errorType(),
            e.errorMessage(),
            e.elementInstanceKey(),
            e.processInstanceKey(),
            e.jobKey()));
    ElementInstance instance = state.elementInstances.get(e.elementInstanceKey());
    if (instance != null) {
      instance.incidentKey = e.key();
    }
  }

  private void incidentResolved(IncidentResolved e) {
    Incident incident = state.incidents.remove(e.key());
    if (incident == null) {
      return;
    }
    ElementInstance instance = state.elementInstances.get(incident.elementInstanceKey());
    if (instance != null && instance.incidentKey != null && instance.incidentKey == e.key()) {
      instance.incidentKey = null;
    }
    if (incident.jobKey() != null) {
      Job job = state.jobs.get(incident.jobKey());
      if (job != null && job.retries > 0 && job.state != Job.State.ACTIVATABLE) {
        leaveCurrentState(job);
        makeActivatable(job);
      }
    }
  }
}
