/** The /cli/auth approval page a signed-in browser sees for a user code (HTML with a small script). */
import type { Runtime } from '../runtime';
import { escapeHtml } from '../http-util';
import type { DeviceRecord } from '../types';

/** The page for a code: unknown, expired, already resolved, or the approve/deny form. */
export function approvalPage(rt: Runtime, d: DeviceRecord | undefined, code: string, userId: string): string {
  const orgs = [...rt.store.orgs.values()].filter((o) => o.members.some((m) => m.userId === userId));
  const body = !d
    ? '<p>Code not recognised — it may have expired.</p>'
    : d.expiresAt <= rt.now()
      ? '<p>Code has expired — restart <code>langwatch login</code>.</p>'
      : d.status !== 'pending'
        ? `<p>This request was already ${escapeHtml(d.status)}.</p>`
        : `<p>A command-line tool asks for read-only access. Code: <strong>${escapeHtml(d.userCode)}</strong></p>
<p>Approving creates a personal workspace for you in the organisation and an API key for this device; signing out of the tool revokes the key.</p>
<label>Organization <select id="org">${orgs.map((o) => `<option value="${escapeHtml(o.id)}">${escapeHtml(o.name)}</option>`).join('')}</select></label>
<p><button id="approve">Approve</button> <button id="deny">Deny</button></p><p id="out" role="status"></p>
<script>
const code = ${JSON.stringify(code).replace(/</g, '\\u003c')};
async function send(path, body) {
  const r = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  document.getElementById('out').textContent = r.ok ? 'Done. You can close this window.' : 'Failed (' + r.status + ')';
}
document.getElementById('approve').onclick = () => send('/api/auth/cli/approve', { user_code: code, organization_id: document.getElementById('org').value });
document.getElementById('deny').onclick = () => send('/api/auth/cli/deny', { user_code: code });
</script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Authorize CLI — LangWatch (emulator)</title></head><body style="font-family:sans-serif;max-width:480px;margin:60px auto"><h1>Authorize CLI access</h1>${body}</body></html>`;
}
