/** How a place's state and health are said on screen (with the reason where there is one). */
import type { Place, PlaceHealth, PlaceState } from '../../../src-shared/domain/everywhere';

const STATE_WORDS: Record<PlaceState, string> = {
  loading: 'Loading…',
  fresh: 'Up to date',
  slow: 'Slow: still waiting for the list',
  failed: 'The last refresh failed',
  signed_out: 'Signed out: sign in to this deployment to see its sources',
  expired: 'Session expired: sign in again',
  unreachable: 'Unreachable: the deployment does not answer',
  rate_limited: 'Rate limited: LangWatch asked to wait',
  no_permission: 'No permission to view sources in this organisation',
};

const HEALTH_WORDS: Record<PlaceHealth, string> = {
  ok: '24 h counts shown',
  loading: '24 h counts loading',
  slow: '24 h counts slow: still waiting',
  enterprise_required: '24 h counts need an enterprise plan',
  forbidden: 'No permission for 24 h counts',
  unavailable: '24 h counts unavailable',
  not_requested: '24 h counts not read here',
};

/** The state sentence, with the server's reason and when it is asked again. */
export function placeStateWords(place: Place): string {
  const parts = [STATE_WORDS[place.state]];
  if (place.lastError && place.state !== 'fresh') parts.push(place.lastError.message);
  if (place.retryAt) parts.push(`asked again at ${new Date(place.retryAt).toLocaleTimeString()}`);
  return parts.join(' · ');
}

/** The health sentence of a place. */
export function placeHealthWords(place: Place): string {
  const reason = place.health === 'unavailable' ? place.healthError?.message : undefined;
  return reason ? `${HEALTH_WORDS[place.health]} (${reason})` : HEALTH_WORDS[place.health];
}

/** "Deployment 1 · Acme Corp" (or the deployment alone for a profile-level place). */
export function placeName(place: Place): string {
  return place.organizationName ? `${place.profileName} · ${place.organizationName}` : place.profileName;
}
