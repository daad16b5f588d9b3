#!/usr/bin/env node
// Writes public/favicon.ico from app/icon.svg: node scripts/dev/favicon.mjs
// Browsers that read the page's <link rel="icon"> use the SVG; feed readers, bookmarks and some
// browsers still ask for /favicon.ico, which must not be a 404. Chromium draws the SVG at 16, 32 and
// 48 px (no ImageMagick needed) and the PNGs go into one ICO file (PNG entries, Windows Vista and later).
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const svg = readFileSync(path.join(root, 'app/icon.svg'), 'utf8');
const SIZES = [16, 32, 48];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const pngs = [];
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    pngs.push(await page.screenshot({ omitBackground: true, type: 'png' }));
    await page.close();
  }
} finally {
  await browser.close();
}

// ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the images.
const header = Buffer.alloc(6 + 16 * pngs.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(pngs.length, 4);
let offset = header.length;
pngs.forEach((png, i) => {
  const entry = 6 + 16 * i;
  header.writeUInt8(SIZES[i] % 256, entry);
  header.writeUInt8(SIZES[i] % 256, entry + 1);
  header.writeUInt16LE(1, entry + 4); // colour planes
  header.writeUInt16LE(32, entry + 6); // bits per pixel
  header.writeUInt32LE(png.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += png.length;
});
const out = path.join(root, 'public/favicon.ico');
writeFileSync(out, Buffer.concat([header, ...pngs]));
console.log(`${path.relative(root, out)}: ${SIZES.join(', ')} px, ${offset} bytes`);
