import { useAuthStore } from '../../stores/auth-store';
import { ApprovalPageButton, DeviceEffects } from './DeviceApproval';
import { CopyButton } from './CopyButton';
import { formatClock } from '../sources/LocalTime';

/** The code and its approval button come into view when they appear (a short window may hide them). */
const bringIntoView = (el: HTMLElement | null) => el?.scrollIntoView({ block: 'nearest' });

/** Read-only device-code sign-in for support staff: the code big, the approval page, a live wait. */
export function DeviceSignIn({ profileId }: { profileId: string }) {
  const { device, startDevice, openApprovalPage, cancelDevice, resetDevice } = useAuthStore();

  if (device.phase === 'idle' || device.phase === 'starting') {
    return (
      <div className="device-start">
        <DeviceEffects />
        <button
          type="button"
          onClick={() => void startDevice(profileId)}
          disabled={device.phase === 'starting'}
          data-testid="device-start"
        >
          Sign in with a device code (read-only)
        </button>
      </div>
    );
  }
  if (device.phase === 'done') {
    return (
      <div className="device-result" data-testid="device-result" data-outcome={device.outcome}>
        <p role={device.outcome === 'approved' ? 'status' : 'alert'}>{device.message}</p>
        {device.outcome !== 'approved' && (
          <button type="button" onClick={resetDevice} data-testid="device-again">
            Start again
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="device-waiting" data-testid="device-waiting" ref={bringIntoView}>
      <p>Approve this code in a browser where you are signed in to LangWatch:</p>
      <DeviceEffects />
      <output
        className="user-code"
        data-testid="device-user-code"
        aria-label={`Code ${device.userCode.split('').join(' ')}`}
      >
        {device.userCode}
      </output>
      <div className="row">
        <CopyButton text={device.userCode} label="Copy the device code" testId="device-copy-code" />
      </div>
      <div className="row">
        <ApprovalPageButton
          approvalOrigin={device.approvalOrigin}
          deploymentOrigin={device.deploymentOrigin}
          onOpen={(confirmedOrigin) => void openApprovalPage(profileId, confirmedOrigin)}
        />
        <button type="button" onClick={() => void cancelDevice(profileId)} data-testid="device-cancel">
          Cancel
        </button>
      </div>
      {device.openError && (
        <p role="alert" className="field-error">
          {device.openError.message}
        </p>
      )}
      <p role="status" aria-live="polite" className="hint" data-state="waiting">
        Waiting for approval… (the code expires at {formatClock(new Date(device.expiresAt))})
      </p>
    </div>
  );
}
