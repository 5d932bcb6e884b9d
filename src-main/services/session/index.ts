/** LangWatch sessions per profile. */
export * from './session-manager';
export type { DeviceSignInStart } from './device-sessions';
export { deviceAccount, sessionAccount } from './device-credentials';
