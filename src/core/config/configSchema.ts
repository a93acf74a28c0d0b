/**
 * The config schema is declared once, in the leaf `src/shared/values` (the preferences window
 * validates with it too). Re-exported here for the config modules still importing it by this path.
 */
export * from '../../shared/values/configSchema';
