import { describe, expect, it } from 'vitest';

import { DEFAULT_COST_GRID_BASE, computeCostGrid } from './cost-grid';
import { costGridCsv, lambdaEstimateCsv, sqsBatchRowsCsv, toCsv } from './csv';
import { estimateLambdaCost, toLambdaCostDto } from './lambda-cost';
import { estimateSqsBatchCosts, toSqsBatchCostsDto } from './sqs-batch-cost';

/** Splits CSV text into rows of cells (enough of RFC 4180 to read back what toCsv writes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += char;
    }
  }
  return rows;
}

describe('toCsv', () => {
  it('quotes what needs quoting and reads back cell for cell', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['plain', 'with, comma'],
        ['with "quotes"', 'two\nlines'],
        [1.5, null],
        [true, ' padded '],
      ],
    );
    expect(csv).toBe('a,b\r\nplain,"with, comma"\r\n"with ""quotes""","two\nlines"\r\n1.5,\r\ntrue," padded "\r\n');
    expect(parseCsv(csv)).toEqual([
      ['a', 'b'],
      ['plain', 'with, comma'],
      ['with "quotes"', 'two\nlines'],
      ['1.5', ''],
      ['true', ' padded '],
    ]);
  });

  it('defuses cells a spreadsheet would run as formulas, but not negative numbers', () => {
    expect(toCsv(['x'], [['=HYPERLINK("http://evil")'], ['@SUM(A1)'], [-5]])).toBe(`x\r\n"'=HYPERLINK(""http://evil"")"\r\n'@SUM(A1)\r\n-5\r\n`);
  });
});

describe('cost exports', () => {
  it('lists the Lambda line items and a total that matches the estimate', () => {
    const estimate = toLambdaCostDto(
      estimateLambdaCost({
        architecture: 'x86_64',
        region: 'us-east-1',
        memoryMb: 2048,
        durationMs: 60_000,
        invocationsPerMonth: 75_000_000,
        ephemeralStorageMb: 512,
        includeFreeTier: false,
      }),
    );
    const rows = parseCsv(lambdaEstimateCsv(estimate));
    expect(rows[0]).toEqual(['item', 'quantity', 'unit', 'rate_usd', 'cost_usd', 'price_table', 'region']);
    expect(rows[1]).toEqual(['Requests', '75000000', 'requests', '2e-7', '15', estimate.priceTable.id, 'us-east-1']);
    expect(rows.at(-1)?.slice(0, 5)).toEqual(['Total', '', '', '', '145015.29']);
  });

  it('writes one row per batch size, flagging the cheapest and the limits broken', () => {
    const costs = toSqsBatchCostsDto(estimateSqsBatchCosts({ ...DEFAULT_COST_GRID_BASE, batchSizes: [10, 100, 2000] }));
    const rows = parseCsv(sqsBatchRowsCsv(costs));
    expect(rows).toHaveLength(4);
    const header = rows[0]!;
    const cell = (batchSize: string, column: string) => rows.find((row) => row[0] === batchSize)?.[header.indexOf(column)];
    expect(cell('2000', 'feasible')).toBe('false');
    expect(cell('2000', 'violations')).toBe('INVOKE_PAYLOAD_TOO_LARGE');
    expect(rows.slice(1).filter((row) => row[header.indexOf('cheapest')] === 'true')).toHaveLength(1);
    expect(cell('10', 'sqs_receive_requests')).toBe('30416667');
    expect(cell('10', 'sqs_empty_receives')).toBe('0');
    expect(cell('10', 'sqs_cost_usd')).toBe('145.6');
  });

  it('flattens the chart grid to one row per architecture, volume and batch size', () => {
    const grid = computeCostGrid({ base: DEFAULT_COST_GRID_BASE, batchSizes: [1, 10], volumes: [1_000, 2_000, 3_000] });
    const rows = parseCsv(costGridCsv(grid));
    expect(rows).toHaveLength(1 + 2 * 3 * 2);
    expect(rows[1]).toEqual(['x86_64', '1000', '1', '256', '30', 'true', expect.any(String)]);
  });
});
