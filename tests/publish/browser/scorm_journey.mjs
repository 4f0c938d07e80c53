// A SCORM 1.2 package in its learning platform: the package (a .zip from `waymark publish
// scorm12`) served by a test LMS page whose API is scorm-again's Scorm12API, the reference
// runtime many LMSs embed, in Debian's Chromium. The LMS keeps what each LMSCommit sends
// and gives it back at the next launch, as a real one does.
//
//   node scorm_journey.mjs PEERS CHROMIUM PACKAGE.zip JOURNEY [SCREENSHOT.png]
//
// JOURNEY is one of:
//   passed    read pages, answer, pass: lesson_status passed, score in percent, commits
//   failed    read, answer, fail: lesson_status failed, exit suspend
//   resume    read to a page, answer, close; launch again: the same page and resume data
//   oversize  resume data over 4,096 characters is refused whole and the learner told
// Exits 0 when every check holds, else prints each failure and exits 1.
//
// The pages are the package's own, navigated by their links; their runtime (waymark.js)
// reports the page shown and saves its resume data through window.parent.WaymarkTracking.
// The assessment's result and the course's completion are reported by the journey itself,
// calling the same hook from inside the course frame as waymark.js does: the browser
// assessment (helper E's work, issue 18) was landing while this was written.
import { join } from "node:path";
import { peers, launch } from "./chromium.mjs";
import { readBody, sendFile, startLms, unpack, until, endJourney } from "./lms_server.mjs";

const [peersFolder, chromium, zip, journey, screenshot] = process.argv.slice(2);
const { puppeteer } = peers(peersFolder);
const scormAgain = join(peersFolder, "node_modules/scorm-again/dist/scorm12.js");

const failures = [];
const expect = (ok, what) => {
  if (!ok) failures.push(what);
};

// The LMS: what it kept from the last session, and every commit of this one.
let kept = null;
let commits = [];

const lmsPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/scorm12.js"></script><script src="/lms-setup.js"></script>
<style>body{margin:0;font-family:sans-serif}header{padding:8px 16px;background:#234;color:#fff}
iframe{width:100%;height:calc(100vh - 40px);border:0;display:block}</style></head>
<body><header>Test LMS: Prevent duty training (SCORM 1.2)</header>
<iframe src="/course/launch.html" title="Course"></iframe></body></html>`;

const setup = () => `
window.API = new Scorm12API({ lmsCommitUrl: "/commit", autocommit: false, logLevel: 5 });
window.API.cmi.core.student_id = "learner-1";
window.API.cmi.core.student_name = "Learner, Test";
const kept = ${JSON.stringify(kept)};
if (kept) window.API.loadFromJSON(kept);
`;

const unpacked = unpack(zip);
const lms = await startLms(unpacked.folder, async (request, response, url) => {
  if (url.pathname === "/lms.html") {
    response.writeHead(200, { "Content-Type": "text/html" }).end(lmsPage);
  } else if (url.pathname === "/lms-setup.js") {
    response.writeHead(200, { "Content-Type": "text/javascript" }).end(setup());
  } else if (url.pathname === "/scorm12.js") {
    sendFile(response, scormAgain);
  } else if (url.pathname === "/commit" && request.method === "POST") {
    const body = JSON.parse(await readBody(request));
    commits.push(body);
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(JSON.stringify({ result: true, errorCode: 0 }));
  } else {
    return false;
  }
  return true;
});

const browser = await launch(puppeteer, chromium);
const problems = [];

// Opens the LMS page; returns it once the course shows a page in the launch page's frame.
async function openLms() {
  commits = [];
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 800 });
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${lms.origin}/lms.html`);
  await until(() => courseFrame(page), "the course to open in the launch page");
  return page;
}

const courseFrame = (page) =>
  page.frames().find((f) => /\/course\/(?!launch\.html)[^/]+\.html$/.test(f.url()));
const launchFrame = (page) => page.frames().find((f) => f.url().endsWith("/course/launch.html"));

// The runtime's calls, made from the course page as waymark.js makes them.
const hook = (page, method, ...args) =>
  courseFrame(page).evaluate(
    (m, a) => window.parent.WaymarkTracking[m](...a),
    method,
    args,
  );

