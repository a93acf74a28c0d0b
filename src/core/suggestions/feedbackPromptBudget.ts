import type { CoreContext } from '../coreContext';

/** Whether tinyArms may ask now (a notification), and why not. */
export type PromptPermission = { allowed: true } | { allowed: false; reason: string };

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Whether a local time falls in `HH:MM-HH:MM` (start inclusive, end exclusive). A range that wraps
 * midnight (`22:00-08:00`) covers both evenings and mornings; equal ends cover nothing.
 */
export function inQuietHours(range: string, at: Date): boolean {
  const [start, end] = range.split('-').map(minutesOf) as [number, number];
  const now = at.getHours() * 60 + at.getMinutes();
  return start <= end ? now >= start && now < end : now >= start || now < end;
}

/** Local midnight of the day `at` falls in: "per day" means the user's day. */
export function startOfLocalDay(at: Date): Date {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate());
}

/**
 * The fatigue limits of the `notifications` settings: off, quiet hours, or this skill's prompts
 * for today used up. Suggestions are still made and wait in the popover; only the unprompted ask
 * is held back.
 */
export function mayPromptNow(ctx: CoreContext, skill: string): PromptPermission {
  const settings = ctx.config.notifications;
  const now = ctx.clock.now();
  if (!settings.enabled) return { allowed: false, reason: 'notifications are off' };
  if (settings.quiet_hours !== null && inQuietHours(settings.quiet_hours, now)) {
    return { allowed: false, reason: `quiet hours (${settings.quiet_hours})` };
  }
  const asked = ctx.store.suggestions.promptsSince(skill, startOfLocalDay(now));
  if (asked >= settings.max_per_skill_per_day) {
    return {
      allowed: false,
      reason: `asked ${asked} times today about ${skill} (limit ${settings.max_per_skill_per_day})`,
    };
  }
  return { allowed: true };
}

/** Counts a notification against the skill's daily limit. */
export function notePrompt(ctx: CoreContext, skill: string, task: string | null): void {
  ctx.store.write(() => ctx.store.suggestions.recordPrompt({ skill, task }, ctx.clock.now()));
}
