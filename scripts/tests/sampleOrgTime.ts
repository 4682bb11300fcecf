/**
 * The clock of the preview's sample org in the script tests: a fixed "now" and the org's later
 * tasks (deployments, run links), advanced by hand; platform events published are kept.
 */

/** Wednesday 2026-11-25, 04:59 UTC. */
export const NOW = Date.parse('2026-11-25T04:59:00Z');

/** The org's clock and its later tasks, advanced by hand. */
export class FakeTime {
  private tasks: { at: number; order: number; task: () => void }[] = [];
  private scheduled = 0;
  readonly events: { channel: string; payload: Record<string, unknown> }[] = [];

  constructor(private time = NOW) {}

  readonly now = (): Date => new Date(this.time);
  readonly later = (task: () => void, delayMs: number): void => {
    this.tasks.push({ at: this.time + delayMs, order: this.scheduled++, task });
  };
  readonly publish = (channel: string, payload: Record<string, unknown>): void => {
    this.events.push({ channel, payload });
  };

  /** Lets `ms` pass, running each task due on the way at its own time. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.tasks
        .filter((entry) => entry.at <= until)
        .sort((first, second) => first.at - second.at || first.order - second.order)[0];
      if (!due) {
        break;
      }
      this.tasks = this.tasks.filter((entry) => entry !== due);
      this.time = due.at;
      due.task();
    }
    this.time = until;
  }
}
