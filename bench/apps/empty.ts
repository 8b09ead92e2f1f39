/** An empty TypeScript entry point: `node -r @swc-node/register` on it is the cost of the register hook alone. */
export {};
