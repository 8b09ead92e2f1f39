export * from './log-analytics';
export * from './application-insights';
