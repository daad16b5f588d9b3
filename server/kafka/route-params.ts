import 'server-only';
import { AppError } from '@/server/errors';
import { kafkaGroupIdSchema } from '@/lib/schemas/kafka';

/** The consumer group id of a `[group]` route segment, checked against Kafka's rules (422 naming `group` otherwise). */
export function consumerGroupParam(params: Record<string, string>): string {
  const parsed = kafkaGroupIdSchema.safeParse(params.group ?? '');
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Not a Kafka consumer group id';
    throw new AppError('VALIDATION', `${message}.`, { fields: { group: [message] } });
  }
  return parsed.data;
}

/** A `[groupId]` page segment: pages get params still percent-encoded (route handlers get them decoded); a malformed one is used as typed. */
export function groupIdFromPageParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
