/** Which arms are shown next: the seed's Thompson top-m, top-two Thompson, or uniformly at random. */
export type AllocationRule = 'thompson' | 'top-two' | 'uniform';

/**
 * How votes become posteriors: `'beta'` is the seed's independent Beta(1 + wins, 1 + losses) per
 * arm; `'choice'` is a Luce choice model (a pick among the shown arms is one categorical draw) with
 * an independent-Gamma variational posterior on the arms' weights.
 */
export type PosteriorModel = 'beta' | 'choice';

/** Knobs of one A/B test; the config's `ab_testing` and `learning` sections map onto this. */
export interface BanditSettings {
  /** Votes before any decision. @default 15 */
  minVotes: number;
  /** Votes after which the test is closed. @default 50 */
  maxVotes: number;
  /** Votes between two P(best) checks, counted from `minVotes`. @default 1 (the seed: 5) */
  checkInterval: number;
  /** P(best) above which the leader wins. @default 0.9 (the seed: 0.95 on its overconfident Betas) */
  confidence: number;
  /** Days after which the test is closed. @default 7 */
  maxDurationDays: number;
  /** Votes from which the sequential boundary applies. @default 30 */
  sequentialMinVotes: number;
  /** Lead in wins needed to stop early: factor × √maxVotes. @default 2.25 */
  sequentialBoundaryFactor: number;
  /**
   * At a forced stop (max votes or days) the leader needs at least this P(best), otherwise the
   * outcome is "no difference". @default 0.5
   */
  noDifferenceBelow: number;
  /**
   * A variant wins only when the posterior probability that it beats the control, P(v > control),
   * is at least this: an early stop on a variant short of it keeps testing, and a forced stop keeps
   * the control ("no clear winner"). With all arms equal, 0.99 keeps promotions of a variant to 5%
   * of tests under the default rule (0.95: 17%), at the price of fewer right promotions within 50
   * votes (bench:bandit). @default 0.99
   */
  beatControl: number;
  /** A variant must beat the control's estimated accuracy by this much (0–1) to win. @default 0.05 */
  minAccuracyImprovement: number;
  /** @default 'top-two' */
  allocation: AllocationRule;
  /** @default 'choice' */
  model: PosteriorModel;
  /** Outputs shown per vote. @default 3 */
  showCount: number;
}

/**
 * Defaults: the bandit benchmark's pick (`npm run bench:bandit`). The choice model's P(best) is
 * calibrated, so 0.9 checked after every vote stops as early as the seed's overconfident Beta rule
 * at 0.95 every 5 votes, with as many correct winners and fewer wrong ones.
 */
export const defaultBanditSettings: Readonly<BanditSettings> = Object.freeze({
  minVotes: 15,
  maxVotes: 50,
  checkInterval: 1,
  confidence: 0.9,
  maxDurationDays: 7,
  sequentialMinVotes: 30,
  sequentialBoundaryFactor: 2.25,
  noDifferenceBelow: 0.5,
  beatControl: 0.99,
  minAccuracyImprovement: 0.05,
  allocation: 'top-two',
  model: 'choice',
  showCount: 3,
});

/** The seed's rule, kept selectable: Thompson over independent Betas, P(best) > 0.95 every 5 votes. */
export const seedBanditSettings: Readonly<BanditSettings> = Object.freeze({
  ...defaultBanditSettings,
  checkInterval: 5,
  confidence: 0.95,
  allocation: 'thompson',
  model: 'beta',
});
