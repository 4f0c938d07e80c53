// node questions.mjs PEERS CHROMIUM SITE MODE [OUT]
//
// The knowledge checks and the assessment of a published course in Chromium, marked by
// the engine in the page (assessment.js). One browser for the whole run.
// MODE journey:  with the keyboard alone (any mouse or pointer event fails): answer the
//                first knowledge check rightly (focus must land on its feedback, which
//                says "Correct."), then start the assessment, answer every question
//                rightly from the bank in the page, submit (focus on the result heading,
//                "You passed."), start again, submit with no answers (confirmed), and
//                fail. axe-core (light and dark) in every state on the way: a check
//                unanswered and with feedback; the assessment unanswered, answered, with
//                the submit warning, passed and failed.
// MODE worst:    the longest resume data a full attempt can leave: twenty attempts with
//                every question answered at its longest; prints the length, and fails
//                above SCORM 1.2's 4,096 characters.
// MODE timed:    a course with a time limit: the clock shows after the start and counts
//                down, axe-core is clean with it; answered rightly by keyboard, the page
//                is opened again after the limit has passed and submits by itself with
//                the answers given before it ("You passed.").
// MODE asleft:  an attempt keeps what the learner left on screen: a scenario walked one
//                step is saved, shown again after a reload and marked; a multiple-response
//                question with every tick taken back is saved as no answer.
// MODE look:     screenshots into OUT of a question, its feedback and the result, light
//                and dark, at 100% and 200% (not a test: for a person to look at).
// Exit 0 when every check passes, 1 with the problems listed.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { peers, launch, urlOf, watch } from "./chromium.mjs";

const [peerFolder, chromium, site, mode, out] = process.argv.slice(2);
const { puppeteer, axeSource } = peers(peerFolder);
const browser = await launch(puppeteer, chromium);
const problems = [];
let checks = 0;

const axe = async (page, what) => {
  for (const scheme of ["light", "dark"]) {
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
    await page.evaluate(axeSource);
    const result = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        resultTypes: ["violations"],
        preload: false,
      }),
    );
    for (const v of result.violations)
      for (const node of v.nodes) problems.push(`${what} (${scheme}): ${v.id}: ${v.help}: ${node.target.join(" ")}`);
    checks++;
  }
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
};

const open = async (page, name) => {
  await page.goto(urlOf(site, name), { waitUntil: "load" });
  await page.waitForFunction(() => document.documentElement.dataset.engine === "ready", { timeout: 20000 });
};

// Presses Tab until `wanted(arg)` holds in the page; false after `limit` presses.
const tabTo = async (page, wanted, arg, limit = 200) => {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(wanted, arg)) return true;
  }
  return false;
};
const focusIs = (id) => document.activeElement && document.activeElement.id === id;
const focusIn = (name) => document.activeElement && document.activeElement.name === name;

