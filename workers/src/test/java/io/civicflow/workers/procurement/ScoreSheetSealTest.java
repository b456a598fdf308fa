package io.civicflow.workers.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreSheetSealTest {

  private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  private final ScoreSheetSeal seal = ScoreSheetSeal.withKey(KEY);
  private final ScoreSheet sheet =
      new ScoreSheet(
          "expert1",
          List.of(
              new ScoreSheet.Score("BIDDER-A", new BigDecimal("88.5")),
              new ScoreSheet.Score("BIDDER-B", new BigDecimal("72"))));

  private String seat(String projectNo, String member) {
    return seal.sealSeat(projectNo, new PanelMember(member, PanelMember.Kind.EXPERT));
  }

  @Test
  void aSealedSeatNamesNoOneAndOpensOnlyForItsProject() {
    String seat = seat("KSCG-2016-ZP", "expert1");

    String decoded =
        new String(
            java.util.Base64.getDecoder().decode(seat),
            java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(decoded).doesNotContain("expert1").doesNotContain("EXPERT");
    assertThat(seal.openSeat("KSCG-2016-ZP", seat))
        .isEqualTo(new PanelMember("expert1", PanelMember.Kind.EXPERT));
    assertThatThrownBy(() -> seal.openSeat("KSCG-2016-HQ", seat))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSealedSheetShowsNoScoreAndOpensToTheSameSheet() {
    String seat = seat("KSCG-2016-ZP", "expert1");
    ScoreSheetSeal.SealedSheet sealed = seal.seal("KSCG-2016-ZP", seat, sheet);

    // the sheet travels with its sealed seat, never with its member in clear
    assertThat(sealed.seat()).isEqualTo(seat).doesNotContain("expert1");
    // the sealed text is ciphertext: decoded, it holds neither a score nor a bidder (a random IV
    // makes
    // the encoded text itself vary, so it can contain any two characters by chance)
    String decoded =
        new String(
            java.util.Base64.getDecoder().decode(sealed.sealed()),
            java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(decoded).doesNotContain("88.5").doesNotContain("BIDDER").doesNotContain("expert1");
    assertThat(seal.open("KSCG-2016-ZP", sealed)).isEqualTo(sheet);
    assertThat(ScoreSheetSeal.withKey(KEY).open("KSCG-2016-ZP", sealed)).isEqualTo(sheet);
  }

  @Test
  void aSheetPassedOffAsAnotherMembersOrProjectsOrUnderAnotherKeyDoesNotOpen() {
    ScoreSheetSeal.SealedSheet sealed =
        seal.seal("KSCG-2016-ZP", seat("KSCG-2016-ZP", "expert1"), sheet);
    String otherSeat = seat("KSCG-2016-ZP", "expert2");

    assertThatThrownBy(
            () ->
                seal.open(
                    "KSCG-2016-ZP", new ScoreSheetSeal.SealedSheet(otherSeat, sealed.sealed())))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> seal.open("KSCG-2016-HQ", sealed))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ScoreSheetSeal.withKey("").open("KSCG-2016-ZP", sealed))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("score-sheet-key");
  }

  @Test
  void thePanelDrawIsSealedUntilTheAwardAndOpensOnlyForItsProject() {
    PanelFormation.Draw draw =
        new PanelFormation.Draw(
            "KSCG-2016-ZP",
            "2016-08-11T09:00:00+08:00",
            "SecureRandom",
            9,
            List.of(new PanelFormation.Recusal("expert9", List.of("BIDDER-A"))),
            List.of(new PanelMember("expert1", PanelMember.Kind.EXPERT)));

    String sealed = seal.sealRecord("KSCG-2016-ZP", "panelDraw", draw);

    assertThat(sealed).doesNotContain("expert").doesNotContain("SecureRandom");
    assertThat(seal.openRecord("KSCG-2016-ZP", "panelDraw", sealed, PanelFormation.Draw.class))
        .isEqualTo(draw);
    assertThatThrownBy(
            () -> seal.openRecord("KSCG-2016-HQ", "panelDraw", sealed, PanelFormation.Draw.class))
        .isInstanceOf(IllegalStateException.class);
  }
}
