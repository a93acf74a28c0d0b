/**
 * The texts SmolLM2 sees when it acts as the mutator, one builder per operator (Fernando et al. 2023,
 * §3.2, reworded for a 135M–360M model: short, one job per prompt, the answer slot last).
 */
export const MUTATOR_SYSTEM =
  'You write instructions for an assistant. Reply with the instruction text only.';

/** Cuts a long text for a mutator prompt: the mutator needs the gist, not every token. */
export function clip(text: string, maxChars: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= maxChars ? flat : `${flat.slice(0, maxChars - 1)}…`;
}

export const initialPrompt = (mutationPrompt: string, thinkingStyle: string, description: string) =>
  `${mutationPrompt} ${thinkingStyle}\nTask: ${description}\nWrite the instruction for this task.\nInstruction:`;

export const zeroOrderPrompt = (description: string) =>
  `Task: ${description}\nWrite a short list of hints for doing this task well.\nHints:\n-`;

export const firstOrderPrompt = (mutationPrompt: string, instruction: string) =>
  `${mutationPrompt}\nInstruction: ${clip(instruction, 700)}\nNew instruction:`;

/** EDA: the (diversity-filtered) population as a list the model continues. */
export const edaPrompt = (description: string, instructions: readonly string[]) =>
  `Instructions for this task: ${description}\n${instructions.map((t, i) => `${i + 1}. ${clip(t, 240)}`).join('\n')}\n${instructions.length + 1}.`;

/**
 * EDA rank and index: listed worst to best while the header says "descending", the paper's trick
 * that nudges the model to continue with something better than the last (best) entry.
 */
export const edaRankPrompt = (mutationPrompt: string, ascending: readonly string[]) =>
  `${mutationPrompt}\nA list of instructions in descending order of score:\n${ascending
    .map((t, i) => `${i + 1}. ${clip(t, 240)}`)
    .join('\n')}\n${ascending.length + 1}.`;

/** Lineage: the run's successive elites, oldest (worst) first. */
export const lineagePrompt = (elites: readonly string[]) =>
  `Instructions found so far, in ascending order of quality:\n${elites
    .map((t, i) => `${i + 1}. ${clip(t, 240)}`)
    .join('\n')}\n${elites.length + 1}.`;

export const zeroOrderHyperPrompt = (thinkingStyle: string, description: string) =>
  `${thinkingStyle}\nTask: ${description}\nWrite one sentence of advice on how to improve an instruction for this task.\nAdvice:`;

export const firstOrderHyperPrompt = (mutationPrompt: string) =>
  `Improve this advice for rewriting instructions. Keep it to one sentence.\nAdvice: ${mutationPrompt}\nImproved advice:`;

/** GEPA-style reflection: what the instruction produced and what the user wanted instead. */
export const repairPrompt = (
  instruction: string,
  failures: readonly { input: string; given: string; wanted: string }[],
) =>
  `Instruction: ${clip(instruction, 600)}\nWith this instruction the assistant got these wrong:\n${failures
    .map(
      (f) =>
        `Input: ${clip(f.input, 200)}\nAnswer given: ${clip(f.given, 160)}\nCorrect answer: ${clip(f.wanted, 160)}`,
    )
    .join('\n')}\nRewrite the instruction so the assistant gets them right.\nNew instruction:`;

/** Lamarckian: from answers the user stands behind back to an instruction that yields them. */
export const lamarckianPrompt = (pairs: readonly { input: string; answer: string }[]) =>
  `Inputs and the answers the user wanted:\n${pairs
    .map((p) => `Input: ${clip(p.input, 200)}\nAnswer: ${clip(p.answer, 160)}`)
    .join('\n')}\nWrite the instruction that makes an assistant give such answers.\nInstruction:`;
