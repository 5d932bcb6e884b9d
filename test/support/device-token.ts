import type { RunningEmulator } from '../../emulator/index';

/** A device (support) access token for `organizationId`, through the emulator's device flow. */
export async function emuDeviceToken(emu: RunningEmulator, organizationId: string): Promise<string> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${emu.langwatchUrl}/api/auth/cli${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };
  const code = await post('/device-code', {});
  emu.control.approveDevice(code.body.user_code!, 'support', organizationId);
  const grant = await post('/exchange', { device_code: code.body.device_code });
  if (grant.status !== 200) throw new Error(`device exchange answered ${grant.status}`);
  return grant.body.access_token!;
}
