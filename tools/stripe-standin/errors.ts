/** Stripe's error envelope: `{ "error": { type, message, code?, param?, doc_url? } }`. */
export interface StripeErrorBody {
  type: 'invalid_request_error' | 'api_error' | 'card_error' | 'idempotency_error';
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

/** `No such customer: 'cus_x'` (404 for the path id, 400 when the id came from a parameter). */
export function noSuch(kind: string, id: string, param = 'id'): ApiError {
  return new ApiError(param === 'id' ? 404 : 400, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    param,
    message: `No such ${kind}: '${id}'`,
    doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
  });
}

export function invalidRequest(message: string, param?: string, code?: string): ApiError {
  return new ApiError(400, {
    type: 'invalid_request_error',
    message,
    ...(param !== undefined ? { param } : {}),
    ...(code !== undefined ? { code } : {}),
  });
}

export function unknownParameter(param: string): ApiError {
  return new ApiError(400, {
    type: 'invalid_request_error',
    code: 'parameter_unknown',
    param,
    message: `Received unknown parameter: ${param}`,
    doc_url: 'https://stripe.com/docs/error-codes/parameter-unknown',
  });
}

/** A parameter real Stripe accepts but this stand-in does not model: fail loudly, never ignore. */
export function notSupported(param: string): ApiError {
  return invalidRequest(
    `The local Stripe stand-in does not implement the parameter '${param}'. Extend tools/stripe-standin if the app needs it.`,
    param,
  );
}
