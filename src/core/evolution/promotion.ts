import { DAY_MS } from '../clock';
import { type CoreContext, UserInputError } from '../coreContext';
import { accuracyOverWindow } from '../monitor/accuracyOverWindow';
import { requireInstalledSkill } from '../skills/requireInstalledSkill';
import type { NewPromptVersion, PromptVersion } from '../store/promptRepository';
import { writePromptFile } from './promptFiles';

/** Accuracy of one prompt version over the monitor's window, or null without feedback. */
export function versionAccuracy(ctx: CoreContext, skill: string, version: number): number | null {
  const now = ctx.clock.now();
  const windowDays = ctx.config.triggers.window_days;
  const since = new Date(now.getTime() - windowDays * DAY_MS);
  return accuracyOverWindow(ctx.store.tasks.feedbackSince(skill, since), {
    now,
    windowDays,
    promptVersion: version,
  }).accuracy;
}

/** A new version as callers describe it; the outgoing version's accuracy is filled in here. */
export type Activation = Omit<NewPromptVersion, 'accuracyBefore'>;

/**
 * Makes `template` the skill's next active version, recording the outgoing version's accuracy.
 * Call inside a write transaction; write the prompt file after the commit with {@link publish}.
 */
export function activate(ctx: CoreContext, activation: Activation): PromptVersion {
  const current = ctx.store.prompts.activeVersion(activation.skill);
  return ctx.store.prompts.activateNewVersion(
    { ...activation, accuracyBefore: versionAccuracy(ctx, activation.skill, current.version) },
    ctx.clock.now(),
  );
}

/**
 * Writes the readable copy of a version once it is committed: now outside a transaction, else after
 * the outermost one commits (a vote recorded inside an answer's transaction), never for a version
 * whose transaction rolled back.
 */
export function publish(ctx: CoreContext, version: PromptVersion): PromptVersion {
  ctx.store.afterCommit(() => writePromptFile(ctx.dataDir, version));
  return version;
}

/** The version that was active right before the current one, if any. */
export function previousVersion(ctx: CoreContext, skill: string): PromptVersion | null {
  const current = ctx.store.prompts.activeVersion(skill);
  const earlier = ctx.store.prompts
    .listVersions(skill)
    .filter((v) => v.version !== current.version && v.activeTo !== null)
    .sort((a, b) => (b.activeTo?.getTime() ?? 0) - (a.activeTo?.getTime() ?? 0) || b.version - a.version);
  return earlier[0] ?? null;
}

export interface RollbackResult {
  skill: string;
  from: number;
  restored: number;
  version: PromptVersion;
}

/**
 * Restores an earlier prompt as a new `rollback` version (history stays append-only).
 * Without `toVersion`, restores the version that was active before the current one.
 */
export function rollback(
  ctx: CoreContext,
  skill: string,
  options: { toVersion?: number | undefined; notes?: string | undefined } = {},
): RollbackResult {
  requireInstalledSkill(ctx, skill);
  const result = ctx.store.write(() => rollbackInTransaction(ctx, skill, options));
  publish(ctx, result.version);
  return result;
}

/** {@link rollback} for callers already inside a write transaction; they publish the file. */
export function rollbackInTransaction(
  ctx: CoreContext,
  skill: string,
  options: { toVersion?: number | undefined; notes?: string | undefined },
): RollbackResult {
  const current = ctx.store.prompts.activeVersion(skill);
  const target =
    options.toVersion === undefined
      ? previousVersion(ctx, skill)
      : ctx.store.prompts.getVersion(skill, options.toVersion);
  if (!target) {
    throw new UserInputError(
      options.toVersion === undefined
        ? `${skill} has no earlier prompt version to roll back to (v${current.version} is the only one used)`
        : `${skill} has no prompt version ${options.toVersion}; see \`tinyarms prompt history ${skill}\``,
    );
  }
  if (target.version === current.version) {
    throw new UserInputError(`${skill} v${target.version} is already the active prompt`);
  }
  const version = activate(ctx, {
    skill,
    template: target.template,
    examplePolicy: target.examplePolicy,
    source: 'rollback',
    parentVersion: target.version,
    session: null,
    notes: options.notes ?? `rolled back from v${current.version} to v${target.version}`,
  });
  return { skill, from: current.version, restored: target.version, version };
}
