// node screenshots.mjs PEERS CHROMIUM SITE OUT [PAGE...]
//
// Not a test: pictures for a person to look at. Each PAGE (default: the first page,
// contacts.html and assessment.html) in light and dark, at 100% and 200% zoom of a
// 1280 px window and at 320 CSS px wide, as OUT/<page>-<theme>-<size>.png (full page).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { peers, launch, urlOf } from "./chromium.mjs";

const [peerFolder, chromium, site, out, ...names] = process.argv.slice(2);
const pages = names.length ? names : ["module-1-page-1.html", "contacts.html", "assessment.html"];
const { puppeteer } = peers(peerFolder);
const browser = await launch(puppeteer, chromium);
mkdirSync(out, { recursive: true });
try {
  const page = await browser.newPage();
  for (const name of pages)
    for (const scheme of ["light", "dark"])
      for (const [size, width, scale] of [["100", 1280, 1], ["200", 640, 2], ["320px", 320, 1]]) {
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
        await page.setViewport({ width, height: 800, deviceScaleFactor: scale });
        await page.goto(urlOf(site, name), { waitUntil: "load" });
        const file = join(out, `${name.replace(/\.html$/, "")}-${scheme}-${size}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
} finally {
  await browser.close();
}