// What the learner should do to answer `form` rightly, from the bank in the page: the
// displayed positions to pick, computed in the page from the forms' data-model marks.
const rightAnswer = (formId) => {
  const form = document.getElementById(formId);
  const bank = JSON.parse(document.getElementById("waymark-questions").textContent);
  const q = bank.questions.find((x) => x.id === form.dataset.question);
  const models = (selector) => [...form.querySelectorAll(selector)].map((e) => Number(e.dataset.model));
  switch (q.type) {
    case "single_choice":
    case "true_false": {
      const best = q.choices.reduce((b, c, i) => (c.weight > q.choices[b].weight ? i : b), 0);
      return { radios: [{ name: formId, index: models("[data-list=options] .option").indexOf(best) }] };
    }
    case "multiple_response":
      return { boxes: models("[data-list=options] .option").map((m) => q.choices[m].weight > 0) };
    case "matching": {
      const selects = [...form.querySelectorAll("[data-list=prompts] select")];
      return {
        selects: selects.map((s) => ({
          id: s.id,
          index: [...s.options].findIndex((o) => o.dataset.model && q.pairs[Number(o.dataset.model)].answer === q.pairs[Number(s.closest(".pair").dataset.model)].answer),
        })),
      };
    }
    case "ordering": {
      const selects = [...form.querySelectorAll("select[data-items]")];
      return {
        selects: selects.map((s, position) => ({
          id: s.id,
          index: [...s.options].findIndex((o) => o.dataset.model && q.order[Number(o.dataset.model)] === q.order[position]),
        })),
      };
    }
    case "short_answer":
      return { text: { id: `${formId}-typed`, value: q.answers.find((a) => a.weight >= 100).text.replaceAll("*", "") } };
    case "numerical": {
      const a = q.numbers.find((n) => n.weight === undefined || n.weight >= 100);
      return { text: { id: `${formId}-typed`, value: String(a.value !== undefined ? a.value : a.min) } };
    }
    case "scenario": {
      // The path to the ending that scores full marks.
      const find = (step, path) => {
        const s = q.steps[step];
        for (let i = 0; i < s.options.length; i++) {
          const o = s.options[i];
          if (!o.next && o.score >= 100) return [...path, { name: `${formId}-step-${step}`, index: i }];
          if (o.next) {
            const found = find(q.steps.findIndex((t) => t.id === o.next), [...path, { name: `${formId}-step-${step}`, index: i }]);
            if (found) return found;
          }
        }
        return null;
      };
      return { radios: find(0, []) };
    }
  }
  return {};
};

// Answers the form by keyboard: Tab to each field, arrows in radio groups and selects,
// Space on check boxes, typing in text fields.
const answerByKeyboard = async (page, formId) => {
  const plan = await page.evaluate(rightAnswer, formId);
  for (const radio of plan.radios || []) {
    if (!(await tabTo(page, focusIn, radio.name))) return problems.push(`${formId}: radio group ${radio.name} not reached by Tab`);
    if (radio.index === 0) await page.keyboard.press("Space");
    for (let i = 0; i < radio.index; i++) await page.keyboard.press("ArrowDown");
  }
  if (plan.boxes) {
    for (let i = 0; i < plan.boxes.length; i++) {
      if (!(await tabTo(page, focusIs, `${formId}-option-${i}`)) && !(await page.evaluate(focusIn, formId)))
        return problems.push(`${formId}: check box ${i} not reached by Tab`);
      const id = await page.evaluate(() => document.activeElement.id);
      const index = Number(id.split("-").pop());
      const position = await page.evaluate((f, x) => [...document.querySelectorAll(`#${f} [data-list=options] input`)].findIndex((e) => e.id === x), formId, id);
      if (plan.boxes[position]) await page.keyboard.press("Space");
      if (Number.isNaN(index)) break;
    }
  }
  for (const select of plan.selects || []) {
    if (!(await tabTo(page, focusIs, select.id))) return problems.push(`${formId}: ${select.id} not reached by Tab`);
    for (let i = 0; i < select.index; i++) await page.keyboard.press("ArrowDown");
  }
  if (plan.text) {
    if (!(await tabTo(page, focusIs, plan.text.id))) return problems.push(`${formId}: ${plan.text.id} not reached by Tab`);
    await page.keyboard.type(plan.text.value);
  }
};

const resultText = (page) => page.evaluate(() => document.getElementById("result-body").textContent);

