export * from './openai-account';
