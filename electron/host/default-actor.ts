import { userInfo } from 'node:os';

/** Until people and roles exist (a later issue), actions are attributed to the OS account. */
export function defaultActor(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return userInfo().username || env.USER || env.USERNAME || 'unknown';
  } catch {
    return env.USER ?? env.USERNAME ?? 'unknown';
  }
}
