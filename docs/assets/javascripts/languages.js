// The reader's language, never forced on them:
// - a language picked in the menu is remembered (localStorage, this browser only);
// - on a page opened in a language that is not the reader's first browser
//   language, where the page exists in that language, a dismissible hint in
//   that language links to it, unless the reader chose this language or
//   dismissed the hint before.
// Nothing is sent anywhere and nothing redirects. The data comes from
// hooks/translation_state.py (#__language-hint).
(function () {
  "use strict";
  var CHOICE = "library.language";
  var DISMISSED = "library.language-hint-dismissed";

  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return null; }
  }
  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (error) { /* private mode: forget */ }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-select__link[hreflang]");
    if (link) store(CHOICE, link.getAttribute("hreflang"));
  });

  function firstBrowserLanguage() {
    var list = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    return String(list[0] || "").toLowerCase().split("-")[0];
  }

  function showHint() {
    var element = document.getElementById("__language-hint");
    if (!element) return;
    var data = JSON.parse(element.textContent);
    var wanted = firstBrowserLanguage();
    var offer = data.pages[wanted];
    if (!offer || wanted === data.language) return;
    if (stored(CHOICE) === data.language || stored(DISMISSED)) return;
    var article = document.querySelector("article.md-content__inner");
    if (!article) return;

    var hint = document.createElement("aside");
    hint.className = "language-hint";
    hint.lang = wanted;
    hint.dir = offer.dir;
    hint.setAttribute("aria-label", offer.text);
    var text = document.createElement("p");
    text.textContent = offer.text + " ";
    var link = document.createElement("a");
    link.href = offer.href;
    link.hreflang = wanted;
    link.textContent = offer.link;
    link.addEventListener("click", function () { store(CHOICE, wanted); });
    text.appendChild(link);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "language-hint__dismiss";
    close.textContent = offer.dismiss;
    close.addEventListener("click", function () {
      store(DISMISSED, "1");
      hint.remove();
    });
    hint.appendChild(text);
    hint.appendChild(close);
    var heading = article.querySelector("h1");
    article.insertBefore(hint, heading && heading.parentNode === article ? heading : article.firstChild);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", showHint);
  else showHint();
})();
