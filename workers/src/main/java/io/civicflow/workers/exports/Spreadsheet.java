package io.civicflow.workers.exports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes tables as an Excel workbook ({@code .xlsx}, Apache POI): Chinese headers in bold, a frozen
 * header row, numbers as numeric cells with a format — money in yuan with two decimals (given in
 * fen), counts as integers, times as Excel dates in China time — so the bureau's spreadsheets can
 * add them up.
 */
public final class Spreadsheet {

  /** China time: what the dates in the workbook show. */
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** How a column's values are written. */
  public enum Kind {
    /** Text as it is. */
    TEXT,
    /** A whole number (long or int). */
    INTEGER,
    /** Money: given in fen (long), written in yuan with two decimals. */
    YUAN,
    /** A decimal (BigDecimal or double), one decimal shown. */
    DECIMAL,
    /** A percentage given as a fraction (0.3 → 30.0%). */
    PERCENT,
    /** An {@link Instant}, shown as a date and time in China time. */
    DATE_TIME,
    /** A {@link LocalDate}. */
    DATE
  }

  public record Column(String title, Kind kind) {
    public Column {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(kind, "kind");
    }
  }

  /**
   * One sheet.
   *
   * @param name the sheet's name (Chinese, at most 31 characters)
   * @param rows each row's values in column order; null leaves a cell empty
   * @param totals an optional last row (e.g. 合计), null for none
   */
  public record Table(
      String name, List<Column> columns, List<List<Object>> rows, List<Object> totals) {
    public Table {
      Objects.requireNonNull(name, "name");
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }
  }

  private Spreadsheet() {}

  /** The workbook with one sheet per table. */
  public static byte[] write(List<Table> tables) {
    try (XSSFWorkbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Map<Kind, CellStyle> styles = new EnumMap<>(Kind.class);
      var formats = book.createDataFormat();
      styles.put(Kind.INTEGER, style(book, formats.getFormat("#,##0")));
      styles.put(Kind.YUAN, style(book, formats.getFormat("#,##0.00")));
      styles.put(Kind.DECIMAL, style(book, formats.getFormat("0.0")));
      styles.put(Kind.PERCENT, style(book, formats.getFormat("0.0%")));
      styles.put(Kind.DATE_TIME, style(book, formats.getFormat("yyyy-mm-dd hh:mm")));
      styles.put(Kind.DATE, style(book, formats.getFormat("yyyy-mm-dd")));
      CellStyle header = book.createCellStyle();
      Font bold = book.createFont();
      bold.setBold(true);
      header.setFont(bold);
      for (Table table : tables) {
        Sheet sheet = book.createSheet(table.name());
        Row head = sheet.createRow(0);
        for (int c = 0; c < table.columns().size(); c++) {
          Cell cell = head.createCell(c);
          cell.setCellValue(table.columns().get(c).title());
          cell.setCellStyle(header);
        }
        sheet.createFreezePane(0, 1);
        int r = 1;
        for (List<Object> values : table.rows()) {
          fill(sheet.createRow(r++), table.columns(), values, styles);
        }
        if (table.totals() != null) {
          Row totals = sheet.createRow(r);
          fill(totals, table.columns(), table.totals(), styles);
          totals.getCell(0).setCellStyle(header);
        }
        for (int c = 0; c < table.columns().size(); c++) {
          sheet.setColumnWidth(
              c, Math.min(60, Math.max(10, table.columns().get(c).title().length() * 3 + 4)) * 256);
        }
      }
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CellStyle style(XSSFWorkbook book, short format) {
    CellStyle style = book.createCellStyle();
    style.setDataFormat(format);
    return style;
  }

  private static void fill(
      Row row, List<Column> columns, List<Object> values, Map<Kind, CellStyle> styles) {
    for (int c = 0; c < columns.size() && c < values.size(); c++) {
      Object value = values.get(c);
      if (value == null) {
        continue;
      }
      Cell cell = row.createCell(c);
      Kind kind = columns.get(c).kind();
      if (value instanceof String text) {
        cell.setCellValue(text); // a label in a numeric column (合计, 无)
        continue;
      }
      switch (kind) {
        case TEXT -> cell.setCellValue(String.valueOf(value));
        case INTEGER -> cell.setCellValue(((Number) value).longValue());
        case YUAN ->
            cell.setCellValue(
                BigDecimal.valueOf(((Number) value).longValue()).movePointLeft(2).doubleValue());
        case DECIMAL, PERCENT -> cell.setCellValue(new BigDecimal(value.toString()).doubleValue());
        case DATE_TIME -> cell.setCellValue(((Instant) value).atZone(CHINA).toLocalDateTime());
        case DATE -> cell.setCellValue((LocalDate) value);
      }
      if (styles.containsKey(kind)) {
        cell.setCellStyle(styles.get(kind));
      }
    }
  }
}
