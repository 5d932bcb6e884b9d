import { describe, expect, it } from 'vitest';
import {
  PRODUCTION_ANTHROPIC_URL,
  PRODUCTION_LANGWATCH_URL,
  resolveRuntimeConfig,
} from '../../../src-main/runtime-config';

const seams = {
  LW_USER_DATA_DIR: '/tmp/elsewhere',
  LW_LANGWATCH_URL: 'http://127.0.0.1:4444',
  LW_ANTHROPIC_URL: 'http://127.0.0.1:5555',
  LW_SECRET_BACKEND: 'memory',
};

describe('runtime config', () => {
  it('ignores every test seam in a normal run', () => {
    expect(resolveRuntimeConfig(seams, ['electron', '.'], '/home/a/.config/lw')).toEqual({
      mode: 'app',
      userDataDir: '/home/a/.config/lw',
      secretBackend: 'keychain',
      defaultLangwatchUrl: PRODUCTION_LANGWATCH_URL,
      defaultAnthropicUrl: PRODUCTION_ANTHROPIC_URL,
    });
  });

  it('honours the seams in test mode', () => {
    expect(resolveRuntimeConfig({ ...seams, LW_TEST_MODE: '1' }, [], '/home/a/.config/lw')).toEqual({
      mode: 'test',
      userDataDir: '/tmp/elsewhere',
      secretBackend: 'memory',
      defaultLangwatchUrl: 'http://127.0.0.1:4444',
      defaultAnthropicUrl: 'http://127.0.0.1:5555',
    });
  });

  it('demo mode points at the emulator but still keeps secrets in the keychain', () => {
    const config = resolveRuntimeConfig(seams, ['electron', '.', '--demo'], '/home/a/.config/lw');
    expect(config.mode).toBe('demo');
    expect(config.secretBackend).toBe('keychain');
    expect(config.defaultLangwatchUrl).toBe('http://127.0.0.1:4444');
  });

  it('the demo’s further deployments are read in demo mode only, and bad JSON is refused by name', () => {
    const further = [
      { name: 'Deployment 2', baseUrl: 'http://127.0.0.1:5562', anthropicBaseUrl: 'http://127.0.0.1:5563' },
    ];
    const env = { ...seams, LW_DEMO_DEPLOYMENTS: JSON.stringify(further) };
    expect(resolveRuntimeConfig(env, ['--demo'], '/d').demoDeployments).toEqual(further);
    expect(resolveRuntimeConfig(env, [], '/d').demoDeployments).toBeUndefined();
    expect(resolveRuntimeConfig({ ...env, LW_TEST_MODE: '1' }, [], '/d').demoDeployments).toBeUndefined();
    expect(() => resolveRuntimeConfig({ ...env, LW_DEMO_DEPLOYMENTS: '[{' }, ['--demo'], '/d')).toThrow(
      /LW_DEMO_DEPLOYMENTS/,
    );
  });

  it('LW_TEST_MODE must be exactly 1', () => {
    expect(resolveRuntimeConfig({ ...seams, LW_TEST_MODE: 'true' }, [], '/d').mode).toBe('app');
  });
});
