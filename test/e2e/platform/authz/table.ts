export type Outcome = 'ok' | '401' | '403' | '404';
export const EXPECTED: Record<string, string> = {};
