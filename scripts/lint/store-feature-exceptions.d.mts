// Types of store-feature-exceptions.mjs for its test.
export declare const STORE_FEATURE_EXCEPTIONS: Record<string, string>;
