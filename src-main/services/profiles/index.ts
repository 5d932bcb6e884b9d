/** Deployment profiles: the service and the URL rules. */
export * from './profiles';
export * from './url';
