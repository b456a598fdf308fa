package io.civicflow.workers.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PdfWriterTest {

  private final PdfWriter writer = new PdfWriter(PdfWriter.DEFAULT_FONT);

  @Test
  void chineseTextIsEmbeddedAndReadBackByAnotherReader() {
    byte[] pdf =
        writer.write(
            new Paper(
                "成交通知书",
                "编号：KSCG-2016-HQ-CJ1",
                List.of("昆山市阳光社会工作服务社：", "　　成交金额：人民币780000.00元（每合同年度）。")));

    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    String text = PdfText.of(pdf);
    assertThat(text).contains("成交通知书", "编号：KSCG-2016-HQ-CJ1", "昆山市阳光社会工作服务社", "人民币780000.00元");
    // a subset of the font is embedded, not the whole 5 MB collection
    assertThat(pdf.length).isLessThan(100_000);
  }

  @Test
  void theSamePaperIsTheSameBytes() {
    Paper paper = new Paper("验收报告", "编号：KS-2016-ZP-Y2-YS", List.of("服务内容全部完成，同意验收。"));

    assertThat(writer.write(paper)).isEqualTo(writer.write(paper));
    assertThat(writer.write(paper))
        .isNotEqualTo(writer.write(new Paper("验收报告", "编号：KS-2016-ZP-Y2-YS", List.of("不同意验收。"))));
  }

  @Test
  void longParagraphsWrapWithoutSplittingNumbersAndFlowOntoMorePages() {
    List<String> paragraphs = new ArrayList<>();
    for (int i = 1; i <= 80; i++) {
      paragraphs.add("第" + i + "项　为辖区困境群体提供专业社会工作服务，报价780000.00元，综合得分88.40分，培育公益组织，开展社区治理。");
    }
    String text = PdfText.of(writer.write(new Paper("评审报告", "", paragraphs)));

    assertThat(text).contains("第80项").contains("\f"); // pdftotext separates pages by form feeds
    assertThat(text.split("780000.00元", -1)).hasSize(81);
  }

  @Test
  void aMissingFontIsNamedWithWhatToInstall() {
    PdfWriter without = new PdfWriter(Path.of("/nonexistent/font.ttc"));

    assertThatThrownBy(() -> without.write(new Paper("成交通知书", "", List.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fonts-wqy-microhei");
  }
}