async function follow(page, selector) {
  const frame = courseFrame(page);
  await Promise.all([frame.waitForNavigation(), frame.click(selector)]);
  const name = new URL(courseFrame(page).url()).pathname.split("/").pop();
  return name;
}

const cmi = (page) => page.evaluate(() => JSON.parse(JSON.stringify(window.API.cmi)));

// Closing the LMS page closes the launch page in it: LMSFinish sends its last commit.
async function close(page) {
  const before = commits.length;
  await page.goto("about:blank");
  await until(() => commits.length > before, "the commit of LMSFinish");
  await page.close();
  return commits[commits.length - 1];
}

const core = (commit) => commit?.cmi?.core ?? {};

try {
  const page = await openLms();
  expect(courseFrame(page).url().endsWith("/course/index.html"), "a first launch opens the contents");
  const start = await cmi(page);
  expect(start.core.lesson_status === "incomplete", `lesson_status after launch: ${start.core.lesson_status}`);
  const first = await follow(page, "a.start");
  const second = await follow(page, "a[rel=next]");
  expect((await cmi(page)).core.lesson_location === second, `lesson_location is the page shown (${second})`);
  expect(first !== second, "the pages' links moved on");

  if (journey === "passed" || journey === "failed") {
    const passed = journey === "passed";
    const saved = (await cmi(page)).suspend_data;
    expect(saved.startsWith('{"v":1'), `the pages' runtime saved no resume data: ${saved}`);
    let count = commits.length;
    await hook(page, "saveState", saved);
    expect(commits.length === count + 1, "saveState commits once");
    count = commits.length;
    await hook(page, "assessmentResult", { raw: passed ? 9 : 5, min: 0, max: 10, passMark: 80, passed });
    expect(commits.length === count + 1, "assessmentResult commits once");
    await hook(page, "courseCompleted");
    const now = await cmi(page);
    expect(now.core.lesson_status === journey, `lesson_status: ${now.core.lesson_status}`);
    expect(now.core.score.raw === (passed ? "90" : "50"), `score.raw: ${now.core.score.raw}`);
    expect(now.core.score.min === "0" && now.core.score.max === "100", "score min 0 and max 100");
    expect(now.suspend_data === saved, `suspend_data: ${now.suspend_data}`);
    if (screenshot) await page.screenshot({ path: screenshot });
    const last = await close(page);
    expect(core(last).exit === (passed ? "" : "suspend"), `exit: ${core(last).exit}`);
    // scorm-again passes it on with its hours in two digits or more; the adapter writes four.
    expect(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/.test(core(last).session_time ?? ""), `session_time: ${core(last).session_time}`);
  } else if (journey === "resume") {
    const last = await close(page);
    expect(JSON.parse(last.cmi.suspend_data || "{}").r, `no pages read in suspend_data: ${last.cmi.suspend_data}`);
    expect(core(last).exit === "suspend", `exit: ${core(last).exit}`);
    kept = last.cmi;
    const again = await openLms();
    const at = new URL(courseFrame(again).url()).pathname.split("/").pop();
    expect(at === second, `relaunch opens at ${at}, not the bookmark ${second}`);
    const state = await courseFrame(again).evaluate(() => window.parent.WaymarkTracking.loadState());
    expect(state === last.cmi.suspend_data, `loadState after relaunch: ${state}`);
    await close(again);
  } else if (journey === "oversize") {
    await hook(page, "saveState", "short");
    const count = commits.length;
    problems.length = 0;
    await hook(page, "saveState", "x".repeat(4097));
    const now = await cmi(page);
    expect(now.suspend_data === "short", "resume data over 4,096 characters is not stored, not even cut");
    expect(commits.length === count, "nothing is committed for it");
    const notice = await launchFrame(page).$eval("#lms-notice", (n) => (n.hidden ? "" : n.textContent));
    expect(notice.includes("4097 characters"), `the learner is told: ${notice}`);
    expect(problems.some((p) => p.includes("4097")), "the console says why");
    problems.length = 0;
    await close(page);
  } else {
    failures.push(`no journey called ${journey}`);
  }
} catch (error) {
  failures.push(String(error.stack ?? error));
} finally {
  await browser.close();
  await lms.stop();
  unpacked.remove();
}

endJourney(journey, failures, problems);
