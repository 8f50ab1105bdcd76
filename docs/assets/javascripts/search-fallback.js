// When a search on a translated page finds nothing in the page's language,
// say so in that language and show the English pages' results, each marked
// as English (lang="en"), below Material's own empty result list. The English
// index is fetched from this site only, and only then. Data from
// hooks/search_fallback.py (#__search-fallback).
(function () {
  "use strict";
  var data, config, indexUrl, englishRoot;
  var worker = null, ready = null, pending = 0, timer = null;

  // A reply may come in two parts (hooks/search_ranking.js): the first 10
  // page results with `more`, and the rest, asked for with their id.
  function ask(message) {
    return new Promise(function (resolve) {
      var first = null;
      worker.onmessage = function (event) {
        var answer = event.data;
        if (answer.type === 5) {
          if (first && answer.data.id === first.data.id) {
            first.data.items = first.data.items.concat(answer.data.items);
            resolve(first);
          }
        } else if (answer.type === 3 && answer.data.more) {
          first = answer;
          worker.postMessage({ type: 4, data: answer.data.id });
        } else resolve(answer);
      };
      worker.postMessage(message);
    });
  }

  function englishWorker() {
    if (!ready) {
      worker = new Worker(new URL(config.search, location.href));
      ready = fetch(indexUrl).then(function (response) { return response.json(); }).then(function (index) {
        return ask({ type: 0, data: Object.assign({}, index, { options: { suggest: false } }) });
      });
    }
    return ready;
  }

  function plain(html) {
    return new DOMParser().parseFromString(html, "text/html").body.textContent;
  }

  function clear(result) {
    var old = result.querySelector(".search-fallback");
    if (old) old.remove();
  }

  function render(result, items) {
    clear(result);
    if (!items.length) return;
    var box = document.createElement("div");
    box.className = "search-fallback";
    var note = document.createElement("p");
    note.className = "search-fallback__note";
    note.textContent = data.text;
    box.appendChild(note);
    var list = document.createElement("ol");
    list.className = "md-search-result__list search-fallback__list";
    list.setAttribute("aria-label", data.text);
    items.forEach(function (group) {
      var first = group[0];
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = new URL(first.location, englishRoot).href;
      link.hreflang = data.language;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = document.createElement("h1");
      title.className = "md-search-result__title";
      title.lang = data.language;
      title.dir = "ltr";
      title.textContent = plain(first.title);
      var badge = document.createElement("span");
      badge.className = "search-fallback__badge";
      badge.textContent = data.badge;
      title.appendChild(document.createTextNode(" "));
      article.appendChild(title);
      article.appendChild(badge);
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    result.appendChild(box);
  }

  function check() {
    var input = document.querySelector(".md-search__input");
    var result = document.querySelector(".md-search-result");
    var own = document.querySelector(".md-search-result__list:not(.search-fallback__list)");
    if (!input || !result || !own) return;
    var query = input.value.trim();
    if (!query || own.children.length) { clear(result); return; }
    var ticket = ++pending;
    englishWorker().then(function () { return ask({ type: 2, data: query }); }).then(function (answer) {
      // A newer query, or results in the page's language, win.
      if (ticket !== pending || input.value.trim() !== query || own.children.length) return;
      render(result, (answer.data && answer.data.items) || []);
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  }

  function start() {
    // Read once the page is parsed: the data sits at the end of <body>.
    var element = document.getElementById("__search-fallback");
    var settings = document.getElementById("__config");
    if (!element || !settings) return;
    data = JSON.parse(element.textContent);
    config = JSON.parse(settings.textContent);
    indexUrl = new URL(data.index, location.href);
    englishRoot = new URL("../", indexUrl);
    var meta = document.querySelector(".md-search-result__meta");
    var own = document.querySelector(".md-search-result__list");
    var input = document.querySelector(".md-search__input");
    if (!meta || !own || !input) return;
    // Material may leave its "no results" line unchanged from one query to
    // the next, so the typing itself schedules a check too; results that
    // arrive in the page's language clear the English ones at once.
    var observer = new MutationObserver(schedule);
    observer.observe(meta, { childList: true, characterData: true, subtree: true });
    observer.observe(own, { childList: true });
    input.addEventListener("input", schedule);
    input.addEventListener("keyup", schedule);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
