export * from './python-function';
export * from './triggers';
