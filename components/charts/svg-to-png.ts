import { CHART_FONT_FAMILY } from './chart-theme';

/**
 * Draws a chart's SVG onto a canvas and returns it as a PNG, in the browser, with no library: the
 * SVG is serialised, loaded as an image and painted under the chart's title, with the legend (which
 * Recharts renders as HTML, outside the SVG) drawn as swatches beneath it.
 */

export interface PngLegendItem {
  readonly label: string;
  readonly color: string;
  readonly dashed?: boolean;
}

export interface ChartPngOptions {
  readonly title: string;
  readonly subtitle?: string;
  readonly legend?: readonly PngLegendItem[];
  /** Pixels per CSS pixel; 2 keeps text sharp on a slide. */
  readonly scale?: number;
}

const PADDING = 16;
const TITLE_HEIGHT = 24;
const SUBTITLE_HEIGHT = 18;
const LEGEND_ROW_HEIGHT = 20;

export async function renderChartPng(svg: SVGSVGElement, options: ChartPngOptions): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const scale = options.scale ?? 2;
  const image = await loadSvgImage(svg, width, height);

  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error('This browser cannot draw on a canvas.');
  measure.font = `12px ${CHART_FONT_FAMILY}`;
  const legendRows = layoutLegend(options.legend ?? [], width, (text) => measure.measureText(text).width);

  const headerHeight = TITLE_HEIGHT + (options.subtitle ? SUBTITLE_HEIGHT : 0);
  const canvasWidth = width + PADDING * 2;
  const canvasHeight = PADDING + headerHeight + height + legendRows.length * LEGEND_ROW_HEIGHT + PADDING;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(canvasWidth * scale);
  canvas.height = Math.ceil(canvasHeight * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas.');
  context.scale(scale, scale);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvasWidth, canvasHeight);

  context.textBaseline = 'top';
  context.fillStyle = '#0f172a';
  context.font = `600 15px ${CHART_FONT_FAMILY}`;
  context.fillText(options.title, PADDING, PADDING);
  if (options.subtitle) {
    context.fillStyle = '#475569';
    context.font = `12px ${CHART_FONT_FAMILY}`;
    context.fillText(options.subtitle, PADDING, PADDING + TITLE_HEIGHT);
  }
  const chartTop = PADDING + headerHeight;
  context.drawImage(image, PADDING, chartTop, width, height);

  context.font = `12px ${CHART_FONT_FAMILY}`;
  context.textBaseline = 'middle';
  legendRows.forEach((row, rowIndex) => {
    const y = chartTop + height + rowIndex * LEGEND_ROW_HEIGHT + LEGEND_ROW_HEIGHT / 2;
    for (const { item, x } of row) {
      context.strokeStyle = item.color;
      context.lineWidth = 3;
      context.setLineDash(item.dashed ? [4, 3] : []);
      context.beginPath();
      context.moveTo(PADDING + x, y);
      context.lineTo(PADDING + x + SWATCH_WIDTH, y);
      context.stroke();
      context.fillStyle = '#334155';
      context.fillText(item.label, PADDING + x + SWATCH_WIDTH + 4, y);
    }
  });

  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The chart could not be turned into a PNG.'))), 'image/png'),
  );
}

const SWATCH_WIDTH = 16;
const ITEM_GAP = 14;

/** Wraps legend items into rows that fit the chart's width. */
export function layoutLegend(items: readonly PngLegendItem[], width: number, textWidth: (text: string) => number): { item: PngLegendItem; x: number }[][] {
  const rows: { item: PngLegendItem; x: number }[][] = [];
  let row: { item: PngLegendItem; x: number }[] = [];
  let x = 0;
  for (const item of items) {
    const itemWidth = SWATCH_WIDTH + 4 + textWidth(item.label);
    if (row.length > 0 && x + itemWidth > width) {
      rows.push(row);
      row = [];
      x = 0;
    }
    row.push({ item, x });
    x += itemWidth + ITEM_GAP;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

function loadSvgImage(svg: SVGSVGElement, width: number, height: number): Promise<HTMLImageElement> {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  // Text inherits its font from the page's CSS, which an SVG drawn as an image cannot see.
  copy.setAttribute('font-family', CHART_FONT_FAMILY);
  const markup = new XMLSerializer().serializeToString(copy);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      URL.revokeObjectURL(url);
      resolve(image);
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('The chart could not be drawn as an image.'));
    };
    image.src = url;
  });
}
