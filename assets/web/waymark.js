// waymark.js: the web runtime of a published Waymark course. No framework, no network.
//
// Moving between pages of the course loads a new document, and a screen reader or a
// keyboard user would start again at the top of it. So a link inside the course leaves a
// note for the next page, which then puts focus on its heading (h1#page-title): the new
// page's name is read out and the next Tab goes on from there. Without script, storage or
// the note (a bookmark, a fresh tab), the page opens normally at its top.
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusHeading);
  } else {
    focusHeading();
  }
})();
