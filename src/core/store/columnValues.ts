/**
 * The values the database's CHECK constraints allow. Declared in the leaf `src/shared/values` so
 * the IPC contract shares them without importing the core; re-exported here for the store's modules.
 */
export * from '../../shared/values/columnValues';
