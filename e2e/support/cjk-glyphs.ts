import type { Locator, Page } from 'playwright-core';

export type GlyphReport = {
  /** the fonts Chromium drew the text with, and how many glyphs each drew */
  fonts: { familyName: string; glyphCount: number }[];
  /** each character's rendering, as a bitmap signature */
  signatures: string[];
  /** pixels each character inked */
  ink: number[];
};

/**
 * How the browser rendered a piece of Chinese text, by two independent means:
 *
 * 1. Chromium's DevTools protocol reports the platform fonts that drew the text node's glyphs
 *    (CSS.getPlatformFontsForNode). Without a CJK font it names a Latin font or none, so a CJK
 *    family there means the glyphs came from a font that has them. (document.fonts.check()
 *    cannot tell: it answers true for any font name it does not manage.)
 * 2. Each character is drawn on a canvas in the element's own computed font, and the bitmaps
 *    compared: missing glyphs all come out as the same .notdef box ("tofu"), real ones differ
 *    from each other and ink some pixels.
 */
export async function inspectCjkRendering(
  page: Page,
  container: Locator,
  text: string,
): Promise<GlyphReport> {
  const marker = `probe-${String(Date.now())}`;
  const found = await container.evaluate(
    (root, { text, marker }) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        if (node.textContent?.includes(text) === true && node.parentElement !== null) {
          node.parentElement.setAttribute('data-e2e-probe', marker);
          return true;
        }
      }
      return false;
    },
    { text, marker },
  );
  if (!found) throw new Error(`no text node with "${text}" in ${String(container)}`);

  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: `[data-e2e-probe="${marker}"]`,
    });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });

    const bitmaps = await page.evaluate(
      ({ text, marker }) => {
        const element = document.querySelector(`[data-e2e-probe="${marker}"]`)!;
        const font = getComputedStyle(element).font;
        const size = 64;
        return Array.from(text).map((character) => {
          const canvas = document.createElement('canvas');
          canvas.width = size;
          canvas.height = size;
          const context = canvas.getContext('2d')!;
          // the element's family at a size where glyph shapes are unmistakable
          context.font = font.replace(/\d+(\.\d+)?px/, '48px');
          context.textBaseline = 'top';
          context.fillStyle = '#000';
          context.fillText(character, 8, 8);
          const alpha = context.getImageData(0, 0, size, size).data.filter((_, i) => i % 4 === 3);
          let ink = 0;
          let signature = '';
          for (const value of alpha) {
            if (value > 127) ink += 1;
            signature += value > 127 ? '1' : '0';
          }
          return { ink, signature };
        });
      },
      { text, marker },
    );
    return {
      fonts: fonts.map(({ familyName, glyphCount }) => ({ familyName, glyphCount })),
      signatures: bitmaps.map((bitmap) => bitmap.signature),
      ink: bitmaps.map((bitmap) => bitmap.ink),
    };
  } finally {
    await cdp.detach();
  }
}

/** Throws unless the text (of distinct characters) was drawn with real glyphs of a CJK font. */
export async function expectCjkGlyphsRendered(
  page: Page,
  container: Locator,
  text: string,
): Promise<GlyphReport> {
  const report = await inspectCjkRendering(page, container, text);
  const cjkGlyphs = report.fonts
    .filter((font) =>
      /CJK|Source Han|PingFang|YaHei|Hiragino|WenQuanYi|Droid Sans Fallback/i.test(font.familyName),
    )
    .reduce((sum, font) => sum + font.glyphCount, 0);
  const characters = Array.from(text).filter((character) =>
    /\p{Script=Han}/u.test(character),
  ).length;
  const distinct = new Set(report.signatures).size;
  const problems = [
    cjkGlyphs >= characters
      ? null
      : `CJK fonts drew ${String(cjkGlyphs)} of ${String(characters)} glyphs`,
    report.ink.every((ink) => ink > 20)
      ? null
      : `some characters inked nothing: ${report.ink.join()}`,
    distinct === report.signatures.length ? null : 'characters render identically (tofu boxes)',
  ].filter((problem) => problem !== null);
  if (problems.length > 0) {
    throw new Error(
      `"${text}" is not rendered with CJK glyphs: ${problems.join('; ')} (fonts: ${JSON.stringify(report.fonts)})`,
    );
  }
  return report;
}
