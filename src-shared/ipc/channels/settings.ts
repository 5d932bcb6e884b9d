import { channel, noInput } from '../define';
import { Settings, SettingsPatch } from '../../domain/settings';

/** Console settings. */
export const settingsChannels = {
  'settings.get': channel({ summary: 'The current settings.', input: noInput, output: Settings }),
  'settings.update': channel({
    summary: 'Changes some settings; answers the new whole.',
    input: SettingsPatch,
    output: Settings,
  }),
};

export const settingsEvents = {};
