package io.civicflow.workers.procurement;

/** What kind of district a procurement unit is (DOMAIN.md §1). */
public enum UnitKind {
  /** A development zone (区), e.g. 昆山开发区. */
  ZONE("区"),
  /** A town (镇), e.g. 张浦镇. */
  TOWN("镇"),
  /** An urban management area of the city centre (城市管理片区), e.g. 柏庐城市管理片区. */
  URBAN_AREA("片区");

  private final String label;

  UnitKind(String label) {
    this.label = label;
  }

  /** The name an official reads. */
  public String label() {
    return label;
  }
}
