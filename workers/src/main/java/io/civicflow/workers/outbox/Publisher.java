package io.civicflow.workers.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who publishes the procurement notices and how the public reaches them: the purchaser, the
 * procurement agency, the place where response files are handed in and opened, and the contact
 * every notice states (财库〔2017〕86号-style templates: 采购人、采购代理机构及联系方式). Institutions only — never a
 * person's private data.
 *
 * @param purchaser 采购人 ({@code civicflow.procurement.purchaser})
 * @param agency 采购代理机构 ({@code civicflow.procurement.agency})
 * @param place 响应文件递交及开启地点 ({@code civicflow.procurement.place})
 * @param contact 联系方式 of the purchaser and the agency ({@code civicflow.procurement.contact})
 */
public record Publisher(String purchaser, String agency, String place, String contact) {

  /** The Kunshan round's publisher, the default of the settings. */
  public static final Publisher KUNSHAN =
      new Publisher("昆山市民政局", "昆山市政府采购中心", "昆山市政府采购中心开标室", "采购人：昆山市民政局；采购代理机构：昆山市政府采购中心");

  /**
   * The facts every notice of this publisher states, by the names the notice board knows ({@code
   * notices.NoticeType}).
   */
  public Map<String, String> facts() {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("purchaser", purchaser);
    facts.put("agency", agency);
    facts.put("contact", contact);
    return facts;
  }
}
