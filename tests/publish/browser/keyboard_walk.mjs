// node keyboard_walk.mjs PEERS CHROMIUM SITE
//
// Takes the published course with the keyboard alone, as a learner who cannot use a
// mouse would: from index.html, Tab to "Start the course" and press Enter, then on every
// page check that focus is on the new page's heading (h1), Tab to "Next" and press Enter,
// until the assessment page. On the first page, the skip link must be the first Tab stop
// and move focus into main, and the emergency contact must be reachable by Tab. Any
// mouse or pointer event on any page fails the walk. Exit 0 when the walk completes.
import { peers, launch, urlOf, watch } from "./chromium.mjs";

const [peerFolder, chromium, site] = process.argv.slice(2);
const { puppeteer } = peers(peerFolder);
const browser = await launch(puppeteer, chromium);
const problems = [];
let pagesVisited = 0;

// Presses Tab until the focused element matches `wanted` (checked in the page); false
// after `limit` presses.
async function tabTo(page, wanted, limit = 400) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(wanted)) return true;
  }
  return false;
}

const focusedText = (page) =>
  page.evaluate(() => (document.activeElement ? document.activeElement.textContent.trim() : ""));

try {
  const page = await browser.newPage();
  watch(page, problems);
  // Counts every mouse and pointer event in every document, before its scripts run.
  await page.evaluateOnNewDocument(() => {
    window.__mouseEvents = 0;
    for (const type of ["mousedown", "mouseup", "mousemove", "pointerdown", "pointerup", "dblclick", "contextmenu"])
      window.addEventListener(type, () => window.__mouseEvents++, true);
  });
  const mouseCheck = async (where) => {
    const n = await page.evaluate(() => window.__mouseEvents);
    if (n !== 0) problems.push(`${where}: ${n} mouse or pointer events`);
  };

  await page.goto(urlOf(site, "index.html"), { waitUntil: "load" });
  await page.keyboard.press("Tab");
  if ((await page.evaluate(() => document.activeElement.className)) !== "skip-link")
    problems.push("index.html: the first Tab stop is not the skip link");
  await page.keyboard.press("Enter");
  if ((await page.evaluate(() => document.activeElement.id)) !== "main")
    problems.push("index.html: the skip link did not move focus to main");
  await page.goto(urlOf(site, "index.html"), { waitUntil: "load" });
  if (!(await tabTo(page, () => document.activeElement.closest(".pinned-contact") !== null, 10)))
    problems.push("index.html: the emergency contact is not among the first 10 Tab stops");
  if (!(await tabTo(page, () => document.activeElement.classList.contains("start"))))
    problems.push("index.html: no 'Start the course' link reachable by Tab");
  await mouseCheck("index.html");
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);

  for (;;) {
    const file = page.url().split("/").pop();
    pagesVisited++;
    const onHeading = await page.evaluate(() => document.activeElement.id === "page-title");
    if (!onHeading) problems.push(`${file}: focus is not on the page's heading after navigating`);
    await mouseCheck(file);
    if (file === "assessment.html") break;
    if (pagesVisited > 500) {
      problems.push("the walk did not reach assessment.html");
      break;
    }
    if (!(await tabTo(page, () => document.activeElement.getAttribute("rel") === "next"))) {
      problems.push(`${file}: no Next link reachable by Tab (stopped at "${await focusedText(page)}")`);
      break;
    }
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
  }
} finally {
  await browser.close();
}

console.log(`keyboard walk: ${pagesVisited} pages, ${problems.length} problems`);
for (const p of problems) console.log(p);
process.exit(problems.length === 0 && pagesVisited > 1 ? 0 : 1);
