import type { SessionResults } from '../core/evolution/abSession';
import type { PromptHistory } from '../core/evolution/promptHistory';
import type { SkillStats } from '../core/evolution/skillStats';
import { describeExamplePolicy } from '../core/examples/examplePolicy';
import { bar, fixed, percent, table, when } from './humanFormat';

export function renderStats(stats: SkillStats): string {
  const h = stats.health;
  const lines = [
    `${stats.skill} · ${stats.name}`,
    `  prompt     v${stats.version} (${stats.source}), active since ${when(stats.activeSince)}`,
    `  accuracy   ${percent(h.accuracy)} over ${stats.windowDays} days — ${h.accepted} accepted, ${h.corrected} corrected, ${h.rejected} rejected (${h.samples} samples)`,
    `  status     ${stats.status}${stats.session ? ` — session ${stats.session.id}, ${stats.session.votes}/${stats.session.maxVotes} votes` : ''}`,
    `  evolution  ${stats.trigger.reason}`,
  ];
  if (stats.recentFailures.length === 0) {
    lines.push('  recent failures  none');
  } else {
    lines.push('  recent failures');
    for (const failure of stats.recentFailures) {
      const correction = failure.correction === null ? '' : `  → ${JSON.stringify(failure.correction)}`;
      lines.push(
        `    ${failure.task}  ${failure.verdict.padEnd(9)}  ${when(failure.createdAt)}${correction}`,
      );
    }
  }
  return lines.join('\n');
}

export function renderResults(results: SessionResults): string {
  const { session } = results;
  const rows = results.arms.map((arm) => [
    arm.arm,
    String(arm.wins),
    String(arm.losses),
    fixed(arm.mean),
    fixed(arm.pBest, 3),
    bar(arm.pBest, 16),
    arm.arm === results.leader ? '← leader' : '',
  ]);
  const decision = results.decision
    ? `${session.status === 'testing' ? 'due' : 'decision'}: ${results.decision.reason}`
    : 'decision: none yet, keep voting';
  return [
    `session ${session.id} · ${session.skill} · ${session.status} · ${results.votes}/${results.maxVotes} votes`,
    table(['arm', 'wins', 'losses', 'mean', 'P(best)', '', ''], rows),
    decision,
    ...(session.promotedVersion ? [`promoted as v${session.promotedVersion}`] : []),
  ].join('\n');
}

export function renderHistory(history: PromptHistory): string {
  const rows = history.versions.map((v) => [
    `${v.version === history.active ? '*' : ' '}v${v.version}`,
    v.source,
    when(v.activeFrom),
    when(v.activeTo),
    percent(v.accuracyStart),
    percent(v.accuracy),
    describeExamplePolicy(v.examplePolicy),
    v.session
      ? `${v.session} (${v.promotedBy?.votes ?? 0} votes)`
      : v.parentVersion
        ? `from v${v.parentVersion}`
        : '',
  ]);
  const lines = [
    `${history.skill} · active v${history.active}`,
    table(
      ['version', 'source', 'active from', 'active to', 'acc. before', 'accuracy', 'examples', 'origin'],
      rows,
    ),
  ];
  if (history.sessions.length > 0) {
    lines.push('', 'sessions');
    for (const s of history.sessions) {
      const outcome = s.session.decisionReason ?? `${s.votes} votes so far`;
      lines.push(
        `  ${s.session.id}  ${s.session.status.padEnd(9)}  ${when(s.session.startedAt)}  ${outcome}`,
      );
      for (const v of s.variants) {
        lines.push(
          `    ${v.letter}  ${v.operator}: ${v.reasoning ?? ''} · ${describeExamplePolicy(v.examplePolicy)}${v.judgeScore ? ` · judge ${Math.round(v.judgeScore.score)}/100 (${v.judgeScore.tier})` : ''}`,
        );
      }
    }
  }
  return lines.join('\n');
}
