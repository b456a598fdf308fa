package io.civicflow.workers.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PanelFormationTest {

  private static final List<String> NINE =
      IntStream.rangeClosed(1, 9).mapToObj(i -> "expert" + i).toList();

  private final PanelFormation formation =
      new PanelFormation(new ExpertPool(NINE, List.of("civil1")));

  private static long experts(List<PanelMember> panel) {
    return panel.stream().filter(m -> m.kind() == PanelMember.Kind.EXPERT).count();
  }

  @Test
  void anOrdinaryProjectGetsFourExpertsAndOnePurchaser() {
    List<PanelMember> panel = formation.form("KSCG-2016-ZP", 80_000_000L);

    assertThat(panel).hasSize(5);
    assertThat(experts(panel)).isEqualTo(4);
    assertThat(panel).contains(new PanelMember("civil1", PanelMember.Kind.PURCHASER));
    assertThat(panel).extracting(PanelMember::userId).doesNotHaveDuplicates();
  }

  @Test
  void aProjectOfTenMillionYuanGetsSevenMembersWithAtLeastTwoThirdsExperts() {
    List<PanelMember> panel = formation.form("KSCG-2016-ZP", 1_000_000_000L);

    assertThat(panel).hasSize(7);
    assertThat(experts(panel)).isEqualTo(6);
    assertThat(PanelFormation.minimumExperts(7)).isEqualTo(5);
    assertThat(PanelFormation.minimumExperts(5)).isEqualTo(4);
  }

  @Test
  void representativesOnlyFillTheSeatsTheTwoThirdsRuleLeaves() {
    PanelFormation withThree =
        new PanelFormation(new ExpertPool(NINE, List.of("civil1", "civil2", "civil3")));

    assertThat(experts(withThree.form("P-1", 80_000_000L))).isEqualTo(4);
    assertThat(experts(withThree.form("P-1", 1_000_000_000L))).isEqualTo(5);
  }

  @Test
  void theDrawIsDeterministicPerProjectAndOddSized() {
    assertThat(formation.form("KSCG-2016-ZP", 80_000_000L))
        .isEqualTo(formation.form("KSCG-2016-ZP", 80_000_000L));
    assertThat(formation.form("KSCG-2016-ZP", 80_000_000L).size() % 2).isEqualTo(1);
  }

  @Test
  void aPoolTooSmallIsRefused() {
    PanelFormation small =
        new PanelFormation(
            new ExpertPool(List.of("expert1", "expert2", "expert3"), List.of("civil1")));

    assertThatThrownBy(() -> small.form("KSCG-2016-ZP", 80_000_000L))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs 4");
  }
}
