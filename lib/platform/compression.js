// Who compresses responses (decision 0022): the app itself, by default (Next's gzip: one instance
// on its own), or the proxy in front when COMPRESSION_BY_PROXY is on (deploy/nginx.conf gzips).
// Next compresses a streamed page chunk by chunk, on the instance's only thread: 6–8 ms of a
// 145 KB desk page; nginx does it in C, on its own workers. Plain JavaScript: next.config.js reads it.

import { switchIsOn } from './switch.js';

/**
 * Whether the app compresses its responses: yes unless the switch COMPRESSION_BY_PROXY is on.
 * @param {Record<string, string | undefined>} env
 */
export function appCompresses(env = process.env) {
  return !switchIsOn(env.COMPRESSION_BY_PROXY);
}
