import { afterEach, describe, expect, it } from 'vitest';
import { checkVerificationUrl } from '../../../src-main/services/auth/sign-in-errors';
import { createCliRest } from '../../../src-main/services/langwatch/cli-rest';
import { createLangwatchHttp } from '../../../src-main/services/langwatch/http';
import {
  classifyApprovalLink,
  DEVICE_SIGN_IN_EFFECTS,
  SUPPORT_LIST_NEEDS_ENTERPRISE,
} from '../../../src-shared/domain/device-approval';
import { AppError } from '../../../src-shared/errors';
import { caught } from '../../support/caught';
import { sendJson, startLocalServer, type LocalServer } from '../../support/local-server';

const PROFILE = 'https://lw.internal.example';

describe('device approval link against the profile address', () => {
  it('same origin: opened as is', () => {
    expect(classifyApprovalLink(`${PROFILE}/cli/auth?user_code=AB`, PROFILE)).toEqual({
      kind: 'same_origin',
      url: `${PROFILE}/cli/auth?user_code=AB`,
      origin: PROFILE,
    });
  });

  it("another origin (the deployment's configured public address): shown with both, not refused", () => {
    expect(classifyApprovalLink('https://langwatch.example.com/cli/auth?user_code=AB', PROFILE)).toEqual({
      kind: 'other_origin',
      url: 'https://langwatch.example.com/cli/auth?user_code=AB',
      origin: 'https://langwatch.example.com',
      deploymentOrigin: PROFILE,
    });
  });

  it.each([
    ['javascript:alert(1)', /scheme/],
    ['file:///etc/passwd', /scheme/],
    ['https://user:pw@langwatch.example.com/cli/auth', /credentials/],
    ['http://langwatch.example.com/cli/auth', /unencrypted/],
    ['not a url', /not a valid URL/],
  ])('never opens %s', (raw, reason) => {
    const link = classifyApprovalLink(raw, PROFILE);
    expect(link.kind).toBe('refused');
    expect(link.kind === 'refused' && link.reason).toMatch(reason);
  });

  it('another origin opens only with that exact origin confirmed', () => {
    const raw = 'https://langwatch.example.com/cli/auth?user_code=AB';
    const refused = (() => {
      try {
        checkVerificationUrl(raw, PROFILE);
      } catch (error) {
        return error as AppError;
      }
      throw new Error('expected a refusal');
    })();
    expect(refused.code).toBe('auth.invalid_origin');
    expect(refused.message).toContain('https://langwatch.example.com');
    expect(() => checkVerificationUrl(raw, PROFILE, 'https://langwatch.example.com.evil.example')).toThrowError(
      AppError,
    );
    expect(checkVerificationUrl(raw, PROFILE, 'https://langwatch.example.com')).toBe(raw);
  });

  it('says before approval what a device sign-in creates and what signing out revokes', () => {
    expect(DEVICE_SIGN_IN_EFFECTS).toMatch(/personal workspace/);
    expect(DEVICE_SIGN_IN_EFFECTS).toMatch(/CLI API key/);
    expect(DEVICE_SIGN_IN_EFFECTS).toMatch(/Signing out here revokes/);
  });
});

describe('402 in a support (device) session', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('on the list: the organisation needs Enterprise for read-only access; on health: health needs Enterprise', async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(res, 402, { error: 'enterprise_required', upgrade_url: 'https://langwatch.ai/pricing' }),
    );
    const cli = createCliRest({
      http: createLangwatchHttp({ baseUrl: server.url }),
      organizationId: 'org',
      getAccessToken: async () => 'lw_at_token123456',
    });
    const list = await caught(cli.listSources());
    expect(list).toMatchObject({ code: 'langwatch.enterprise_required', message: SUPPORT_LIST_NEEDS_ENTERPRISE });
    expect(list.message).toMatch(/Enterprise plan for read-only/);
    expect(list.message).not.toMatch(/health/i);
    const health = await caught(cli.sourceHealth('src_1'));
    expect(health.message).toMatch(/health needs an Enterprise plan/i);
  });
});
