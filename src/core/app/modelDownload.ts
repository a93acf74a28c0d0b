import type { ModelStatus } from '../../shared/ipc/stateSchemas';
import type { CoreContext } from '../coreContext';
import type { ModelDownloads } from '../llm/modelDownloads';
import { type Changed, changes } from './appChanges';

/** The model layer as the app's use cases need it. */
export type AppModels = Pick<ModelDownloads, 'availability' | 'start' | 'cancel'>;

const MODEL_UNAVAILABLE: ModelStatus = {
  state: 'unavailable',
  reason: 'The model layer is not running in this process.',
};

/** The configured model's availability; `unavailable` where no model layer runs (tests, the CLI's views). */
export function appModelStatus(models: AppModels | undefined): ModelStatus {
  return models?.availability() ?? MODEL_UNAVAILABLE;
}

/** Starts downloading `requested`, by default the configured model; a download already running is kept. */
export function startModelDownload(
  ctx: CoreContext,
  models: AppModels,
  requested: string | undefined,
): Changed<{ model: string; started: boolean }> {
  const model = requested ?? ctx.config.model.name;
  const { started } = models.start(model);
  return { value: { model, started }, changed: changes({ model: started }) };
}

/** Stops the running download; what arrived stays for a resume. */
export function cancelModelDownload(models: AppModels): Changed<{ cancelled: boolean }> {
  const cancelled = models.cancel();
  return { value: { cancelled }, changed: changes({ model: cancelled }) };
}
