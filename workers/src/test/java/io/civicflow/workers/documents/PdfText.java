package io.civicflow.workers.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The text of a PDF as {@code pdftotext} (poppler-utils, installed by {@code
 * scripts/install-pdf-tools.sh}) reads it: an independent reader, so a test proves the PDF shows
 * the text, not only that PDFBox wrote it.
 */
public final class PdfText {

  private PdfText() {}

  public static String of(byte[] pdf) {
    try {
      Process process =
          new ProcessBuilder("pdftotext", "-enc", "UTF-8", "-", "-")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(pdf);
      }
      String text;
      try (InputStream out = process.getInputStream()) {
        text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("pdftotext failed on a PDF of " + pdf.length + " bytes");
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("pdftotext (poppler-utils) could not be run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
