import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** More threads than this stop helping a sub-1B model on CPU and starve the UI. */
export const MAX_DEFAULT_THREADS = 4;

/**
 * Physical cores, not hyper-threads: llama.cpp's matrix kernels saturate a core's execution units,
 * so a second hardware thread on the same core adds contention, not speed.
 * - Linux: distinct (package, core) pairs in `/sys/devices/system/cpu/cpu*\/topology`.
 * - macOS: `sysctl -n hw.physicalcpu`.
 * - Otherwise, or when those fail: the logical count (`os.availableParallelism()`).
 * Never more than `availableParallelism()`, which honours cgroup/affinity limits.
 */
export function physicalCoreCount(platform: NodeJS.Platform = process.platform): number {
  const logical = availableParallelism();
  const physical =
    platform === 'linux' ? linuxPhysicalCores() : platform === 'darwin' ? macPhysicalCores() : null;
  return Math.max(1, Math.min(logical, physical ?? logical));
}

/**
 * The `threads` used when config `model.threads` is null: physical cores, at most
 * {@link MAX_DEFAULT_THREADS}. Always passed explicitly: with `gpu: false` node-llama-cpp would take
 * max(4, cores), ~250× slower on a 2-core machine (DESIGN §7).
 */
export function defaultThreads(configured: number | null = null): number {
  return configured ?? Math.min(MAX_DEFAULT_THREADS, physicalCoreCount());
}

function linuxPhysicalCores(): number | null {
  try {
    const root = '/sys/devices/system/cpu';
    const cores = new Set<string>();
    for (const cpu of readdirSync(root)) {
      if (!/^cpu\d+$/.test(cpu)) continue;
      const read = (file: string) => readFileSync(`${root}/${cpu}/topology/${file}`, 'utf8').trim();
      cores.add(`${read('physical_package_id')}:${read('core_id')}`);
    }
    return cores.size > 0 ? cores.size : null;
  } catch {
    return null;
  }
}

function macPhysicalCores(): number | null {
  try {
    const count = Number.parseInt(execFileSync('sysctl', ['-n', 'hw.physicalcpu'], { encoding: 'utf8' }), 10);
    return Number.isFinite(count) && count > 0 ? count : null;
  } catch {
    return null;
  }
}
