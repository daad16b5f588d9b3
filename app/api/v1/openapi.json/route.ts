// GET /api/v1/openapi.json — the OpenAPI document listing every /api/v1 route
import { NextResponse } from 'next/server';
import { buildOpenApiDocument } from '@/server/openapi/registry';
import '@/server/openapi/operations';

export function GET() {
  return NextResponse.json(buildOpenApiDocument('1.0.0'));
}
