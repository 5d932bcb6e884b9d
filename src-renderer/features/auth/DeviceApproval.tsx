/**
 * The parts of the device (support) sign-in that protect the person approving it: what an
 * approval creates on the server (said before anything is approved), and an approval page on
 * another origin than the profile's, shown with both addresses and opened only on confirmation.
 */
import { DEVICE_SIGN_IN_EFFECTS } from '../../../src-shared/domain/device-approval';

/** What a device sign-in creates on the server and what signing out revokes. */
export function DeviceEffects() {
  return (
    <p className="hint device-effects" data-testid="device-effects">
      {DEVICE_SIGN_IN_EFFECTS}
    </p>
  );
}

/**
 * The "open approval page" action: one button on the profile's origin; on another origin a
 * notice naming both, and a button that names the origin it confirms.
 */
export function ApprovalPageButton({
  approvalOrigin,
  deploymentOrigin,
  onOpen,
}: {
  approvalOrigin: string;
  deploymentOrigin: string;
  onOpen(confirmedOrigin?: string): void;
}) {
  if (approvalOrigin === deploymentOrigin) {
    return (
      <button type="button" className="primary" onClick={() => onOpen()} data-testid="device-open">
        Open approval page
      </button>
    );
  }
  return (
    <div className="device-other-origin" data-testid="device-other-origin" data-origin={approvalOrigin}>
      <p role="note">
        The approval page is on <strong>{approvalOrigin}</strong>, not on {deploymentOrigin} (the address of this
        profile). LangWatch builds this link from the deployment&apos;s configured public address, which can differ (an
        alias or a load balancer). Open it only if you recognise {approvalOrigin} as your LangWatch.
      </p>
      <button
        type="button"
        className="primary"
        onClick={() => onOpen(approvalOrigin)}
        data-testid="device-open-confirm"
      >
        I recognise it: open {approvalOrigin}
      </button>
    </div>
  );
}
