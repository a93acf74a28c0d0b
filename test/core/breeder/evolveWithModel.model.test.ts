import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { breederUnitSchema } from '../../../src/core/breeder/breederUnit';
import { EvolutionCancelledError, evolveSkill } from '../../../src/core/evolution/evolveSkill';
import { promptKey } from '../../../src/core/runner/prompt';
import { countInputPlaceholders } from '../../../src/core/skills/renderPrompt';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { testLanguageModel, testModelPath } from '../../support/testModel';
import { loadEvalCases, seedFileNamingFeedback } from './seedFileNamingFeedback';

// The real SmolLM2-135M on a shared 2-core machine: a few calls each, generous timeouts, no timings asserted.
const TINY =
  'breeder: { population: 4, generations: 1, evaluation_samples: 1, final_evaluation_samples: 2, variants_per_evolution: 3, max_calls: 30 }\n';
const tempDir = makeTempDataDirs();
const MINUTES = 60_000;

function seededDir(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'config.yaml'), TINY);
  const core = openTestCore(dir);
  seedFileNamingFeedback(core.ctx, loadEvalCases().slice(0, 6));
  core.close();
  return dir;
}

function storedUnits(dir: string): { generation: number; instruction: string }[] {
  const db = new Database(join(dir, 'tinyarms.db'), { readonly: true, timeout: 5000 });
  try {
    return (
      db.prepare('SELECT generation, unit FROM breeder_population ORDER BY generation, slot').all() as {
        generation: number;
        unit: string;
      }[]
    ).map((r) => ({
      generation: r.generation,
      instruction: breederUnitSchema.parse(JSON.parse(r.unit)).instruction,
    }));
  } catch {
    return []; // the child may not have created the tables yet
  } finally {
    db.close();
  }
}

describe('evolution with the real model', () => {
  it(
    'killed with SIGKILL mid-run, restarts from the stored population and ends with 3 distinct variants with lineage',
    async () => {
      const dir = seededDir();
      const modelPath = await testModelPath();
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'evolveChild.ts'), dir, modelPath],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += String(d);
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      let before: { generation: number; instruction: string }[] = [];
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        before = storedUnits(dir);
        if (before.length >= 2) break; // the original and at least one seed unit are stored
        if (child.exitCode !== null) throw new Error(`child ended before the kill: ${stderr}`);
      }
      child.kill('SIGKILL');
      await exited;

      const core = openTestCore(dir);
      const open = core.ctx.store.sessions.openSessionFor('file-naming');
      expect(open?.status).toBe('breeding');
      const result = await evolveSkill(core.ctx, await testLanguageModel(), 'file-naming');
      expect(result.resumed).toBe(true);
      expect(result.session.id).toBe(open?.id);
      const after = storedUnits(dir).filter((u) => u.generation === 0);
      expect(after.slice(0, before.length).map((u) => u.instruction)).toEqual(
        before.map((u) => u.instruction),
      );

      expect(result.session.status).toBe('testing');
      expect(result.variants.map((v) => v.letter)).toEqual(['A', 'B', 'C']);
      // Distinct prompts: a variant may keep the instruction and show other examples.
      expect(
        new Set(result.variants.map((v) => promptKey({ template: v.template, examples: v.examplePolicy })))
          .size,
      ).toBe(3);
      for (const v of result.variants) {
        expect(countInputPlaceholders(v.template)).toBe(1);
        expect(v.operator).toMatch(/^(initial|[a-z_]+)$/);
        expect(v.parent === null || /^(v1|u\d+)$/.test(v.parent)).toBe(true);
        expect(v.reasoning).toBeTruthy();
        expect(v.fitness).not.toBeNull();
      }
      core.close();
    },
    30 * MINUTES,
  );

  it(
    'cancel stops the run and closes the session as cancelled',
    async () => {
      const dir = seededDir();
      const core = openTestCore(dir);
      const controller = new AbortController();
      const run = evolveSkill(core.ctx, await testLanguageModel(), 'file-naming', {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.calls >= 1) controller.abort();
        },
      });
      await expect(run).rejects.toThrow(EvolutionCancelledError);
      expect(core.ctx.store.sessions.sessionsFor('file-naming')[0]?.status).toBe('cancelled');
      core.close();
    },
    10 * MINUTES,
  );
});
