export * from './log-analytics';
export * from './application-insights';
export * from './alerts';
export * from './metric';
