package io.civicflow.workers.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    List<PanelMember> panel = formation.draw("KSCG-2016-ZP", 80_000_000L, List.of(), null).panel();

    assertThat(panel).hasSize(5);
    assertThat(experts(panel)).isEqualTo(4);
    assertThat(panel).contains(new PanelMember("civil1", PanelMember.Kind.PURCHASER));
    assertThat(panel).extracting(PanelMember::userId).doesNotHaveDuplicates();
  }

  @Test
  void aProjectOfTenMillionYuanGetsSevenMembersWithAtLeastTwoThirdsExperts() {
    List<PanelMember> panel =
        formation.draw("KSCG-2016-ZP", 1_000_000_000L, List.of(), null).panel();

    assertThat(panel).hasSize(7);
    assertThat(experts(panel)).isEqualTo(6);
    assertThat(PanelFormation.minimumExperts(7)).isEqualTo(5);
    assertThat(PanelFormation.minimumExperts(5)).isEqualTo(4);
  }

  @Test
  void representativesOnlyFillTheSeatsTheTwoThirdsRuleLeaves() {
    PanelFormation withThree =
        new PanelFormation(new ExpertPool(NINE, List.of("civil1", "civil2", "civil3")));

    assertThat(experts(withThree.draw("P-1", 80_000_000L, List.of(), null).panel())).isEqualTo(4);
    assertThat(experts(withThree.draw("P-1", 1_000_000_000L, List.of(), null).panel()))
        .isEqualTo(5);
  }

  @Test
  void theDrawIsRandomNotAFunctionOfTheProjectNumberAndOddSized() {
    // 126 possible committees of 4 out of 9: twenty draws of the same project are not all equal
    Set<List<PanelMember>> committees = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      List<PanelMember> panel =
          formation.draw("KSCG-2016-ZP", 80_000_000L, List.of(), null).panel();
      assertThat(panel.size() % 2).isEqualTo(1);
      committees.add(panel);
    }
    assertThat(committees).hasSizeGreaterThan(1);
  }

  @Test
  void anExpertTiedToABidderIsRecusedAndTheDrawIsRecordedWithoutASeed() {
    PanelFormation withTies =
        new PanelFormation(
            new ExpertPool(
                NINE,
                List.of("civil1"),
                Map.of("expert3", List.of("BIDDER-A"), "expert5", List.of("SOMEONE-ELSE"))));

    for (int i = 0; i < 20; i++) {
      PanelFormation.Draw draw =
          withTies.draw(
              "KSCG-2016-ZP", 80_000_000L, List.of("BIDDER-A", "BIDDER-B"), "2016-08-11T09:00");
      assertThat(draw.panel()).extracting(PanelMember::userId).doesNotContain("expert3");
      assertThat(draw.recused())
          .containsExactly(new PanelFormation.Recusal("expert3", List.of("BIDDER-A")));
      assertThat(draw.poolSize()).isEqualTo(9);
      assertThat(draw.method()).isEqualTo("SecureRandom");
      assertThat(draw.drawnAt()).isEqualTo("2016-08-11T09:00");
    }
  }

  @Test
  void recusalThatLeavesTooFewExpertsIsRefused() {
    PanelFormation tied =
        new PanelFormation(
            new ExpertPool(
                List.of("expert1", "expert2", "expert3", "expert4"),
                List.of("civil1"),
                Map.of("expert1", List.of("BIDDER-A"))));

    assertThatThrownBy(() -> tied.draw("P-2", 80_000_000L, List.of("BIDDER-A"), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 recused");
  }

  @Test
  void aPoolTooSmallIsRefused() {
    PanelFormation small =
        new PanelFormation(
            new ExpertPool(List.of("expert1", "expert2", "expert3"), List.of("civil1")));

    assertThatThrownBy(() -> small.draw("KSCG-2016-ZP", 80_000_000L, List.of(), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs 4");
  }
}
