// Read by eslint.config.mjs (the stores rule skips these files) and by its test.

/**
 * Stores that still import a feature, each with why it has not moved yet. The list only
 * shrinks: test/unit/app/lint-boundaries.test.ts fails when an entry no longer imports a
 * feature (remove it) and when the list grows.
 */
export const STORE_FEATURE_EXCEPTIONS = {
  // DEFAULT_QUERY and TableQuery belong in the store's own layer; the sources store and
  // features/sources are being reshaped in another change (issue 21, one outbox store).
  'src-renderer/stores/sources-store.ts': 'imports DEFAULT_QUERY/TableQuery from features/sources/table-model',
};
