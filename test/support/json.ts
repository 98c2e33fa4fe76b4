/**
 * What `JSON.parse` gives: a response body or ack a test reads by shape and asserts on. Tests may
 * use it without a cast (eslint.config.js turns the no-unsafe rules off under test/); production
 * code validates such values with the schemas in shared/ instead.
 */
export type ParsedJson = ReturnType<typeof JSON.parse>;
