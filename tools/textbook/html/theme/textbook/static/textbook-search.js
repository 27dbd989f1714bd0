/* Search page: also highlight the indexed (stemmed) form of each query word, so that an
   inflected query ("memberdayakan") marks "pemberdayaan" in the excerpts and on the page
   a result leads to (Sphinx highlights only the words as typed). */
"use strict";
(() => {
  // The stem fold of the edition's search language (search_id.py's STEM_FOLD).
  const fold = document.currentScript.dataset.stemFold;
  if (fold) {
    const Base = window.Stemmer, pattern = new RegExp(fold);
    window.Stemmer = function () {
      const base = new Base();
      this.stemWord = (word) => base.stemWord(word).replace(pattern, "");
    };
  }
  // the book's own words when nothing matches (Sphinx's speak of "categories")
  const noResults = document.currentScript.dataset.noResults, get = Documentation.gettext;
  if (noResults) {
    Documentation.gettext = (text) => text.startsWith("Your search did not match") ? noResults : get(text);
  }
  const parse = Search._parseQuery;
  Search._parseQuery = (query) => {
    const parsed = parse(query);
    const [, searchTerms, , highlightTerms] = parsed;
    searchTerms.forEach((term) => { if (term.length > 2) highlightTerms.add(term); });
    localStorage.setItem("sphinx_highlight_terms", [...highlightTerms].join(" "));
    return parsed;
  };
})();
