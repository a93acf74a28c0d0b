export {
  type AccuracyTally,
  type AccuracyWindowOptions,
  accuracyOverWindow,
  type FeedbackRow,
  type FeedbackVerdict,
  formatPercent,
  tallyVerdicts,
} from './accuracyOverWindow';
export {
  type EvolutionTriggerDecision,
  type EvolutionTriggerInput,
  evaluateEvolutionTrigger,
} from './evaluateEvolutionTrigger';
export { evaluateRollback, type RollbackDecision, type RollbackInput } from './evaluateRollback';
export { type SkillHealth, type SkillHealthInput, type SkillHealthStatus, skillHealth } from './skillHealth';
