// waymark.js: the web runtime of a published Waymark course. No framework, no network.
//
// Focus between pages. Moving between pages of the course loads a new document, and a
// screen reader or a keyboard user would start again at the top of it. So a link inside
// the course leaves a note for the next page, which then puts focus on its heading
// (h1#page-title): the new page's name is read out and the next Tab goes on from there.
// Without script, storage or the note (a bookmark, a fresh tab), the page opens at its top.
//
// Questions. Knowledge checks on the pages and the assessment on assessment.html are
// forms (the publisher's question_form.cpp). Everything that decides something (the
// draw, the order of options, marking, the attempt rules) is the engine's own code in
// assessment.js (WebAssembly, engine/publish/wasm): this file only shows the options in
// the order the engine gives, sends the answer as the learner saw it, and shows what
// comes back. Feedback goes to the form's aria-live region and focus moves to it; a
// result moves focus to the result's heading.
//
// The learning-platform hook (the contract with the SCORM 1.2 and cmi5 launch pages,
// assets/web/lms-*; keep both sides to it exactly):
//   When the course pages run inside a SCORM/cmi5 launch page, that launch page defines
//   `window.WaymarkTracking` and the course page is in an iframe below it. waymark.js
//   finds it as `window.parent !== window && window.parent.WaymarkTracking` (guarded
//   with try/catch: a cross-origin parent throws) and then uses it INSTEAD of
//   localStorage:
//     loadState() -> string|null          resume data saved before (synchronous)
//     saveState(data: string)             the runtime's compact resume data, after every answer
//     pageShown(path, readCount, pageCount)   on every page load (bookmark and progress)
//     assessmentResult({raw, min, max, passMark, passed})   when an attempt is scored
//     courseCompleted()                   when the course's completion rule is met
//   Without a parent hook the site behaves as a plain html site (localStorage).
//
// Resume data is one JSON text, compact because SCORM 1.2's suspend_data holds 4,096
// characters (tests/publish/browser measure a full attempt's worst case):
//   {"v":1,                       this format
//    "r":"c3ff01",                pages read: a bitmap in hex, page 0 in the lowest bit
//    "a":[[seed,started,submitted,passed],...]   scored attempts (times in ms; passed 0/1)
//    "c":[seed,started,[answer or null,...]]     the attempt in progress, answers in paper
//                                                order as the engine takes them
//    "d":1}                       courseCompleted() was reported
"use strict";

