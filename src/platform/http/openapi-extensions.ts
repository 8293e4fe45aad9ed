/** Operation extension set by `@Public()`; turned into `security: []` and removed from the document. */
export const PUBLIC_OPERATION = 'x-public';
