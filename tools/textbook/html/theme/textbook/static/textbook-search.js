/* Search page, on Sphinx's search (html/search_langs.py has the index side):
   - a word is stemmed in the edition's language, or in the language of a marked passage
     where only that stem is indexed;
   - appendices come after the chapters;
   - few hits here: the other editions' hits, under "3 hasil di edisi bahasa Inggris";
   - no hit: "did you mean" a word one edit away that the index knows;
   - "quoted phrases" are honoured; excerpts are cut between words;
   - the query survives the language switch;
   - whole words whose stem was searched are highlighted ("memberdayakan" marks "pemberdayaan"). */
"use strict";
(() => {
  const data = document.currentScript.dataset;
  const options = JSON.parse(data.search || "{}");
  const FEW = 3, appendix = new Set(options.appendices || []);
  const folded = (Stem, fold) => {
    const base = new Stem(), pattern = fold ? new RegExp(fold) : null;
    return (word) => (pattern ? base.stemWord(word).replace(pattern, "") : base.stemWord(word));
  };
  const own = folded(window.Stemmer, data.stemFold);
  const others = (options.editions || []).filter((e) => window[e.stemmer_name])
    .map((e) => ({ ...e, stem: folded(window[e.stemmer_name], e.fold) }));
  const docsOf = (index, stem) => [].concat(index.terms[stem] ?? [], index.titleterms[stem] ?? []);
  const stemIn = (index, word) => {
    const stem = own(word);
    if (!index || docsOf(index, stem).length) return stem;
    return others.map((e) => e.stem(word)).find((s) => docsOf(index, s).length) || stem;
  };
  window.Stemmer = function () { this.stemWord = (word) => stemIn(Search._index, word); };

  // the book's own words when nothing matches (Sphinx's speak of "categories")
  const get = Documentation.gettext;
  if (data.noResults) {
    Documentation.gettext = (text) => (text.startsWith("Your search did not match") ? data.noResults : get(text));
  }
  // whole words are highlighted: those of an excerpt whose stem was searched
  let searched = new Set(), highlighted = new Set();
  const parse = Search._parseQuery;
  Search._parseQuery = (query) => {
    const parsed = parse(query);
    [, searched, , highlighted] = parsed;
    return parsed;
  };
  const wholeWords = (text) => {
    splitQuery(text).map((w) => w.toLowerCase())
      .filter((w) => searched.has(stemIn(Search._index, w))).forEach((w) => highlighted.add(w));
    localStorage.setItem("sphinx_highlight_terms", [...highlighted].join(" "));
  };

  const words = (query) => splitQuery(query.trim()).map((w) => w.toLowerCase())
    .filter((w) => !stopwords.has(w) && !/^\d+$/.test(w));
  const element = (parent, tag, text) => {
    const child = parent.appendChild(document.createElement(tag));
    if (text) child.textContent = text;
    return child;
  };

  const elsewhere = (query) => others.forEach((edition) => {
    fetch(`../${edition.code}/searchindex.js`).then((r) => r.text()).then((text) => {
      const index = JSON.parse(text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")));
      let found = null;
      words(query).forEach((word) => {
        const docs = new Set(docsOf(index, edition.stem(word)));
        found = found ? new Set([...found].filter((d) => docs.has(d))) : docs;
      });
      if (!found || !found.size) return;
      const section = element(document.getElementById("search-results"), "section");
      section.className = "other-edition";
      element(section, "h3", edition.line.replace("{count}", found.size));
      const list = element(section, "ul");
      list.lang = edition.code;
      const last = (doc) => appendix.has(index.docnames[doc]);
      [...found].sort((a, b) => last(a) - last(b) || a - b).forEach((doc) => {
        const link = element(element(list, "li"), "a", index.titles[doc]);
        link.href = `../${edition.code}/${index.docnames[doc]}.html`;
      });
    });
  });

  // a word one edit (delete, swap, replace, insert) from ``word`` whose stem is indexed
  const near = (word, index) => {
    const letters = [...new Set(Object.keys(index.terms).join(""))].filter((c) => /\p{L}/u.test(c));
    const candidates = new Set();
    for (let i = 0; i <= word.length; i++) {
      const [head, tail] = [word.slice(0, i), word.slice(i)];
      if (tail) candidates.add(head + tail.slice(1));
      if (tail.length > 1) candidates.add(head + tail[1] + tail[0] + tail.slice(2));
      letters.forEach((c) => {
        if (tail) candidates.add(head + c + tail.slice(1));
        candidates.add(head + c + tail);
      });
    }
    candidates.delete(word);
    let best = null, most = 0;
    candidates.forEach((c) => {
      const count = docsOf(index, stemIn(index, c)).length;
      if (count > most) [best, most] = [c, count];
    });
    return best;
  };
  const suggest = (query) => {
    const index = Search._index;
    let changed = false;
    const fixed = splitQuery(query.trim()).map((word) => {
      const lower = word.toLowerCase();
      if (stopwords.has(lower) || docsOf(index, stemIn(index, lower)).length) return word;
      const better = near(lower, index);
      changed ||= Boolean(better);
      return better || word;
    }).join(" ");
    if (!changed) return;
    const line = document.createElement("p");
    line.className = "did-you-mean";
    line.textContent = `${options.did_you_mean} `;
    element(line, "a", fixed).href = `?q=${encodeURIComponent(fixed)}`;
    Search.status.after(line);
  };

  // "quoted phrases": a hit whose page lacks one is dropped when its page is read
  let phrases = [];
  const plain = (text) => text.toLowerCase().replace(/\s+/g, " ").trim();
  const FOUND = ["Search finished, found one page matching the search query.",
    "Search finished, found ${resultCount} pages matching the search query."];
  const ngettext = Documentation.ngettext;
  // Sphinx's closing line counts the hits still listed
  Documentation.ngettext = (one, many, n) => {
    const count = one === FOUND[0] && phrases.length ? Search.output.children.length : n;
    return ngettext(one, many, count).replace("${resultCount}", count);
  };
  const drop = (item) => {
    item.remove();
    const count = Search.output.children.length;
    Search.status.innerText = count ? Documentation.ngettext(...FOUND, count) : data.noResults;
  };

  const perform = Search._performSearch;
  Search._performSearch = (query, ...rest) => {
    phrases = [...query.matchAll(/"([^"]+)"/g)].map((m) => plain(m[1]));
    const results = perform(query.replaceAll('"', ""), ...rest);
    // displayed from the end: appendices first in the array, last on the page
    results.sort((a, b) => appendix.has(b[0]) - appendix.has(a[0]));
    if (results.length < FEW) elsewhere(query);
    if (!results.length) suggest(query);
    return results;
  };

  // excerpts start and end at word boundaries (Sphinx cuts at a fixed length)
  const summary = Search.makeSearchSummary, letter = /[\p{L}\p{N}]/u, SHORT = 80;
  Search.makeSearchSummary = (html, keywords, anchor) => {
    // an index entry's anchor holds a line at most (a glossary term): excerpt its page
    if (anchor && Search.htmlToText(html, anchor).trim().length < SHORT) anchor = undefined;
    const excerpt = summary(html, keywords, anchor);
    const page = phrases.length ? plain(Search.htmlToText(html)) : "";
    if (excerpt && !phrases.every((phrase) => page.includes(phrase))) {
      queueMicrotask(() => drop(excerpt.parentElement));
    }
    const text = excerpt && Search.htmlToText(html, anchor);
    const shown = excerpt && excerpt.textContent.replace(/^\.\.\.|\.\.\.$/g, "");
    let start = text ? text.indexOf(shown) : -1, end = start + (shown || "").length;
    if (start < 0) return excerpt;
    const inWord = (i) => i > 0 && i < text.length && letter.test(text[i - 1]) && letter.test(text[i]);
    if (inWord(start)) start += Math.max(text.slice(start, end).search(/\s/), 0);
    if (inWord(end)) end = start + Math.max(text.slice(start, end).search(/\s\S*$/), 0);
    excerpt.textContent = `${start ? "…" : ""}${text.slice(start, end).trim()}${end < text.length ? "…" : ""}`;
    wholeWords(excerpt.textContent);
    return excerpt;
  };

  // the language switch keeps the query
  document.addEventListener("DOMContentLoaded", () => document.querySelectorAll(".langs a[hreflang]")
    .forEach((a) => { a.search = location.search; }));
})();
