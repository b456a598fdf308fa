package io.civicflow.workers.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.workers.exports.Spreadsheet.Column;
import io.civicflow.workers.exports.Spreadsheet.Kind;
import io.civicflow.workers.exports.Spreadsheet.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The workbook read back with POI: Chinese headers, numbers as numeric cells with their formats.
 */
class SpreadsheetTest {

  @Test
  void moneyIsWrittenInYuanAsNumbersWithTwoDecimalsAndTimesAsDatesInChinaTime() throws IOException {
    Table table =
        new Table(
            "资金拨付",
            List.of(
                new Column("合同编号", Kind.TEXT),
                new Column("已拨付（元）", Kind.YUAN),
                new Column("评估次数", Kind.INTEGER),
                new Column("拨付比例", Kind.PERCENT),
                new Column("拨付时间", Kind.DATE_TIME)),
            List.of(
                Arrays.asList(
                    "KS-2016-ZP-Y1",
                    24_000_001L,
                    2L,
                    new BigDecimal("0.3"),
                    Instant.parse("2016-09-01T02:00:00Z")),
                Arrays.asList("KS-2016-ZS-Y1", 32_000_000L, null, BigDecimal.ONE, null)),
            Arrays.asList("合计", 56_000_001L, 2L, null, null));

    try (XSSFWorkbook book =
        new XSSFWorkbook(new ByteArrayInputStream(Spreadsheet.write(List.of(table))))) {
      Sheet sheet = book.getSheet("资金拨付");
      assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("已拨付（元）");
      Row first = sheet.getRow(1);
      assertThat(first.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(first.getCell(1).getNumericCellValue()).isEqualTo(240_000.01);
      assertThat(first.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
      assertThat(first.getCell(2).getNumericCellValue()).isEqualTo(2.0);
      assertThat(first.getCell(3).getNumericCellValue()).isEqualTo(0.3);
      assertThat(first.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
      // 10:00 in Shanghai, whatever the JVM's zone
      assertThat(first.getCell(4).getLocalDateTimeCellValue())
          .isEqualTo(LocalDateTime.of(2016, 9, 1, 10, 0));
      assertThat(sheet.getRow(2).getCell(2)).isNull();
      Row totals = sheet.getRow(3);
      assertThat(totals.getCell(0).getStringCellValue()).isEqualTo("合计");
      assertThat(totals.getCell(1).getNumericCellValue())
          .isEqualTo(
              first.getCell(1).getNumericCellValue()
                  + sheet.getRow(2).getCell(1).getNumericCellValue());
      assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
    }
  }
}
