package io.civicflow.workers.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.workers.procurement.KunshanUnits;
import io.civicflow.workers.procurement.ProcurementUnit;
import org.junit.jupiter.api.Test;

class ContractNumbersTest {

  private static final ProcurementUnit ZHANGPU = KunshanUnits.byCode("ZP").orElseThrow();

  @Test
  void shouldNumberAKunshanUnitsContractYear() {
    assertThat(ContractNumbers.kunshan(2016, ZHANGPU, 1)).isEqualTo("KS-2016-ZP-Y1");
    assertThat(ContractNumbers.kunshan(2016, ZHANGPU, 2)).isEqualTo("KS-2016-ZP-Y2");
  }

  @Test
  void shouldGiveTheSameNumberForTheSameInputs() {
    assertThat(ContractNumbers.contractNo("KS", 2016, "DSH", 1))
        .isEqualTo(ContractNumbers.contractNo("KS", 2016, "DSH", 1));
  }

  @Test
  void shouldGiveEveryKunshanUnitItsOwnNumber() {
    assertThat(KunshanUnits.all())
        .extracting(unit -> ContractNumbers.kunshan(2016, unit, 1))
        .doesNotHaveDuplicates()
        .allSatisfy(
            number -> assertThat(ContractNumbers.parse(number).roundYear()).isEqualTo(2016));
  }

  @Test
  void shouldParseWhatItFormats() {
    ContractNumbers.Parts parts = ContractNumbers.parse("KS-2016-DSH-Y2");

    assertThat(parts).isEqualTo(new ContractNumbers.Parts("KS", 2016, "DSH", 2));
    assertThat(parts.format()).isEqualTo("KS-2016-DSH-Y2");
  }

  @Test
  void shouldNumberTheRenewalOfAYearOneContract() {
    assertThat(ContractNumbers.renewalOf("KS-2016-ZP-Y1")).isEqualTo("KS-2016-ZP-Y2");
  }

  @Test
  void shouldNotRenewAYearTwoContract() {
    assertThatThrownBy(() -> ContractNumbers.renewalOf("KS-2016-ZP-Y2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("year 2");
  }

  @Test
  void shouldRejectMalformedNumbersAndParts() {
    assertThatThrownBy(() -> ContractNumbers.parse("KS-16-ZP-Y1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KS-16-ZP-Y1");
    assertThatThrownBy(() -> ContractNumbers.parse("KS-2016-ZP-Y3"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContractNumbers.contractNo("ks", 2016, "ZP", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContractNumbers.contractNo("KS", 2016, "Z-P", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContractNumbers.contractNo("KS", 2016, "ZP", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
