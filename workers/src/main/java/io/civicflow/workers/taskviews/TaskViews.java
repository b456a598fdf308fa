package io.civicflow.workers.taskviews;

import java.util.List;

/** Each user's saved task-list views. Callers check ownership; this only stores. */
public interface TaskViews {

  /** The user's views in the order they were saved; empty when none. */
  List<TaskView> of(String userId);

  /** Replaces the user's views (already checked with {@link TaskView#problemOf}). */
  void replace(String userId, List<TaskView> views);
}
