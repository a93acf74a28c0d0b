import type { CoreContext } from '../coreContext';
import { toSqlTime } from '../store/sqlTime';

const key = (folder: string) => `watch.seen_at:${folder}`;

/** When a watched folder was last listed by any run, so the next run can catch up on what came since. */
export function folderSeenAt(ctx: CoreContext, folder: string): Date | undefined {
  const value = ctx.store.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key(folder));
  const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(at) ? new Date(at) : undefined;
}

export function recordFolderSeenAt(ctx: CoreContext, folder: string, at: Date): void {
  ctx.store.write(() => {
    ctx.store.db
      .prepare(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ' +
          'ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      )
      .run(key(folder), toSqlTime(at), toSqlTime(ctx.clock.now()));
  });
}
