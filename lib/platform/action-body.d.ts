// Types for action-body.js (plain JavaScript so that next.config.js can import it).

/** The cap on a server action's body, in bytes. */
export declare const ACTION_BODY_LIMIT_BYTES: number;
/** The same cap as next.config.js's serverActions.bodySizeLimit takes it ("64kb"). */
export declare const ACTION_BODY_LIMIT: string;

/** Why a POST to a page is refused before Next reads it (413 too large, 411 no length), or null. */
export declare function actionBodyRefusal(
  method: string,
  headers: Headers,
): { status: 411 | 413; message: string } | null;
