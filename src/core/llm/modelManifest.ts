import { z } from 'zod';
import manifestJson from '../../../models/manifest.json' with { type: 'json' };

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex sha256');

const modelEntrySchema = z
  .strictObject({
    /** What `--model`, `TINYARMS_MODEL`, config `model.name` and `model pull` accept. */
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
    name: z.string().min(1),
    /** `skill` models run the skills and breed prompts; `judge` models score outputs. */
    role: z.enum(['skill', 'judge']),
    default: z.boolean(),
    /** Hugging Face repository and file the download comes from. */
    repo: z.string().min(1),
    file: z.string().regex(/^[^/\\]+\.gguf$/),
    /** Pinned commit; `null` when the file is only known by its name on `main`. */
    revision: z
      .string()
      .regex(/^[0-9a-f]{40}$/)
      .nullable(),
    uri: z.url({ protocol: /^https?$/ }),
    sizeBytes: z.int().positive().nullable(),
    /** `null` = no published hash could be found: installing needs `--allow-unverified`. */
    sha256: sha256Hex.nullable(),
    /** Why `sha256` is missing, shown to the user. */
    unverifiedReason: z.string().min(1).optional(),
    /** Where the pinned size and hash come from. */
    hashSource: z.string().min(1).optional(),
  })
  .refine((entry) => entry.sha256 !== null || entry.unverifiedReason !== undefined, {
    message: 'an entry without sha256 must say why in unverifiedReason',
  });

const manifestSchema = z
  .strictObject({ models: z.array(modelEntrySchema).min(1) })
  .refine((m) => new Set(m.models.map((e) => e.id)).size === m.models.length, {
    message: 'model ids must be unique',
  })
  .refine((m) => m.models.filter((e) => e.default).length === 1, {
    message: 'exactly one model must be the default',
  });

export type ModelEntry = z.infer<typeof modelEntrySchema>;
export type ModelManifest = z.infer<typeof manifestSchema>;

/** Parses a manifest document; throws a zod error naming the entry at fault. */
export function parseModelManifest(data: unknown): ModelManifest {
  return manifestSchema.parse(data);
}

/** The manifest shipped in `models/manifest.json`, parsed once at import. */
export const modelManifest: ModelManifest = parseModelManifest(manifestJson);

/** The manifest entry with this id, or `undefined`. */
export function findModelEntry(id: string, manifest: ModelManifest = modelManifest): ModelEntry | undefined {
  return manifest.models.find((entry) => entry.id === id);
}

const HUGGING_FACE = 'https://huggingface.co';

/**
 * The URL to download an entry from. `endpoint` replaces the Hugging Face host, as `HF_ENDPOINT`
 * does for huggingface_hub: a mirror for users who cannot reach huggingface.co, and a local server
 * in tests.
 */
export function modelDownloadUrl(entry: ModelEntry, endpoint?: string): string {
  if (!endpoint || !entry.uri.startsWith(`${HUGGING_FACE}/`)) return entry.uri;
  return `${endpoint.replace(/\/+$/, '')}${entry.uri.slice(HUGGING_FACE.length)}`;
}
