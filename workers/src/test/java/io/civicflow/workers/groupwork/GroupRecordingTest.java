package io.civicflow.workers.groupwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.workers.calendar.ProcessTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** A group's members and session dates, without an engine. */
class GroupRecordingTest {

  /** Monday 3 March 2025, 09:00 Shanghai. */
  private static final ZonedDateTime NOW = ProcessTime.parse("2025-03-03T09:00:00+08:00");

  @Test
  void membersAreOnePerLineOrListedWithChineseCommasWithoutDuplicates() {
    assertThat(GroupRecording.members("王秀英\n李桂兰、张德明，王秀英\n\n 赵玉珍 "))
        .containsExactly("王秀英", "李桂兰", "张德明", "赵玉珍");
    assertThatThrownBy(() -> GroupRecording.members("王秀英\n李桂兰"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 to 20 members");
  }

  @Test
  void sessionsFallEveryIntervalAtTwoInTheAfternoonAndNeverToday() {
    assertThat(GroupRecording.schedule(4, "2025-03-06", 7, NOW))
        .extracting(GroupRecording.Session::startsAt)
        .containsExactly(
            "2025-03-06T14:00:00+08:00",
            "2025-03-13T14:00:00+08:00",
            "2025-03-20T14:00:00+08:00",
            "2025-03-27T14:00:00+08:00");
    // a first date in the past (or today) moves to tomorrow
    assertThat(GroupRecording.schedule(2, "2025-03-03", 14, NOW))
        .extracting(GroupRecording.Session::startsAt)
        .containsExactly("2025-03-04T14:00:00+08:00", "2025-03-18T14:00:00+08:00");
    assertThatThrownBy(() -> GroupRecording.schedule(13, null, 7, NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
