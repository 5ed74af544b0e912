// The rule for an on/off environment variable, in plain JavaScript so that next.config.js (through
// ./compression.js) and the typed environment contract (./env-variables.ts) read switches alike.

/**
 * Whether a switch is on: only for `1` or `true` (any case, spaces around); anything else is off.
 * @param {unknown} value
 */
export function switchIsOn(value) {
  return typeof value === 'string' && ['1', 'true'].includes(value.trim().toLowerCase());
}
