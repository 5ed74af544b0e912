// Stand-in for the 'server-only' marker package under Vitest (plain Node, not a React Server bundle).
export {};
