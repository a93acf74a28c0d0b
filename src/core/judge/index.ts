export { CloudJudgeError, type CloudJudgeErrorKind, createCloudJudgeModel } from './cloudJudgeModel';
export { JUDGE_MAX_TOKENS, JudgeAnswerError, type JudgeScore, judgeCandidate } from './judgeCandidate';
export { costUsd, DEFAULT_TOKEN_PRICE, judgePrices, priceFor, type TokenPrice } from './judgePrices';
export { type JudgeSample, judgePrompt } from './judgePrompt';
export { type JudgeSpendLedger, judgeSpendLedger, monthOf } from './judgeSpendLedger';
export { localJudgeModel } from './localJudgeModel';
export { type Judge, type JudgeTier, openJudge } from './openJudge';
export {
  passesRubric,
  type RubricDimension,
  type RubricScores,
  rubricDimensions,
  rubricWeightPercents,
  uniquelyBest,
  weightedScore,
} from './rubric';
export {
  candidatesToBreed,
  createScreen,
  type ScreenCandidate,
  type ScreenExample,
  type ScreenedCandidate,
  type ScreenResult,
  type ScreenSample,
  screenVariants,
} from './screenVariants';
