package io.civicflow.workers.notices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.calendar.WorkingDayCalendar;
import io.civicflow.workers.documents.DocumentFile;
import io.civicflow.workers.outbox.InMemoryOutbox;
import io.civicflow.workers.outbox.OutboxMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notice board shows the public notices of every type, newest first, narrowed by type,
 * district, year and project number, each with its legal time limit met — and nothing else: not a
 * letter to a bidder, not a payment instruction, and no field beyond the allow-list.
 */
class NoticeBoardTest {

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final Deadlines deadlines = new Deadlines(WorkingDayCalendar.fromClasspath());
  private final NoticeBoard board = new NoticeBoard(outbox, deadlines);

  private static Instant at(String time) {
    return ProcessTime.parse(time).toInstant();
  }

  @BeforeEach
  void publish() {
    post(
        "KSCG-2016-ZP:announcement:1",
        "notice.announcement",
        "KSCG-2016-ZP",
        "public",
        "张浦镇社区社会工作服务项目竞争性磋商公告（第1次）",
        "2016-07-11T09:00:00+08:00");
    post(
        "KSCG-2016-ZP:correction:1",
        "notice.correction",
        "KSCG-2016-ZP",
        "public",
        "张浦镇社区社会工作服务项目更正公告",
        "2016-07-13T09:00:00+08:00");
    outbox.post(
        new OutboxMessage(
            "KSCG-2016-ZP:award:1",
            "notice.award",
            "KSCG-2016-ZP",
            "public",
            "KSCG-2016-ZP 成交结果公告：昆山市阳光社工服务社",
            "内容",
            at("2016-08-19T15:00:00+08:00"),
            Map.of(
                "winner", "昆山市阳光社工服务社",
                "awardedPrice", "780000.00元",
                "committee", "评审专家 赵老师、评审专家 钱老师",
                // a name the allow-list does not know never leaves
                "expertScores", "赵老师 88.5"),
            List.of(
                new DocumentFile(
                    "doc-1",
                    "in-memory",
                    "hash-1",
                    "成交通知书-KSCG-2016-ZP.pdf",
                    "application/pdf",
                    2048))));
    post(
        "KS-2016-ZP-Y1:publication",
        "notice.contract",
        "KS-2016-ZP-Y1",
        "public",
        "KSCG-2016-ZP 政府采购合同公告（KS-2016-ZP-Y1，昆山市阳光社工服务社）",
        "2016-08-30T10:00:00+08:00");
    post(
        "KS-2016-ZP-Y1:termination",
        "notice.termination",
        "KS-2016-ZP-Y1",
        "public",
        "张浦镇社区社会工作服务合同终止公告",
        "2017-04-10T10:00:00+08:00");
    post(
        "KS-2016-LJ-Y2:acceptance",
        "notice.acceptance",
        "KS-2016-LJ-Y2",
        "public",
        "陆家镇社区社会工作服务项目履约验收结果公告：通过",
        "2018-08-20T10:00:00+08:00");
    // never on the board: letters and instructions addressed to someone
    post(
        "KSCG-2016-ZP:award:1:letter:C",
        "letter.result",
        "KSCG-2016-ZP",
        "org:C",
        "致苏州市乐仁社工服务社：评审结果告知",
        "2016-08-19T15:00:00+08:00");
    post(
        "KSCG-2016-ZP:tender:1:bond-refund:C",
        "payment.bond-refund",
        "KSCG-2016-ZP",
        "procurement-agency",
        "退还苏州市乐仁社工服务社投标保证金",
        "2016-08-19T15:00:00+08:00");
    post(
        "notify.sign-reminder:7",
        "notify.sign-reminder",
        "KSCG-2016-ZP",
        "civil-affairs",
        "张浦镇服务合同须于8月31日前签订",
        "2016-08-24T09:00:00+08:00");
  }

  private void post(String id, String topic, String key, String to, String title, String time) {
    outbox.post(new OutboxMessage(id, topic, key, to, title, "内容", at(time)));
  }

