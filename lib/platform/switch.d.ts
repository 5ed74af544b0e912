// Types for switch.js (plain JavaScript so that next.config.js can import it).
export function switchIsOn(value: unknown): boolean;
