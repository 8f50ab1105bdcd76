/* Search ranking for Material's search worker. hooks/material_patches.py
 * inserts this file into the worker script, before its Search class, and
 * points five exact places of that class here (see the patches there).
 * It runs in the browser's worker, and the relevance suite runs the same
 * worker file under Node (tests/search_worker.cjs).
 *
 * - Tokens: a trimmer that keeps letters and digits of every script (lunr's
 *   German, French and Hungarian trimmers drop digits, so 24/7 and 40-60
 *   were never indexed; its Arabic one drops Latin letters), and, after the
 *   stemmer, a fold of accents and Arabic letter variants (أ إ آ ٱ -> ا,
 *   ة -> ه, ى -> ي, no tashkeel or tatweel), at indexing and at query time,
 *   so that centralise finds centralisé and امن finds أمن.
 * - Query: each term matches its stem exactly (strongest), its folded typed
 *   form as a prefix (search as you type), its stem as a prefix only when the
 *   stem has at least 4 letters (a 2-letter stem such as French saas -> sa
 *   would match every word starting with sa), and, from 5 letters, any word
 *   one edit away from its stem (typos, and stems a letter apart such as
 *   Hungarian helyszín/helyszí); in German and Hungarian, where compounds
 *   are one word, a stem of 4 letters or more also matches inside longer
 *   words (Miete in Büromiete).
 * - Boost: Material multiplies each score by (1 + b^2), with b = 1 for a
 *   page's own entry plus the share of query terms matched. Here the 1 goes
 *   to an entry whose title (page title or heading) matches instead, so a
 *   long page without sections (the glossary, the decision helper) no longer
 *   outranks the section that is about the query just for being a page.
 * - Highlight: the terms a result reports (Material builds ?h= from them)
 *   are the words that matched in that entry, as written there, so the page
 *   a reader lands on marks them even when the query was an inflected or
 *   unaccented form; a page shown only for its sections gets its sections'.
 * - Replies: the first 10 page results, highlighted, with the total count;
 *   the rest, highlighted then, when the page asks for them (see reply()).
 */
