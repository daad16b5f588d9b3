'use client';

import { downloadBlob, downloadText } from '@/components/charts/download-file';
import { exportFileName, renderExecutionGraphSvg } from '@/lib/sfn/graph-svg';
import type { ExecutionGraphDto } from '@/lib/sfn/dto';

// Browsers cap canvas sides around 16k-32k pixels; big graphs export at a lower scale instead of failing.
const MAX_CANVAS_SIDE = 16_384;

/** Saves the graph as a standalone SVG file. */
export function downloadGraphSvg(graph: ExecutionGraphDto, executionName: string, subtitle: string): void {
  const { markup } = renderExecutionGraphSvg(graph, { title: executionName, subtitle });
  downloadText(markup, exportFileName(executionName, 'svg'), 'image/svg+xml;charset=utf-8');
}

/** Rasterises the same SVG onto a canvas (2x for sharp text) and saves it as PNG. */
export async function downloadGraphPng(graph: ExecutionGraphDto, executionName: string, subtitle: string): Promise<void> {
  const { markup, width, height } = renderExecutionGraphSvg(graph, { title: executionName, subtitle });
  const scale = Math.min(2, MAX_CANVAS_SIDE / Math.max(width, height));
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = await new Promise<HTMLImageElement>((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error('The graph could not be drawn as an image.'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw on a canvas.');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The graph could not be turned into a PNG.'))), 'image/png'),
    );
    downloadBlob(blob, exportFileName(executionName, 'png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
