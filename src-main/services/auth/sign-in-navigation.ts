/**
 * Where the browser sign-in window may go. It must reach the deployment's sign-in page and
 * its SSO provider, so it cannot be held to one origin; but once the deployment is https,
 * a hop over plain http (a redirect or a link) would expose the sign-in to anyone on the
 * network, so it is refused. Only http(s) ever: no file:, data:, javascript: or custom schemes.
 */
export function isSignInNavigationAllowed(targetUrl: string, deploymentUrl: string): boolean {
  let target: URL;
  let deployment: URL;
  try {
    target = new URL(targetUrl);
    deployment = new URL(deploymentUrl);
  } catch {
    return false;
  }
  if (deployment.protocol === 'https:') return target.protocol === 'https:';
  return target.protocol === 'https:' || target.protocol === 'http:';
}
