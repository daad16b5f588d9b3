// Any method on /api or /api/... that no route serves — the API's JSON 404 in its error shape, not Next.js's HTML page.
// Not an operation: it is left out of the OpenAPI document and the access matrix (server/openapi/registry.test.ts says so).
import { errorResponse } from '@/server/http';
import { AppError } from '@/server/errors';

function answerNotFound(req: Request): Response {
  const { pathname } = new URL(req.url);
  return errorResponse(new AppError('NOT_FOUND', `No API operation ${req.method} ${pathname}. The operations are listed in /api/v1/openapi.json.`));
}

export { answerNotFound as GET, answerNotFound as POST, answerNotFound as PUT, answerNotFound as PATCH, answerNotFound as DELETE };
