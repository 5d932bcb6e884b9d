import type { ErrorData } from '../../src-shared/errors';
import type { LwApi } from '../../src-shared/ipc/contract';
import { ipcResultSchema, type IpcResult } from '../../src-shared/ipc/define';

/** The console API. Throws only when the page runs outside the console (no bridge). */
export function lw(): LwApi {
  if (!window.lw)
    throw new Error('The console bridge is missing: this page must run inside the LangWatch Ingestion Console.');
  return window.lw;
}

/**
 * Awaits an invoke and checks the envelope. A transport failure becomes an `internal` error
 * result, so callers only ever switch on `ok`.
 */
export async function call<T>(invoke: () => Promise<IpcResult<T>>): Promise<IpcResult<T>> {
  try {
    const result = await invoke();
    const envelope = ipcResultSchema.safeParse(result);
    if (!envelope.success)
      return failure({ code: 'internal', message: 'The console answered in an unexpected shape.' });
    return result;
  } catch (error) {
    return failure({
      code: 'internal',
      message: error instanceof Error ? error.message : 'The console did not answer.',
    });
  }
}

function failure(error: ErrorData): IpcResult<never> {
  return { ok: false, error };
}
