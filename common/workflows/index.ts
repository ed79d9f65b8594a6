/** Workflows as data: types, validation and the pure transition function. */
export * from './workflows.js';
