import { describe, expect, it } from 'vitest';
import { createDeploymentLimiter } from '../../../src-main/services/everywhere/deployment-limiter';

describe('the bound on parallel requests per deployment', () => {
  it('runs at most N at once per deployment; a full deployment never holds up another', async () => {
    const limiter = createDeploymentLimiter(2);
    const gates: Array<() => void> = [];
    let peak = 0;
    const slow = () =>
      limiter.run('slow', async () => {
        peak = Math.max(peak, limiter.running('slow'));
        await new Promise<void>((resolve) => gates.push(resolve));
      });
    const all = [slow(), slow(), slow(), slow()];
    await new Promise((r) => setTimeout(r, 5));
    expect(limiter.running('slow')).toBe(2);
    // Another deployment runs at once although the slow one is full.
    await expect(limiter.run('fast', async () => 'answered')).resolves.toBe('answered');
    while (gates.length > 0) {
      gates.shift()!();
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(all);
    expect(peak).toBe(2);
    expect(limiter.running('slow')).toBe(0);
  });

  it('a failing task frees its slot', async () => {
    const limiter = createDeploymentLimiter(1);
    await expect(limiter.run('d', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('d', async () => 1)).resolves.toBe(1);
  });
});