  @Test
  void everyTypeIsListedNewestFirstAndNothingAddressedToSomeone() {
    assertThat(board.all())
        .extracting(PublicNotice::type)
        .containsExactly(
            "acceptance", "termination", "contract", "award", "correction", "announcement");
    assertThat(board.all())
        .extracting(PublicNotice::typeLabel)
        .contains("采购公告", "更正公告", "成交结果公告", "合同公告", "终止公告", "验收结果公告");
    assertThat(board.get("KSCG-2016-ZP:award:1:letter:C")).isEmpty();
    assertThat(board.get("notify.sign-reminder:7")).isEmpty();
  }

  @Test
  void searchByTypeDistrictYearAndProjectNumber() {
    assertThat(board.search("award", null, null, null))
        .singleElement()
        .satisfies(n -> assertThat(n.id()).isEqualTo("KSCG-2016-ZP:award:1"));
    assertThat(board.search(null, "陆家镇", null, null)).hasSize(1);
    assertThat(board.search(null, null, 2016, null)).hasSize(4);
    assertThat(board.search(null, null, null, "kscg-2016-zp"))
        .extracting(PublicNotice::type)
        .containsExactly("contract", "award", "correction", "announcement");
  }

  @Test
  void theAwardAndTheContractShowTheLegalDeadlineTheyMet() {
    PublicNotice award = board.get("KSCG-2016-ZP:award:1").orElseThrow();
    assertThat(award.publishedAt()).isEqualTo("2016-08-19T15:00:00+08:00");
    // published on Friday the award day; two working days from then end on Tuesday the 23rd
    assertThat(award.publishedBy()).isEqualTo("2016-08-23T17:00:00+08:00");
    assertThat(award.legalTimeLimit()).contains("2个工作日内");
    PublicNotice contract = board.get("KS-2016-ZP-Y1:publication").orElseThrow();
    assertThat(ProcessTime.parse(contract.publishedAt()))
        .isBeforeOrEqualTo(ProcessTime.parse(contract.publishedBy()));
  }

  @Test
  void everyNoticeOfEveryTypeCarriesOnlyTheFieldsOfItsType() {
    ObjectMapper json = new ObjectMapper();
    List<String> types = new ArrayList<>();
    for (PublicNotice notice : board.all()) {
      ObjectNode fields = json.valueToTree(notice);
      List<String> names = new ArrayList<>();
      fields.fieldNames().forEachRemaining(names::add);
      assertThat(names)
          .as(notice.type())
          .isSubsetOf(PublicNotice.fields(NoticeType.ofSlug(notice.type()).orElseThrow()));
      types.add(notice.type());
    }
    assertThat(types)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(NoticeType.values()).map(NoticeType::slug).toList());
    for (PublicNotice.Attachment attachment :
        board.all().stream().flatMap(n -> n.attachments().stream()).toList()) {
      List<String> names = new ArrayList<>();
      json.valueToTree(attachment).fieldNames().forEachRemaining(names::add);
      assertThat(names).isSubsetOf(PublicNotice.ATTACHMENT_FIELDS);
    }
  }

  @Test
  void theAwardCarriesItsStructuredFieldsAndLinksOnlyItsOwnDocuments() {
    PublicNotice award = board.get("KSCG-2016-ZP:award:1").orElseThrow();
    assertThat(award.detail("winner")).isEqualTo("昆山市阳光社工服务社");
    assertThat(award.detail("awardedPrice")).isEqualTo("780000.00元");
    assertThat(award.detail("committee")).isEqualTo("评审专家 赵老师、评审专家 钱老师");
    assertThat(new ObjectMapper().valueToTree(award).toString()).doesNotContain("88.5");
    assertThat(award.attachments())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.name()).isEqualTo("成交通知书-KSCG-2016-ZP.pdf");
              assertThat(a.href()).isEqualTo("/notices/KSCG-2016-ZP%3Aaward%3A1/attachments/1");
            });
    assertThat(board.attachment("KSCG-2016-ZP:award:1", 1))
        .hasValueSatisfying(f -> assertThat(f.documentId()).isEqualTo("doc-1"));
    assertThat(board.attachment("KSCG-2016-ZP:award:1", 2)).isEmpty();
    assertThat(board.attachment("KSCG-2016-ZP:award:1", 0)).isEmpty();
    assertThat(board.attachment("KSCG-2016-ZP:award:1:letter:C", 1)).isEmpty();
  }
}