try {
  const page = await browser.newPage();
  watch(page, problems);
  await page.evaluateOnNewDocument(() => {
    window.__mouseEvents = 0;
    for (const type of ["mousedown", "mouseup", "mousemove", "pointerdown", "pointerup", "click", "dblclick"])
      window.addEventListener(type, (e) => { if (e.isTrusted && e.detail !== 0) window.__mouseEvents++; }, true);
  });
  const mouseCheck = async (where) => {
    const n = await page.evaluate(() => window.__mouseEvents);
    if (n !== 0) problems.push(`${where}: ${n} mouse or pointer events`);
  };

  if (mode === "journey") {
    // A knowledge check: the first page that has one.
    const { readdirSync, readFileSync } = await import("node:fs");
    const withCheck = readdirSync(site).filter((n) => n.startsWith("module-") && readFileSync(join(site, n), "utf8").includes('class="question"')).sort();
    if (!withCheck.length) problems.push("no page has a knowledge check");
    else {
      await open(page, withCheck[0]);
      await axe(page, `${withCheck[0]} check unanswered`);
      const formId = await page.evaluate(() => document.querySelector("main form.question").id);
      await answerByKeyboard(page, formId);
      if (!(await tabTo(page, (f) => document.activeElement.closest("form") && document.activeElement.closest("form").id === f && document.activeElement.type === "submit", formId)))
        problems.push(`${withCheck[0]}: no Check answer button reachable by Tab`);
      await page.keyboard.press("Enter");
      const feedback = await page.evaluate(() => ({ focus: document.activeElement.className, text: document.activeElement.textContent }));
      if (!feedback.focus.startsWith("feedback")) problems.push(`${withCheck[0]}: focus is not on the feedback after checking (${feedback.focus})`);
      if (!feedback.text.startsWith("Correct.")) problems.push(`${withCheck[0]}: the right answer was not marked correct: ${feedback.text}`);
      await axe(page, `${withCheck[0]} check with feedback`);
      await mouseCheck(withCheck[0]);
    }

    // The assessment, passed.
    await page.evaluate(() => localStorage.clear());
    await open(page, "assessment.html");
    if (!(await tabTo(page, focusIs, "start-attempt"))) problems.push("assessment.html: no Start button reachable by Tab");
    await page.keyboard.press("Enter");
    const forms = await page.evaluate(() => [...document.querySelectorAll("#paper form.question")].map((f) => f.id));
    if (!forms.length) problems.push("assessment.html: starting showed no questions");
    await axe(page, "assessment.html unanswered");
    for (const formId of forms) await answerByKeyboard(page, formId);
    await axe(page, "assessment.html answered");
    if (!(await tabTo(page, focusIs, "submit-attempt"))) problems.push("assessment.html: no Submit button reachable by Tab");
    await page.keyboard.press("Enter");
    if (!(await page.evaluate(focusIs, "result-heading"))) problems.push("assessment.html: focus is not on the result heading after submitting");
    const passed = await resultText(page);
    if (!passed.includes("You passed.")) problems.push(`assessment.html: answering every question rightly did not pass: ${passed}`);
    await axe(page, "assessment.html passed");

    // Resume data survives a reload: the pass is remembered.
    await open(page, "assessment.html");
    const status = await page.evaluate(() => document.getElementById("assessment-status").textContent);
    if (!status.includes("passed")) problems.push(`assessment.html: the pass was not remembered after a reload: ${status}`);

    // A failed attempt: no answers, the warning, then submitted anyway.
    if (!(await tabTo(page, focusIs, "start-attempt"))) problems.push("assessment.html: no Start a new attempt button reachable by Tab");
    await page.keyboard.press("Enter");
    if (!(await tabTo(page, focusIs, "submit-attempt"))) problems.push("assessment.html: no Submit button on the second attempt");
    await page.keyboard.press("Enter");
    const warning = await page.evaluate(() => document.getElementById("assessment-status").textContent);
    if (!warning.includes("no answer")) problems.push(`assessment.html: no warning about unanswered questions: ${warning}`);
    await axe(page, "assessment.html submit warning");
    await page.keyboard.press("Enter");
    const failed = await resultText(page);
    if (!failed.includes("You did not pass")) problems.push(`assessment.html: an empty attempt did not fail: ${failed}`);
    if (!(await page.evaluate(focusIs, "result-heading"))) problems.push("assessment.html: focus is not on the result heading after failing");
    await axe(page, "assessment.html failed");
    await mouseCheck("assessment.html");
  } else if (mode === "worst") {
    await open(page, "assessment.html");
    await page.evaluate(() => localStorage.clear());
    await open(page, "assessment.html");
    let longest = 0;
    for (let attempt = 0; attempt < 21; attempt++) {
      const length = await page.evaluate(() => {
        document.getElementById("start-attempt").click();
        for (const form of document.querySelectorAll("#paper form.question")) {
          for (const input of form.querySelectorAll("input[type=checkbox]")) input.checked = true;
          const radios = form.querySelectorAll("input[type=radio]");
          if (radios.length) radios[radios.length - 1].checked = true;
          for (const select of form.querySelectorAll("select")) select.selectedIndex = select.options.length - 1;
          for (const input of form.querySelectorAll("input[type=text]"))
            input.value = input.inputMode === "decimal" ? "-1.2345678901234567e-300" : '"'.repeat(input.maxLength);
          form.dispatchEvent(new Event("change", { bubbles: true }));
        }
        const key = Object.keys(localStorage).find((k) => k.startsWith("waymark:"));
        const during = localStorage.getItem(key).length;
        document.getElementById("submit-attempt").click();
        document.getElementById("submit-attempt").click();
        return during;
      });
      longest = Math.max(longest, length);
      checks++;
    }
    console.log(`worst resume data: ${longest} characters (SCORM 1.2 allows 4096)`);
    if (longest > 4096) problems.push(`resume data of ${longest} characters does not fit SCORM 1.2's suspend_data`);
  } else if (mode === "asleft") {
    // What the learner leaves on screen is what the attempt keeps: a scenario walked one
    // step is saved as that step, comes back after the page is opened again and is
    // marked; a multiple-response question whose every tick was taken back is no answer.
    await open(page, "assessment.html");
    await page.evaluate(() => localStorage.clear());
    await open(page, "assessment.html");
    let ids = null;
    for (let tries = 0; tries < 40 && !ids; tries++) {
      ids = await page.evaluate(() => {
        document.getElementById("start-attempt").click();
        const forms = [...document.querySelectorAll("#paper form.question")];
        const scenario = forms.find((f) => f.dataset.type === "scenario");
        const ticks = forms.find((f) => f.dataset.type === "multiple-response");
        if (scenario && ticks) return { scenario: scenario.id, ticks: ticks.id, scenarioAt: forms.indexOf(scenario), ticksAt: forms.indexOf(ticks) };
        document.getElementById("submit-attempt").click();
        document.getElementById("submit-attempt").click();
        return null;
      });
    }
    const saved = () => page.evaluate(() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith("waymark:")))).c[2]);
    if (!ids) problems.push("no paper in 40 attempts held both a scenario and a multiple-response question");
    else {
      await page.evaluate(({ scenario, ticks }) => {
        const walk = document.getElementById(scenario);
        walk.querySelector("fieldset.step input[type=radio]").checked = true;
        walk.dispatchEvent(new Event("change", { bubbles: true }));
        const form = document.getElementById(ticks);
        const box = form.querySelector("[data-list=options] input");
        box.checked = true;
        form.dispatchEvent(new Event("change", { bubbles: true }));
        box.checked = false;
        form.dispatchEvent(new Event("change", { bubbles: true }));
      }, ids);
      const left = await saved();
      if (JSON.stringify(left[ids.scenarioAt]) !== "[0]") problems.push(`a scenario walked one step was saved as ${JSON.stringify(left[ids.scenarioAt])}, not [0]`);
      if (left[ids.ticksAt] !== null) problems.push(`a question with every tick taken back was saved as ${JSON.stringify(left[ids.ticksAt])}, not as no answer`);
      await open(page, "assessment.html");
      const again = await page.evaluate((id) => document.getElementById(id).querySelector("fieldset.step input[type=radio]").checked, ids.scenario);
      if (!again) problems.push("the scenario's first step was not chosen again when the page was opened again");
      checks++;
      await page.evaluate(() => {
        document.getElementById("submit-attempt").click();
        document.getElementById("submit-attempt").click();
      });
      const status = await page.evaluate(() => document.getElementById("assessment-status").textContent);
      if (status.includes("could not be marked")) problems.push(`an attempt with a scenario left part-way was not marked: ${status}`);
      if (await page.evaluate(() => document.getElementById("result").hidden)) problems.push("no result after submitting an attempt with a scenario left part-way");
    }
  } else if (mode === "timed") {
    await open(page, "assessment.html");
    await page.evaluate(() => localStorage.clear());
    await open(page, "assessment.html");
    const limit = await page.evaluate(() => JSON.parse(document.getElementById("waymark-policy").textContent).time_limit_minutes);
    if (!(limit > 0)) problems.push(`this course has no time limit (${limit})`);
    await page.evaluate(() => document.getElementById("start-attempt").click());
    const clockText = () => page.evaluate(() => {
      const timer = document.getElementById("time-left");
      return timer && !timer.hidden ? timer.textContent : "(no clock)";
    });
    const first = await clockText();
    const full = `${limit}:00`;
    const justUnder = `${limit - 1}:5`;
    if (first !== `Time left: ${full}` && !first.startsWith(`Time left: ${justUnder}`)) problems.push(`the clock after the start reads "${first}"`);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const later = await clockText();
    if (later === first || !later.startsWith("Time left: ")) problems.push(`the clock does not count down: "${first}", then "${later}"`);
    await axe(page, "assessment.html with the clock");
    const forms = await page.evaluate(() => [...document.querySelectorAll("#paper form.question")].map((f) => f.id));
    for (const formId of forms) await answerByKeyboard(page, formId);
    // The learner closes the page; the limit passes before they open it again.
    await page.evaluate((minutes) => {
      const key = Object.keys(localStorage).find((k) => k.startsWith("waymark:"));
      const saved = JSON.parse(localStorage.getItem(key));
      saved.c[1] -= (minutes + 1) * 60000;
      localStorage.setItem(key, JSON.stringify(saved));
    }, limit);
    await open(page, "assessment.html");
    await page.waitForFunction(() => !document.getElementById("result").hidden, { timeout: 5000 }).catch(() => {});
    const status = await page.evaluate(() => document.getElementById("assessment-status").textContent);
    if (!status.includes("time limit has ended")) problems.push(`after the limit the page does not say the time is up: ${status}`);
    const after = await resultText(page);
    if (!after.includes("You passed.")) problems.push(`the answers given before the limit were not kept: ${after}`);
    if ((await clockText()) !== "(no clock)") problems.push("the clock still shows after the attempt was submitted");
    await axe(page, "assessment.html submitted at the time limit");
    await mouseCheck("assessment.html timed");
    checks++;
  } else if (mode === "look") {
    mkdirSync(out, { recursive: true });
    const shoot = async (name) => {
      for (const scheme of ["light", "dark"])
        for (const [size, width, scale] of [["100", 1280, 1], ["200", 640, 2]]) {
          await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
          await page.setViewport({ width, height: 900, deviceScaleFactor: scale });
          const file = join(out, `${name}-${scheme}-${size}.png`);
          await page.screenshot({ path: file, fullPage: false });
          console.log(file);
        }
    };
    await open(page, "assessment.html");
    await page.evaluate(() => localStorage.clear());
    await open(page, "assessment.html");
    await page.evaluate(() => document.getElementById("start-attempt").click());
    await page.evaluate(() => document.querySelector("#paper form.question").scrollIntoView());
    await shoot("question");
    await page.evaluate(() => {
      document.getElementById("submit-attempt").click();
      document.getElementById("submit-attempt").click();
    });
    await page.evaluate(() => document.getElementById("result").scrollIntoView());
    await shoot("result");
    const { readdirSync, readFileSync } = await import("node:fs");
    const withCheck = readdirSync(site).filter((n) => n.startsWith("module-") && readFileSync(join(site, n), "utf8").includes('class="question"')).sort();
    await open(page, withCheck[0]);
    await page.evaluate(() => {
      const form = document.querySelector("main form.question");
      const input = form.querySelector("input");
      if (input.type === "text") input.value = "42";
      else input.checked = true;
      form.requestSubmit();
      form.scrollIntoView();
    });
    await shoot("feedback");
    checks++;
  } else {
    problems.push(`unknown mode ${mode}`);
  }
} finally {
  await browser.close();
}

console.log(`${mode}: ${checks} checks, ${problems.length} problems`);
for (const p of problems) console.log(p);
process.exit(problems.length === 0 && checks > 0 ? 0 : 1);
