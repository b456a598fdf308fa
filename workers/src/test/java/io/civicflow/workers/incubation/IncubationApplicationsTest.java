package io.civicflow.workers.incubation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.calendar.WorkingDayCalendar;
import io.civicflow.workers.incubation.IncubationApplications.IncubationApplication;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncubationApplicationsTest {

  private final IncubationApplications applications =
      new IncubationApplications(new Deadlines(WorkingDayCalendar.fromClasspath()));

  @Test
  void anApplicationIsScreenedWithinFiveWorkingDaysAndGetsAStableOrgId() {
    IncubationApplication application =
        applications.register(
            "沙溪镇邻里互助会",
            null,
            RegistrationStatus.UNREGISTERED,
            ProcessTime.parse("2025-09-29T10:00:00+08:00[Asia/Shanghai]"));

    assertThat(application.orgId()).matches("ORG-20250929-[0-9a-f]{6}");
    assertThat(application.registered()).isFalse();
    assertThat(application.applicationDate()).isEqualTo("2025-09-29T10:00:00+08:00");
    // 30 Sep, then National Day 1–8 Oct, then 9, 10, 11 (make-up Saturday), 13 Oct
    assertThat(application.screeningDeadline()).isEqualTo("2025-10-13T17:00:00+08:00");
    assertThat(
            applications
                .register(
                    "沙溪镇邻里互助会",
                    "",
                    RegistrationStatus.REGISTERED,
                    ProcessTime.parse("2025-09-29T01:00:00Z"))
                .orgId())
        .isEqualTo(application.orgId());
  }

  @Test
  void aReApplicationKeepsItsOrgIdAndANameIsRequired() {
    assertThat(
            applications
                .register(
                    "沙溪镇邻里互助会",
                    "ORG-20240101-abcdef",
                    RegistrationStatus.REGISTERED,
                    ProcessTime.parse("2025-03-03T09:00:00+08:00"))
                .orgId())
        .isEqualTo("ORG-20240101-abcdef");
    assertThatThrownBy(
            () ->
                applications.register(
                    " ",
                    null,
                    RegistrationStatus.REGISTERED,
                    ProcessTime.parse("2025-03-03T09:00:00+08:00")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCommitteeIsAnOddDrawFromThePoolTheSameOnARetry() {
    CommitteeDraw draw = new CommitteeDraw(List.of("p1", "p2", "p3", "p4", "p5"), 3);

    List<String> committee = draw.draw("ORG-20250303-aaaaaa");

    assertThat(committee)
        .hasSize(3)
        .doesNotHaveDuplicates()
        .isSubsetOf("p1", "p2", "p3", "p4", "p5");
    assertThat(draw.draw("ORG-20250303-aaaaaa")).isEqualTo(committee);
    assertThatThrownBy(() -> new CommitteeDraw(List.of("p1", "p2", "p3", "p4"), 4))
        .hasMessageContaining("odd");
    assertThatThrownBy(() -> new CommitteeDraw(List.of("p1"), 3)).hasMessageContaining("larger");
    assertThat(new IncubationProperties(null, null).toCommitteeDraw().draw("ORG-1")).hasSize(3);
  }
}