(() => {
  const note = "waymark-focus-heading";

  const isCourseLink = (link) => {
    const href = link.getAttribute("href") || "";
    // Same-page anchors (the skip link) and other schemes (https:, tel:, mailto:) stay as they are.
    return href !== "" && !href.startsWith("#") && !/^[a-z][a-z0-9+.-]*:/i.test(href);
  };

  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || !isCourseLink(link)) return;
    try {
      sessionStorage.setItem(note, "1");
    } catch {
      // Storage is off: the next page opens at its top instead.
    }
  });

  const focusHeading = () => {
    let arrived = false;
    try {
      arrived = sessionStorage.getItem(note) === "1";
      sessionStorage.removeItem(note);
    } catch {
      return;
    }
    const heading = document.getElementById("page-title");
    if (arrived && heading) heading.focus();
  };

  // --- data the publisher put in the page -----------------------------------------------

  const pageData = (id) => {
    const element = document.getElementById(id);
    return element ? element.textContent : null;
  };

  // --- progress: the hook or localStorage -------------------------------------------------

  const findTracking = () => {
    try {
      if (window.parent !== window && window.parent.WaymarkTracking) return window.parent.WaymarkTracking;
    } catch {
      // A parent from another origin: not a launch page of ours.
    }
    return null;
  };

  const openProgress = (course) => {
    const tracking = findTracking();
    const key = `waymark:${course.course}`;
    const load = () => {
      try {
        return tracking ? tracking.loadState() : localStorage.getItem(key);
      } catch {
        return null;
      }
    };
    let state = { v: 1, r: "", a: [] };
    try {
      const saved = JSON.parse(load() || "null");
      if (saved && saved.v === 1) state = { ...state, ...saved };
    } catch {
      // Unreadable resume data: start afresh rather than fail the page.
    }
    const save = () => {
      const text = JSON.stringify(state);
      try {
        if (tracking) tracking.saveState(text);
        else localStorage.setItem(key, text);
      } catch {
        // Storage is full or off: the page still works, it only forgets.
      }
    };
    const tell = (name, ...args) => {
      try {
        if (tracking && typeof tracking[name] === "function") tracking[name](...args);
      } catch {
        // The platform's trouble must not break the page.
      }
    };
    return { state, save, tell };
  };

  const readPages = (bits) => {
    const read = new Set();
    for (let i = 0; i < bits.length; i++) {
      const nibble = parseInt(bits[bits.length - 1 - i], 16);
      for (let b = 0; b < 4; b++) if (nibble & (1 << b)) read.add(i * 4 + b);
    }
    return read;
  };

  const pageBits = (read) => {
    let bits = "";
    const top = Math.max(-1, ...read);
    for (let i = 0; i <= top; i += 4) {
      let nibble = 0;
      for (let b = 0; b < 4; b++) if (read.has(i + b)) nibble |= 1 << b;
      bits = nibble.toString(16) + bits;
    }
    return bits;
  };

  // Reports completion once, when the course's rule is met.
  const checkCompletion = (course, progress) => {
    const { state } = progress;
    if (state.d) return;
    const read = readPages(state.r);
    const pagesDone = course.required.every((p) => read.has(p));
    const passed = !course.assessment || state.a.some((a) => a[3] === 1);
    if (pagesDone && passed) {
      state.d = 1;
      progress.save();
      progress.tell("courseCompleted");
    }
  };

  // --- the engine ----------------------------------------------------------------------

  const startEngine = async (bank, policy) => {
    const module = await window.WaymarkEngine();
    const loaded = JSON.parse(module.ccall("waymark_load", "string", ["string", "string"], [bank, policy]));
    if (!loaded.ok) throw new Error(loaded.error);
    return (request) => JSON.parse(module.ccall("waymark_call", "string", ["string"], [JSON.stringify(request)]));
  };

  const newSeed = () => {
    const words = crypto.getRandomValues(new Uint32Array(2));
    return Array.from(words, (w) => w.toString(16).padStart(8, "0")).join("");
  };

  // --- one question form ----------------------------------------------------------------

  const choiceTypes = ["single-choice", "multiple-response", "true-false"];

  // Puts the children of `container` (marked data-model) in the order `models` lists.
  const arrange = (container, models, selector) => {
    if (!container || !models.length) return;
    const byModel = new Map();
    for (const child of container.querySelectorAll(selector)) byModel.set(Number(child.dataset.model), child);
    for (const m of models) if (byModel.has(m)) container.appendChild(byModel.get(m));
  };

  const present = (form, shown) => {
    const type = form.dataset.type;
    if (choiceTypes.includes(type)) arrange(form.querySelector("[data-list=options]"), shown.options, ":scope > .option");
    if (type === "ordering")
      for (const select of form.querySelectorAll("select[data-items]")) arrange(select, shown.options, "option[data-model]");
    if (type === "matching") {
      arrange(form.querySelector("[data-list=prompts]"), shown.prompts, ":scope > .pair");
      for (const select of form.querySelectorAll("select")) arrange(select, shown.answers, "option[data-model]");
    }
  };

  // The scenario's steps so far, as the engine walks them: shows the steps reached and
  // hides the rest. Returns the path and whether the story has ended.
  const walkScenario = (form, call) => {
    const steps = [...form.querySelectorAll("fieldset.step")];
    for (const step of steps) step.hidden = true;
    const path = [];
    let current = 0;
    for (;;) {
      const step = steps[current];
      if (!step) return { path, finished: false };
      step.hidden = false;
      const inputs = [...step.querySelectorAll("input")];
      const chosen = inputs.findIndex((input) => input.checked);
      if (chosen < 0) return { path, finished: false };
      path.push(chosen);
      const walked = call({ op: "walk", id: form.dataset.question, path });
      if (!walked.ok) return { path: path.slice(0, -1), finished: false };
      if (walked.finished) return { path, finished: true };
      current = walked.current;
    }
  };

  // The answer as the learner sees it, in the engine's form (assessment_binding.cpp), or
  // {missing: "what to do"} when it is not complete. With `asLeft`, a scenario walked
  // part-way is an answer too: an attempt records what the learner left on screen, and
  // the engine marks an unfinished walk 0, as the player does (answer_draft.hpp).
  const answerOf = (form, call, asLeft = false) => {
    const type = form.dataset.type;
    if (choiceTypes.includes(type)) {
      const inputs = [...form.querySelectorAll("[data-list=options] input")];
      const chosen = inputs.flatMap((input, i) => (input.checked ? [i] : []));
      if (!chosen.length) return { missing: "Choose an answer first." };
      return { answer: type === "multiple-response" ? chosen : chosen[0] };
    }
    if (type === "matching") {
      const answer = [...form.querySelectorAll("[data-list=prompts] select")].map((s) =>
        s.selectedIndex > 0 ? s.selectedIndex - 1 : null,
      );
      if (answer.every((a) => a === null)) return { missing: "Choose an answer for at least one item first." };
      return { answer };
    }
    if (type === "ordering") {
      const answer = [...form.querySelectorAll("select[data-items]")].map((s) => s.selectedIndex - 1);
      if (answer.some((a) => a < 0)) return { missing: "Choose an item for every position first." };
      return { answer };
    }
    if (type === "short-answer") {
      const text = form.querySelector("input").value;
      return text.trim() ? { answer: text } : { missing: "Type an answer first." };
    }
    if (type === "numerical") {
      const text = form.querySelector("input").value.trim();
      const value = Number(text);
      if (!text || !Number.isFinite(value)) return { missing: "Type a number, such as 12 or 3.5." };
      return { answer: value };
    }
    if (type === "scenario") {
      const walked = walkScenario(form, call);
      if (walked.finished || (asLeft && walked.path.length)) return { answer: walked.path };
      return { missing: "Choose an option at each step until the story ends." };
    }
    return { missing: "This question is not marked." };
  };

  // Puts a saved answer back into the form.
  const restoreAnswer = (form, answer, call) => {
    const type = form.dataset.type;
    if (choiceTypes.includes(type)) {
      const inputs = [...form.querySelectorAll("[data-list=options] input")];
      for (const i of Array.isArray(answer) ? answer : [answer]) if (inputs[i]) inputs[i].checked = true;
    } else if (type === "matching" || type === "ordering") {
      const selects = [...form.querySelectorAll(type === "matching" ? "[data-list=prompts] select" : "select[data-items]")];
      answer.forEach((a, i) => {
        if (selects[i] && a !== null) selects[i].selectedIndex = a + 1;
      });
    } else if (type === "short-answer" || type === "numerical") {
      form.querySelector("input").value = String(answer);
    } else if (type === "scenario") {
      const steps = [...form.querySelectorAll("fieldset.step")];
      let current = 0;
      for (let i = 0; i < answer.length && steps[current]; i++) {
        const input = steps[current].querySelectorAll("input")[answer[i]];
        if (input) input.checked = true;
        const walked = call({ op: "walk", id: form.dataset.question, path: answer.slice(0, i + 1) });
        if (!walked.ok || walked.finished) break;
        current = walked.current;
      }
      walkScenario(form, call);
    }
  };

  const clearAnswer = (form) => {
    form.reset();
    const steps = form.querySelectorAll("fieldset.step");
    steps.forEach((step, i) => (step.hidden = i > 0));
    const feedback = form.querySelector(".feedback");
    feedback.replaceChildren();
    feedback.className = "feedback";
  };

  const paragraph = (text, className) => {
    const p = document.createElement("p");
    p.textContent = text;
    if (className) p.className = className;
    return p;
  };

  const verdicts = { correct: "Correct.", partial: "Partly correct.", incorrect: "Not quite." };

  // Fills a form's live region and moves focus to it, so the words are read out and the
  // next Tab continues from there.
  const say = (form, nodes, className) => {
    const feedback = form.querySelector(".feedback");
    feedback.className = `feedback ${className || ""}`.trim();
    feedback.replaceChildren(...nodes);
    feedback.focus();
  };

  // --- knowledge checks on a page ------------------------------------------------------------

  const runChecks = (call) => {
    for (const form of document.querySelectorAll("main form.question")) {
      // Seeded per page load, as the player seeds each try.
      const seed = newSeed();
      const shown = call({ op: "present", id: form.dataset.question, seed });
      if (shown.ok) present(form, shown);
      if (form.dataset.type === "scenario") form.addEventListener("change", () => walkScenario(form, call));
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const given = answerOf(form, call);
        if (given.missing) return say(form, [paragraph(given.missing)], "feedback-missing");
        const marked = call({ op: "check", id: form.dataset.question, seed, answer: given.answer });
        if (!marked.ok) return say(form, [paragraph(marked.error)], "feedback-missing");
        say(
          form,
          [
            paragraph(verdicts[marked.outcome], "verdict"),
            ...marked.feedback.map((text) => paragraph(text)),
            ...(marked.general_feedback ? [paragraph(marked.general_feedback)] : []),
          ],
          `feedback-${marked.outcome}`,
        );
      });
    }
  };

  // --- the assessment --------------------------------------------------------------------

  const percent = (scaled) => Math.floor(scaled * 100 + 1e-7);
  const marks = (n) => String(Math.round(n * 100) / 100);

  const runAssessment = (call, course, progress, policy) => {
    const { state } = progress;
    const status = document.getElementById("assessment-status");
    const start = document.getElementById("start-attempt");
    const submit = document.getElementById("submit-attempt");
    const paper = document.getElementById("paper");
    const pool = document.getElementById("question-pool");
    const result = document.getElementById("result");
    const resultBody = document.getElementById("result-body");
    let forms = [];
    let confirming = false;

    // The time limit. The clock is the engine's rule made visible: answers given before
    // the limit count, so when time is up the page submits what the learner has given
    // (and a page opened again after the limit submits the answers saved before it).
    // role="timer" is not announced on every tick; the status region says when five
    // minutes and one minute are left.
    const limit = (policy.time_limit_minutes || 0) * 60000;
    const timer = document.createElement("p");
    timer.id = "time-left";
    timer.className = "time-left";
    timer.setAttribute("role", "timer");
    timer.hidden = true;
    paper.before(timer);
    let ticking = null;
    const warned = new Set();
    const deadline = () => (state.c && limit > 0 ? state.c[1] + limit : null);
    const clock = (ms) => {
      const seconds = Math.ceil(ms / 1000);
      return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    };
    const stopClock = () => {
      clearInterval(ticking);
      ticking = null;
      timer.hidden = true;
    };

    const formFor = (id) => document.querySelector(`form.question[data-question="${CSS.escape(id)}"]`);

    const saveAnswers = () => {
      if (!state.c) return;
      state.c[2] = forms.map((form) => {
        const given = answerOf(form, call, true);
        return given.missing ? null : given.answer;
      });
      progress.save();
    };

    const showPaper = (seed, answers) => {
      const drawn = call({ op: "draw", seed });
      if (!drawn.ok) {
        status.textContent = drawn.error;
        return false;
      }
      for (const form of forms) pool.appendChild(form);
      forms = drawn.paper.map((q, i) => {
        const form = formFor(q.id);
        clearAnswer(form);
        present(form, q);
        form.querySelector(".question-heading").textContent = `Question ${i + 1} of ${drawn.paper.length}`;
        paper.appendChild(form);
        if (answers && answers[i] !== null && answers[i] !== undefined) restoreAnswer(form, answers[i], call);
        return form;
      });
      submit.hidden = false;
      start.hidden = true;
      return true;
    };

    const beginAttempt = () => {
      state.c = [newSeed(), Date.now(), []];
      result.hidden = true;
      if (!showPaper(state.c[0], null)) return;
      progress.save();
      status.textContent = `Your attempt has started: ${forms.length} questions. Your answers are saved as you go.`;
      if (limit > 0) status.textContent += ` You have ${policy.time_limit_minutes} minutes.`;
      startClock();
      forms[0].querySelector(".question-heading").setAttribute("tabindex", "-1");
      forms[0].querySelector(".question-heading").focus();
    };

    // What the attempt rules allow next, shown under the result or on arrival.
    const offerNext = () => {
      const attempts = state.a.map(([seed, started, submitted, passed]) => ({ seed, started, submitted, passed: passed === 1 }));
      const decision = call({ op: "eligibility", now: Date.now(), attempts });
      if (!decision.ok) return null;
      start.hidden = !decision.allowed;
      start.textContent = state.a.length ? "Start a new attempt" : "Start the assessment";
      return decision;
    };

    const showResult = (scored, decision) => {
      const passedText = scored.passed ? "You passed." : "You did not pass this time.";
      const nodes = [
        paragraph(`You scored ${marks(scored.raw)} out of ${marks(scored.max)} (${percent(scored.scaled)}%). The pass mark is ${scored.pass_mark}%.`),
        paragraph(passedText, scored.passed ? "verdict result-passed" : "verdict result-failed"),
      ];
      if (decision && decision.message) nodes.push(paragraph(decision.message));
      if (decision && decision.show_answers) {
        const list = document.createElement("ol");
        list.className = "result-questions";
        for (const q of scored.questions) {
          const item = document.createElement("li");
          item.append(paragraph(q.answered ? verdicts[q.outcome] : "No answer."));
          for (const text of q.feedback) item.append(paragraph(text));
          if (q.general_feedback) item.append(paragraph(q.general_feedback));
          list.append(item);
        }
        nodes.push(list);
      }
      resultBody.replaceChildren(...nodes);
      result.hidden = false;
      document.getElementById("result-heading").focus();
    };

    const submitAttempt = (timeUp = false) => {
      if (!state.c) return;
      saveAnswers();
      const unanswered = state.c[2].filter((a) => a === null).length + (forms.length - state.c[2].length);
      if (unanswered > 0 && !confirming && !timeUp) {
        confirming = true;
        status.textContent = `${unanswered} ${unanswered === 1 ? "question has" : "questions have"} no answer and will score 0. Press Submit your answers again to submit anyway.`;
        return;
      }
      confirming = false;
      const [seed, started, answers] = state.c;
      // Submitted when the time ran out, not when a late timer or a later visit noticed:
      // every answer was given before then (the paper is closed at the limit).
      const submitted = timeUp ? Math.min(Date.now(), deadline()) : Date.now();
      const scored = call({ op: "score", seed, started, submitted, answers });
      if (!scored.ok) {
        status.textContent = `Your answers could not be marked: ${scored.error}`;
        return;
      }
      state.a.push([seed, started, submitted, scored.passed ? 1 : 0]);
      // Unlimited attempts: keep the latest twenty and any pass, so the data stays small.
      while (policy.attempts_allowed === 0 && state.a.length > 20) {
        const drop = state.a.findIndex((a) => a[3] === 0);
        state.a.splice(drop < 0 ? 0 : drop, 1);
      }
      delete state.c;
      progress.save();
      progress.tell("assessmentResult", {
        raw: scored.raw,
        min: 0,
        max: scored.max,
        passMark: policy.pass_mark,
        passed: scored.passed,
      });
      checkCompletion(course, progress);
      for (const form of forms) pool.appendChild(form);
      forms = [];
      submit.hidden = true;
      stopClock();
      status.textContent = timeUp
        ? "The time limit has ended, so the answers you gave were submitted and marked."
        : "Your answers were submitted and marked.";
      showResult(scored, offerNext());
    };

    const tick = () => {
      const end = deadline();
      if (end === null) return stopClock();
      const left = end - Date.now();
      if (left <= 0) {
        stopClock();
        return submitAttempt(true);
      }
      timer.hidden = false;
      timer.textContent = `Time left: ${clock(left)}`;
      for (const minutes of [5, 1])
        if (left <= minutes * 60000 && limit > minutes * 60000 && !warned.has(minutes)) {
          warned.add(minutes);
          status.textContent = `${minutes === 1 ? "One minute" : `${minutes} minutes`} left. Your answers are saved; when the time is up they are submitted as they are.`;
        }
    };
    const startClock = () => {
      if (limit <= 0) return;
      warned.clear();
      clearInterval(ticking);
      ticking = setInterval(tick, 1000);
      tick();
    };

    start.addEventListener("click", beginAttempt);
    submit.addEventListener("click", () => submitAttempt());
    paper.addEventListener("change", () => {
      confirming = false;
      saveAnswers();
    });
    paper.addEventListener("input", () => {
      confirming = false;
      saveAnswers();
    });
    paper.addEventListener("submit", (event) => event.preventDefault());

    if (state.c) {
      if (showPaper(state.c[0], state.c[2])) {
        status.textContent = "Your attempt in progress is back where you left it.";
        startClock();
      }
    } else {
      const decision = offerNext();
      if (decision && !decision.allowed) status.textContent = decision.message;
      else if (state.a.some((a) => a[3] === 1)) status.textContent = "You have passed this assessment. You may take it again.";
    }
  };

  // --- start ---------------------------------------------------------------------------

  const start = async () => {
    focusHeading();
    const courseText = pageData("waymark-course");
    if (!courseText) return;
    const course = JSON.parse(courseText);
    const progress = openProgress(course);
    if (course.page >= 0) {
      const read = readPages(progress.state.r);
      read.add(course.page);
      progress.state.r = pageBits(read);
      progress.save();
    }
    const read = readPages(progress.state.r);
    const file = decodeURIComponent(location.pathname.split("/").pop() || "index.html");
    progress.tell("pageShown", file, [...read].filter((p) => p < course.pages).length, course.pages);
    checkCompletion(course, progress);

    const bank = pageData("waymark-questions");
    if (!bank || typeof window.WaymarkEngine !== "function") return;
    const policyText = pageData("waymark-policy") || "";
    let call;
    try {
      call = await startEngine(bank, policyText);
    } catch (error) {
      const status = document.getElementById("assessment-status");
      if (status) status.textContent = `The assessment could not start: ${error.message}`;
      return;
    }
    const missing = document.getElementById("engine-missing");
    if (missing) missing.hidden = true;
    if (document.getElementById("assessment")) {
      runAssessment(call, course, progress, JSON.parse(policyText));
    } else {
      runChecks(call);
    }
    document.documentElement.dataset.engine = "ready";
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
