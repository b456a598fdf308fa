package io.civicflow.workers.notices;

import io.civicflow.workers.documents.DocumentFile;
import io.civicflow.workers.documents.DocumentReference;
import io.civicflow.workers.documents.Documents;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public notice board, without login: {@code GET /notices} (newest first; {@code type}, {@code
 * district}, {@code year}, {@code projectNo} narrow it), {@code GET /notices/{id}} (one notice, a
 * stable address), {@code GET /notices/{id}/attachments/{n}} (a document the notice links), {@code
 * GET /notices/feed.atom} (Atom), and the same as JSON under {@code /api/notices}. Mobile-friendly
 * Chinese HTML with landmarks, labels and no script.
 */
@RestController
public class NoticeBoardController {

  private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
  private static final MediaType ATOM =
      new MediaType("application", "atom+xml", StandardCharsets.UTF_8);

  private final NoticeBoard board;
  private final Documents documents;

  public NoticeBoardController(NoticeBoard board, Documents documents) {
    this.board = board;
    this.documents = documents;
  }

  /**
   * The {@code n}th document notice {@code id} links (the award notice PDF, the acceptance report),
   * read from the document store with its content hash: only what a notice links is ever served.
   */
  @GetMapping("/notices/{id}/attachments/{n}")
  public ResponseEntity<?> attachment(@PathVariable String id, @PathVariable int n) {
    Optional<DocumentFile> file = board.attachment(id, n);
    if (file.isEmpty()) {
      return notFound("Notice " + id + " has no attachment " + n);
    }
    DocumentFile f = file.get();
    byte[] content;
    try {
      content =
          documents.content(
              new DocumentReference(
                  DocumentReference.CAMUNDA, f.storeId(), f.documentId(), f.contentHash(), null));
    } catch (Documents.DocumentNotFoundException e) {
      return notFound("The document of notice " + id + " attachment " + n + " is gone");
    }
    return ResponseEntity.ok()
        .contentType(
            f.contentType().isBlank()
                ? MediaType.APPLICATION_OCTET_STREAM
                : MediaType.parseMediaType(f.contentType()))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline()
                .filename(f.fileName(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(content);
  }

  private static ResponseEntity<ProblemDetail> notFound(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
    problem.setTitle("NOT_FOUND");
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  @GetMapping("/api/notices")
  public List<PublicNotice> list(
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String district,
      @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String projectNo) {
    return board.search(type, district, year, projectNo);
  }

  @GetMapping("/api/notices/{id}")
  public ResponseEntity<PublicNotice> one(@PathVariable String id) {
    return board.get(id).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
  }

  @GetMapping("/notices")
  public ResponseEntity<String> page(
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String district,
      @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String projectNo) {
    List<PublicNotice> notices = board.search(type, district, year, projectNo);
    StringBuilder body = new StringBuilder();
    body.append("<h1>政府采购公告</h1>");
    body.append("<form method=\"get\" action=\"/notices\" role=\"search\" class=\"filters\">");
    body.append("<label>公告类型<select name=\"type\"><option value=\"\">全部</option>");
    for (NoticeType t : NoticeType.values()) {
      body.append("<option value=\"")
          .append(t.slug())
          .append(t.slug().equals(type) ? "\" selected>" : "\">")
          .append(t.label())
          .append("</option>");
    }
    body.append("</select></label>");
    field(body, "区镇", "district", district, "text");
    field(body, "年份", "year", year == null ? null : String.valueOf(year), "number");
    field(body, "项目编号", "projectNo", projectNo, "search");
    body.append("<button type=\"submit\">查询</button></form>");
    body.append("<p role=\"status\">共 ").append(notices.size()).append(" 条公告</p>");
    body.append("<ol class=\"notices\">");
    for (PublicNotice n : notices) {
      body.append("<li><a href=\"/notices/")
          .append(url(n.id()))
          .append("\">")
          .append(esc(n.title()))
          .append("</a><br><span class=\"meta\">")
          .append(esc(n.typeLabel()))
          .append(" · 项目编号 ")
          .append(esc(n.projectNo()))
          .append(" · 发布时间 <time datetime=\"")
          .append(esc(n.publishedAt()))
          .append("\">")
          .append(esc(shown(n.publishedAt())))
          .append("</time></span></li>");
    }
    body.append("</ol>");
    body.append("<p><a href=\"/notices/feed.atom\">订阅（Atom）</a></p>");
    return html(HttpStatus.OK, "政府采购公告", body.toString());
  }

  @GetMapping("/notices/{id}")
  public ResponseEntity<String> notice(@PathVariable String id) {
    return board
        .get(id)
        .map(
            n -> {
              StringBuilder body = new StringBuilder();
              body.append("<p><a href=\"/notices\">← 全部公告</a></p>");
              body.append("<article><h1>").append(esc(n.title())).append("</h1><dl>");
              row(body, "公告类型", n.typeLabel());
              row(body, "项目编号", n.projectNo());
              n.details().forEach((name, value) -> row(body, label(n, name), shownIfTime(value)));
              row(body, "发布时间", shown(n.publishedAt()));
              row(body, "法定时限", n.legalTimeLimit());
              row(body, "最迟发布时间", shown(n.publishedBy()));
              row(body, "是否按时发布", n.deadlineMet() ? "按时发布" : "逾期发布");
              body.append("</dl><section aria-label=\"公告内容\"><p>")
                  .append(esc(n.text()))
                  .append("</p></section>");
              if (!n.attachments().isEmpty()) {
                body.append("<section aria-label=\"附件\"><h2>附件</h2><ul>");
                for (PublicNotice.Attachment a : n.attachments()) {
                  body.append("<li><a href=\"")
                      .append(esc(a.href()))
                      .append("\">")
                      .append(esc(a.name()))
                      .append("</a>（")
                      .append(a.contentType().equals("application/pdf") ? "PDF，" : "")
                      .append(Math.max(1, (a.size() + 1023) / 1024))
                      .append(" KB）</li>");
                }
                body.append("</ul></section>");
              }
              body.append("</article>");
              return html(HttpStatus.OK, n.title(), body.toString());
            })
        .orElseGet(
            () ->
                html(
                    HttpStatus.NOT_FOUND,
                    "公告不存在",
                    "<h1>公告不存在</h1><p><a href=\"/notices\">返回全部公告</a></p>"));
  }

  @GetMapping("/notices/feed.atom")
  public ResponseEntity<String> feed() {
    List<PublicNotice> notices = board.all();
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">")
        .append("<title>政府采购公告</title><id>urn:civicflow:notices</id>")
        .append("<link rel=\"self\" href=\"/notices/feed.atom\"/><link href=\"/notices\"/>")
        .append("<updated>")
        .append(notices.isEmpty() ? "1970-01-01T00:00:00Z" : esc(notices.get(0).publishedAt()))
        .append("</updated><author><name>CivicFlow</name></author>");
    for (PublicNotice n : notices) {
      xml.append("<entry><title>")
          .append(esc(n.title()))
          .append("</title><id>urn:civicflow:notice:")
          .append(esc(n.id()))
          .append("</id><link href=\"/notices/")
          .append(url(n.id()))
          .append("\"/><updated>")
          .append(esc(n.publishedAt()))
          .append("</updated><category term=\"")
          .append(esc(n.type()))
          .append("\" label=\"")
          .append(esc(n.typeLabel()))
          .append("\"/><published>")
          .append(esc(n.publishedAt()))
          .append("</published><summary>")
          .append(esc(summary(n)))
          .append("</summary></entry>");
    }
    xml.append("</feed>");
    return ResponseEntity.ok().contentType(ATOM).body(xml.toString());
  }

  private static ResponseEntity<String> html(HttpStatus status, String title, String body) {
    String page =
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>"
            + esc(title)
            + " - CivicFlow</title>"
            + "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"政府采购公告\""
            + " href=\"/notices/feed.atom\">"
            + "<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:0;"
            + "line-height:1.6;color:#1a1a1a}header,main{max-width:48rem;margin:0 auto;"
            + "padding:0.75rem 1rem}header{border-bottom:1px solid #ccc}a{color:#0b4f9c}"
            + ".filters{display:flex;flex-wrap:wrap;gap:0.5rem;align-items:end}"
            + ".filters label{display:flex;flex-direction:column;font-size:0.9rem}"
            + "input,select,button{font:inherit;padding:0.3rem;min-height:2.2rem}"
            + ".notices{padding-left:1.2rem}.notices li{margin:0.6rem 0}"
            + ".meta{color:#555;font-size:0.9rem}dl{display:grid;grid-template-columns:auto 1fr;"
            + "gap:0.2rem 1rem}dt{font-weight:bold}.skip{position:absolute;left:-999px}"
            + ".skip:focus{left:0}</style></head><body>"
            + "<a class=\"skip\" href=\"#main\">跳到正文</a>"
            + "<header><a href=\"/notices\">CivicFlow 政府采购公告栏</a></header>"
            + "<main id=\"main\">"
            + body
            + "</main></body></html>";
    return ResponseEntity.status(status).contentType(HTML).body(page);
  }

  private static void field(StringBuilder body, String label, String name, String value, String t) {
    body.append("<label>")
        .append(label)
        .append("<input type=\"")
        .append(t)
        .append("\" name=\"")
        .append(name)
        .append("\" value=\"")
        .append(value == null ? "" : esc(value))
        .append("\"></label>");
  }

  /** The feed's summary: the structured fields in words, then the text. */
  private static String summary(PublicNotice notice) {
    StringBuilder text = new StringBuilder();
    notice
        .details()
        .forEach(
            (name, value) ->
                text.append(label(notice, name))
                    .append("：")
                    .append(shownIfTime(value))
                    .append("；"));
    text.append("发布时间：")
        .append(shown(notice.publishedAt()))
        .append("（")
        .append(notice.legalTimeLimit())
        .append("）。");
    return text.append(notice.text()).toString();
  }

  /** What a reader sees for a structured field of {@link NoticeType#fields()}. */
  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("projectName", "项目名称"),
          Map.entry("purchaser", "采购人"),
          Map.entry("agency", "采购代理机构"),
          Map.entry("contact", "联系方式"),
          Map.entry("method", "采购方式"),
          Map.entry("budget", "预算金额"),
          Map.entry("ceilingPrice", "最高限价"),
          Map.entry("documentsUntil", "采购文件获取截止时间"),
          Map.entry("bidDeadline", "响应文件递交截止时间"),
          Map.entry("place", "响应文件递交及开启地点"),
          Map.entry("announcementPeriodEnds", "公告期限至"),
          Map.entry("originalNotice", "原公告"),
          Map.entry("correction", "更正事项"),
          Map.entry("winner", "供应商"),
          Map.entry("awardedPrice", "成交金额"),
          Map.entry("committee", "评审委员会成员"),
          Map.entry("noticePeriodEnds", "公告期限至"),
          Map.entry("contractNo", "合同编号"),
          Map.entry("signedAt", "合同签订日期"),
          Map.entry("contractAmount", "合同金额"),
          Map.entry("terminatedAt", "终止日期"),
          Map.entry("terminationReason", "终止原因"),
          Map.entry("acceptanceResult", "验收结论"));

  private static String label(PublicNotice notice, String name) {
    if (name.equals("winner") && notice.type().equals(NoticeType.AWARD.slug())) {
      return "成交供应商";
    }
    return LABELS.getOrDefault(name, name);
  }

  /** A date-time as an official reads it; any other value as it is. */
  private static String shownIfTime(String value) {
    return value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*") ? shown(value) : value;
  }

  private static void row(StringBuilder body, String term, String value) {
    body.append("<dt>").append(term).append("</dt><dd>").append(esc(value)).append("</dd>");
  }

  /** {@code 2016-08-19T15:00:00+08:00} as {@code 2016-08-19 15:00}. */
  private static String shown(String isoTime) {
    return isoTime.length() >= 16
        ? isoTime.substring(0, 10) + " " + isoTime.substring(11, 16)
        : isoTime;
  }

  private static String url(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
