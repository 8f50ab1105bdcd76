// Material's own search worker, run under Node: the same script file the
// browser runs (site/assets/javascripts/workers/search.*.min.js, as patched
// by hooks/material_patches.py) with the same lunr language files, loaded the
// way the worker loads them (importScripts), so the ranking is the browser's.
//
//   node tests/search_worker.cjs SITE_DIR < requests.json
//
// requests.json: [{"root": "de/", "queries": ["Polen", ...]}, ...]
// stdout: [{"root": "de/", "results": [[[{location, score, terms}, ...], ...], ...]}]
// (per query, the result groups in rank order, each group's items as the
// worker returns them, both parts of a reply).
// require()d, it exports workerFor(site) -> { ask, send }.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

function workerFor(site) {
  const dir = path.join(site, "assets", "javascripts", "workers");
  const script = fs.readdirSync(dir).find(name => /^search\.\w+\.min\.js$/.test(name));
  if (!script) throw new Error(`no search worker in ${dir}`);
  const file = path.join(dir, script);
  let listener = null;
  let reply = null;
  let posted = [];
  const sandbox = {
    console: { log() {}, info() {}, warn: (...a) => process.stderr.write(a.join(" ") + "\n"), error: (...a) => process.stderr.write(a.join(" ") + "\n") },
    addEventListener: (type, fn) => { if (type === "message") listener = fn; },
    postMessage: message => { posted.push(message); if (reply) reply(message); },
    importScripts: (...urls) => {
      for (const url of urls) {
        const target = path.resolve(path.dirname(file), url);
        vm.runInContext(fs.readFileSync(target, "utf8"), context, { filename: target });
      }
    },
    setTimeout, clearTimeout, URL, TextEncoder, TextDecoder,
  };
  sandbox.self = sandbox;
  const context = vm.createContext(sandbox);
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  // A reply may come in two parts (hooks/search_ranking.js): the first 10
  // page results with `more`, and the rest, asked for with their id.
  const ask = message => new Promise(resolve => {
    let first = null;
    reply = answer => {
      if (answer.type === 5) {
        if (first && answer.data.id === first.data.id) resolve({ ...first, data: { ...first.data, items: [...first.data.items, ...answer.data.items] } });
      } else if (answer.type === 3 && answer.data.more) {
        first = answer;
        listener({ data: { type: 4, data: answer.data.id } });
      } else resolve(answer);
    };
    listener({ data: message });
  });
  // One message as the page sends it; the messages the worker posts in reply
  // (none, or one), without the two-part handling above.
  const send = message => new Promise(resolve => {
    reply = null;
    posted = [];
    listener({ data: message });
    setImmediate(() => resolve(posted));
  });
  return { ask, send };
}

async function main() {
  const site = process.argv[2];
  const requests = JSON.parse(fs.readFileSync(0, "utf8"));
  const answers = [];
  for (const { root, queries } of requests) {
    const { ask } = workerFor(site);  // a fresh worker per language, as each page has
    const index = JSON.parse(fs.readFileSync(path.join(site, root, "search", "search_index.json"), "utf8"));
    await ask({ type: 0, data: { ...index, options: { suggest: true } } });
    const results = [];
    for (const query of queries) {
      const answer = await ask({ type: 2, data: query });
      results.push(answer.data.items.map(group => group.map(({ location, score, terms }) => ({ location, score, terms }))));
    }
    answers.push({ root, results });
  }
  process.stdout.write(JSON.stringify(answers));
}

module.exports = { workerFor };
if (require.main === module)
  main().catch(error => { process.stderr.write(String(error && error.stack || error) + "\n"); process.exit(1); });
