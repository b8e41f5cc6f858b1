/*
 * Search without stop words: lets "base de données" find the database pages.
 *
 * Material's search adds a trailing wildcard to every word of a query, so "base de données" is
 * looked up as "base* de* données*": "de*" then matches nearly every French word starting with
 * "de" and buries the pages about databases. Stop words are not in the index anyway, so this
 * worker removes from each query the stop words of the site's language that the reader has
 * finished typing (a word still being typed may be the start of a longer one), then hands the
 * query to Material's own worker, whose file name comes in the `worker` parameter of this
 * script's address (see the `config` block of overrides/main.html).
 */
const SETUP = 0;  // Material's message types, from its search worker's protocol
const QUERY = 2;
let languages = [];

function isStopWord(word) {
  const filters = languages.map((language) => (language === "en" ? lunr : lunr[language])?.stopWordFilter);
  return filters.some((filter) => filter && filter(word.toLowerCase()) === undefined);
}

function withoutStopWords(query) {
  const words = query.split(/\s+/).filter(Boolean);
  const finished = /\s$/.test(query) ? words : words.slice(0, -1);
  const kept = words.filter((word, index) => !(index < finished.length && /^\p{L}+$/u.test(word) && isStopWord(word)));
  return kept.length ? kept.join(" ") + (/\s$/.test(query) ? " " : "") : query;
}

// Registered before Material's worker is loaded, so it sees each message first and can rewrite it.
addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    languages = message.data.config.lang;
  } else if (message.type === QUERY && typeof message.data === "string") {
    message.data = withoutStopWords(message.data);
  }
});

importScripts(new URLSearchParams(location.search).get("worker"));
