/**
 * Device (support) sign-in facts the person must see before approving, and the decision on
 * the approval link. LangWatch builds the link from the deployment's configured public
 * address (NEXTAUTH_URL / BASE_HOST), which can differ from the address this console uses
 * (an alias, a load balancer): such a link is shown and opened only after the person
 * confirms that origin, instead of being refused. Links that are never opened: other schemes,
 * embedded credentials, and an http link for an https deployment (a downgrade).
 */

/** What approving a device code creates on the server, and what signing out undoes. */
export const DEVICE_SIGN_IN_EFFECTS =
  'Approving this code creates, on the LangWatch server, a personal workspace (a team and a project) for the person who approves it ' +
  'and a CLI API key for them in this organisation. Signing out here revokes this sign-in and that CLI key; the personal workspace stays.';

/** A device session's source list answered 402: the plan, not the health, is what is missing. */
export const SUPPORT_LIST_NEEDS_ENTERPRISE =
  'This organisation needs the Enterprise plan for read-only access (support sign-in): LangWatch answers device sign-ins with 402 on the source list. ' +
  'Sign in as an organisation member with email or the browser instead, or upgrade the organisation.';

/** The approval link, judged against the deployment address of the profile. */
export type ApprovalLink =
  | { kind: 'same_origin'; url: string; origin: string }
  | { kind: 'other_origin'; url: string; origin: string; deploymentOrigin: string }
  | { kind: 'refused'; reason: string };

/** Classifies `raw` (the server's `verification_uri_complete`) for `deploymentUrl`. */
export function classifyApprovalLink(raw: string, deploymentUrl: string): ApprovalLink {
  let url: URL;
  let deployment: URL;
  try {
    url = new URL(raw);
    deployment = new URL(deploymentUrl);
  } catch {
    return { kind: 'refused', reason: 'The deployment sent an approval address that is not a valid URL.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      kind: 'refused',
      reason: `The deployment sent an approval address with a ${url.protocol} scheme; only https is opened.`,
    };
  }
  if (url.username || url.password) {
    return {
      kind: 'refused',
      reason: 'The deployment sent an approval address with embedded credentials; it is not opened.',
    };
  }
  if (url.origin === deployment.origin) return { kind: 'same_origin', url: url.toString(), origin: url.origin };
  if (url.protocol === 'http:' && deployment.protocol === 'https:') {
    return {
      kind: 'refused',
      reason: `The approval page is on ${url.origin}, an unencrypted address for an https deployment; it is not opened.`,
    };
  }
  return { kind: 'other_origin', url: url.toString(), origin: url.origin, deploymentOrigin: deployment.origin };
}
