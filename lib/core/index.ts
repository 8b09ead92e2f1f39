// The cloud-neutral core of the library, one import: `import { ... } from 'cdktf-reference-architectures/core'`
// (also the package root). App helpers, base stack, backends, config schemas, naming, tags, CIDR math,
// the Peer / Port vocabulary, regions, stack selection and the validation table.
export * from './advice';
export * from './app';
export * from './archive';
export * from './backend';
export * from './base-stack';
export * from './cidr';
export * from './config';
export * from './naming';
export * from './peer-port';
export * from './random';
export * from './regions';
export * from './select';
export * from './tags';
export * from './validation';
