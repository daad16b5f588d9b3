import 'server-only';
import { AppError } from '@/server/errors';

/**
 * The opaque cursor of a list paged newest first by (time, id): the last row's time and id,
 * base64url. Clients pass back what they were given; anything else is a 422 naming `cursor`.
 */
export function encodePageCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

export function decodePageCursor(text: string): { at: Date; id: string } {
  const [at, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || rest.length || Number.isNaN(date.getTime()) || !/^[\w-]+$/.test(id)) {
    throw new AppError('VALIDATION', 'cursor is not one this API gave out.', { fields: { cursor: ['must be the nextCursor of an earlier page'] } });
  }
  return { at: date, id };
}
