/** Connecting to a deployment: sign-in flows, their error wording, and the outside-world ports. */
export * from './flows';
export * from './cookie-watch';
export * from './ports';
export * from './sign-in-errors';
