export * from './types';
export * from './engine';
export * from './report';
export { checkApp } from './synth';
export { AWS_PACK } from './aws';
export { AZURE_PACK } from './azure';
export * as policyHelpers from './helpers';
