/**
 * When an integration runs, in UTC, as SyncSchedule computes it, and its schedule in words as
 * IntegrationRow shows it: `Daily at 08:00 UTC`, `Hourly, on the hour`, `Weekly on Monday at 06:00 UTC`.
 * Occurrences fall on whole hours only, as the dispatcher's passes do: a stored minute is dropped.
 */

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday'
] as const;

const DEFAULT_TIME_UTC = '08:00';
const MILLIS_PER_HOUR = 3_600_000;
const MILLIS_PER_DAY = 24 * MILLIS_PER_HOUR;

type Schedule = Pick<
  InsightsSync.IntegrationDefinition,
  'frequency' | 'scheduleTimeUtc' | 'scheduleWeekday' | 'state'
>;

/** Apex Integer.valueOf on a part of the time: anything but digits is a TypeException. */
function wholeNumber(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) {
    throw new TypeError(`Invalid integer: ${text}`);
  }
  return Number(text);
}

/**
 * The hour of the schedule time; a blank time is 08:00, as the dispatcher reads it. The minute
 * must be digits (else the time is unreadable, as IntegrationRow reports it) and is dropped.
 */
function hourOf(schedule: Schedule): number {
  const time = schedule.scheduleTimeUtc?.trim()
    ? schedule.scheduleTimeUtc.trim()
    : DEFAULT_TIME_UTC;
  const separator = time.indexOf(':');
  const hourText = separator < 0 ? time : time.slice(0, separator);
  const minuteText = separator < 0 ? '' : time.slice(separator + 1);
  if (!/^\d+$/.test(minuteText)) {
    throw new TypeError(`The schedule time "${time}" is not HH:mm.`);
  }
  return wholeNumber(hourText);
}

/** Monday 0 … Sunday 6, of the UTC day of an instant. */
function weekdayIndexOf(instant: Date): number {
  return (instant.getUTCDay() + 6) % 7;
}

function weekdayIndex(weekday: string | undefined): number {
  const index = WEEKDAYS.indexOf((weekday ?? '') as (typeof WEEKDAYS)[number]);
  return index < 0 ? 0 : index;
}

function atUtc(day: Date, hour: number): Date {
  return new Date(
    Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, 0, 0, 0)
  );
}

/** The latest occurrence of the schedule at or before `now` (SyncSchedule.latestOccurrence). */
export function latestOccurrence(schedule: Schedule, now: Date): Date {
  if (schedule.frequency === 'Hourly') {
    // Every dispatcher pass, whatever time is stored: the dispatcher fires only at :00.
    return atUtc(now, now.getUTCHours());
  }
  const todayAt = atUtc(now, hourOf(schedule));
  if (schedule.frequency === 'Weekly') {
    const daysBack = (weekdayIndexOf(now) - weekdayIndex(schedule.scheduleWeekday) + 7) % 7;
    const candidate = new Date(todayAt.getTime() - daysBack * MILLIS_PER_DAY);
    return candidate > now ? new Date(candidate.getTime() - 7 * MILLIS_PER_DAY) : candidate;
  }
  return todayAt > now ? new Date(todayAt.getTime() - MILLIS_PER_DAY) : todayAt;
}

/** The first occurrence strictly after `now`: the console's "next run". */
export function nextOccurrence(schedule: Schedule, now: Date): Date {
  const latest = latestOccurrence(schedule, now).getTime();
  if (schedule.frequency === 'Hourly') {
    return new Date(latest + MILLIS_PER_HOUR);
  }
  return new Date(latest + (schedule.frequency === 'Weekly' ? 7 : 1) * MILLIS_PER_DAY);
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

export interface DescribedSchedule {
  scheduleText?: string;
  /** ISO-8601 UTC; only for an active integration. */
  nextRunAt?: string;
  /** Why the schedule cannot be read, as IntegrationRow words it. */
  problem?: string;
}

/** The schedule in words and the next run, computed from the next occurrence (IntegrationRow). */
export function describeSchedule(schedule: Schedule, now: Date): DescribedSchedule {
  let next: Date;
  try {
    next = nextOccurrence(schedule, now);
  } catch (_error) {
    return {
      scheduleText: schedule.frequency,
      problem: `The schedule time "${schedule.scheduleTimeUtc}" is not a time of day. Edit the integration, enter the time as HH:mm in UTC (such as 08:00) and save it again.`
    };
  }
  const hoursAndMinutes = `${twoDigits(next.getUTCHours())}:${twoDigits(next.getUTCMinutes())}`;
  let scheduleText: string;
  if (schedule.frequency === 'Hourly') {
    scheduleText = 'Hourly, on the hour';
  } else if (schedule.frequency === 'Weekly') {
    scheduleText = `Weekly on ${WEEKDAYS[weekdayIndexOf(next)]} at ${hoursAndMinutes} UTC`;
  } else {
    scheduleText = `Daily at ${hoursAndMinutes} UTC`;
  }
  return {
    scheduleText,
    nextRunAt: schedule.state === 'Active' ? next.toISOString() : undefined
  };
}

/** The next full hour after `now`, when the hourly dispatcher (cron `0 0 * * * ?`) fires next. */
export function nextFullHour(now: Date): Date {
  const hour = atUtc(now, now.getUTCHours());
  return new Date(hour.getTime() + MILLIS_PER_HOUR);
}
