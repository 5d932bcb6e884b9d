/**
 * Who sent an IPC message, reduced to what the guard needs. Electron's `event.senderFrame`
 * and the harness's binding source both map onto it.
 */
export interface SenderInfo {
  /** URL of the frame that sent the message. */
  frameUrl: string;
  /** Whether that frame is the top-level frame of its window (iframes are never trusted). */
  isMainFrame: boolean;
  /** Identifies the window (webContents id in Electron, page id in the harness). */
  windowId: number | string;
}

export interface SenderPolicy {
  /** Origins (scheme://host[:port]) or, for file: URLs, the exact renderer file URL. */
  trustedUrls: string[];
  /** The windows we created; any other window (e.g. the browser sign-in window) is refused. */
  isOurWindow: (windowId: number | string) => boolean;
}

/** True when the message comes from our own window's main frame, loaded from our origin. */
export function isTrustedSender(sender: SenderInfo, policy: SenderPolicy): boolean {
  if (!sender.isMainFrame) return false;
  if (!policy.isOurWindow(sender.windowId)) return false;
  let url: URL;
  try {
    url = new URL(sender.frameUrl);
  } catch {
    return false;
  }
  return policy.trustedUrls.some((trusted) => {
    if (trusted.startsWith('file:')) {
      // file: URLs have an opaque origin; compare the path exactly (no hash/query tricks).
      return url.protocol === 'file:' && `${url.protocol}//${url.host}${url.pathname}` === trusted;
    }
    return url.origin === new URL(trusted).origin;
  });
}
