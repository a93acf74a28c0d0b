import { tokenize } from '../skills/tokenF1';
import type { StoredExample } from '../store/exampleRepository';
import type { Store } from '../store/openStore';
import type { ExamplePolicy } from './examplePolicy';

/** A bank example shown to the model before the task: its formatted input and the output to imitate. */
export interface Demonstration {
  task: string;
  kind: Exclude<StoredExample['kind'], 'negative'>;
  inputText: string;
  output: unknown;
  /** When the user gave the verdict. */
  createdAt: Date;
}

function toDemonstration(example: StoredExample): Demonstration | null {
  if (example.kind === 'negative' || example.output === null) return null;
  return {
    task: example.task,
    kind: example.kind,
    inputText: example.inputText,
    output: example.output,
    createdAt: example.createdAt,
  };
}

/**
 * The demonstrations a policy shows for one task, in prompt order (the last is nearest the task).
 * `exclude` holds the tasks that must not appear — the task itself wherever fitness is computed
 * (leave-one-out). Only accepted and corrected examples are shown; rejections never are.
 *
 * @param inputText - the task's formatted input (what `{{input}}` becomes).
 */
export function selectExamples(
  store: Store,
  skill: string,
  policy: ExamplePolicy,
  inputText: string,
  exclude: ReadonlySet<string> = new Set(),
): Demonstration[] {
  if (policy.k === 0) return [];
  // Best first.
  let chosen: Demonstration[];
  switch (policy.selection) {
    case 'similar':
      chosen = store.examples
        .searchSimilar(skill, tokenize(inputText), policy.k, exclude)
        .flatMap((r) => toDemonstration(r.example) ?? []);
      break;
    case 'recent':
      chosen = store.examples
        .list(skill, { kinds: ['accepted', 'corrected'], limit: policy.k + exclude.size })
        .filter((e) => !exclude.has(e.task))
        .slice(0, policy.k)
        .flatMap((e) => toDemonstration(e) ?? []);
      break;
    case 'fixed':
      chosen = store.examples
        .forTasks(policy.fixed.filter((task) => !exclude.has(task)))
        .slice(0, policy.k)
        .flatMap((e) => toDemonstration(e) ?? []);
      break;
    default:
      return policy.selection satisfies never;
  }
  switch (policy.order) {
    case 'best-last':
      return chosen.reverse();
    case 'best-first':
      return chosen;
    case 'oldest-first':
      return chosen.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    default:
      return policy.order satisfies never;
  }
}
