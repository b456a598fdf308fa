package io.civicflow.workers.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Renders a {@link Paper} as an A4 PDF with Apache PDFBox, the Chinese text in a CJK TrueType font
 * that is embedded (as a subset of the glyphs used), so the PDF shows and extracts the same text on
 * any reader without fonts of its own. The font must have TrueType outlines ({@code glyf}): PDFBox
 * cannot subset CFF-based OpenType such as Noto Sans CJK. The default is WenQuanYi Micro Hei
 * (Debian {@code fonts-wqy-microhei}, Apache-2.0), which has Latin letters and digits too.
 */
public final class PdfWriter {

  /** Where Debian's {@code fonts-wqy-microhei} puts the font. */
  public static final Path DEFAULT_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

  private static final float MARGIN = 72;
  private static final float TITLE_SIZE = 20;
  private static final float TEXT_SIZE = 12;
  private static final float LEADING = 1.6f;

  private final Path fontFile;

  /**
   * @param fontFile a TrueType font ({@code .ttf}) or collection ({@code .ttc}, its first font)
   */
  public PdfWriter(Path fontFile) {
    this.fontFile = Objects.requireNonNull(fontFile, "fontFile");
  }

  /**
   * The PDF of {@code paper}.
   *
   * @throws IllegalStateException if the font file is missing
   */
  public byte[] write(Paper paper) {
    if (!Files.isReadable(fontFile)) {
      throw new IllegalStateException(
          "The CJK font for generated PDFs is missing: "
              + fontFile
              + " (install Debian's fonts-wqy-microhei, see scripts/install-pdf-tools.sh, or set"
              + " civicflow.documents.pdf-font to another TrueType font)");
    }
    try (PDDocument document = new PDDocument();
        FontHandle handle = FontHandle.open(fontFile)) {
      PDType0Font font = PDType0Font.load(document, handle.font(), true);
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle(paper.title());
      info.setProducer("CivicFlow");
      new Layout(document, font).write(paper);
      // the file identifier from the text, not the clock: the same paper is the same bytes, so a
      // retried job finds the document it issued before (GeneratedDocuments)
      byte[] id = Arrays.copyOf(sha256(paper.text()), 16);
      COSArray ids = new COSArray();
      ids.add(new COSString(id));
      ids.add(new COSString(id));
      document.getDocument().getTrailer().setItem(COSName.ID, ids);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the PDF of " + paper.title(), e);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A font and the collection it came from, closed together once the document is saved. */
  private record FontHandle(TrueTypeFont font, AutoCloseable owner) implements AutoCloseable {

    static FontHandle open(Path file) throws IOException {
      if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
        TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
        List<TrueTypeFont> fonts = new ArrayList<>();
        collection.processAllFonts(fonts::add);
        if (fonts.isEmpty()) {
          collection.close();
          throw new IOException("No font in " + file);
        }
        return new FontHandle(fonts.get(0), collection);
      }
      TrueTypeFont font =
          new org.apache.fontbox.ttf.TTFParser()
              .parse(new org.apache.pdfbox.io.RandomAccessReadBufferedFile(file.toFile()));
      return new FontHandle(font, font);
    }

    @Override
    public void close() throws IOException {
      try {
        owner.close();
      } catch (IOException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e);
      }
    }
  }

  /** Lines top-down over as many A4 pages as the paper needs. */
  private static final class Layout {
    private final PDDocument document;
    private final PDType0Font font;
    private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private PDPageContentStream stream;
    private float y;

    Layout(PDDocument document, PDType0Font font) {
      this.document = document;
      this.font = font;
    }

    void write(Paper paper) throws IOException {
      newPage();
      try {
        line(paper.title(), TITLE_SIZE, Align.CENTER);
        y -= TEXT_SIZE;
        if (!paper.reference().isEmpty()) {
          line(paper.reference(), TEXT_SIZE, Align.RIGHT);
        }
        for (String paragraph : paper.paragraphs()) {
          if (paragraph.isEmpty()) {
            y -= TEXT_SIZE * LEADING;
            continue;
          }
          for (String wrapped : wrap(paragraph, TEXT_SIZE)) {
            line(wrapped, TEXT_SIZE, Align.LEFT);
          }
        }
      } finally {
        stream.close();
      }
    }

    private enum Align {
      LEFT,
      CENTER,
      RIGHT
    }

    private void line(String text, float size, Align align) throws IOException {
      if (y - size * LEADING < MARGIN) {
        stream.close();
        newPage();
      }
      y -= size * LEADING;
      float textWidth = width(text, size);
      float x =
          switch (align) {
            case LEFT -> MARGIN;
            case CENTER -> MARGIN + (width - textWidth) / 2;
            case RIGHT -> MARGIN + width - textWidth;
          };
      stream.beginText();
      stream.setFont(font, size);
      stream.newLineAtOffset(x, y);
      stream.showText(text);
      stream.endText();
    }

    /**
     * Breaks {@code paragraph} into lines that fit the width: Chinese between any two characters, a
     * run of Latin letters and digits (a price, a number) only before or after it.
     */
    private List<String> wrap(String paragraph, float size) throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (String token : tokens(paragraph)) {
        if (line.length() > 0 && width(line + token, size) > width) {
          lines.add(line.toString());
          line.setLength(0);
        }
        line.append(token);
      }
      if (line.length() > 0) {
        lines.add(line.toString());
      }
      return lines;
    }

    private static List<String> tokens(String paragraph) {
      List<String> tokens = new ArrayList<>();
      int i = 0;
      while (i < paragraph.length()) {
        int end = i;
        while (end < paragraph.length() && isLatin(paragraph.charAt(end))) {
          end++;
        }
        if (end == i) {
          end = i + Character.charCount(paragraph.codePointAt(i));
        }
        tokens.add(paragraph.substring(i, end));
        i = end;
      }
      return tokens;
    }

    private static boolean isLatin(char c) {
      return c < 0x80 && c != ' ';
    }

    private float width(String text, float size) throws IOException {
      return font.getStringWidth(text) / 1000 * size;
    }

    private void newPage() throws IOException {
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      stream = new PDPageContentStream(document, page);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }
  }
}
