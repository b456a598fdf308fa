package io.civicflow.workers.dispatch;

/** Who reported the need (Taicang: grid workers, building heads and social workers). */
public enum ReporterType {
  /** 网格员. */
  GRID_WORKER,
  /** 楼道长. */
  BUILDING_HEAD,
  /** 社工. */
  SOCIAL_WORKER
}
