/** Public surface of the IP/CIDR library. */
export * from './ip.js';
export * from './overlap.js';
export * from './range.js';
export * from './tree.js';
export * from './canonical.js';
