import { HttpError } from "./http";

/**
 * Opaque pagination cursors: a list answers `{ items, next }`, and `next` (absent on the last page)
 * is passed back as `?next=` for the following page. The position is base64url JSON, so that its
 * shape can change without breaking a client that only passes it back.
 */
export function encodeCursor(position: Record<string, unknown>): string {
    return Buffer.from(JSON.stringify(position)).toString("base64url");
}

/** The position in `cursor`, checked by `valid`; 400 `invalid_cursor` for anything else. */
export function decodeCursor<T>(cursor: string, valid: (value: unknown) => value is T): T {
    let value: unknown;
    try {
        value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    } catch {
        value = undefined;
    }
    if (!valid(value)) {
        throw new HttpError(400, "invalid_cursor", "next: not a cursor this list returned; start again without it");
    }
    return value;
}

/** Query-string schema of a page request: `limit` (1-100, default 20) and `next`. */
export const PAGE_QUERY = {
    limit: { type: "integer", minimum: 1, maximum: 100, default: 20 },
    next: { type: "string", minLength: 1, maxLength: 2048 },
} as const;
