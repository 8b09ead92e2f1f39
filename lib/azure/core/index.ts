export * from './naming';
export * from './interfaces';
export * from './placement';
export * from './grants';
