import { open, stat } from 'node:fs/promises';
import type { GgufFileInfo, GgufTensorInfo } from 'node-llama-cpp';
import { loadNodeLlamaCpp } from './nodeLlamaCpp';

/** A model file that cannot be loaded: missing, not a GGUF, truncated or corrupt. */
export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
  constructor(
    readonly path: string,
    readonly problem:
      | 'missing'
      | 'not-gguf'
      | 'unsupported-version'
      | 'corrupt-header'
      | 'truncated'
      | 'changed',
    detail: string,
  ) {
    super(`model file ${path}: ${detail}`);
  }
}

export interface GgufCheck {
  version: number;
  architecture: string;
  /** `general.name` from the metadata, when present. */
  name: string | null;
  tensorCount: number;
  fileBytes: number;
  /** Where the last tensor's data ends: a smaller file is truncated. */
  requiredBytes: number;
}

const GGUF_MAGIC = Buffer.from('GGUF', 'latin1');

/**
 * Bytes per block and elements per block of each ggml type, from ggml's `type_traits` (ggml.c).
 * Only the last tensor's size is computed from this: the others end where the next one starts.
 */
const GGML_BLOCKS: Readonly<Record<number, readonly [bytes: number, elements: number]>> = {
  0: [4, 1], // F32
  1: [2, 1], // F16
  2: [18, 32], // Q4_0
  3: [20, 32], // Q4_1
  6: [22, 32], // Q5_0
  7: [24, 32], // Q5_1
  8: [34, 32], // Q8_0
  9: [36, 32], // Q8_1
  10: [84, 256], // Q2_K
  11: [110, 256], // Q3_K
  12: [144, 256], // Q4_K
  13: [176, 256], // Q5_K
  14: [210, 256], // Q6_K
  15: [292, 256], // Q8_K
  20: [18, 32], // IQ4_NL
  23: [136, 256], // IQ4_XS
  24: [1, 1], // I8
  25: [2, 1], // I16
  26: [4, 1], // I32
  27: [8, 1], // I64
  28: [8, 1], // F64
  30: [2, 1], // BF16
};

function tensorBytes(tensor: GgufTensorInfo): number | null {
  const block = GGML_BLOCKS[tensor.ggmlType];
  if (!block) return null;
  const elements = tensor.dimensions.reduce<number>((n, d) => n * Number(d), 1);
  return Math.ceil(elements / block[1]) * block[0];
}

/**
 * Checks a GGUF before node-llama-cpp's native loader sees it, which would abort the process on a
 * wrong or truncated file: the magic, the format version (2 or 3), a parseable header, and a file
 * long enough to hold every tensor's data.
 *
 * @throws ModelFileError naming the file and what is wrong with it.
 */
export async function checkGgufFile(path: string): Promise<GgufCheck> {
  const fileBytes = await fileSize(path);
  const head = Buffer.alloc(8);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 8, 0);
  } finally {
    await handle.close();
  }
  if (fileBytes < 8 || !head.subarray(0, 4).equals(GGUF_MAGIC)) {
    const shown = JSON.stringify(head.subarray(0, Math.min(4, fileBytes)).toString('latin1'));
    throw new ModelFileError(path, 'not-gguf', `not a GGUF file (it starts with ${shown}, expected "GGUF")`);
  }
  const version = head.readUInt32LE(4);
  if (version !== 2 && version !== 3) {
    throw new ModelFileError(
      path,
      'unsupported-version',
      `GGUF version ${version} is not supported (2 or 3)`,
    );
  }

  const { readGgufFileInfo } = await loadNodeLlamaCpp();
  let info: GgufFileInfo;
  try {
    info = await readGgufFileInfo(path, {
      sourceType: 'filesystem',
      logWarnings: false,
      spliceSplitFiles: false,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ModelFileError(
      path,
      'corrupt-header',
      `the GGUF header cannot be read (${reason}); the file is truncated or corrupt — download it again`,
    );
  }

  // The reader pads past the end of a short file instead of failing, so a file cut inside its
  // header parses into garbage: the header's own length is the first thing to hold it to.
  if (info.infoEndOffset !== undefined && fileBytes < info.infoEndOffset) {
    throw new ModelFileError(
      path,
      'truncated',
      `truncated inside its header (${fileBytes} bytes on disk); download it again`,
    );
  }
  const tensors = info.tensorInfo ?? [];
  let requiredBytes = info.infoEndOffset ?? 0;
  let last: GgufTensorInfo | undefined;
  for (const tensor of tensors)
    if (!last || Number(tensor.fileOffset) > Number(last.fileOffset)) last = tensor;
  if (last) requiredBytes = Number(last.fileOffset) + (tensorBytes(last) ?? 1);
  if (fileBytes < requiredBytes) {
    throw new ModelFileError(
      path,
      'truncated',
      `truncated: ${fileBytes} bytes on disk, the tensors need ${requiredBytes}; download it again`,
    );
  }
  const general = info.metadata.general as { architecture?: unknown; name?: unknown } | undefined;
  return {
    version,
    architecture: String(general?.architecture ?? 'unknown'),
    name: typeof general?.name === 'string' ? general.name : null,
    tensorCount: Number(info.tensorCount),
    fileBytes,
    requiredBytes,
  };
}

async function fileSize(path: string): Promise<number> {
  try {
    const stats = await stat(path);
    if (!stats.isFile()) throw new ModelFileError(path, 'missing', 'is not a file');
    return stats.size;
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    throw new ModelFileError(path, 'missing', 'does not exist or cannot be read');
  }
}
