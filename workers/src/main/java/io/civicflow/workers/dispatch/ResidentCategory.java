package io.civicflow.workers.dispatch;

/**
 * The kinds of special residents a service request or a case is about: the one list of them.
 *
 * <p>Taicang names "16 kinds of special residents" (12 visited regularly, 4 temporarily) without
 * listing them (DOMAIN.md §4). This list takes the vulnerable groups of the Kunshan service
 * catalogue (DOMAIN.md §1, item 4: 1–9) and adds the groups Chinese community social work commonly
 * visits (10–16). Officials change it here; {@code ResidentCategoryFormTest} keeps the select
 * options of the forms {@code service-request} and {@code case-intake} equal to it.
 */
public enum ResidentCategory {
  LOW_INCOME("低保及低收入家庭"),
  ASSISTANCE_RECIPIENT("特困供养及救助对象"),
  ELDERLY_LIVING_ALONE("独居老人"),
  CHILD_IN_DIFFICULTY("困境儿童"),
  BEREAVED_ONLY_CHILD_FAMILY("失独家庭"),
  DOMESTIC_VIOLENCE("家庭暴力受害者"),
  SINGLE_PARENT_FAMILY("单亲家庭"),
  DISABLED("残疾人"),
  DRUG_OR_PRISONER_FAMILY("吸毒人员及服刑人员家庭"),
  ELDERLY_OVER_80("高龄老人（80岁以上）"),
  EMPTY_NEST_ELDERLY("空巢老人"),
  LEFT_BEHIND_CHILD("留守儿童"),
  SERIOUSLY_ILL("重大疾病患者"),
  MENTAL_DISORDER("严重精神障碍患者"),
  COMMUNITY_CORRECTION("社区矫正对象及刑满释放人员"),
  ENTITLED_GROUP("优抚对象及退役军人");

  private final String label;

  ResidentCategory(String label) {
    this.label = label;
  }

  /** The Chinese name shown in forms. */
  public String label() {
    return label;
  }

  /**
   * The category with this code.
   *
   * @throws IllegalArgumentException naming the known codes
   */
  public static ResidentCategory of(String code) {
    for (ResidentCategory category : values()) {
      if (category.name().equals(code)) {
        return category;
      }
    }
    throw new IllegalArgumentException(
        "Unknown residentCategory '" + code + "'; known: " + java.util.Arrays.toString(values()));
  }
}