var libraryRanking = (() => {
  "use strict";
  const EXACT = 10, TYPED_PREFIX = 3, STEM_PREFIX = 2, FUZZY = 1, INFIX = 1;
  const LENGTH_NORMALISATION = 0.75;  // BM25 b, lunr's default (Material sets 0): long pages without sections no longer win by length
  const MIN_STEM_PREFIX = 4, MIN_FUZZY = 5, MIN_INFIX = 4, MAX_WORDS = 10;
  const MARKS = /[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
  const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

  function fold(text) {
    return text.normalize("NFD").replace(MARKS, "")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
      .replace(/\u0629/g, "\u0647")
      .replace(/\u0649/g, "\u064a");
  }

  // Arabic light stemming (Larkey's light10): without و "and", the article
  // (ال, وال, بال, كال, فال, لل) and common suffixes, on the folded word.
  // lunr's Arabic stemmer reduces words to roots instead, so المكتب (the
  // office) met مكتبة (library) and the home page outranked the costs.
  const AR_ARTICLES = ["\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0641\u0627\u0644", "\u0644\u0644", "\u0627\u0644"];
  const AR_SUFFIXES = ["\u0647\u0627", "\u0627\u0646", "\u0627\u062a", "\u0648\u0646", "\u064a\u0646", "\u064a\u0647", "\u0647", "\u064a"];
  function arabicLight(word) {
    let w = fold(word);
    if (w.startsWith("\u0648") && w.length - 1 >= 3) w = w.slice(1);
    const article = AR_ARTICLES.find(a => w.startsWith(a) && w.length - a.length >= 2);
    if (article) w = w.slice(article.length);
    for (const suffix of AR_SUFFIXES)
      if (w.endsWith(suffix) && w.length - suffix.length >= 2) w = w.slice(0, -suffix.length);
    return w;
  }
  function arabicStemmer(token) { return token.update(arabicLight); }

  function trimmer(token) { return token.update(text => text.replace(EDGES, "")); }
  function folder(token) { return token.update(fold); }
  let registered = false;
  let compounds = false;  // the index's language writes compounds as one word

  // Inside lunr(function () {...}), after Material has set up the language.
  function setup(builder, config) {
    compounds = !!config.compounds;
    builder.b(LENGTH_NORMALISATION);
    if (!registered) {
      lunr.Pipeline.registerFunction(trimmer, "libraryTrimmer");
      lunr.Pipeline.registerFunction(folder, "libraryFold");
      lunr.Pipeline.registerFunction(arabicStemmer, "libraryArabicLight");
      registered = true;
    }
    const language = lunr[config.lang[0]] || {};
    const light = config.stemmer === "light" && language.stemmer;
    for (const pipeline of [builder.pipeline, builder.searchPipeline]) {
      const stack = pipeline._stack.filter(fn => fn !== trimmer && fn !== folder)
        .map(fn => (light && fn === light ? arabicStemmer : fn));
      pipeline.reset();
      pipeline.add(trimmer, ...stack, folder);
    }
  }

  // Within one edit (insertion, deletion, substitution, transposition), as
  // lunr's fuzzy matching with an edit distance of 1.
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    // One edit keeps the first letter, or the second, or swaps them.
    if (a[0] !== b[0] && a[1] !== b[1] && a[0] !== b[1] && a[1] !== b[0]) return false;
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (i === a.length && i === b.length) return true;
    if (a.length === b.length)
      return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // The index's terms, once per index (a scan of them is cheaper than lunr's
  // wildcard and fuzzy automata, which cost tens of milliseconds a query),
  // with what finds the few a query term can reach without testing them all:
  // their order by text (the terms with a prefix are one run of it) and the
  // terms of each length (a term one edit away is at most one letter
  // longer or shorter).
  const vocabularies = new WeakMap();
  function vocabulary(index) {
    if (!vocabularies.has(index)) {
      const terms = Object.keys(index.invertedIndex);
      const sorted = terms.map((_, i) => i).sort((a, b) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0));
      const lengths = new Map();
      terms.forEach((term, i) => {
        if (!lengths.has(term.length)) lengths.set(term.length, []);
        lengths.get(term.length).push(i);
      });
      vocabularies.set(index, { terms, sorted, lengths });
    }
    return vocabularies.get(index);
  }

  // The positions of the terms that start with `prefix`.
  function withPrefix({ terms, sorted }, prefix) {
    let low = 0, high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (terms[sorted[middle]] < prefix) low = middle + 1;
      else high = middle;
    }
    const found = [];
    for (let i = low; i < sorted.length && terms[sorted[i]].startsWith(prefix); i++) found.push(sorted[i]);
    return found;
  }

  // The positions, in index order, of the terms that the checks in query()
  // may accept for these stems and this typed prefix: a superset, so the
  // checks decide, in the same order as a scan of every term.
  function candidates(vocab, stems, prefix) {
    const found = new Set();
    for (const { stem, length } of stems) {
      if (compounds && length >= MIN_INFIX) vocab.terms.forEach((term, i) => term.includes(stem) && found.add(i));
      else for (const i of withPrefix(vocab, stem)) found.add(i);  // the stem itself, and the words it starts
      if (length >= MIN_FUZZY)
        for (const size of [stem.length - 1, stem.length, stem.length + 1])
          for (const i of vocab.lengths.get(size) || []) if (oneEdit(vocab.terms[i], stem)) found.add(i);
    }
    if (prefix) for (const i of withPrefix(vocab, prefix)) found.add(i);
    return [...found].sort((a, b) => a - b).map(i => vocab.terms[i]);
  }

  // Builds the lunr query for Material's parsed clauses: for each query term,
  // the index terms its variants reach, each as an exact clause weighted by
  // the sum of the variants that reach it (as lunr sums a term's clauses).
  // Records, per query term, the index terms it reaches.
  function query(builder, clauses, index, expansions) {
    const { presence, wildcard } = lunr.Query;
    const vocab = vocabulary(index);
    clauses.forEach((clause, position) => {
      const typed = fold(clause.term);
      const stems = [...new Set(index.pipeline.runString(clause.term, { fields: clause.fields }).filter(Boolean))]
        .map(stem => ({ stem, length: [...stem].length }));  // letters, not UTF-16 units
      const last = position === clauses.length - 1;
      const weights = new Map();
      const add = (term, boost) => weights.set(term, (weights.get(term) || 0) + boost);
      if (clause.presence !== presence.OPTIONAL) {
        // +term or -term: one prefix clause, as Material has it.
        const term = stems.length ? stems[0].stem : typed;
        builder.clause(Object.assign({}, clause, { term, wildcard: wildcard.TRAILING, usePipeline: false }));
        const reach = new Set(withPrefix(vocab, term).map(i => vocab.terms[i]));
        expansions.push({ term: clause.term, presence: clause.presence, reach });
        return;
      }
      // The last term may be a word still being typed; an earlier one is a
      // whole word, matched as a prefix only from 4 letters (French 'de'
      // would match every word starting with de).
      const prefix = typed && (last || (stems.length && [...typed].length >= MIN_STEM_PREFIX)) ? typed : null;
      for (const term of candidates(vocab, stems, prefix)) {
        for (const { stem, length } of stems) {
          if (term === stem) add(term, EXACT);
          if (length >= MIN_STEM_PREFIX && term.startsWith(stem)) add(term, STEM_PREFIX);
          if (length >= MIN_FUZZY && oneEdit(term, stem)) add(term, FUZZY);
          if (compounds && length >= MIN_INFIX && term.includes(stem)) add(term, INFIX);
        }
        if (prefix && term.startsWith(prefix)) add(term, TYPED_PREFIX);
      }
      if (!weights.size && !stems.length && !prefix) return;  // a stop word
      for (const [term, boost] of weights)
        builder.clause(Object.assign({}, clause, { term, boost, wildcard: wildcard.NONE, usePipeline: false }));
      expansions.push({ term: clause.term, presence: clause.presence, reach: new Set(weights.keys()) });
    });
    // lunr answers a query without clauses with every document: a query
    // whose terms reach no index term must find nothing.
    if (!builder.clauses.length) builder.clause({ term: "\u0000", wildcard: wildcard.NONE, usePipeline: false });
  }

  // Query term -> matched in this entry (Material's `terms`, before words()).
  function matched(expansions, metadata) {
    const found = Object.keys(metadata);
    const terms = {};
    for (const { term, presence, reach } of expansions)
      if (presence !== lunr.Query.presence.PROHIBITED) terms[term] = terms[term] || found.some(t => reach.has(t));
    return terms;
  }

  function boost(metadata, terms) {
    const title = Object.values(metadata).some(fields => "title" in fields);
    const values = Object.values(terms);
    return +title + (values.length ? values.filter(Boolean).length / values.length : 0);
  }

  function decode(html) {
    return html.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
      .replace(/&#0?39;/g, "'").replace(/&amp;/g, "&");
  }

  // The matched words of an entry, from the <mark>s Material has just put
  // into its title and text, then the query terms it lacks (false).
  function words(terms, doc) {
    const result = {};
    const seen = new Set();
    for (const field of [doc.title, doc.text]) {
      if (typeof field !== "string") continue;
      for (const [, html] of field.matchAll(/<mark>(.*?)<\/mark>/g)) {
        const word = decode(html).replace(EDGES, "");
        const key = word.toLowerCase();
        if (!word || seen.has(key) || seen.size >= MAX_WORDS) continue;
        seen.add(key);
        result[word] = true;
      }
    }
    for (const [term, found] of Object.entries(terms)) if (!found && !(term in result)) result[term] = false;
    return result;
  }

  // For a page shown only because of its sections: their matched words.
  function union(items) {
    const result = {};
    for (const item of items)
      for (const [word, found] of Object.entries(item.terms || {}))
        if (found && Object.keys(result).length < MAX_WORDS) result[word] = true;
    return result;
  }

  // Replies in two parts. Highlighting every entry of every result (and
  // copying them all to the page) grows with the library: a two-word query
  // on a library of 100 articles found 108 pages, 600 KB of highlighted text,
  // and the page draws only the first few at once. So an entry is scored at
  // once but highlighted when it is sent: the first FIRST_PAGES pages in the
  // reply, with the total (which the page shows as the count) and an id; the
  // rest when the page asks for them (message type 4 with that id, answered
  // with type 5), which it does once the first screen is drawn. A newer
  // query drops the rest of the one before.
  const FIRST_PAGES = 10;
  const HIGHLIGHT = Symbol("highlight");  // an entry's highlighting, until it is sent (never copied: a symbol key)
  let replies = 0, rest = null;

  function later(entry, finish) {
    entry[HIGHLIGHT] = finish;
    return entry;
  }

  // Highlights the entries, and drops what the page never renders: `parent`,
  // the whole page entry (its full text) on every section, and `boost`; the
  // browser would copy both into every reply and decode them on the page's
  // main thread.
  function finish(groups) {
    for (const items of groups)
      for (const item of items) {
        const highlight = item[HIGHLIGHT];
        if (highlight) highlight(item);
        delete item[HIGHLIGHT];
        delete item.parent;
        delete item.boost;
      }
    return groups;
  }

  function reply(groups) {
    const id = ++replies;
    rest = groups.length > FIRST_PAGES ? { id, groups: groups.slice(FIRST_PAGES) } : null;
    return { items: finish(groups.slice(0, FIRST_PAGES)), total: groups.length, id, more: !!rest };
  }

  // The page asks for the rest of reply `id` (nothing if a newer query came).
  function sendRest(id, post) {
    if (!rest || rest.id !== id) return;
    const { groups } = rest;
    rest = null;
    post({ type: 5, data: { id, items: finish(groups) } });
  }

  return { fold, setup, query, matched, boost, words, union, later, reply, sendRest };
})();
