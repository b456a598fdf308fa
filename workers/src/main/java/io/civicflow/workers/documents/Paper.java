package io.civicflow.workers.documents;

import java.util.List;
import java.util.Objects;

/**
 * A paper the workers issue (成交通知书, 合同草案, 评审报告, 验收报告): a title, an optional reference line (the
 * document number) and paragraphs, in the order they are printed. Plain data, so what a paper says
 * can be tested without rendering it; {@link PdfWriter} renders it.
 *
 * @param reference printed under the title, right-aligned, e.g. {@code 编号：KSCG-2016-ZP-CJ}; may be
 *     empty
 * @param paragraphs printed one after another, wrapped to the page width; an empty string is a
 *     blank line
 */
public record Paper(String title, String reference, List<String> paragraphs) {

  public Paper {
    Objects.requireNonNull(title, "title");
    reference = reference == null ? "" : reference;
    paragraphs = List.copyOf(paragraphs);
  }

  /** The whole text, title first, one paragraph a line: what a text extraction should find. */
  public String text() {
    StringBuilder text = new StringBuilder(title).append('\n');
    if (!reference.isEmpty()) {
      text.append(reference).append('\n');
    }
    paragraphs.forEach(p -> text.append(p).append('\n'));
    return text.toString();
  }
}
