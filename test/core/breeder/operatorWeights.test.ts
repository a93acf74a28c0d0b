import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breederSettingsFrom } from '../../../src/core/breeder/breederSettings';
import {
  ALL_OPERATORS,
  adaptedClassWeights,
  chooseOperator,
  classOf,
  HISTORY_MIN_MUTATIONS,
  MIN_CLASS_WEIGHT,
  OPERATOR_CLASSES,
  type SuccessCount,
  weightedIndex,
} from '../../../src/core/breeder/operatorWeights';
import { defaultConfig } from '../../../src/core/config';
import { seededRng } from '../../../src/core/rng';

/** The seed's five classes scaled to share 70%, and the example-policy operators at the default 30%. */
const seedWeights = breederSettingsFrom(defaultConfig).weights;

describe('operators', () => {
  it('covers the paper’s operators in the seed’s five classes, and the example-policy operators', () => {
    expect(ALL_OPERATORS).toHaveLength(14);
    expect(classOf('examples_fixed')).toBe('examples');
    expect(new Set(ALL_OPERATORS.map(classOf))).toEqual(new Set(OPERATOR_CLASSES));
    expect(classOf('eda_rank_index')).toBe('crossover');
    expect(classOf('first_order_hyper')).toBe('hypermutation');
    expect(classOf('lamarckian')).toBe('direct');
  });
});

describe('breederSettingsFrom', () => {
  it('keeps the seed’s proportions between the instruction classes and sums to 1', () => {
    expect(seedWeights.direct / seedWeights.crossover).toBeCloseTo(0.3 / 0.2, 10);
    expect(seedWeights.examples).toBeCloseTo(defaultConfig.breeder.example_policy_share, 10);
    expect(OPERATOR_CLASSES.reduce((s, c) => s + seedWeights[c], 0)).toBeCloseTo(1, 10);
  });
});

describe('adaptedClassWeights', () => {
  it('uses the config weights until the skill has history', () => {
    const few = new Map<string, SuccessCount>([
      ['first_order', { tries: HISTORY_MIN_MUTATIONS - 1, improvements: 0 }],
    ]);
    const w = adaptedClassWeights(seedWeights, few);
    for (const c of OPERATOR_CLASSES) expect(w[c]).toBeCloseTo(seedWeights[c], 10);
  });

  it('shifts weight towards the class that produced fitter children', () => {
    const history = new Map<string, SuccessCount>([
      ['failure_repair', { tries: 20, improvements: 15 }],
      ['first_order', { tries: 20, improvements: 1 }],
    ]);
    const w = adaptedClassWeights(seedWeights, history);
    expect(w.direct).toBeGreaterThan(seedWeights.direct);
    expect(w.first_order).toBeLessThan(seedWeights.first_order);
  });

  it('sums to 1 and never starves a class (property)', () => {
    const count = fc.record({ tries: fc.nat(200), improvements: fc.nat(200) }).map((c) => ({
      tries: c.tries,
      improvements: Math.min(c.tries, c.improvements),
    }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...ALL_OPERATORS), count)), (entries) => {
        const w = adaptedClassWeights(seedWeights, new Map(entries));
        const sum = OPERATOR_CLASSES.reduce((s, c) => s + w[c], 0);
        expect(sum).toBeCloseTo(1, 9);
        for (const c of OPERATOR_CLASSES) expect(w[c]).toBeGreaterThanOrEqual(MIN_CLASS_WEIGHT * 0.9);
      }),
    );
  });
});

describe('chooseOperator / weightedIndex', () => {
  it('draws classes in proportion to their weights', () => {
    const rng = seededRng(7);
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const cls = classOf(chooseOperator(seedWeights, new Map(), rng));
      counts.set(cls, (counts.get(cls) ?? 0) + 1);
    }
    for (const c of OPERATOR_CLASSES) expect((counts.get(c) ?? 0) / 20_000).toBeCloseTo(seedWeights[c], 1);
  });

  it('never picks a zero weight when others are positive', () => {
    const rng = seededRng(3);
    for (let i = 0; i < 1000; i++) expect(weightedIndex([0, 2, 0, 1], rng)).not.toBe(0);
  });
});
