/** `stack` with each `file.ts:line:column` of a transpiled file replaced by its TypeScript position. */
export declare function mapStack(stack: string): string;
