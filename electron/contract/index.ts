export * from './errors.ts';
export * from './methods.ts';
export * from './systems.ts';
export * from './labels.ts';
export * from './safe-json.ts';
export * from './content-security-policy.ts';
export * from './field-issues.ts';
export * from './templates.ts';
