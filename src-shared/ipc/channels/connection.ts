import { z } from 'zod';
import { ConnectionState } from '../../domain/connection';
import { channel, idSchema, noInput } from '../define';

/** Where the console is connected, as whom, and in which organisation. */
export const connectionChannels = {
  'connection.get': channel({ summary: 'The current connection state.', input: noInput, output: ConnectionState }),
  'connection.selectProfile': channel({
    summary: 'Makes another deployment profile the active one.',
    input: z.object({ profileId: idSchema }).strict(),
    output: ConnectionState,
  }),
  'connection.selectOrganization': channel({
    summary: 'Switches the active organisation (remembered per profile).',
    input: z.object({ organizationId: idSchema }).strict(),
    output: ConnectionState,
  }),
};

export const connectionEvents = {
  'connection.changed': ConnectionState,
};
