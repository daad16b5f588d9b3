import { Decimal } from './decimal';
import { formatQuantity, formatUsd } from './format';
import {
  DELETE_BATCH_MAX_ENTRIES,
  IDLE_POLLERS,
  LONG_POLL_WAIT_S,
  RECEIVE_MAX_MESSAGES,
  type SqsRequestCharge,
  chunksPerPayload,
  idleReceivesPerMonth,
} from './sqs-requests';

/**
 * The SQS request count of one batch size in words, for "Show the calculation": one line per API
 * action, then the charge. Each line can be redone with a calculator and the rules in
 * `SQS_REQUEST_RULES`.
 */
export function describeSqsRequestCalculation(charge: SqsRequestCharge, messageSizeKb: number, hoursPerMonth: number): string[] {
  const { requests } = charge;
  const perCall = Math.min(requests.batchSize, RECEIVE_MAX_MESSAGES);
  const chunkNote = (kb: Decimal) => `${formatQuantity(kb)} KB, ${chunksPerPayload(kb)} × 64 KB chunk${chunksPerPayload(kb) === 1 ? '' : 's'}`;
  const size = Decimal.of(messageSizeKb);
  const minutes = hoursPerMonth * 60;
  const floor = idleReceivesPerMonth(hoursPerMonth);
  const messageReceives = requests.receiveRequests - requests.emptyReceives;

  const lines = [
    `SendMessage: ${formatQuantity(requests.messagesPerMonth)} messages, one per call, × ${requests.chunksPerMessage} request` +
      `${requests.chunksPerMessage === 1 ? '' : 's'} each (${chunkNote(size)}) = ${formatQuantity(requests.sendRequests)} requests.`,
    `ReceiveMessage: batches of ${formatQuantity(requests.batchSize)} take ${formatQuantity(requests.receiveCalls)} calls of up to ` +
      `${perCall} messages (up to ${chunkNote(size.times(perCall))} per call) = ${formatQuantity(messageReceives)} requests.`,
    `Empty receives: ${IDLE_POLLERS} pollers × ${60 / LONG_POLL_WAIT_S} long polls a minute × ${formatQuantity(minutes)} minutes = ` +
      `${formatQuantity(floor)} receives at least; ` +
      (requests.emptyReceives === 0
        ? `the ${formatQuantity(requests.receiveCalls)} calls that returned messages reach that, so none came back empty.`
        : `${formatQuantity(requests.receiveCalls)} of them returned messages, so ${formatQuantity(requests.emptyReceives)} came back empty.`),
    `DeleteMessageBatch: ${formatQuantity(requests.deleteRequests)} calls of up to ${DELETE_BATCH_MAX_ENTRIES} receipt handles, one request each.`,
  ];

  const billed = Decimal.of(requests.totalRequests).minus(charge.freeRequests);
  const used = charge.tiers.filter((tier) => !tier.quantity.minus(tier.freeQuantity).isZero());
  const priced = used.map((tier) => `${formatQuantity(tier.quantity.minus(tier.freeQuantity))} × ${formatUsd(tier.rate.times(1_000_000))} per million`);
  lines.push(
    `Total: ${formatQuantity(requests.totalRequests)} requests` +
      (charge.freeRequests.isZero() ? '' : ` − ${formatQuantity(charge.freeRequests)} free = ${formatQuantity(billed)} billed`) +
      (priced.length === 0 ? '' : `; ${priced.join(' + ')}`) +
      ` = ${formatUsd(charge.cost)}.`,
  );
  return lines;
}
