/** Garivier–Kaufmann (2016) bound for finding the best arm from "pick one of the shown" votes. */
export interface LowerBound {
  /** T*(w): votes per unit of kl(δ, 1 − δ). */
  characteristicTime: number;
  /** T*(w) · kl(δ, 1 − δ): no δ-correct rule needs fewer votes on average. */
  votes: number;
  /** The optimal share of votes per shown set (indices into the weights). */
  allocation: { shown: number[]; share: number }[];
}

/**
 * Lower bound on the expected votes of any rule that names the best arm with error ≤ δ, when each
 * vote shows `showCount` arms and the user picks i from S with probability w_i / Σ_S w (Luce):
 *   E[τ] ≥ T*(w) kl(δ, 1 − δ),  1 / T*(w) = sup_π inf_{λ: best(λ) ≠ best(w)} Σ_S π_S KL(P_w(·|S) ‖ P_λ(·|S)).
 * The inner infimum is convex in log-weights (solved by gradient descent on the boundary
 * λ_j = λ_best); the outer supremum by exponentiated-gradient ascent over the shown sets.
 * @param delta error probability @default 0.05
 */
export function bestArmLowerBound(weights: readonly number[], showCount: number, delta = 0.05): LowerBound {
  const k = weights.length;
  const size = Math.min(showCount, k);
  const sets = subsets(k, size);
  const best = weights.indexOf(Math.max(...weights));
  const pick = sets.map((set) => normalized(set.map((i) => weights[i] as number)));
  const logW = weights.map(Math.log);
  let share = sets.map(() => 1 / sets.length);
  let bestValue = 0;
  let bestShare = share;
  const rounds = sets.length === 1 ? 1 : 400;
  for (let round = 0; round < rounds; round++) {
    let worst = Number.POSITIVE_INFINITY;
    let worstKl: number[] = [];
    for (let j = 0; j < k; j++) {
      if (j === best) continue;
      const theta = closestAlternative(logW, sets, pick, share, best, j);
      const kl = sets.map((set, s) => klOnSet(pick[s] as number[], set, theta));
      const value = kl.reduce((sum, v, s) => sum + v * (share[s] as number), 0);
      if (value < worst) {
        worst = value;
        worstKl = kl;
      }
    }
    if (worst > bestValue) {
      bestValue = worst;
      bestShare = share;
    }
    const rate = 20 / Math.sqrt(round + 1);
    share = normalized(share.map((p, s) => p * Math.exp(rate * (worstKl[s] as number))));
  }
  const characteristicTime = 1 / bestValue;
  const kl = (1 - 2 * delta) * Math.log((1 - delta) / delta);
  return {
    characteristicTime,
    votes: characteristicTime * kl,
    allocation: sets.map((shown, s) => ({ shown, share: bestShare[s] as number })),
  };
}

function closestAlternative(
  logW: readonly number[],
  sets: readonly number[][],
  pick: readonly number[][],
  share: readonly number[],
  best: number,
  challenger: number,
): number[] {
  const theta = logW.slice();
  const tied = Math.log((Math.exp(logW[best] as number) + Math.exp(logW[challenger] as number)) / 2);
  theta[best] = tied;
  theta[challenger] = tied;
  for (let iteration = 0; iteration < 600; iteration++) {
    const gradient = theta.map(() => 0);
    sets.forEach((set, s) => {
      const q = normalized(set.map((i) => Math.exp(theta[i] as number)));
      set.forEach((i, m) => {
        gradient[i] =
          (gradient[i] as number) + (share[s] as number) * ((q[m] as number) - (pick[s]?.[m] as number));
      });
    });
    const joint = ((gradient[best] as number) + (gradient[challenger] as number)) / 2;
    gradient[best] = joint;
    gradient[challenger] = joint;
    for (let i = 0; i < theta.length; i++) theta[i] = (theta[i] as number) - 1.5 * (gradient[i] as number);
  }
  return theta;
}

function klOnSet(p: readonly number[], set: readonly number[], theta: readonly number[]): number {
  const q = normalized(set.map((i) => Math.exp(theta[i] as number)));
  return p.reduce((sum, pm, m) => sum + (pm > 0 ? pm * Math.log(pm / (q[m] as number)) : 0), 0);
}

function normalized(values: readonly number[]): number[] {
  const total = values.reduce((sum, v) => sum + v, 0);
  return values.map((v) => v / total);
}

function subsets(n: number, size: number): number[][] {
  if (size === 0) return [[]];
  const out: number[][] = [];
  for (let first = 0; first <= n - size; first++) {
    for (const rest of subsets(n - first - 1, size - 1)) out.push([first, ...rest.map((i) => i + first + 1)]);
  }
  return out;
}
