import type { z } from 'zod';
import type { ChannelName, IpcContract, ParsedInput } from '../../src-shared/ipc/contract';
import type { SenderInfo } from './sender-guard';

/** What a handler gets besides its parsed input. */
export interface HandlerContext {
  sender: SenderInfo;
}

/** A handler returns the channel's output *before* output parsing (z.input), which main checks. */
export type Handler<C extends ChannelName> = (
  input: ParsedInput<C>,
  ctx: HandlerContext,
) => Promise<z.input<IpcContract[C]['output']>>;

/** Every channel of the contract mapped to its handler: a missing one is a compile error. */
export type HandlerTable = { [C in ChannelName]: Handler<C> };

/** A domain's slice of the table, composed into the full table in handlers/index.ts. */
export type HandlerSlice<D extends string> = {
  [C in ChannelName as C extends `${D}.${string}` ? C : never]: Handler<C>;
};
