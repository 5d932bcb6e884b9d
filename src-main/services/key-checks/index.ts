/** Key checks and event previews for typed and staged compliance keys, with verdict memory. */
export * from './key-checks';
export * from './verdict-memory';
export * from './open-key-checks';
