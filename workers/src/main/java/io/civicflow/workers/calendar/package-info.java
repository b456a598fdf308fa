/**
 * Working-day calendar for mainland China (工作日 counting).
 *
 * <p>Serves DOMAIN.md §6 "Working days": most legal limits in government procurement count working
 * days, which exclude weekends and statutory holidays (法定节假日 and the official 放假 days) and include
 * make-up working days (调休上班). Zeebe has no business calendar, so the models get "N working days
 * after X" from {@link io.civicflow.workers.calendar.WorkingDayCalendar}.
 *
 * <p>The data is the editable resource {@code calendar/cn-holidays.json}: one object per year with
 * the State Council (国务院办公厅) notice it transcribes, the days off and the make-up working days. When
 * a new notice is published, add or replace that year's object; a year whose schedule is not yet
 * known may be entered with {@code "provisional": true} and only the dates that are certain. The
 * calendar refuses to count through a year that has no object at all.
 */
package io.civicflow.workers.calendar;
